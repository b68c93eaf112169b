package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
)

// recordPanel shows the check's verdict on a scanned pack, large and in
// icon, words and colour, and records what the care worker did. It decides
// nothing itself: which outcomes may be recorded and what each needs (an
// override reason, a witness, a PRN reason, a not-given reason, a note)
// come from check.Requires, asked again whenever the not-given reason
// changes.
type recordPanel struct {
	app       *App
	page      *residentScreen
	svc       recordService
	requires  requiresFunc
	req       round.CheckRequest
	unscanned mar.UnscannedReason
	result    *round.Result
	shownAt   time.Time // when the verdict showed, to hold Alt+G off it
	gen       int
	busy      bool
	witnesses staffPicker   // chosen by user ID: two staff may share a name
	doses     *doseChoice   // which dose the record is for, when one was missed
	closing   *closeConfirm // asks before a new scan drops what was typed
	site      *siteChooser  // where a patch or cream goes, on the body map

	verdict     *fyne.Container
	verdicts    map[mar.Level]*verdictView
	whatToDo    fyne.CanvasObject
	reasons     *fyne.Container
	qty         *widget.Entry
	qtyBox      *fyne.Container
	override    *widget.Entry
	overrideBox *fyne.Container
	prnWhy      *widget.Entry
	prnBox      *fyne.Container
	signs       *signChoices // the PRN protocol's signs, offered as the reason
	witness     *widget.Select
	witnessPIN  *widget.Entry
	witnessHead *widget.Label
	witnessBox  *fyne.Container
	notGiven    *widget.Select
	note        *widget.Entry
	given       *widget.Button
	refused     *widget.Button
	notGivenBtn *widget.Button
	cancel      *widget.Button
	problem     *widget.Label
	scroll      *container.Scroll
	box         fyne.CanvasObject
}

func newRecordPanel(a *App, page *residentScreen) *recordPanel {
	p := &recordPanel{app: a, page: page, svc: a.svc, requires: check.Requires}
	p.verdict = container.NewStack()
	p.verdicts = map[mar.Level]*verdictView{mar.LevelOK: newVerdictView(mar.LevelOK),
		mar.LevelWarn: newVerdictView(mar.LevelWarn), mar.LevelStop: newVerdictView(mar.LevelStop)}
	p.whatToDo = band(toneStop, bandBold(toneStop, "What to do"),
		bandPlain(toneStop, "Do not give this dose. Put the pack aside, check it against the chart, and ask the senior on shift. Nothing has been recorded."))
	p.reasons = container.NewVBox()
	p.qty = widget.NewEntry()
	p.qtyBox = container.NewBorder(nil, nil, widget.NewLabel("Quantity to give"), nil, tall(p.qty))
	p.override = widget.NewEntry()
	p.override.SetPlaceHolder("Why give it despite the warning (required)")
	p.override.OnChanged = func(string) { a.idle.touch(); p.enableGive() }
	p.overrideBox = container.NewVBox(widget.NewLabelWithStyle("Override reason", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), tall(p.override))
	p.prnWhy = widget.NewEntry()
	p.prnWhy.SetPlaceHolder("Why is it needed now? e.g. pain in left knee")
	p.signs = newSignChoices(a, p.prnWhy)
	p.prnWhy.OnChanged = func(string) { a.idle.touch(); p.signs.sync(); p.enableGive() }
	p.prnBox = container.NewVBox(widget.NewLabelWithStyle("Why is this when-required dose given?", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.signs.box, tall(p.prnWhy))
	p.witness = widget.NewSelect(nil, func(string) { a.idle.touch(); p.enableGive() })
	p.witness.PlaceHolder = "Choose the witness, or scan their badge"
	p.witnesses.sel = p.witness
	p.witnessPIN = widget.NewPasswordEntry()
	p.witnessPIN.SetPlaceHolder("Witness's PIN")
	p.witnessPIN.OnChanged = func(string) { a.idle.touch(); p.enableGive() }
	p.witnessHead = widget.NewLabelWithStyle(witnessGiven, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.witnessBox = container.NewVBox(p.witnessHead, container.NewGridWithColumns(2, tall(p.witness), tall(p.witnessPIN)))
	// The reason changes what not given needs (a dropped controlled drug
	// needs a witness, "other" a note), so the fields are asked for again.
	p.notGiven = widget.NewSelect(notGivenOptions(), func(string) { a.idle.touch(); p.showFields() })
	p.notGiven.PlaceHolder = "Reason not given"
	p.note = widget.NewEntry()
	p.note.SetPlaceHolder(noteOptional)
	p.note.OnChanged = func(string) { a.idle.touch(); p.enableGive() }
	for _, e := range []*widget.Entry{p.qty, p.override, p.prnWhy, p.witnessPIN, p.note} {
		submitUnfocus(a, e)
	}
	p.given = newButton("Given", theme.ConfirmIcon(), widget.SuccessImportance, a.act(func() { p.record(mar.OutcomeGiven) }))
	p.refused = newButton("Refused", theme.CancelIcon(), widget.WarningImportance, a.act(func() { p.record(mar.OutcomeRefused) }))
	p.notGivenBtn = newButton("Not given", theme.ContentRemoveIcon(), widget.WarningImportance, a.act(func() { p.record(mar.OutcomeNotGiven) }))
	p.cancel = newButton("Close", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { p.close() }))
	p.problem = wrapped("")
	p.problem.Hide()
	p.problem.Importance = widget.DangerImportance
	notGivenRow := container.NewGridWithColumns(2, tall(p.notGiven), tall(p.note))
	actions := container.NewGridWithColumns(4, tall(p.given), tall(p.refused), tall(p.notGivenBtn), tall(p.cancel))
	p.site = newSiteChooser(a, p)
	form := container.NewVBox(p.site.box, p.qtyBox, p.overrideBox, p.prnBox, p.witnessBox, notGivenRow, p.problem)
	p.scroll = container.NewVScroll(container.NewVBox(p.reasons, form))
	p.box = container.NewBorder(p.verdict, actions, nil, nil, p.scroll)
	return p
}

func notGivenOptions() []string {
	var out []string
	for _, r := range mar.NotGivenReasons() {
		out = append(out, mar.NotGivenDescriptions[r])
	}
	return out
}

// closedText says which verdict a new scan closed, or "" when none was
// open: the care worker may have typed a reason for it that is now gone.
func (p *recordPanel) closedText() string {
	if p.result == nil || !p.page.checking() {
		return ""
	}
	name := "The last medicine's"
	if v := p.result.Verdict.Product; v != nil {
		name = v.Name
	}
	return name + " check closed, nothing recorded."
}

// reset forgets the check and clears what was typed for it.
func (p *recordPanel) reset() {
	p.gen++
	p.closing.dismiss()
	p.site.hide()
	p.result = nil
	p.doses = nil
	p.busy = false
	for _, e := range []*widget.Entry{p.qty, p.override, p.prnWhy, p.witnessPIN, p.note} {
		e.SetText("")
	}
	p.witness.ClearSelected()
	p.notGiven.ClearSelected()
	say(p.problem, false, "")
}

// start runs the check for req and shows its verdict.
func (p *recordPanel) start(req round.CheckRequest, unscanned mar.UnscannedReason) {
	p.reset()
	p.req, p.unscanned = req, unscanned
	p.run()
}

// run checks p.req and shows the verdict.
func (p *recordPanel) run() {
	req := p.req
	p.verdict.Objects = []fyne.CanvasObject{heading("Checking…")}
	p.verdict.Refresh()
	p.reasons.RemoveAll()
	p.showFields()
	gen, t := p.gen, p.app.ticket()
	load(p.app, func() (checked, error) {
		var c checked
		var err error
		if c.res, err = p.svc.CheckScan(t.sess, req); err != nil {
			return c, err
		}
		c.users, err = p.svc.Users()
		return c, err
	}, func(c checked, err error) {
		if gen != p.gen || !p.app.still(t) {
			return
		}
		if err != nil {
			p.verdict.Objects = []fyne.CanvasObject{band(toneStop,
				bandHeading(toneStop, "Cannot check this scan"), bandPlain(toneStop, sentence(p.app.explain(err))+". Do not give until it can be checked."))}
			p.verdict.Refresh()
			return
		}
		p.show(c.res, c.users)
	})
}

type checked struct {
	res   *round.Result
	users []mar.User
}

// show draws the verdict and offers what may be recorded.
func (p *recordPanel) show(res *round.Result, users []mar.User) {
	p.result = res
	p.shownAt = p.app.now()
	v := res.Verdict
	p.verdict.Objects = []fyne.CanvasObject{p.verdictBand(v)}
	if m := p.app.trace.marker(); m != nil {
		p.verdict.Objects = append(p.verdict.Objects, container.NewWithoutLayout(m))
	}
	p.verdict.Refresh()
	p.reasons.RemoveAll()
	p.offerDoses(v)
	for _, r := range v.Reasons {
		p.reasons.Add(careReasonRow(r))
	}
	p.site.offerRemoval(v)
	p.site.show(v, p.req.Site)
	if v.Level == mar.LevelStop {
		p.reasons.Add(p.whatToDo)
	}
	p.showProtocol(res)
	if v.Entry != nil {
		q := p.req.Quantity
		if q == 0 {
			q = v.Entry.Dose.Value
		}
		p.qty.SetText(strconv.FormatFloat(q, 'f', -1, 64))
	}
	p.setWitnesses(users)
	p.showFields()
}

// verdictView is the verdict at a glance: colour, icon and words together,
// so it reads the same to someone who cannot tell red from green. There is
// one for each level, kept and refilled, so a round of scans does not build
// a new band (and its text textures) for every pack.
type verdictView struct {
	what *bandText
	box  fyne.CanvasObject
}

func newVerdictView(level mar.Level) *verdictView {
	t, icon, words := toneOK, theme.ConfirmIcon(), "OK to give"
	switch level {
	case mar.LevelWarn:
		t, icon, words = toneWarn, theme.WarningIcon(), "Warning: give only with a reason"
	case mar.LevelStop:
		t, icon, words = toneStop, theme.ErrorIcon(), "Do not give"
	}
	v := &verdictView{what: bandPlain(t, "")}
	big := newBandText(t, words, true, sizeNameVerdict)
	iconBox := container.NewGridWrap(fyne.NewSquareSize(72), bandIcon(t, icon))
	v.box = band(t, container.NewBorder(nil, nil, container.NewCenter(iconBox), nil, container.NewVBox(big, v.what)))
	return v
}

// verdictBand fills the band of the verdict's level; a level the app does
// not know is shown as a stop.
func (p *recordPanel) verdictBand(v check.Verdict) fyne.CanvasObject {
	vv, ok := p.verdicts[v.Level]
	if !ok {
		vv = p.verdicts[mar.LevelStop]
	}
	vv.what.SetText(verdictWhat(v, p.app))
	return vv.box
}

// verdictWhat names the medicine, the dose and the slot the scan matched.
func verdictWhat(v check.Verdict, a *App) string {
	if v.Product == nil {
		return "The pack does not match a medicine on this resident's chart."
	}
	s := v.Product.Name
	if v.Entry != nil {
		s += " · " + prnDose(*v.Entry)
		if v.Entry.PRN {
			s += " · when required"
		}
	}
	if v.Slot != nil {
		s += fmt.Sprintf(" · due %s (window %s–%s)", a.when(v.Slot.Due), a.clock(v.Slot.Opens), a.clock(v.Slot.Closes))
	}
	return s
}

func reasonRow(r check.Reason) fyne.CanvasObject {
	icon := theme.InfoIcon()
	switch r.Level {
	case check.Warn:
		icon = theme.NewWarningThemedResource(theme.WarningIcon())
	case check.Stop:
		icon = theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	l := wrapped(r.Message)
	if r.Level >= check.Warn {
		l.TextStyle = fyne.TextStyle{Bold: true}
	}
	return container.NewBorder(nil, nil, widget.NewIcon(icon), nil, l)
}

// close is Cancel and Escape: it closes the check unless its record is
// being saved, whose answer must not be thrown away.
func (p *recordPanel) close() {
	if p.busy {
		return
	}
	p.page.dropCheck()
}

// setWitnesses offers the staff who may witness, other than the giver.
func (p *recordPanel) setWitnesses(users []mar.User) {
	var may []mar.User
	for _, u := range users {
		if u.Role.CanWitness() && (p.app.session == nil || u.ID != p.app.session.User().ID) {
			may = append(may, u)
		}
	}
	p.witnesses.set(may)
}

// wantsWitness reports whether a staff badge scanned now names the witness.
func (p *recordPanel) wantsWitness() bool {
	return p.result != nil && !p.witnessBox.Hidden
}

// setWitness picks the witness whose badge was scanned.
func (p *recordPanel) setWitness(userID string) {
	if p.witnesses.choose(userID) {
		say(p.problem, false, "")
		p.focus(p.witnessPIN, p.witnessBox)
		return
	}
	say(p.problem, false, "That badge is not of someone who may witness a controlled drug here (a senior or a manager, not yourself).")
}

// focus sends the keys to field and scrolls the form so that box, the
// field with its heading, is in view: on a landscape tablet the witness's
// PIN lies below the fold, and a field the care worker is sent to must not
// be one they cannot see.
func (p *recordPanel) focus(field fyne.Focusable, box fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(box).Y - d.AbsolutePositionForObject(p.scroll.Content).Y
	bottom := top + box.Size().Height
	off, view := p.scroll.Offset.Y, p.scroll.Size().Height
	// Scroll no further than needed, so the reasons above stay in sight.
	if bottom > off+view {
		off = bottom - view
	}
	if top < off {
		off = top
	}
	p.scroll.ScrollToOffset(fyne.NewPos(0, off))
	p.app.win.Canvas().Focus(field)
}

func (p *recordPanel) witnessID() string {
	return p.witnesses.selectedID()
}

// record stores the outcome; the round service checks again first.
func (p *recordPanel) record(outcome mar.Outcome) {
	if p.busy || p.result == nil || p.waitingForDose() {
		return
	}
	req, err := p.request(outcome)
	if err != nil {
		say(p.problem, false, round.Explain(err))
		return
	}
	sess := p.app.session
	p.busy = true
	p.enableGive()
	gen := p.gen
	load(p.app, func() (mar.Event, error) { return p.svc.Record(sess, req) }, saved(p.app, func(ev mar.Event, err error) {
		if gen != p.gen {
			// The check was closed under it (the tablet locked): what was
			// stored must still show on the page and in the status bar.
			p.page.afterRecord()
			return
		}
		p.busy = false
		if err != nil {
			p.witnessPIN.SetText("")
			say(p.problem, false, "Not recorded: "+p.app.explain(err))
			p.enableGive()
			return
		}
		p.page.recorded(p.recordedText(ev))
	}))
}

func (p *recordPanel) recordedText(ev mar.Event) string {
	name := ""
	if p.result != nil && p.result.Verdict.Product != nil {
		name = p.result.Verdict.Product.Name
	}
	return fmt.Sprintf("Recorded at %s: %s %s%s.", p.app.clock(ev.OccurredAt), name, strings.ToLower(outcomeWords(ev)),
		p.app.doseFor(ev, p.app.when))
}

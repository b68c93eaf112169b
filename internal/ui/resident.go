package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// residentScreen is one resident's page: who they are, their allergies and
// care notes, what is due now, their when-required medicines and the last
// day's records. A pack scanned here is checked against their chart.
type residentScreen struct {
	app  *App
	svc  residentService
	id   string
	scan string // the wristband scan that opened the page; empty if tapped
	rv   *round.ResidentView

	avatar    *avatar
	name      *widget.Label
	details   *widget.Label
	away      *fyne.Container
	awayText  *bandText
	allergies *fyne.Container
	allergyTx *bandText
	noAllergy *widget.Label
	incidents *fyne.Container
	incidentH *bandText
	incidentT *bandText
	notes     *fyne.Container
	notesText *bandText
	care      *careBand
	stock     *stockBox
	message   *widget.Label
	hint      *widget.Label
	due       *rowList[*dueRow]
	prn       *rowList[*prnRow]
	totals    *rowList[*widget.Label]
	totalsBox *fyne.Container
	recent    *rowList[*widget.Label]
	sections  *fyne.Container
	center    *fyne.Container
	record    *recordPanel
	manual    *manualPanel
	camera    *cameraScan
	export    *widget.Button // the MAR chart, for seniors and managers
	box       fyne.CanvasObject
	loading   int
}

func newResidentScreen(a *App) *residentScreen {
	s := &residentScreen{app: a, svc: a.svc, avatar: newAvatar(72)}
	s.name = heading("")
	s.details = wrapped("")
	s.awayText = bandBold(toneNotes, "")
	s.away = band(toneNotes, s.awayText)
	s.allergyTx = bandHeading(toneStop, "")
	s.allergies = band(toneStop,
		container.NewBorder(nil, nil, bandIcon(toneStop, theme.WarningIcon()), nil, s.allergyTx))
	s.noAllergy = widget.NewLabel("No known allergies recorded")
	// Incidents found by the central record stand in the stop colour under
	// the allergies: a dose given twice is a harm to check on now.
	s.incidentH = bandHeading(toneStop, "Incident found by the central record: check the resident and tell a senior")
	s.incidentT = bandPlain(toneStop, "")
	s.incidents = band(toneStop, container.NewBorder(nil, nil, bandIcon(toneStop, theme.ErrorIcon()), nil,
		container.NewVBox(s.incidentH, s.incidentT)))
	s.incidents.Hide()
	s.notesText = bandPlain(toneNotes, "")
	s.notes = band(toneNotes,
		container.NewBorder(nil, nil, bandIcon(toneNotes, theme.InfoIcon()), nil, s.notesText))
	s.stock = newStockBox(a)
	s.message = wrapped("")
	s.message.Hide()
	s.care = newCareBand(a, s)
	s.hint = heading("Scan a medicine pack to check it")
	s.hint.Alignment = fyne.TextAlignCenter
	s.due = newRowList("No regular doses today", func() (*dueRow, fyne.CanvasObject) { return newDueRow(a) })
	s.prn = newRowList("No when-required medicines", func() (*prnRow, fyne.CanvasObject) { return newPRNRow(a) })
	s.totals = newRowList("", func() (*widget.Label, fyne.CanvasObject) {
		l := wrapped("")
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l, l
	})
	// The totals per ingredient come first: they span the lines below.
	s.totalsBox = container.NewVBox(s.totals.box, widget.NewSeparator())
	s.recent = newRowList("Nothing recorded in the last 24 hours", func() (*widget.Label, fyne.CanvasObject) {
		l := wrapped("")
		return l, l
	})
	s.sections = container.New(adaptiveColumns{}, section("Due today", container.NewVBox(s.due.box, s.stock.list)),
		section("When required (PRN)", container.NewVBox(s.totalsBox, s.prn.box)), section("Last 24 hours", s.recent.box))
	s.record = newRecordPanel(a, s)
	s.manual = newManualPanel(a, s)
	s.camera = newCameraScan(a, func(ok bool, msg string) { say(s.message, ok, msg) })
	s.showCameraButton()
	s.center = container.NewStack(container.NewBorder(s.hint, nil, nil, nil, s.sections))
	s.box = container.NewBorder(container.NewPadded(s.top()), nil, nil, nil, s.center)
	return s
}

// top is what stays on screen whatever the centre shows: the person,
// their allergies and their care notes.
func (s *residentScreen) top() fyne.CanvasObject {
	a := s.app
	back := newButton("Round", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.board) }))
	hist := newButton("History", theme.HistoryIcon(), widget.MediumImportance, a.act(func() { a.history.open(s.id, s.rv) }))
	hand := newButton("Choose by hand", theme.ListIcon(), widget.MediumImportance, a.act(s.chooseByHand))
	s.export = newButton("MAR chart", theme.DocumentPrintIcon(), widget.MediumImportance,
		a.act(func() { exportMAR(a, s.id, func(ok bool, m string) { say(s.message, ok, m) }) }))
	buttons := container.NewHBox(tall(back), tall(hist), tall(hand), tall(s.camera.button), tall(s.export))
	who := container.NewBorder(nil, nil, s.avatar.box, nil, container.NewVBox(s.name, s.details))
	return container.NewVBox(container.NewBorder(nil, nil, nil, buttons, who),
		s.away, s.allergies, s.noAllergy, s.incidents, s.notes, s.care.box, s.stock.top, s.message)
}

// showCameraButton offers the camera only on a tablet that has one.
func (s *residentScreen) showCameraButton() {
	s.camera.button.Hidden = s.app.opt.OpenCamera == nil || len(s.app.cameras) == 0
	s.camera.button.Refresh()
}

func section(title string, body fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	return container.NewBorder(container.NewVBox(t, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(body))
}

func (s *residentScreen) view() fyne.CanvasObject { return s.box }

// open shows a resident; scan is the wristband code that opened it.
func (s *residentScreen) open(id, scan string) {
	if id != s.id {
		s.app.scanGen++ // a scan made on the last resident's page is theirs
		s.dropCheck()
		s.rv = nil
		s.clear()
	}
	s.id, s.scan = id, scan
	if s.app.current == screen(s) {
		s.refresh()
	}
}

// clear empties the page while another resident loads, so one resident's
// details are never shown under another's name.
func (s *residentScreen) clear() {
	s.name.SetText("Loading…")
	s.details.SetText("")
	s.allergies.Hide()
	s.noAllergy.Hide()
	s.incidents.Hide()
	s.notes.Hide()
	s.care.clear()
	s.stock.clear()
	s.away.Hide()
	say(s.message, false, "")
	s.due.clear()
	s.prn.clear()
	s.totalsBox.Hide()
	s.recent.clear()
}

// checkRequest starts a check for this resident: with the wristband code
// when one was scanned, else with their record ID and marked as chosen on
// screen, so the check asks for their identity to be confirmed by sight.
func (s *residentScreen) checkRequest() round.CheckRequest {
	if s.scan != "" {
		return round.CheckRequest{ResidentScan: s.scan}
	}
	return round.CheckRequest{ResidentScan: s.id, ResidentChosen: true}
}

func (s *residentScreen) refresh() {
	if s.id == "" {
		return
	}
	s.loading++
	gen, id, at := s.loading, s.id, s.app.now()
	s.stock.load(id)
	load(s.app, func() (*round.ResidentView, error) { return s.svc.ResidentView(id, at) },
		func(rv *round.ResidentView, err error) {
			if gen != s.loading {
				return
			}
			if err != nil {
				say(s.message, false, "Cannot load this resident: "+s.app.explain(err))
				return
			}
			s.show(rv)
		})
}

func (s *residentScreen) show(rv *round.ResidentView) {
	s.rv = rv
	s.export.Hidden = !s.app.session.May(staff.ActReview)
	r := rv.Resident
	s.avatar.set(r.Name())
	s.name.SetText(r.Name())
	s.details.SetText(residentDetails(r, s.app.now().In(s.app.loc)))
	s.awayText.SetText(awayText(r.Status))
	s.away.Hidden = !r.Status.Away()
	var names []string
	for _, al := range rv.Allergies {
		names = append(names, al.Substance.Label())
	}
	s.allergyTx.SetText("ALLERGIES: " + strings.Join(names, ", "))
	s.allergies.Hidden = len(names) == 0
	s.noAllergy.Hidden = len(names) > 0
	incs := residentIncidents(rv.Incidents)
	s.incidentT.SetText(incidentWords(incs, s.app.when))
	s.incidents.Hidden = len(incs) == 0
	s.notesText.SetText("Care notes: " + r.CareNotes)
	s.notes.Hidden = strings.TrimSpace(r.CareNotes) == ""
	s.care.show(rv)
	s.due.fill(len(rv.Due), func(i int, r *dueRow) { r.set(rv.Due[i]) })
	s.prn.fill(len(rv.PRN), func(i int, r *prnRow) { r.set(rv.PRN[i]) })
	s.showTotals(rv.Ingredients)
	s.recent.fill(len(rv.Recent), func(i int, l *widget.Label) {
		l.SetText(s.app.eventLine(rv.Recent[i], recordProduct(rv, rv.Recent[i]), s.app.when))
	})
	s.box.Refresh()
}

func residentDetails(r mar.Resident, now time.Time) string {
	var parts []string
	if r.Room != "" {
		parts = append(parts, "Room "+r.Room)
	}
	if b, err := time.Parse("2006-01-02", r.BirthDate); err == nil {
		parts = append(parts, fmt.Sprintf("Born %s (%d)", b.Format("2 Jan 2006"), age(b, now)))
	}
	if r.NHSNumber != "" {
		n := r.NHSNumber
		if len(n) == 10 {
			n = n[:3] + " " + n[3:6] + " " + n[6:]
		}
		parts = append(parts, "NHS "+n)
	}
	details := strings.Join(parts, "  ·  ")
	if gp := r.GP.Text(); gp != "" {
		details += "\nGP: " + gp // a line of its own: a phone number must not break
	}
	return details
}

// prnDose is the dose with what a when-required dose is for.
func prnDose(e mar.ChartEntry) string {
	dose := doseWords(e)
	if e.PRNReason != "" {
		dose += " · " + e.PRNReason
	}
	return dose
}

// productOf finds the product of a chart entry on the resident's page.
func productOf(rv *round.ResidentView, entryID string) string {
	for _, c := range rv.Chart {
		if c.Entry.ID == entryID {
			return c.Product.Name
		}
	}
	return ""
}

// scanned opens another resident's page, or checks a pack against this
// resident's chart. The check's request is made now, with the resident
// whose page the pack was scanned on; its result is dropped if the tablet
// locked or moved to another resident before the store answered.
func (s *residentScreen) scanned(code string) {
	if s.record.busy {
		say(s.message, false, "Wait: the last record is still being saved. Scan again when it shows as recorded.")
		return
	}
	t := s.app.ticket()
	req := s.checkRequest()
	req.PackScan = code
	load(s.app, func() (round.Scan, error) { return s.svc.Identify(code) }, func(sc round.Scan, err error) {
		if !s.app.still(t) {
			return
		}
		switch {
		case err != nil:
			say(s.message, false, "Scan not recognised: "+s.app.explain(err))
		case sc.Kind == round.ScanResident && sc.Resident != nil:
			s.app.openResident(sc.Resident.ID, code)
		case sc.Kind == round.ScanPack:
			if s.record.busy {
				say(s.message, false, "Wait: the last record is still being saved. Scan again when it shows as recorded.")
				return
			}
			s.record.confirmClose(func() {
				closed := s.record.closedText()
				s.check(req, 0)
				say(s.message, false, closed)
			})
		case s.record.wantsWitness():
			s.record.setWitness(sc.UserID)
		default:
			say(s.message, false, "That is a staff badge. Scan a medicine pack, or another resident's wristband.")
		}
	})
}

// handTyped says what to do instead: a pack code typed by hand from the
// box is not a scan, and must go through "Choose by hand" with its reason.
func (s *residentScreen) handTyped() {
	say(s.message, false, "Typing is not taken as a scan. If the pack will not scan, use Choose by hand and say why.")
}

// check runs the check and shows its verdict in the centre of the page.
func (s *residentScreen) check(req round.CheckRequest, unscanned mar.UnscannedReason) {
	s.record.start(req, unscanned)
	s.showCenter(s.record.box)
}

func (s *residentScreen) chooseByHand() {
	if s.rv == nil {
		return
	}
	s.manual.start(s.rv)
	s.showCenter(s.manual.box)
}

func (s *residentScreen) showCenter(o fyne.CanvasObject) {
	s.app.win.Canvas().Unfocus()
	s.care.box.Hide() // a verdict says what of the plans concerns its dose
	s.center.Objects = []fyne.CanvasObject{o}
	s.center.Refresh()
}

// checking reports whether a verdict or the choice by hand is showing.
func (s *residentScreen) checking() bool {
	return len(s.center.Objects) == 1 && (s.center.Objects[0] == s.record.box || s.center.Objects[0] == s.manual.box)
}

// dropCheck closes a verdict or choice not acted on.
func (s *residentScreen) dropCheck() {
	s.record.reset()
	s.care.box.Show()
	s.center.Objects = []fyne.CanvasObject{container.NewBorder(s.hint, nil, nil, nil, s.sections)}
	s.center.Refresh()
}

// recorded closes the verdict after a record and says what was stored.
func (s *residentScreen) recorded(msg string) {
	s.dropCheck()
	say(s.message, true, msg)
	s.afterRecord()
}

// afterRecord reloads what a record changes: the page, the status bar's
// count waiting to sync and the PRN follow-up.
func (s *residentScreen) afterRecord() {
	if s.app.current == screen(s) {
		s.refresh()
	}
	s.app.status.refresh()
	s.app.followUp.refresh()
	s.app.board.staleRunsOut()
}

// adaptiveColumns puts its objects side by side in a landscape space and
// one above another in a portrait one.
type adaptiveColumns struct{}

func (adaptiveColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (adaptiveColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := float32(len(objs))
	if n == 0 {
		return
	}
	gap := theme.Padding()
	if size.Width >= size.Height {
		w := (size.Width - gap*(n-1)) / n
		for i, o := range objs {
			o.Move(fyne.NewPos(float32(i)*(w+gap), 0))
			o.Resize(fyne.NewSize(w, size.Height))
		}
		return
	}
	h := (size.Height - gap*(n-1)) / n
	for i, o := range objs {
		o.Move(fyne.NewPos(0, float32(i)*(h+gap)))
		o.Resize(fyne.NewSize(size.Width, h))
	}
}

// showTotals lists the ingredient totals the page shows.
func (s *residentScreen) showTotals(totals []check.IngredientTotal) {
	type line struct {
		text string
		imp  widget.Importance
	}
	var lines []line
	for _, t := range totals {
		if text, imp, ok := ingredientLine(t); ok {
			lines = append(lines, line{text, imp})
		}
	}
	s.totals.fill(len(lines), func(i int, l *widget.Label) {
		l.Importance = lines[i].imp
		l.SetText(lines[i].text)
	})
	s.totalsBox.Hidden = len(lines) == 0
}

package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// protocolService is what the PRN protocol screen asks of the round.
type protocolService interface {
	PRNProtocol(residentScan, entryID string) (*round.ProtocolView, error)
	SetPRNProtocol(sess *round.Session, p mar.PRNProtocol) (mar.Event, error)
}

// protocolScreen shows the PRN protocol of one when-required line and, to
// a senior or manager, lets them write a new version of it. A care worker
// reads it; only a senior or manager writes it (staff.ActPRNProtocol), and
// the round refuses anyone else whatever the screen shows.
type protocolScreen struct {
	app      *App
	svc      protocolService
	resident string
	entry    string
	pv       *round.ProtocolView
	title    *widget.Label
	shown    *fyne.Container
	message  *widget.Label
	readOnly *widget.Label
	signs    *widget.Entry
	dose     *widget.Entry
	noEffect *widget.Entry
	callGP   *widget.Entry
	save     *widget.Button
	form     *fyne.Container
	box      fyne.CanvasObject
	loading  int
	busy     bool
}

func newProtocolScreen(a *App) *protocolScreen {
	s := &protocolScreen{app: a, svc: a.svc, title: heading("PRN protocol"), shown: container.NewVBox()}
	s.message = wrapped("")
	s.message.Hide()
	s.readOnly = wrapped("A senior or manager writes and changes PRN protocols; ask them if this one needs changing.")
	s.signs = widget.NewMultiLineEntry()
	s.signs.SetPlaceHolder("One sign on each line, e.g. Says her hip hurts")
	s.signs.SetMinRowsVisible(5)
	s.signs.Wrapping = fyne.TextWrapWord
	s.dose = newProtocolEntry("How to choose the dose within the chart's range")
	s.noEffect = newProtocolEntry("What to do if it does not work")
	s.callGP = newProtocolEntry("When to call the GP")
	for _, e := range []*widget.Entry{s.signs, s.dose, s.noEffect, s.callGP} {
		e.OnChanged = func(string) { a.idle.touch() }
	}
	abbey := newButton("Add the Abbey pain scale signs (for a resident who cannot say)", theme.ContentAddIcon(),
		widget.MediumImportance, a.act(s.addAbbey))
	s.save = newButton("Save as a new version", theme.DocumentSaveIcon(), widget.HighImportance, a.act(s.store))
	bold := func(t string) *widget.Label {
		return widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.form = container.NewVBox(widget.NewSeparator(), heading("Write a new version"),
		bold("Signs to look for (why it is given)"), s.signs, tall(abbey),
		bold("How to choose the dose"), tall(s.dose), bold("If it does not work"), tall(s.noEffect),
		bold("When to call the GP"), tall(s.callGP), tall(s.save))
	back := newButton("Back to resident", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.resident) }))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, tall(back), s.title), s.message)
	s.box = container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(s.shown, s.readOnly, s.form))))
	return s
}

// newProtocolEntry is a one-part field of the form: one paragraph, wrapped.
func newProtocolEntry(hint string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.SetPlaceHolder(hint)
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	return e
}

func (s *protocolScreen) view() fyne.CanvasObject { return s.box }

// scanned opens the resident a wristband names, as the round does.
func (s *protocolScreen) scanned(code string) { s.app.board.identify(code, true) }

// open shows the protocol of a resident's when-required line.
func (s *protocolScreen) open(residentID, entryID string) {
	s.resident, s.entry, s.pv = residentID, entryID, nil
	for _, e := range []*widget.Entry{s.signs, s.dose, s.noEffect, s.callGP} {
		e.SetText("")
	}
	say(s.message, false, "")
	s.app.show(s)
}

// refresh reloads the protocol and fills the form with the version in
// force, so a senior changes what needs changing.
func (s *protocolScreen) refresh() {
	a := s.app
	may := a.session.May(staff.ActPRNProtocol)
	s.form.Hidden, s.readOnly.Hidden = !may, may
	s.loading++
	gen, res, entry := s.loading, s.resident, s.entry
	load(a, func() (*round.ProtocolView, error) { return s.svc.PRNProtocol(res, entry) }, func(v *round.ProtocolView, err error) {
		if gen != s.loading {
			return
		}
		if err != nil {
			say(s.message, false, "Cannot show the protocol: "+a.explain(err))
			return
		}
		s.show(v)
	})
}

func (s *protocolScreen) show(v *round.ProtocolView) {
	a := s.app
	s.pv = v
	s.title.SetText(fmt.Sprintf("PRN protocol: %s for %s", v.Product.Name, v.Resident.Name()))
	s.shown.RemoveAll()
	s.shown.Add(band(toneNotes, a.protocolParts(toneNotes, v.Entry, v.Current, true)...))
	if len(v.Versions) > 1 {
		s.shown.Add(wrapped(fmt.Sprintf("This is version %d; the earlier ones stay in the record.", len(v.Versions))))
	}
	if p := v.Current; p != nil && s.signs.Text == "" {
		s.signs.SetText(strings.Join(p.Signs, "\n"))
		s.dose.SetText(p.DoseChoice)
		s.noEffect.SetText(p.IfNoEffect)
		s.callGP.SetText(p.CallGP)
	}
	s.box.Refresh()
}

// addAbbey adds the Abbey pain scale's signs not already listed.
func (s *protocolScreen) addAbbey() {
	signs := lines(s.signs.Text)
	for _, sign := range mar.AbbeySigns() {
		if !slices.Contains(signs, sign) {
			signs = append(signs, sign)
		}
	}
	s.signs.SetText(strings.Join(signs, "\n"))
}

// lines splits a field into its non-empty lines.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// store saves the form as a new version, under the signed-in senior's
// name; the round decides whether they may.
func (s *protocolScreen) store() {
	a := s.app
	if s.busy || s.pv == nil {
		return
	}
	para := func(e *widget.Entry) string { return strings.Join(strings.Fields(e.Text), " ") }
	p := mar.PRNProtocol{ResidentID: s.pv.Resident.ID, EntryID: s.pv.Entry.ID, Signs: lines(s.signs.Text),
		DoseChoice: para(s.dose), IfNoEffect: para(s.noEffect), CallGP: para(s.callGP)}
	s.busy = true
	setEnabled(s.save, false)
	sess := a.session
	load(a, func() (mar.Event, error) { return s.svc.SetPRNProtocol(sess, p) }, func(ev mar.Event, err error) {
		s.busy = false
		setEnabled(s.save, true)
		if err != nil {
			say(s.message, false, "Not saved: "+a.explain(err))
			return
		}
		say(s.message, true, fmt.Sprintf("Saved at %s by %s.", a.clock(ev.OccurredAt), a.userName(ev.UserID)))
		a.status.refresh()
		s.refresh()
	})
}

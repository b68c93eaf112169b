package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/report"
	"medround/internal/round"
	"medround/internal/staff"
)

// slotScreen is a review row opened: the resident at that dose, what the
// review says of it, every record of that dose (corrections shown), the
// other records of that medicine that day, and the rest of the day's
// records, with the way on to the resident's page or the day's history.
type slotScreen struct {
	app     *App
	svc     reviewService
	review  *reviewScreen
	row     report.Row
	sec     report.SectionID
	day     time.Time // midnight, home's zone, of the dose
	title   *widget.Label
	dose    *bandText
	said    *bandText
	band    *fyne.Container
	message *widget.Label
	this    *fyne.Container
	same    *fyne.Container
	rest    *fyne.Container
	box     fyne.CanvasObject
	loading int
}

func newSlotScreen(a *App, rv *reviewScreen) *slotScreen {
	s := &slotScreen{app: a, svc: a.svc, review: rv, title: heading("")}
	s.dose = bandBold(toneNotes, "")
	s.said = bandPlain(toneNotes, "")
	s.band = band(toneNotes, s.dose, s.said)
	s.message = wrapped("")
	s.message.Hide()
	s.this, s.same, s.rest = container.NewVBox(), container.NewVBox(), container.NewVBox()
	back := newButton("Back to the review", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(rv) }))
	page := newButton("Resident's page", theme.AccountIcon(), widget.MediumImportance, a.act(func() { a.openResident(s.row.ResidentID, "") }))
	hist := newButton("History of that day", theme.HistoryIcon(), widget.MediumImportance, a.act(s.dayHistory))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, tall(back), s.title),
		container.NewHBox(tall(page), tall(hist)), s.band, s.message)
	lists := container.NewVBox(slotHeading("Records of this dose"), s.this,
		slotHeading("Other records of this medicine that day"), s.same,
		slotHeading("Everything else recorded that day"), s.rest)
	s.box = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(lists)))
	return s
}

func slotHeading(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(l, widget.NewSeparator())
}

// open shows the row's dose; the records load in refresh.
func (s *slotScreen) open(sec report.SectionID, row report.Row) {
	a := s.app
	s.sec, s.row = sec, row
	t := rowTimeOf(row).In(a.loc)
	s.day = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, a.loc)
	title := row.Resident
	if row.Room != "" {
		title = "Room " + row.Room + " · " + title
	}
	if row.ResidentID == "" {
		title = "About a tablet, not a resident"
	}
	s.title.SetText(title)
	s.dose.SetText(slotDoseText(a, row))
	s.said.SetText(reviewDetail(a, sec, row))
	a.show(s)
}

// rowTimeOf is when a row's dose was due, else when it happened.
func rowTimeOf(r report.Row) time.Time {
	switch {
	case !r.Due.IsZero():
		return r.Due
	case !r.OccurredAt.IsZero():
		return r.OccurredAt
	case r.PRN != nil && len(r.PRN.Times) > 0:
		return r.PRN.Times[len(r.PRN.Times)-1]
	}
	return time.Time{}
}

// slotDoseText names the dose: medicine, due time, window and round.
func slotDoseText(a *App, r report.Row) string {
	s := strings.TrimSpace(r.Medicine + " " + r.Dose)
	if !r.Due.IsZero() {
		s += " · due " + a.day(r.Due) + " " + a.clock(r.Due)
		if !r.Opens.IsZero() {
			s += fmt.Sprintf(" (window %s to %s)", a.clock(r.Opens), a.clock(r.Closes))
		}
	}
	if r.Round != "" {
		s += " · " + r.Round + " round"
	}
	if r.TimeCritical {
		s += " · TIME-CRITICAL"
	}
	return s
}

func (s *slotScreen) view() fyne.CanvasObject { return s.box }

// scanned opens the resident a wristband names, as the round does.
func (s *slotScreen) scanned(code string) { s.app.board.identify(code, true) }

func (s *slotScreen) refresh() {
	a := s.app
	if !a.session.May(staff.ActReview) {
		a.show(a.board)
		return
	}
	if s.row.ResidentID == "" {
		s.fill(nil)
		return
	}
	s.loading++
	gen, id, from := s.loading, s.row.ResidentID, s.day
	load(a, func() ([]round.HistoryItem, error) { return s.svc.History(id, from, from.AddDate(0, 0, 1)) },
		func(items []round.HistoryItem, err error) {
			if gen != s.loading {
				return
			}
			if err != nil {
				say(s.message, false, "Cannot load the records: "+a.explain(err))
				return
			}
			say(s.message, false, "")
			s.fill(items)
		})
}

// fill sorts the day's records into this dose's, the same medicine's and
// the rest.
func (s *slotScreen) fill(items []round.HistoryItem) {
	a := s.app
	for _, c := range []*fyne.Container{s.this, s.same, s.rest} {
		c.RemoveAll()
	}
	for _, it := range items {
		line := a.eventLine(it.Event, it.Product.Name, a.clock)
		if it.CorrectedBy != nil {
			line += "\nEntered in error: " + it.CorrectedBy.Note + " (" + a.userName(it.CorrectedBy.UserID) + ", " + a.when(it.CorrectedBy.OccurredAt) + ")"
		}
		l := wrapped(line)
		switch {
		case s.isThisDose(it):
			l.TextStyle = fyne.TextStyle{Bold: true}
			s.this.Add(l)
		case s.row.EntryID != "" && it.Event.EntryID == s.row.EntryID:
			s.same.Add(l)
		default:
			s.rest.Add(l)
		}
	}
	for _, c := range []struct {
		box  *fyne.Container
		none string
	}{{s.this, "Nothing recorded for this dose"}, {s.same, "None"}, {s.rest, "None"}} {
		if len(c.box.Objects) == 0 {
			c.box.Add(widget.NewLabel(c.none))
		}
	}
}

// isThisDose reports whether a record is the row's own, or one made for
// the row's dose slot (a record since corrected, for a missed dose).
func (s *slotScreen) isThisDose(it round.HistoryItem) bool {
	r, e := s.row, it.Event
	if r.EventID != "" && e.ID.String() == r.EventID {
		return true
	}
	return r.EntryID != "" && !r.Due.IsZero() && e.EntryID == r.EntryID && e.SlotDue.Equal(r.Due)
}

// dayHistory opens the resident's history on the dose's day; its "Back
// to resident" then leads to this resident's page.
func (s *slotScreen) dayHistory() {
	a := s.app
	if s.row.ResidentID == "" {
		return
	}
	a.resident.open(s.row.ResidentID, "")
	h := a.history
	h.open(s.row.ResidentID, nil)
	h.title.SetText("History: " + s.row.Resident)
	h.day = s.day
	h.refresh()
}

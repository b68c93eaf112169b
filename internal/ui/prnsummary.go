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
	"medround/internal/staff"
)

// prnSummaryService is what the PRN summary asks of the round.
type prnSummaryService interface {
	PRNSummary(from, to time.Time) ([]report.ResidentPRN, error)
}

// prnPeriods are the spans the summary offers, in weeks; the first is the
// default: a month shows whether a PRN has become a daily habit.
var prnPeriods = []struct {
	words string
	weeks int
}{{"Last 4 weeks", 4}, {"Last 2 weeks", 2}, {"Last 12 weeks", 12}}

// residentsPerPage keeps a page of the summary within a tablet's screen:
// touch does not drag-scroll, so the summary pages.
const residentsPerPage = 3

// prnSummaryScreen shows a senior or manager each resident's PRN use and
// whether it worked, week by week and under which protocol
// (report.SummarisePRN), with the lines that have no protocol.
type prnSummaryScreen struct {
	app      *App
	svc      prnSummaryService
	period   *widget.Select
	title    *widget.Label
	message  *widget.Label
	list     *fyne.Container
	pageText *widget.Label
	prev     *widget.Button
	next     *widget.Button
	rows     []report.ResidentPRN
	page     int
	box      fyne.CanvasObject
	loading  int
}

func newPRNSummaryScreen(a *App) *prnSummaryScreen {
	s := &prnSummaryScreen{app: a, svc: a.svc, title: heading("PRN use and effect by resident"), list: container.NewVBox()}
	var words []string
	for _, p := range prnPeriods {
		words = append(words, p.words)
	}
	s.period = widget.NewSelect(words, nil)
	s.period.SetSelectedIndex(0)
	s.period.OnChanged = func(string) { a.idle.touch(); s.refresh() }
	s.message = wrapped("")
	s.message.Hide()
	s.pageText = widget.NewLabel("")
	s.prev = newButton("Previous page", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { s.turn(-1) }))
	s.next = newButton("Next page", theme.NavigateNextIcon(), widget.MediumImportance, a.act(func() { s.turn(1) }))
	back := newButton("Back to the review", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.review) }))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, tall(back), s.title),
		container.NewBorder(nil, nil, widget.NewLabel("Period"), nil, tall(s.period)), s.message)
	pager := container.NewBorder(nil, nil, tall(s.prev), tall(s.next), container.NewCenter(s.pageText))
	s.box = container.NewBorder(container.NewPadded(top), container.NewPadded(pager), nil, nil,
		container.NewVScroll(container.NewPadded(s.list)))
	return s
}

func (s *prnSummaryScreen) view() fyne.CanvasObject { return s.box }

// scanned opens the resident a wristband names, as the round does.
func (s *prnSummaryScreen) scanned(code string) { s.app.board.identify(code, true) }

// refresh rebuilds the summary for the period chosen; anyone who may not
// review is sent back to the round.
func (s *prnSummaryScreen) refresh() {
	a := s.app
	if !a.session.May(staff.ActReview) {
		a.show(a.board)
		return
	}
	s.loading++
	gen, now := s.loading, a.now()
	weeks := prnPeriods[max(s.period.SelectedIndex(), 0)].weeks
	n := now.In(a.loc)
	to := time.Date(n.Year(), n.Month(), n.Day()+1, 0, 0, 0, 0, a.loc)
	from := to.AddDate(0, 0, -7*weeks)
	load(a, func() ([]report.ResidentPRN, error) { return s.svc.PRNSummary(from, to) }, func(rows []report.ResidentPRN, err error) {
		if gen != s.loading {
			return
		}
		if err != nil {
			say(s.message, false, "Cannot build the summary. Try again; if it keeps failing, tell the manager.")
			return
		}
		say(s.message, false, "")
		s.rows, s.page = rows, 0
		s.fill()
	})
}

func (s *prnSummaryScreen) turn(d int) {
	s.page += d
	s.fill()
}

// fill shows the page's residents.
func (s *prnSummaryScreen) fill() {
	pages := max(1, (len(s.rows)+residentsPerPage-1)/residentsPerPage)
	s.page = min(max(s.page, 0), pages-1)
	s.list.RemoveAll()
	if len(s.rows) == 0 {
		s.list.Add(wrapped("No resident has a when-required medicine on their chart."))
	}
	for _, r := range s.rows[min(s.page*residentsPerPage, len(s.rows)):min((s.page+1)*residentsPerPage, len(s.rows))] {
		s.list.Add(s.residentCard(r))
	}
	s.pageText.SetText(fmt.Sprintf("Page %d of %d", s.page+1, pages))
	setEnabled(s.prev, s.page > 0)
	setEnabled(s.next, s.page < pages-1)
	s.list.Refresh()
}

// residentCard is one resident's lines.
func (s *prnSummaryScreen) residentCard(r report.ResidentPRN) fyne.CanvasObject {
	name := r.Resident
	if r.Room != "" {
		name += ", room " + r.Room
	}
	box := container.NewVBox(heading(name))
	for _, l := range r.Lines {
		box.Add(s.lineCard(l))
	}
	return container.NewVBox(box, widget.NewSeparator())
}

// lineCard is one PRN line: the tally, the weeks, and the protocol; a
// line with no protocol says so in words and in the warning colour.
func (s *prnSummaryScreen) lineCard(l report.PRNLine) fyne.CanvasObject {
	a := s.app
	title := l.Medicine
	if l.Reason != "" {
		title += " (" + l.Reason + ")"
	}
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	text := []string{tallyWords(l.PRNTally)}
	var weeks []string
	for _, w := range l.Weeks {
		weeks = append(weeks, fmt.Sprintf("%s %d", w.Start.In(a.loc).Format("2 Jan"), w.Doses))
	}
	text = append(text, "Doses by week (from): "+strings.Join(weeks, " · "))
	if l.Protocol != nil {
		p := fmt.Sprintf("Protocol by %s on %s", a.userName(l.Protocol.By), a.dateOf(l.Protocol.At))
		if l.Protocol.Imported {
			p = "Protocol imported from the prescription on " + a.dateOf(l.Protocol.At)
		}
		if len(l.Protocol.Missing) > 0 {
			p += "; not in it yet: " + strings.Join(l.Protocol.Missing, "; ")
		}
		text = append(text, p)
	}
	for _, e := range l.ByProtocol {
		under := "with no protocol"
		if e.Digest != "" {
			under = fmt.Sprintf("under the protocol of %s (%s)", a.dateOf(e.At), a.userName(e.By))
		}
		text = append(text, fmt.Sprintf("Answers %s: worked %d, did not work %d", under, e.Worked, e.NotWorked))
	}
	out := container.NewVBox(head, wrapped(strings.Join(text, "\n")))
	if l.Protocol == nil {
		out.Add(band(toneWarn, bandBold(toneWarn, "No PRN protocol: a senior writes one")))
	}
	return out
}

// tallyWords says a line's doses and the answers to "did it work?".
func tallyWords(t report.PRNTally) string {
	if t.Doses == 0 {
		return "Not given in this period"
	}
	return fmt.Sprintf("%s given: worked %d, did not work %d, not answered %d",
		plural(t.Doses, "dose"), t.Worked, t.NotWorked, t.Unanswered)
}

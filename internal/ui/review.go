package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/round"
	"medround/internal/staff"
)

// reviewService is what the managers' review asks of the round.
type reviewService interface {
	Review(from, to time.Time) (*report.Review, error)
	RecordReview(sess *round.Session, t round.ReviewTarget, action string) (mar.Event, error)
	History(residentID string, from, to time.Time) ([]round.HistoryItem, error)
	MARChart(ids []string, from time.Time, days int) ([]byte, error)
}

// reviewRowHeight is a review row's height: two lines of text and a
// follow-up button, big enough for a finger.
const reviewRowHeight = 140

// Periods offered by the review (report.ReviewPeriods). The first, the
// default, is what a manager reads first thing: everything since the
// morning round began yesterday.
var reviewPeriods = func() []string {
	var out []string
	for _, p := range report.ReviewPeriods() {
		out = append(out, p.Label())
	}
	return out
}()

// reviewScreen is the managers' review: each section with its count, the
// rows of the one chosen a page at a time, and the follow-up of a row.
type reviewScreen struct {
	app      *App
	svc      reviewService
	rv       *report.Review
	sel      report.SectionID
	period   *widget.Select
	open     *widget.Check
	message  *widget.Label
	title    *widget.Label
	sections map[report.SectionID]*widget.Button
	summary  *widget.Label
	rows     []report.Row // the chosen section after the filter
	grouping *widget.RadioGroup
	groups   []report.Group
	entries  []reviewEntry
	starts   []int   // the first entry of each page
	avail    float32 // the list's height
	page     int
	heads    []*widget.Label
	lines    []*reviewRow
	layout   *groupedLayout
	charts   *chartsScreen
	slot     *slotScreen
	pageText *widget.Label
	prev     *widget.Button
	next     *widget.Button
	follow   *followPanel
	body     *fyne.Container
	box      fyne.CanvasObject
	loading  int
}

func newReviewScreen(a *App) *reviewScreen {
	s := &reviewScreen{app: a, svc: a.svc, sel: report.SectionTimeCritical,
		sections: map[report.SectionID]*widget.Button{}}
	s.charts = newChartsScreen(a, s)
	s.slot = newSlotScreen(a, s)
	s.period = widget.NewSelect(reviewPeriods, nil)
	s.period.SetSelectedIndex(0)
	s.period.OnChanged = func(string) { a.idle.touch(); s.refresh() }
	s.open = widget.NewCheck("Not yet reviewed only", func(bool) { a.idle.touch(); s.filter() })
	s.grouping = widget.NewRadioGroup([]string{groupResident, groupRound}, nil)
	s.grouping.Horizontal, s.grouping.Required = true, true
	s.grouping.SetSelected(groupResident)
	s.grouping.OnChanged = func(string) { a.idle.touch(); s.page = 0; s.filter() }
	s.message = wrapped("")
	s.message.Hide()
	s.title = heading("Review")
	s.summary = wrapped("")
	back := newButton("Back to the round", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.board) }))
	side := container.New(&sectionsLayout{wide: a.landscape})
	for id := report.SectionTimeCritical; id <= report.SectionIncidents; id++ {
		b := newButton(id.Title(), nil, widget.LowImportance, a.act(func() { s.choose(id) }))
		b.Alignment = widget.ButtonAlignLeading
		s.sections[id] = b
		side.Add(tall(b))
		if id == report.SectionPRN { // beside it: PRN use and effect by resident, over weeks
			side.Add(tall(newButton("PRN use and effect by resident", theme.DocumentIcon(), widget.MediumImportance, a.act(func() { a.show(a.prnUse) }))))
		}
	}
	s.pageText = widget.NewLabel("")
	s.prev = newButton("Previous page", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { s.turn(-1) }))
	s.next = newButton("Next page", theme.NavigateNextIcon(), widget.MediumImportance, a.act(func() { s.turn(1) }))
	s.layout = &groupedLayout{s: s}
	list := container.New(s.layout)
	for i := 0; i < maxRows; i++ {
		r := newReviewRow(s)
		s.lines = append(s.lines, r)
		h := newGroupHeading()
		s.heads = append(s.heads, h)
		list.Add(h)
		list.Add(r.box)
	}
	s.follow = newFollowPanel(s)
	tools := container.NewHBox(tall(newButton("Charts", theme.GridIcon(), widget.MediumImportance, a.act(func() { a.show(s.charts) }))),
		tall(newButton("Save as CSV", theme.DocumentSaveIcon(), widget.MediumImportance, a.act(s.exportCSV))),
		tall(newButton("MAR chart, whole home", theme.DocumentPrintIcon(), widget.MediumImportance, a.act(func() { exportMAR(a, "", func(ok bool, m string) { say(s.message, ok, m) }) }))))
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, tall(back), s.title),
		container.New(&toolRow{wide: a.landscape}, container.NewBorder(nil, nil, widget.NewLabel("Period"), nil, tall(s.period)), tools),
		s.message)
	pager := container.NewBorder(nil, nil, tall(s.prev), tall(s.next), container.NewCenter(s.pageText))
	head := container.NewVBox(container.New(&toolRow{wide: a.landscape}, s.grouping, s.open), s.summary)
	center := container.NewBorder(head, container.NewVBox(s.follow.box, pager), nil, nil, list)
	s.body = container.New(&reviewBody{wide: a.landscape, side: side}, container.NewVScroll(side), container.NewPadded(center))
	s.box = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.body)
	return s
}

func (s *reviewScreen) view() fyne.CanvasObject { return s.box }

// scanned opens the resident a wristband names, as the round does.
func (s *reviewScreen) scanned(code string) { s.app.board.identify(code, true) }

// periodBounds turns the period chosen into [from, to) in the home's zone
// (report.ReviewPeriod.Bounds: right on the days the clocks change).
func (s *reviewScreen) periodBounds(now time.Time) (from, to time.Time) {
	return report.ReviewPeriods()[max(s.period.SelectedIndex(), 0)].Bounds(now, s.app.loc)
}

// refresh reloads the review for the period chosen. Only a senior or
// manager sees it; anyone else is sent back to the round.
func (s *reviewScreen) refresh() {
	a := s.app
	if !a.session.May(staff.ActReview) {
		a.show(a.board)
		return
	}
	s.loading++
	gen := s.loading
	now := a.now()
	from, to := s.periodBounds(now)
	s.title.SetText(fmt.Sprintf("Review: %s to %s", a.when(from), a.when(to)))
	load(a, func() (*report.Review, error) { return s.svc.Review(from, to) }, func(rv *report.Review, err error) {
		if gen != s.loading {
			return
		}
		if err != nil {
			say(s.message, false, "Cannot build the review. Try again; if it keeps failing, tell the manager.")
			return
		}
		say(s.message, false, "")
		if len(rv.Warnings) > 0 {
			say(s.message, false, fmt.Sprintf("%d chart entries have timings the review cannot work out: their doses are not counted. A senior checks the chart.", len(rv.Warnings)))
		}
		s.rv = rv
		s.counts()
		s.filter()
	})
}

// counts puts each section's count, and how many are not yet reviewed,
// on its button.
func (s *reviewScreen) counts() {
	for i := range s.rv.Sections {
		sec := &s.rv.Sections[i]
		b := s.sections[sec.ID]
		text := fmt.Sprintf("%s (%d)", sec.Title, len(sec.Rows))
		if n := sec.Unreviewed(); n > 0 && n < len(sec.Rows) {
			text = fmt.Sprintf("%s (%d, %d to review)", sec.Title, len(sec.Rows), n)
		}
		b.SetText(text)
		switch {
		case sec.ID == s.sel:
			b.Importance = widget.HighImportance
		case sec.ID == report.SectionTimeCritical && len(sec.Rows) > 0:
			b.Importance = widget.DangerImportance
		default:
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	s.body.Refresh() // the counts widen the buttons
}

func (s *reviewScreen) section() *report.Section {
	if s.rv == nil {
		return nil
	}
	for i := range s.rv.Sections {
		if s.rv.Sections[i].ID == s.sel {
			return &s.rv.Sections[i]
		}
	}
	return nil
}

func (s *reviewScreen) choose(id report.SectionID) {
	s.sel, s.page = id, 0
	s.follow.close()
	if s.rv != nil {
		s.counts()
	}
	s.filter()
}

// filter applies "not yet reviewed only" to the chosen section.
func (s *reviewScreen) filter() {
	s.rows = s.rows[:0]
	sec := s.section()
	if sec == nil {
		s.groups, s.entries = nil, nil
		s.paginate()
		s.fill()
		return
	}
	for _, r := range sec.Rows {
		if _, _, _, ok := r.Target(); s.open.Checked && (!ok || r.Reviewed != nil) {
			continue
		}
		s.rows = append(s.rows, r)
	}
	s.summary.SetText(sectionSummary(sec))
	s.summary.Hidden = s.summary.Text == ""
	s.groups = report.GroupRows(s.rows, s.groupBy(), s.rv.Rounds)
	s.entries = groupEntries(s.groups)
	s.paginate()
	s.fill()
}

func (s *reviewScreen) turn(d int) {
	s.page = max(0, min(s.page+d, len(s.starts)-1))
	s.fill()
}

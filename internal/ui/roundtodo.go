package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// todoService is what the round's to-do list asks of the round.
type todoService interface {
	CurrentRound(at time.Time) (mar.Round, error)
	Due(at time.Time, roundName string) ([]round.DueItem, error)
}

// todoRowHeight is a dose's row: two lines, big enough for a finger.
const todoRowHeight = 88

// todoScreen is a care worker's own list of the round's doses with
// nothing recorded yet: overdue first, then those due now, then those
// whose window has not opened, in room order within each. The states are
// the round's (round.DoseState); a tap opens the resident, where the pack
// is scanned as ever.
type todoScreen struct {
	app      *App
	svc      todoService
	items    []round.DueItem
	title    *widget.Label
	message  *widget.Label
	lines    []*todoRow
	page     int
	perPage  int
	pageText *widget.Label
	prev     *widget.Button
	next     *widget.Button
	box      fyne.CanvasObject
	loading  int
}

type todoRow struct {
	title  *widget.Label
	detail *widget.Label
	state  *widget.Label
	id     string
	open   *widget.Button
	box    *fyne.Container
}

// newTodoButton is the round's button to the list, the list made with it.
func newTodoButton(a *App) *widget.Button {
	s := newTodoScreen(a)
	return newButton("Not yet recorded", theme.ListIcon(), widget.LowImportance, a.act(func() { a.show(s) }))
}

func newTodoScreen(a *App) *todoScreen {
	s := &todoScreen{app: a, svc: a.svc, perPage: 1, title: heading("Not yet recorded")}
	s.message = wrapped("")
	s.message.Hide()
	s.pageText = widget.NewLabel("")
	s.prev = newButton("Previous page", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { s.turn(-1) }))
	s.next = newButton("Next page", theme.NavigateNextIcon(), widget.MediumImportance, a.act(func() { s.turn(1) }))
	list := container.New(&pageLayout{height: todoRowHeight, capacity: s.capacity})
	for i := 0; i < maxRows; i++ {
		r := &todoRow{title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			detail: widget.NewLabel(""), state: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})}
		r.title.Truncation, r.detail.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
		r.open, r.box = tapRow(container.NewBorder(nil, nil, nil, r.state, container.NewVBox(r.title, r.detail)),
			a.act(func() { a.openResident(r.id, "") }))
		s.lines = append(s.lines, r)
		list.Add(r.box)
	}
	back := newButton("Back to the round", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.board) }))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, tall(back), s.title),
		wrapped("Doses of this round with nothing recorded yet, overdue first. Tap one to open the resident and scan the pack."),
		s.message)
	pager := container.NewBorder(nil, nil, tall(s.prev), tall(s.next), container.NewCenter(s.pageText))
	s.box = container.NewBorder(container.NewPadded(top), container.NewPadded(pager), nil, nil, list)
	return s
}

func (s *todoScreen) view() fyne.CanvasObject { return s.box }

// scanned opens the resident a wristband names, as the round does.
func (s *todoScreen) scanned(code string) { s.app.board.identify(code, true) }

// todoRank orders the states a care worker must act on: overdue first.
var todoRank = map[round.DoseState]int{round.StateOverdue: 0, round.StateDue: 1, round.StateUpcoming: 2}

func (s *todoScreen) refresh() {
	a := s.app
	s.loading++
	gen, at, chosen := s.loading, a.now(), a.roundName
	type todo struct {
		round string
		items []round.DueItem
	}
	load(a, func() (todo, error) {
		name := chosen
		if name == "" {
			r, err := s.svc.CurrentRound(at)
			if err != nil {
				return todo{}, err
			}
			name = r.Name
		}
		items, err := s.svc.Due(at, name)
		return todo{name, items}, err
	}, func(t todo, err error) {
		if gen != s.loading {
			return
		}
		if err != nil {
			say(s.message, false, "Cannot load the round: "+a.explain(err))
			return
		}
		say(s.message, false, "")
		s.items = s.items[:0]
		for _, it := range t.items {
			if _, open := todoRank[it.State]; open {
				s.items = append(s.items, it)
			}
		}
		slices.SortStableFunc(s.items, func(x, y round.DueItem) int { return cmp.Compare(todoRank[x.State], todoRank[y.State]) })
		s.title.SetText(fmt.Sprintf("Not yet recorded: %s round", t.round))
		s.page = 0
		s.fill()
	})
}

func (s *todoScreen) fill() {
	a := s.app
	pages := max((len(s.items)+s.perPage-1)/s.perPage, 1)
	start := s.page * s.perPage
	for i, r := range s.lines {
		if i >= s.perPage || start+i >= len(s.items) {
			r.box.Hide()
			continue
		}
		it := s.items[start+i]
		r.id = it.Resident.ID
		r.title.SetText(fmt.Sprintf("Room %s  ·  %s", it.Resident.Room, it.Resident.Name()))
		r.detail.SetText(strings.TrimSpace(fmt.Sprintf("%s %s  ·  due %s (window %s to %s)", it.Product.Name,
			doseWords(it.Entry), a.clock(it.Slot.Due), a.clock(it.Slot.Opens), a.clock(it.Slot.Closes))))
		r.state.SetText(todoStateWords(it.State))
		r.state.Importance = map[round.DoseState]widget.Importance{round.StateOverdue: widget.DangerImportance,
			round.StateDue: widget.WarningImportance}[it.State]
		r.state.Refresh()
		r.box.Show()
	}
	what := "doses"
	if len(s.items) == 1 {
		what = "dose"
	}
	s.pageText.SetText(fmt.Sprintf("Page %d of %d · %d %s not yet recorded", s.page+1, pages, len(s.items), what))
	setEnabled(s.prev, s.page > 0)
	setEnabled(s.next, s.page < pages-1)
}

func todoStateWords(st round.DoseState) string {
	switch st {
	case round.StateOverdue:
		return "Overdue"
	case round.StateDue:
		return "Due now"
	}
	return "Later"
}

func (s *todoScreen) turn(d int) {
	s.page += d
	s.fill()
}

func (s *todoScreen) capacity(n int) {
	n = max(n, 1)
	if n == s.perPage {
		return
	}
	first := s.page * s.perPage
	s.perPage, s.page = n, first/n
	s.fill()
}

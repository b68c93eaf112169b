package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// Rows on the round are big and paged rather than scrolled: touch on a
// desktop build does not drag-scroll a Fyne list, and a page turned with a
// big button never leaves a care worker hunting for a resident.
const (
	rowHeight = 100
	maxRows   = 24
)

// boardScreen is the round: every resident with what is due, done and
// overdue in the round chosen, a page at a time.
type boardScreen struct {
	app      *App
	svc      boardService
	rows     []round.ResidentRow // as loaded: the store keeps them in door order
	shown    []round.ResidentRow // after the search
	page     int
	perPage  int
	choose   *widget.Select
	search   *widget.Entry
	progress *widget.ProgressBar
	message  *widget.Label
	pageText *widget.Label
	prev     *widget.Button
	next     *widget.Button
	settings *widget.Button
	review   *widget.Button
	register *widget.Button
	runsOut  map[string][]string // resident ID: medicines running out
	checked  time.Time           // when the run-out flags were last worked out
	lines    []*boardRow
	list     *fyne.Container
	box      fyne.CanvasObject
	loading  int
}

func newBoardScreen(a *App) *boardScreen {
	b := &boardScreen{app: a, svc: a.svc, perPage: 1}
	b.choose = widget.NewSelect(nil, b.chooseRound)
	b.choose.PlaceHolder = "Choose the round"
	b.search = widget.NewEntry()
	b.search.SetPlaceHolder("Search name or room, or scan a wristband")
	b.search.OnChanged = func(string) { a.idle.touch(); b.filter() }
	b.search.OnSubmitted = b.searchSubmitted
	b.progress = widget.NewProgressBar()
	b.progress.TextFormatter = func() string { return b.progressText() }
	b.message = wrapped("")
	b.message.Hide()
	b.message.Importance = widget.DangerImportance
	b.pageText = widget.NewLabel("")
	b.prev = newButton("Previous page", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { b.turn(-1) }))
	b.next = newButton("Next page", theme.NavigateNextIcon(), widget.MediumImportance, a.act(func() { b.turn(1) }))
	b.settings = newButton("Settings", theme.SettingsIcon(), widget.LowImportance, a.act(func() { a.show(a.settings) }))
	b.review = newButton("Review", theme.ListIcon(), widget.LowImportance, a.act(func() { a.show(a.review) }))
	b.register = newButton("CD registers", theme.FileIcon(), widget.LowImportance, a.act(func() { a.register.open("") }))
	b.list = container.New(&pageLayout{height: rowHeight, capacity: b.capacity})
	for i := 0; i < maxRows; i++ {
		r := newBoardRow(a)
		b.lines = append(b.lines, r)
		b.list.Add(r.box)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Round"), container.NewHBox(newTodoButton(a), b.review, b.settings), tall(b.choose)),
		container.NewBorder(nil, nil, nil, tall(b.register), tall(b.search)), tall(b.progress), b.message)
	pager := container.NewBorder(nil, nil, tall(b.prev), tall(b.next), container.NewCenter(b.pageText))
	b.box = container.NewBorder(container.NewPadded(top), container.NewPadded(pager), nil, nil, b.list)
	return b
}

func (b *boardScreen) view() fyne.CanvasObject { return b.box }

// refresh reloads the board for the round chosen, or the clock's round.
func (b *boardScreen) refresh() {
	a := b.app
	b.settings.Hidden = a.session == nil || a.session.User().Role != mar.RoleManager
	b.settings.Refresh()
	b.review.Hidden = !a.session.May(staff.ActReview)
	b.review.Refresh()
	b.register.Hidden = !mayListHome(a.session)
	b.loading++
	gen := b.loading
	type board struct {
		round mar.Round
		home  mar.Home
		rows  []round.ResidentRow
	}
	at, chosen := a.now(), a.roundName
	load(a, func() (board, error) {
		var bd board
		var err error
		if bd.home, err = b.svc.Home(); err != nil {
			return bd, err
		}
		if bd.round, err = b.svc.CurrentRound(at); err != nil {
			return bd, err
		}
		if chosen != "" {
			bd.round.Name = chosen
		}
		bd.rows, err = b.svc.Board(at, bd.round.Name)
		return bd, err
	}, func(bd board, err error) {
		if gen != b.loading {
			return
		}
		if err != nil {
			say(b.message, false, "Cannot load the round: "+b.app.explain(err))
			return
		}
		b.setRounds(bd.home, bd.round.Name)
		b.rows = bd.rows
		b.filter()
		b.loadRunsOut()
	})
}

func (b *boardScreen) setRounds(h mar.Home, current string) {
	var names []string
	for _, r := range h.Rounds {
		names = append(names, roundLabel(r))
	}
	b.choose.OnChanged = nil
	b.choose.SetOptions(names)
	if r, ok := h.RoundAt(current); ok {
		b.choose.SetSelected(roundLabel(r))
	}
	b.choose.OnChanged = b.chooseRound
}

// roundLabel names a round in the chooser: "Morning round (08:00)". A
// round saved with no name is still a round, shown by its time; a name
// starting with a letter outside ASCII is capitalised whole, not cut.
func roundLabel(r mar.Round) string {
	name := strings.TrimSpace(r.Name)
	if name == "" {
		return fmt.Sprintf("Round at %s", r.At)
	}
	return fmt.Sprintf("%s round (%s)", sentence(name), r.At)
}

func (b *boardScreen) chooseRound(label string) {
	b.app.idle.touch()
	for _, r := range b.app.home.Rounds {
		if roundLabel(r) == label {
			b.app.roundName = r.Name
		}
	}
	b.page = 0
	b.refresh()
}

// filter applies the search and shows the first page of what matches.
func (b *boardScreen) filter() {
	q := strings.ToLower(strings.TrimSpace(b.search.Text))
	b.shown = b.shown[:0]
	for _, r := range b.rows {
		if q == "" || strings.Contains(strings.ToLower(r.Resident.Name()), q) ||
			strings.Contains(strings.ToLower(r.Resident.Room), q) {
			b.shown = append(b.shown, r)
		}
	}
	if b.page*b.perPage >= len(b.shown) {
		b.page = 0
	}
	b.progress.SetValue(b.fraction())
	b.fill()
}

func (b *boardScreen) totals() (due, done int) {
	for _, r := range b.rows {
		due += r.Due
		done += r.Done
	}
	return due, done
}

func (b *boardScreen) fraction() float64 {
	due, done := b.totals()
	if due == 0 {
		return 0
	}
	return float64(done) / float64(due)
}

func (b *boardScreen) progressText() string {
	due, done := b.totals()
	return fmt.Sprintf("%d of %d doses recorded this round", done, due)
}

// fill puts the current page's residents in the row widgets.
func (b *boardScreen) fill() {
	pages := (len(b.shown) + b.perPage - 1) / b.perPage
	if pages == 0 {
		pages = 1
	}
	start := b.page * b.perPage
	for i, line := range b.lines {
		if i < b.perPage && start+i < len(b.shown) {
			line.set(b.shown[start+i])
			line.setRunsOut(b.runsOut[b.shown[start+i].Resident.ID])
			line.box.Show()
		} else {
			line.box.Hide()
		}
	}
	b.pageText.SetText(fmt.Sprintf("Page %d of %d · %d residents", b.page+1, pages, len(b.shown)))
	setEnabled(b.prev, b.page > 0)
	setEnabled(b.next, b.page < pages-1)
}

func (b *boardScreen) turn(d int) {
	b.page += d
	b.fill()
}

// capacity is how many rows fit; the page layout reports it.
func (b *boardScreen) capacity(n int) {
	if n < 1 {
		n = 1
	}
	if n == b.perPage {
		return
	}
	first := b.page * b.perPage
	b.perPage = n
	b.page = first / n
	b.fill()
}

// searchSubmitted takes Enter in the search box as a scan: a scanner that
// types into the box while it has the focus still opens the resident.
func (b *boardScreen) searchSubmitted(text string) {
	b.app.idle.touch()
	if len(b.shown) == 1 {
		b.search.SetText("")
		b.app.openResident(b.shown[0].Resident.ID, "")
		return
	}
	// Keys typed into the box may be a person's, so a resident found this
	// way counts as chosen on screen, not scanned.
	b.identify(strings.TrimSpace(text), false)
}

// handTyped says where typing goes: keys typed at a person's pace on the
// round are not a scan.
func (b *boardScreen) handTyped() {
	say(b.message, false, "Typing is not taken as a scan. To find a resident by name or room, tap the search box first.")
}

// scanned opens the resident a wristband names.
func (b *boardScreen) scanned(code string) { b.identify(code, true) }

// identify opens the resident code names; scanned says a scanner's burst
// typed it, rather than someone typing in the search box.
func (b *boardScreen) identify(code string, scanned bool) {
	t := b.app.ticket()
	load(b.app, func() (round.Scan, error) { return b.svc.Identify(code) }, func(sc round.Scan, err error) {
		if !b.app.still(t) {
			return // locked since: the scan opens nothing for the next user
		}
		switch {
		case err != nil:
			say(b.message, false, "Scan not recognised: "+b.app.explain(err))
		case sc.Kind == round.ScanResident && sc.Resident != nil:
			say(b.message, false, "")
			b.search.SetText("")
			if !scanned {
				code = ""
			}
			b.app.openResident(sc.Resident.ID, code)
		case sc.Kind == round.ScanPack:
			say(b.message, false, "That is a medicine pack. Scan the resident's wristband first, then the pack.")
		default:
			say(b.message, false, "That is a staff badge. Scan the resident's wristband to open their medicines.")
		}
	})
}

// pageLayout stacks rows of one height (big, for touch: desktop touch does
// not drag-scroll lists) and tells its screen how many fit, so the screen
// pages rather than scrolls. The board and the review use it.
type pageLayout struct {
	height   float32
	capacity func(n int)
}

func (l *pageLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(300, l.height) }

func (l *pageLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := int(size.Height / l.height)
	y := float32(0)
	for i, o := range objs {
		if i >= n {
			o.Resize(fyne.NewSize(0, 0))
			continue
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, l.height-4))
		y += l.height
	}
	l.capacity(n)
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

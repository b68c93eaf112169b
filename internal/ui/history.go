package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// historyScreen lists a resident's records a day at a time. A record
// entered by mistake is corrected with a reason: a new record that points
// at it, never an edit.
type historyScreen struct {
	app     *App
	svc     historyService
	id      string
	day     time.Time // midnight in the home's zone
	title   *widget.Label
	dayText *widget.Label
	prev    *widget.Button
	next    *widget.Button
	list    *fyne.Container
	message *widget.Label

	fixing  *mar.Event
	fixWhat *bandText
	fixWhy  *widget.Entry
	fixOK   *widget.Button
	fixBox  *fyne.Container
	box     fyne.CanvasObject
	loading int
	fixBusy bool
}

func newHistoryScreen(a *App) *historyScreen {
	h := &historyScreen{app: a, svc: a.svc, title: heading("History"), dayText: heading(""), list: container.NewVBox()}
	h.dayText.Alignment = fyne.TextAlignCenter
	h.message = wrapped("")
	h.message.Hide()
	h.prev = newButton("Day before", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { h.turn(-1) }))
	h.next = newButton("Day after", theme.NavigateNextIcon(), widget.MediumImportance, a.act(func() { h.turn(1) }))
	back := newButton("Back to resident", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { a.show(a.resident) }))
	h.fixWhat = bandPlain(toneWarn, "")
	h.fixWhy = widget.NewEntry()
	h.fixWhy.SetPlaceHolder("Why was it entered in error? (required)")
	h.fixWhy.OnChanged = func(s string) { a.idle.touch(); setEnabled(h.fixOK, strings.TrimSpace(s) != "" && !h.fixBusy) }
	h.fixOK = newButton("Mark as entered in error", theme.ContentUndoIcon(), widget.DangerImportance, a.act(h.correct))
	cancel := newButton("Cancel", theme.CancelIcon(), widget.MediumImportance, a.act(h.stopFixing))
	h.fixBox = container.NewVBox(band(toneWarn, bandBold(toneWarn, "Correct a record"), h.fixWhat),
		tall(h.fixWhy), container.NewGridWithColumns(2, tall(h.fixOK), tall(cancel)))
	h.fixBox.Hide()
	nav := container.NewBorder(nil, nil, tall(h.prev), tall(h.next), h.dayText)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, tall(back), h.title), nav, h.fixBox, h.message)
	h.box = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(h.list))
	return h
}

// open shows today's records of a resident.
func (h *historyScreen) open(id string, rv *round.ResidentView) {
	if id == "" {
		return
	}
	h.id = id
	name := ""
	if rv != nil {
		name = rv.Resident.Name()
	}
	h.title.SetText("History: " + name)
	y, m, d := h.app.now().In(h.app.loc).Date()
	h.day = time.Date(y, m, d, 0, 0, 0, 0, h.app.loc)
	h.stopFixing()
	h.app.show(h)
}

func (h *historyScreen) view() fyne.CanvasObject { return h.box }

// scanned goes back to the resident's page, which takes the scan: a pack is
// checked there, a wristband opens that resident.
func (h *historyScreen) scanned(code string) {
	h.app.show(h.app.resident)
	h.app.resident.scanned(code)
}

func (h *historyScreen) turn(days int) {
	h.day = h.day.AddDate(0, 0, days)
	h.stopFixing()
	h.refresh()
}

func (h *historyScreen) refresh() {
	if h.id == "" {
		return
	}
	h.dayText.SetText(h.app.day(h.day))
	today := !h.day.AddDate(0, 0, 1).Before(h.app.now())
	setEnabled(h.next, !today)
	h.loading++
	gen, id, from, to := h.loading, h.id, h.day, h.day.AddDate(0, 0, 1)
	load(h.app, func() ([]round.HistoryItem, error) { return h.svc.History(id, from, to) },
		func(items []round.HistoryItem, err error) {
			if gen != h.loading {
				return
			}
			if err != nil {
				say(h.message, false, "Cannot load the history: "+err.Error())
				return
			}
			h.fill(items)
		})
}

func (h *historyScreen) fill(items []round.HistoryItem) {
	h.list.RemoveAll()
	if len(items) == 0 {
		h.list.Add(widget.NewLabel("Nothing recorded on this day"))
	}
	for _, it := range items {
		it := it
		line := wrapped(h.app.eventLine(it.Event, it.Product.Name, h.app.clock))
		var right fyne.CanvasObject
		switch {
		case it.CorrectedBy != nil:
			line.TextStyle = fyne.TextStyle{Italic: true}
			line.SetText(line.Text + "\nEntered in error: " + it.CorrectedBy.Note + " (" +
				h.app.userName(it.CorrectedBy.UserID) + ", " + h.app.when(it.CorrectedBy.OccurredAt) + ")")
		case it.Event.Kind == mar.KindAdministration:
			ev := it.Event
			text := h.app.eventLine(ev, it.Product.Name, h.app.clock)
			right = tall(newButton("Entered in error…", theme.ContentUndoIcon(), widget.LowImportance,
				h.app.act(func() { h.startFixing(ev, text) })))
		}
		h.list.Add(container.NewBorder(nil, nil, nil, right, line))
		h.list.Add(widget.NewSeparator())
	}
}

func (h *historyScreen) startFixing(ev mar.Event, text string) {
	h.fixing = &ev
	h.fixWhat.SetText(text)
	h.fixWhy.SetText("")
	h.fixOK.Disable()
	h.fixBox.Show()
	say(h.message, false, "")
}

func (h *historyScreen) stopFixing() {
	h.fixing = nil
	h.fixBox.Hide()
}

func (h *historyScreen) correct() {
	a := h.app
	if h.fixing == nil || a.session == nil || h.fixBusy {
		return
	}
	h.fixBusy = true
	h.fixOK.Disable()
	sess, id, why := a.session, h.fixing.ID, strings.TrimSpace(h.fixWhy.Text)
	load(a, func() (mar.Event, error) { return h.svc.Correct(sess, id, why) }, func(_ mar.Event, err error) {
		h.fixBusy = false
		if err != nil {
			say(h.message, false, "Not corrected: "+err.Error())
			h.fixOK.Enable()
			return
		}
		h.stopFixing()
		say(h.message, true, "Marked as entered in error. The record stays in the history with the correction.")
		h.refresh()
		a.status.refresh()
	})
}

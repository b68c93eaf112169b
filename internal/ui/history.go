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

	// A care worker's correction needs a senior's or manager's approval:
	// they are chosen or scan their badge, and enter their PIN.
	approvers   staffPicker // chosen by user ID: two staff may share a name
	approver    *widget.Select
	approverPIN *widget.Entry
	approveBox  *fyne.Container
	box         fyne.CanvasObject
	loading     int
	fixBusy     bool
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
	h.fixWhy.OnChanged = func(string) { a.idle.touch(); h.enableFix() }
	submitUnfocus(a, h.fixWhy)
	h.approver = widget.NewSelect(nil, func(string) { a.idle.touch(); h.enableFix() })
	h.approver.PlaceHolder = "Senior or manager approving (choose, or scan their badge)"
	h.approvers.sel = h.approver
	h.approverPIN = widget.NewPasswordEntry()
	h.approverPIN.SetPlaceHolder("Approver's PIN")
	h.approverPIN.OnChanged = func(string) { a.idle.touch(); h.enableFix() }
	submitUnfocus(a, h.approverPIN)
	h.approveBox = container.NewVBox(
		widget.NewLabelWithStyle("A care worker's correction is approved by a senior or manager", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, tall(h.approver), tall(h.approverPIN)))
	h.fixOK = newButton("Mark as entered in error", theme.ContentUndoIcon(), widget.DangerImportance, a.act(h.correct))
	cancel := newButton("Cancel", theme.CancelIcon(), widget.MediumImportance, a.act(h.stopFixing))
	h.fixBox = container.NewVBox(band(toneWarn, bandBold(toneWarn, "Correct a record"), h.fixWhat),
		tall(h.fixWhy), h.approveBox, container.NewGridWithColumns(2, tall(h.fixOK), tall(cancel)))
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

// scanned takes an approver's staff badge while a correction asks for
// one; anything else goes back to the resident's page, which takes the
// scan: a pack is checked there, a wristband opens that resident.
func (h *historyScreen) scanned(code string) {
	if !h.wantsApprover() {
		h.toResident(code)
		return
	}
	t := h.app.ticket()
	load(h.app, func() (round.Scan, error) { return h.svc.Identify(code) }, func(sc round.Scan, err error) {
		if !h.app.still(t) {
			return
		}
		if err != nil || sc.Kind != round.ScanStaff {
			h.toResident(code)
			return
		}
		h.setApprover(sc.UserID)
	})
}

func (h *historyScreen) toResident(code string) {
	if h.app.session == nil {
		return
	}
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
				say(h.message, false, "Cannot load the history: "+h.app.explain(err))
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
				h.app.userName(it.CorrectedBy.UserID) + approvedBy(h.app, *it.CorrectedBy) + ", " +
				h.app.when(it.CorrectedBy.OccurredAt) + ")")
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
	h.approverPIN.SetText("")
	h.approver.ClearSelected()
	h.approveBox.Hidden = !h.needsApproval()
	h.setApprovers()
	h.enableFix()
	h.fixBox.Show()
	say(h.message, false, "")
}

// needsApproval reports whether the signed-in user corrects only with a
// senior's approval. The round service makes the rule; the screen only
// asks for what it will want.
func (h *historyScreen) needsApproval() bool {
	s := h.app.session
	return s != nil && !s.User().Role.CanWitness()
}

// wantsApprover reports whether a staff badge scanned now names the
// approver.
func (h *historyScreen) wantsApprover() bool {
	return h.fixing != nil && !h.approveBox.Hidden
}

// setApprovers offers every other member of staff, seniors and managers
// first. Whether the one chosen may approve is the round service's to say.
func (h *historyScreen) setApprovers() {
	var others []mar.User
	for _, senior := range []bool{true, false} {
		for _, u := range h.app.signIn.users {
			if u.Role.CanWitness() == senior && (h.app.session == nil || u.ID != h.app.session.User().ID) {
				others = append(others, u)
			}
		}
	}
	h.approvers.set(others)
}

// setApprover picks the approver whose badge was scanned and moves to
// their PIN.
func (h *historyScreen) setApprover(userID string) {
	if h.approvers.choose(userID) {
		say(h.message, false, "")
		h.app.win.Canvas().Focus(h.approverPIN)
		return
	}
	say(h.message, false, "That is your own badge: another member of staff, a senior or manager, approves your correction.")
}

func (h *historyScreen) approverID() string {
	return h.approvers.selectedID()
}

// enableFix enables the correction once its reason, and any approval it
// needs, are filled in.
func (h *historyScreen) enableFix() {
	ok := strings.TrimSpace(h.fixWhy.Text) != "" && !h.fixBusy
	if !h.approveBox.Hidden && (h.approver.Selected == "" || h.approverPIN.Text == "") {
		ok = false
	}
	setEnabled(h.fixOK, ok)
}

// stopFixing closes the correction and forgets what was typed for it,
// the approver's PIN above all.
func (h *historyScreen) stopFixing() {
	h.fixing = nil
	h.fixWhy.SetText("")
	h.approverPIN.SetText("")
	h.approver.ClearSelected()
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
	var senior, pin string
	if !h.approveBox.Hidden {
		senior, pin = h.approverID(), h.approverPIN.Text
	}
	load(a, func() (mar.Event, error) { return h.svc.CorrectApproved(sess, id, why, senior, pin) }, func(_ mar.Event, err error) {
		h.fixBusy = false
		if err != nil {
			h.approverPIN.SetText("")
			say(h.message, false, "Not corrected: "+a.explain(err))
			h.enableFix()
			return
		}
		h.stopFixing()
		say(h.message, true, "Marked as entered in error. The record stays in the history with the correction.")
		h.refresh()
		a.status.refresh()
	})
}

package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"medround/internal/round"
)

// rowList is a section of the resident's page whose rows are kept and
// refilled from one resident to the next rather than built again: each new
// label costs a text texture and its layout, and a round opens a page per
// resident.
type rowList[R any] struct {
	empty *widget.Label
	rows  []R
	objs  []fyne.CanvasObject
	make  func() (R, fyne.CanvasObject)
	box   *fyne.Container
}

func newRowList[R any](empty string, make func() (R, fyne.CanvasObject)) *rowList[R] {
	l := &rowList[R]{empty: widget.NewLabel(empty), make: make}
	l.box = container.NewVBox(l.empty)
	return l
}

// fill shows n rows, set by set, making rows only when it needs more than
// it has ever shown.
func (l *rowList[R]) fill(n int, set func(int, R)) {
	for len(l.rows) < n {
		r, o := l.make()
		l.rows = append(l.rows, r)
		l.objs = append(l.objs, o)
		l.box.Add(o)
	}
	for i, r := range l.rows {
		if i < n {
			set(i, r)
			l.objs[i].Show()
		} else {
			l.objs[i].Hide()
		}
	}
	l.empty.Hidden = n > 0
	l.box.Refresh()
}

// clear hides every row, while another resident loads.
func (l *rowList[R]) clear() {
	for _, o := range l.objs {
		o.Hide()
	}
	l.empty.Hide()
	l.box.Refresh()
}

// dueRow is a regular dose on the resident's page: time, medicine, dose,
// window and its state in words and colour.
type dueRow struct {
	app       *App
	title     *widget.Label
	what      *widget.Label
	state     *widget.Label
	overdue   *fyne.Container
	overdueTx *bandText
}

func newDueRow(a *App) (*dueRow, fyne.CanvasObject) {
	r := &dueRow{app: a, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		what: wrapped(""), state: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		overdueTx: bandChip(toneWarn, "")}
	r.title.Wrapping = fyne.TextWrapWord
	r.overdue = band(toneWarn, r.overdueTx)
	chip := container.NewVBox(r.state, r.overdue)
	return r, container.NewVBox(container.NewBorder(nil, nil, nil, chip, container.NewVBox(r.title, r.what)),
		widget.NewSeparator())
}

func (r *dueRow) set(d round.DueDose) {
	a := r.app
	r.title.SetText(fmt.Sprintf("%s  %s", a.clock(d.Slot.Due), d.Product.Name))
	r.what.SetText(fmt.Sprintf("%s %s · window %s–%s", d.Entry.Dose, d.Entry.Route,
		a.clock(d.Slot.Opens), a.clock(d.Slot.Closes)))
	text := stateWords(d.State)
	if d.Record != nil {
		text += " " + a.when(d.Record.OccurredAt)
	}
	r.overdue.Hidden = d.State != round.StateOverdue
	r.state.Hidden = !r.overdue.Hidden
	r.overdueTx.SetText(text)
	r.state.Importance = stateImportance(d.State)
	r.state.SetText(text)
}

// stateWords says a dose's state as the care worker reads it.
func stateWords(state round.DoseState) string {
	return map[round.DoseState]string{round.StateUpcoming: "Later", round.StateDue: "Due now",
		round.StateOverdue: "Overdue", round.StateRefused: "Refused", round.StateNotGiven: "Not given",
		round.StateGiven: "Given"}[state]
}

// stateImportance colours a dose's state; the words carry it too, so it
// never rests on colour alone.
func stateImportance(state round.DoseState) widget.Importance {
	switch state {
	case round.StateDue:
		return widget.HighImportance
	case round.StateGiven:
		return widget.SuccessImportance
	case round.StateRefused, round.StateNotGiven:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// prnRow is a when-required medicine: its dose, whether it may be given
// now, and what was given in the last 24 hours.
type prnRow struct {
	app    *App
	title  *widget.Label
	dose   *widget.Label
	when   *widget.Label
	totals *widget.Label
}

func newPRNRow(a *App) (*prnRow, fyne.CanvasObject) {
	r := &prnRow{app: a, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		dose: wrapped(""), when: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		totals: wrapped("")}
	r.title.Wrapping = fyne.TextWrapWord
	return r, container.NewVBox(r.title, r.dose, r.when, r.totals, widget.NewSeparator())
}

func (r *prnRow) set(p round.PRNStatus) {
	r.title.SetText(p.Product.Name)
	r.dose.SetText(prnDose(p.Entry))
	r.when.Importance = widget.SuccessImportance
	when := "Can be given now"
	if !p.NextAllowed.IsZero() {
		when = "Not before " + r.app.when(p.NextAllowed)
		r.when.Importance = widget.DangerImportance
	}
	r.when.SetText(when)
	r.totals.SetText(r.app.prnTotals(p))
}

func (a *App) prnTotals(p round.PRNStatus) string {
	last := "Not given in the last days"
	if !p.LastGiven.IsZero() {
		last = "Last given " + a.when(p.LastGiven)
	}
	total := fmt.Sprintf("24 h total %g %s", p.Total24h, p.Entry.Dose.Unit)
	if p.Max != nil {
		total = fmt.Sprintf("24 h total %g of at most %s in %s", p.Total24h, p.Max.Quantity, hours(p.Max.Period))
	}
	return last + " · " + total
}

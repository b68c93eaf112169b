package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
	"medround/internal/mar"
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
	r.what.SetText(fmt.Sprintf("%s %s · window %s–%s", doseWords(d.Entry), d.Entry.Route,
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
// now as the check says (check.NextPRN, through the round's page), and what
// was given in the last 24 hours.
type prnRow struct {
	app    *App
	title  *widget.Label
	dose   *widget.Label
	when   *widget.Label
	why    *widget.Label
	totals *widget.Label
	entry  mar.ChartEntry
	proto  *widget.Button // opens the line's PRN protocol
}

func newPRNRow(a *App) (*prnRow, fyne.CanvasObject) {
	r := &prnRow{app: a, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		dose: wrapped(""), when: wrapped(""), why: wrapped(""), totals: wrapped("")}
	r.title.Wrapping = fyne.TextWrapWord
	r.when.TextStyle = fyne.TextStyle{Bold: true}
	r.proto = newButton("PRN protocol", theme.DocumentIcon(), widget.MediumImportance,
		a.act(func() { a.protocol.open(r.entry.ResidentID, r.entry.ID) }))
	return r, container.NewVBox(r.title, r.dose, r.when, r.why, r.totals, container.NewHBox(tall(r.proto)), widget.NewSeparator())
}

func (r *prnRow) set(p round.PRNStatus) {
	r.title.SetText(p.Product.Name)
	r.entry, r.proto.Hidden = p.Entry, mar.IsHomelyEntry(p.Entry.ID)
	r.dose.SetText(prnDose(p.Entry))
	when, why, imp := r.app.prnWhen(p)
	r.when.Importance = imp
	r.when.SetText(when)
	r.why.Hidden = why == ""
	r.why.SetText(why)
	r.totals.SetText(r.app.prnTotals(p))
}

// timingWords name the reasons that time alone clears, for the line that
// says from when a dose may be given.
var timingWords = map[check.Code]string{check.TooSoon: "Too soon", check.MaxDoseReached: "Maximum reached"}

// prnWhen says whether a dose may be given now, in the check's terms: "Can
// be given now" only when a dose now would pass; else the reason, and from
// when if time alone clears it. why holds the check's own words for every
// other reason, "" when there are none.
func (a *App) prnWhen(p round.PRNStatus) (when, why string, imp widget.Importance) {
	var timing, other []string
	for _, r := range p.Why {
		if w, ok := timingWords[r.Code]; ok && !p.NextAllowed.IsZero() {
			if !slices.Contains(timing, w) {
				timing = append(timing, w)
			}
			continue
		}
		other = append(other, r.Message)
	}
	why = strings.Join(other, "\n")
	switch {
	case p.Level == mar.LevelOK:
		return "Can be given now", why, widget.SuccessImportance
	case p.Level == mar.LevelWarn:
		return "Give only with a reason", why, widget.WarningImportance
	case len(timing) > 0:
		return strings.Join(timing, " and ") + ": can be given from " + a.when(p.NextAllowed), why, widget.DangerImportance
	}
	return "Do not give now", why, widget.DangerImportance
}

// prnTotals is when the line was last given and how much of it in the last
// 24 hours, against its own maximum; the maximum per ingredient, across
// lines, has its own rows.
func (a *App) prnTotals(p round.PRNStatus) string {
	last := "Not given in the last days"
	if !p.LastGiven.IsZero() {
		last = "Last given " + a.when(p.LastGiven)
	}
	unit := p.Entry.Dose.Unit
	var total string
	switch m := p.Max; {
	case m != nil && p.Total24h == 0:
		total = fmt.Sprintf("at most %s in %s", amountWords(m.Quantity.Value, m.Quantity.Unit), periodWords(m.Period))
	case m != nil:
		total = fmt.Sprintf("%g of at most %s in %s", p.Total24h, amountWords(m.Quantity.Value, m.Quantity.Unit), periodWords(m.Period))
	case p.Total24h > 0:
		total = amountWords(p.Total24h, unit) + " in the last 24 hours"
	}
	if total == "" {
		return last
	}
	return last + " · " + total
}

// ingredientLine is the total of an active ingredient given in its
// maximum's period, against the strictest maximum in force, as the check
// adds it up. Where the strength of a product given is missing the check
// cannot add the doses up and warns, so the page says to ask a senior; a
// total the check counts per line, in tablets or millilitres, shows on
// that line's row and has none here (show false).
func ingredientLine(t check.IngredientTotal) (text string, imp widget.Importance, show bool) {
	switch {
	case t.Known:
		given := mgWords(t.GivenMG)
		if t.GivenMG == 0 && t.LimitMG >= 1000 {
			given = "0 g"
		}
		imp = widget.MediumImportance
		if t.GivenMG >= t.LimitMG {
			imp = widget.DangerImportance
		}
		return fmt.Sprintf("%s: %s of %s in %s", t.Ingredient, given, mgWords(t.LimitMG), periodWords(t.Period)), imp, true
	case len(t.Missing) > 0:
		return fmt.Sprintf("%s: strength not on the chart for %s: ask a senior", t.Ingredient, strings.Join(t.Missing, ", ")),
			widget.WarningImportance, true
	}
	return "", 0, false
}

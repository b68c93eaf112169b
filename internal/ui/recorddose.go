package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
	"medround/internal/round"
)

// doseChoice is which dose a record is for, asked when the medicine has a
// dose whose window closed with nothing recorded (issue 15, item 10). A
// refusal entered at 15:00 for the 08:00 dose must sit on the 08:00 dose:
// left to the nearest dose it lands on the evening one, the morning shows
// missed and the evening dose shows refused and is not given. The care
// worker chooses; nothing is recorded until they have, and the check runs
// again for the dose chosen, so the verdict shown is the one recorded.
type doseChoice struct {
	options []doseOption // the missed doses, newest first, then the current or next one
	chosen  time.Time    // the due time chosen; zero until chosen
}

type doseOption struct {
	due    time.Time
	missed bool
}

// waitingForDose reports whether a dose must still be chosen.
func (p *recordPanel) waitingForDose() bool {
	return p.doses != nil && p.doses.chosen.IsZero()
}

// offerDoses adds the choice of dose to the verdict's reasons. The options
// are worked out on the first verdict, the one for the nearest dose.
func (p *recordPanel) offerDoses(v check.Verdict) {
	if p.doses == nil && p.req.SlotDue.IsZero() {
		p.doses = p.doseOptions(v)
	}
	if p.doses != nil {
		p.reasons.Add(p.doseBand())
	}
}

// doseOptions lists the doses of the verdict's chart entry a record may be
// for: the resident page's missed doses (as round places the records on
// them) and any that closed since it loaded, then the current or next dose
// today. It is nil when there is nothing to choose: no dose was missed, or
// the one missed dose is the only one and the check already chose it.
func (p *recordPanel) doseOptions(v check.Verdict) *doseChoice {
	rv, res := p.page.rv, p.result
	if v.Entry == nil || v.Entry.PRN || rv == nil || res == nil || res.Resident == nil || rv.Resident.ID != res.Resident.ID {
		return nil
	}
	now := p.app.now()
	var missed []time.Time
	add := func(d round.DueDose) {
		if d.Entry.ID == v.Entry.ID && d.Record == nil && d.Slot.Closes.Before(now) &&
			d.Slot.Due.After(now.Add(-24*time.Hour)) && !slices.ContainsFunc(missed, d.Slot.Due.Equal) {
			missed = append(missed, d.Slot.Due)
		}
	}
	for _, d := range rv.Overdue {
		add(d)
	}
	for _, d := range rv.Due {
		add(d)
	}
	if len(missed) == 0 {
		return nil
	}
	slices.SortFunc(missed, func(a, b time.Time) int { return b.Compare(a) })
	c := &doseChoice{}
	for _, due := range missed {
		c.options = append(c.options, doseOption{due: due, missed: true})
	}
	if next := nextDose(v, rv, missed, now); !next.IsZero() {
		c.options = append(c.options, doseOption{due: next})
	}
	if len(c.options) == 1 && v.Slot != nil && v.Slot.Due.Equal(missed[0]) {
		return nil // the check already chose the one dose there is: nothing to ask
	}
	return c
}

// nextDose is the dose the check chose when it is not a missed one, else
// the entry's first dose on the page still open or to come; zero if none.
func nextDose(v check.Verdict, rv *round.ResidentView, missed []time.Time, now time.Time) time.Time {
	if v.Slot != nil && !slices.ContainsFunc(missed, v.Slot.Due.Equal) {
		return v.Slot.Due
	}
	for _, d := range rv.Due {
		if d.Entry.ID == v.Entry.ID && d.Record == nil && !d.Slot.Closes.Before(now) {
			return d.Slot.Due
		}
	}
	return time.Time{}
}

// doseBand asks which dose the record is for, or says which was chosen.
func (p *recordPanel) doseBand() fyne.CanvasObject {
	c := p.doses
	var names []string
	for _, o := range c.options {
		if o.missed {
			names = append(names, p.doseName(o.due))
		}
	}
	head := "Which dose is this record for?"
	text := "Nothing was recorded for " + strings.Join(names, " or ") +
		". A refusal or a dose not given is recorded against the dose it was for."
	if !c.chosen.IsZero() {
		head, text = "This record is for "+p.doseName(c.chosen)+". Tap another dose to change it.", ""
	}
	// Side by side while they fit, so the verdict's reasons stay in view.
	buttons := container.NewGridWithColumns(len(c.options))
	if len(c.options) > 2 {
		buttons = container.NewVBox()
	}
	for _, o := range c.options {
		label := "Record for " + p.doseName(o.due)
		if o.missed {
			label += " (missed)"
		}
		imp := widget.MediumImportance
		if c.chosen.Equal(o.due) {
			imp = widget.HighImportance
		}
		due := o.due
		buttons.Add(tall(newButton(label, theme.HistoryIcon(), imp, p.app.act(func() { p.chooseDose(due) }))))
	}
	if text == "" {
		return band(toneWarn, bandBold(toneWarn, head), buttons)
	}
	return band(toneWarn, bandBold(toneWarn, head), bandPlain(toneWarn, text), buttons)
}

// doseName is "the 08:00 dose" today, else "the dose due yesterday 21:00".
func (p *recordPanel) doseName(due time.Time) string {
	when := p.app.when(due)
	if !strings.Contains(when, " ") {
		return "the " + when + " dose"
	}
	return "the dose due " + when
}

// chooseDose checks the scan again for the dose chosen; what was typed for
// the verdict before is cleared, since it was for another dose.
func (p *recordPanel) chooseDose(due time.Time) {
	if p.busy || p.doses == nil {
		return
	}
	c, req, unscanned := p.doses, p.req, p.unscanned
	req.SlotDue = due
	p.reset()
	c.chosen = due
	p.doses, p.req, p.unscanned = c, req, unscanned
	p.run()
}

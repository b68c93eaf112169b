package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
)

// prnDose is one PRN dose given, with the entry version, product and unit
// it was given as: doses of one entry given as tablets and, after a chart
// change, as liquid are two rows, never one sum of tablets and mL.
type prnDose struct {
	id         uuid.UUID
	residentID string
	entryID    string
	version    int
	productID  string
	unit       string
	at         time.Time
	quantity   float64
}

// prnEffect is a KindPRNEffect record about a dose.
type prnEffect struct {
	id, dose  uuid.UUID
	at        time.Time
	effective bool
}

// prn summarises each resident's use of each PRN entry: the doses the
// check reads as PRN (check.IsPRNDose) given in the period.
func (b *builder) prn() error {
	var doses []prnDose
	var effects []prnEffect
	maxima := b.newMaxHistory()
	s, err := b.scan(func(ev mar.Event) {
		b.noteMaxDose(maxima, &ev)
		switch {
		case ev.Kind == mar.KindPRNEffect && ev.Effective != nil:
			effects = append(effects, prnEffect{id: ev.ID, dose: ev.About, at: ev.OccurredAt, effective: *ev.Effective})
		case check.IsPRNDose(&ev) && b.inPeriod(ev.OccurredAt):
			doses = append(doses, b.prnDose(&ev))
		}
	})
	if err != nil {
		return err
	}
	if err := b.readEarlierMaxDoses(maxima, s); err != nil {
		return err
	}
	void := s.voided()
	b.void = void
	doses = slices.DeleteFunc(doses, func(d prnDose) bool { return void[d.id] })
	effect := lastEffects(effects, void)
	slices.SortFunc(doses, func(x, y prnDose) int {
		return cmp.Or(strings.Compare(x.residentID, y.residentID), strings.Compare(x.entryID, y.entryID),
			strings.Compare(x.productID, y.productID), strings.Compare(x.unit, y.unit), x.at.Compare(y.at))
	})
	g := b.newGroups()
	for start := 0; start < len(doses); {
		end := start + 1
		for end < len(doses) && doses[end].residentID == doses[start].residentID &&
			doses[end].entryID == doses[start].entryID && doses[end].productID == doses[start].productID &&
			doses[end].unit == doses[start].unit {
			end++
		}
		b.prnRow(g, doses[start:end], effect, maxima)
		start = end
	}
	slices.Sort(b.rep.Warnings)
	b.rep.Warnings = slices.Compact(b.rep.Warnings)
	sortRows(b.rep.Rows)
	g.finish(false, false)
	return nil
}

// prnDose reads a PRN dose as it was given: the product and unit the record
// names, else those of the entry version it names.
func (b *builder) prnDose(ev *mar.Event) prnDose {
	d := prnDose{id: ev.ID, residentID: ev.ResidentID, entryID: ev.EntryID, version: ev.EntryVersion,
		productID: ev.ProductID, unit: ev.DoseUnit, at: ev.OccurredAt, quantity: b.quantity(ev)}
	if e, ok := b.version(ev.EntryID, ev.EntryVersion); ok {
		if d.productID == "" {
			d.productID = e.ProductID
		}
		if d.unit == "" {
			d.unit = e.Dose.Unit
		}
	}
	return d
}

// quantity is what a dose record gave; a record without one counts as the
// prescribed dose of the chart version it was given against.
func (b *builder) quantity(ev *mar.Event) float64 {
	if ev.Quantity > 0 {
		return ev.Quantity
	}
	if e, ok := b.version(ev.EntryID, ev.EntryVersion); ok {
		return e.Dose.Value
	}
	return 0
}

// lastEffects returns, for each dose, whether the last effect recorded for
// it (no correction voiding it) said it worked.
func lastEffects(effects []prnEffect, void map[uuid.UUID]bool) map[uuid.UUID]bool {
	slices.SortStableFunc(effects, func(x, y prnEffect) int { return x.at.Compare(y.at) })
	out := make(map[uuid.UUID]bool, len(effects))
	for _, e := range effects {
		if !void[e.id] {
			out[e.dose] = e.effective
		}
	}
	return out
}

// prnRow adds the row of one resident's doses of one PRN entry given as one
// product in one unit, sorted by time. Its dose and maximum are those of
// the entry version the last of them was given under; whether a maximum
// was passed is the check's rule (overMaximum).
func (b *builder) prnRow(g *groups, doses []prnDose, effect map[uuid.UUID]bool, maxima *maxHistory) {
	first, last := doses[0], doses[len(doses)-1]
	row := b.baseRow(first.residentID, first.entryID, last.version)
	if n := b.products[first.productID]; n != "" {
		row.Medicine = n
	}
	use := &PRNUse{Count: len(doses), Times: make([]time.Time, 0, len(doses)), Days: []DayTotal{}, Unit: first.unit}
	for _, d := range doses {
		use.Times = append(use.Times, b.local(d.at))
		use.Total += d.quantity
		if worked, ok := effect[d.id]; ok {
			use.WithEffect++
			if worked {
				use.Effective++
			}
		}
		b.addDay(use, d)
	}
	var from time.Time
	use.Max24h, from = rollingMax(doses, 24*time.Hour)
	use.Max24hFrom = b.local(from)
	if e, ok := b.version(first.entryID, last.version); ok && e.ProductID == first.productID && e.Dose.Unit == first.unit {
		if m := e.MaxDose; m != nil && m.Period > 0 {
			use.Limit = fmt.Sprintf("%s per %s", m.Quantity, formatPeriod(m.Period))
		}
	}
	use.Over = b.overMaximum(maxima, doses)
	use.OverLimit = use.Over != ""
	row.PRN = use
	g.resident(first.residentID).Count += len(doses)
	b.rep.Rows = append(b.rep.Rows, row)
}

// addDay adds a dose to its local calendar day's total; doses come in time
// order, so a new day is always the last.
func (b *builder) addDay(use *PRNUse, d prnDose) {
	day := d.at.In(b.loc).Format(time.DateOnly)
	if n := len(use.Days); n == 0 || use.Days[n-1].Date != day {
		use.Days = append(use.Days, DayTotal{Date: day})
	}
	last := &use.Days[len(use.Days)-1]
	last.Count++
	last.Total += d.quantity
}

// rollingMax returns the largest total of doses (sorted by time) given
// within any span shorter than period, and the time of the first dose of
// that span: what the report shows as the most given in 24 hours. Whether
// that passed a maximum is the check's to say (overMaximum). A dose exactly
// one period after another starts a new span, as the check counts.
func rollingMax(doses []prnDose, period time.Duration) (float64, time.Time) {
	var best, sum float64
	var bestFrom time.Time
	lo := 0
	for _, d := range doses {
		sum += d.quantity
		for !d.at.Before(doses[lo].at.Add(period)) {
			sum -= doses[lo].quantity
			lo++
		}
		if sum > best+1e-9 {
			best, bestFrom = sum, doses[lo].at
		}
	}
	return best, bestFrom
}

// formatPeriod writes a maximum-dose period as a prescriber would: 24h, 7d.
func formatPeriod(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0 && d > 24*time.Hour:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return d.String()
}

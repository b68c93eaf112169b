package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
)

// The PRN report's "over the maximum" is the check's rule, asked after the
// fact (check.MaximaPassed, as the centre's incident finder asks
// check.IngredientTotals): every dose of an active ingredient counts, in
// milligrams, whatever line or form it was given as, against the strictest
// maximum in force. A report that summed each line in its own unit would
// pass 8 paracetamol tablets and 10 mL of paracetamol suspension in a day
// (4.5 g) as two lines within their maxima.

// maxHistory is what the maximum rule reads: each resident's given doses
// of a line with a maximum or of a product sharing an ingredient with one,
// in the order read (the check sorts them), and the longest maximum's
// period per resident.
type maxHistory struct {
	doses    map[string][]mar.Event
	longest  map[string]time.Duration
	products map[string]mar.Product
	// limited holds, per resident, the entries with a maximum and the
	// ingredients of their products.
	limited map[string]*limits
}

type limits struct {
	entries     map[string]bool
	ingredients []mar.Concept
	// holds caches, per product, whether it holds one of ingredients:
	// comparing ingredient names for each dose of a fortnight was a third
	// of the review's time.
	holds map[string]bool
}

// newMaxHistory finds each resident's lines with a maximum, from every
// version of their chart.
func (b *builder) newMaxHistory() *maxHistory {
	h := &maxHistory{doses: map[string][]mar.Event{}, longest: map[string]time.Duration{},
		products: b.fullProducts, limited: map[string]*limits{}}
	for _, e := range b.entries {
		if e.MaxDose == nil || e.MaxDose.Period <= 0 {
			continue
		}
		l := h.limited[e.ResidentID]
		if l == nil {
			l = &limits{entries: map[string]bool{}, holds: map[string]bool{}}
			h.limited[e.ResidentID] = l
		}
		l.entries[e.ID] = true
		l.ingredients = append(l.ingredients, h.products[e.ProductID].Ingredients...)
		h.longest[e.ResidentID] = max(h.longest[e.ResidentID], e.MaxDose.Period)
	}
	return h
}

// noteMaxDose keeps a given dose the maximum rule may count.
func (b *builder) noteMaxDose(h *maxHistory, ev *mar.Event) {
	l := h.limited[ev.ResidentID]
	if l == nil || ev.Kind != mar.KindAdministration || ev.Outcome != mar.OutcomeGiven {
		return
	}
	if !l.entries[ev.EntryID] && !b.holdsAny(h, ev, l) {
		return
	}
	// Only what the check reads of a dose: a year of them is kept.
	h.doses[ev.ResidentID] = append(h.doses[ev.ResidentID], mar.Event{ID: ev.ID, Kind: ev.Kind,
		ResidentID: ev.ResidentID, EntryID: ev.EntryID, EntryVersion: ev.EntryVersion, ProductID: ev.ProductID,
		DoseUnit: ev.DoseUnit, Quantity: ev.Quantity, Outcome: ev.Outcome, OccurredAt: ev.OccurredAt})
}

// holdsAny reports whether the product a dose was given as holds one of
// the ingredients limited on the resident's chart.
func (b *builder) holdsAny(h *maxHistory, ev *mar.Event, l *limits) bool {
	pid := ev.ProductID
	if pid == "" {
		if e, ok := b.version(ev.EntryID, ev.EntryVersion); ok {
			pid = e.ProductID
		}
	}
	if held, ok := l.holds[pid]; ok {
		return held
	}
	held := false
	for _, x := range h.products[pid].Ingredients {
		for _, ing := range l.ingredients {
			held = held || mar.SameIngredient(x, ing)
		}
	}
	l.holds[pid] = held
	return held
}

// maxReach bounds how far before the period the maximum rule reads: a
// maximum per week or per month counts the doses of its period before the
// first dose of the report, and a month covers every maximum charted.
const maxReach = 31 * 24 * time.Hour

// readEarlierMaxDoses reads the doses (and corrections) a maximum longer
// than the report's margin counts from before the scan: 16 tablets a week
// is passed by doses either side of the period's start.
func (b *builder) readEarlierMaxDoses(h *maxHistory, s *scanned) error {
	var longest time.Duration
	for _, d := range h.longest {
		longest = max(longest, d)
	}
	scanFrom, _ := b.scanRange()
	early := b.from.Add(-min(longest, maxReach))
	if !early.Before(scanFrom) {
		return nil
	}
	err := b.src.EachEvent(early, scanFrom, func(ev mar.Event) error {
		if ev.Kind == mar.KindCorrection {
			s.corrections = append(s.corrections, mar.Event{ID: ev.ID, Kind: ev.Kind, Corrects: ev.Corrects})
			return nil
		}
		b.noteMaxDose(h, &ev)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read doses before the period: %w", err)
	}
	return nil
}

// overMaximum asks the check, at each dose of a row (sorted by time),
// whether a maximum limiting what the row gave was passed, and says which
// in words; "" when none was.
func (b *builder) overMaximum(h *maxHistory, doses []prnDose) string {
	rid := doses[0].residentID
	r, ok := b.residents[rid]
	if !ok || h.limited[rid] == nil {
		return ""
	}
	from := doses[0].at.Add(-h.longest[rid])
	to := doses[len(doses)-1].at
	var hist []mar.Event
	for _, ev := range h.doses[rid] {
		if ev.OccurredAt.After(from) && !ev.OccurredAt.After(to) && !b.void[ev.ID] {
			hist = append(hist, ev)
		}
	}
	times := make([]time.Time, len(doses))
	for i, d := range doses {
		times[i] = d.at
	}
	span := b.chartOf[rid]
	in := check.Input{Home: b.home, ResidentScan: rid, ResidentChosen: true, Resident: r,
		Chart: b.entries[span[0]:span[1]], Products: h.products, History: hist}
	product := h.products[doses[0].productID]
	all := check.MaximaPassed(in, times)
	if all == nil {
		// The check could not read the chart: say so rather than pass the
		// doses as within their maxima.
		b.rep.Warnings = append(b.rep.Warnings, fmt.Sprintf(
			"PRN entry %s: whether a maximum was passed could not be worked out (the chart or the home's time zone could not be read)",
			doses[0].entryID))
		return ""
	}
	for i, passed := range all {
		for _, p := range passed {
			if p.EntryID == doses[0].entryID || (p.Ingredient != "" && holdsIngredient(product, p.Ingredient)) {
				return b.overWords(p, times[i])
			}
		}
	}
	return ""
}

func holdsIngredient(p mar.Product, ingredient string) bool {
	return slices.ContainsFunc(p.Ingredients, func(x mar.Concept) bool {
		return mar.SameIngredient(x, mar.Concept{Text: ingredient})
	})
}

// overWords says which maximum a dose went over: "paracetamol: 4.5 g in
// the 24h up to 02:00 Wed 21 Oct, over the 4 g maximum".
func (b *builder) overWords(p check.MaxPassed, at time.Time) string {
	given, limit := mar.Amount(p.Given, p.Unit), mar.Amount(p.Limit, p.Unit)
	if p.Unit == "mg" {
		given, limit = mar.MilligramText(p.Given), mar.MilligramText(p.Limit)
	}
	what := "this medicine"
	if p.Ingredient != "" {
		what = strings.ToLower(p.Ingredient)
	}
	return fmt.Sprintf("%s: %s in the %s up to %s, over the %s maximum", what, given,
		formatPeriod(p.Period), at.In(b.loc).Format("15:04 Mon 2 Jan"), limit)
}

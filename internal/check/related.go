package check

import (
	"time"

	"medround/internal/mar"
)

// defaultGap is how far apart doses of one ingredient should be when the
// entry they were given under has no minimum interval: four hours is the
// usual gap for paracetamol and most when-required analgesics.
const defaultGap = 4 * time.Hour

// related is another chart entry whose product is this one's or shares an
// active ingredient with it.
type related struct {
	entry   mar.ChartEntry
	inForce bool
	// ownPRN marks this dose's own line, for its doses given as PRN.
	ownPRN bool
}

// relatedEntries lists the other entries of the chart whose product is the
// same as this entry's or shares an active ingredient, each once. An entry
// whose every version has ended (retracted, or superseded and gone) is
// listed too: a dose given under it was still given.
func (c *checker) relatedEntries() []related {
	e, p := c.v.Entry, *c.v.Product
	current := make(map[string]mar.ChartEntry, len(c.chart))
	for _, x := range c.chart {
		current[x.ID] = x
	}
	seen := map[string]bool{e.ID: true}
	var out []related
	for _, x := range c.in.Chart {
		if seen[x.ID] {
			continue
		}
		seen[x.ID] = true
		if !c.match.Shares(c.in.Products[x.ProductID], p) {
			continue
		}
		cur, ok := current[x.ID]
		if !ok {
			out = append(out, related{entry: x})
			continue
		}
		out = append(out, related{entry: cur, inForce: c.inForce(cur)})
	}
	return out
}

// relatedGiven controls a dose given twice across a change of chart line:
// the GP stops amlodipine (entry A) and starts it again as a new entry B on
// the same day, and the 08:00 dose given under A is not a record of B. A
// given record of an entry no longer in force, for the same product or an
// ingredient in common, whose slot was due within this slot's window,
// closes this slot. Entries still in force are left out: two lines in force
// together are the prescriber's intent (Madopar CR and dispersible Madopar
// at night), and one must not close the other.
func (c *checker) relatedGiven(rel []related, s *slotState) {
	for _, r := range rel {
		if r.inForce {
			continue
		}
		for _, ev := range c.history.givenSince(r.entry.ID, time.Time{}) {
			d := ev.SlotDue
			if d.IsZero() || d.Before(s.slot.Opens) || d.After(s.slot.Closes) {
				continue
			}
			if s.given == nil || ev.OccurredAt.After(s.given.OccurredAt) {
				s.given, s.under = ev, &r.entry
			}
		}
	}
}

// checkRecentIngredient warns of a dose of the same ingredient given under
// another entry a short time before (or recorded after) this one: a PRN
// paracetamol at 07:30 and the regular 08:00 paracetamol. The gap is the
// other entry's minimum interval, else four hours. It is a warning, not a
// stop: the regular dose is prescribed, and a senior may judge the gap
// safe, but it must not pass without a word. For a regular dose, other
// regular entries in force are left out: the prescriber charted them
// together.
func (c *checker) checkRecentIngredient() {
	if c.v.Has(AlreadyGiven) || c.v.Has(TooSoon) {
		return
	}
	e := c.v.Entry
	var best nearDose
	var bestGap time.Duration
	rel := c.relatedEntries()
	if !e.PRN {
		// Doses of this line given when it was when-required (a PRN line
		// made regular) sit on no slot (IsPRNDose): they are recent doses
		// too.
		rel = append(rel, related{entry: *e, inForce: true, ownPRN: true})
	}
	for _, r := range rel {
		gap, _ := r.entry.PRNInterval()
		if gap <= 0 {
			gap = defaultGap
		}
		for _, ev := range c.history.givenSince(r.entry.ID, c.in.Now.Add(-gap)) {
			if !ev.OccurredAt.Before(c.in.Now.Add(gap)) || (r.ownPRN && !IsPRNDose(ev)) {
				continue
			}
			if best.ev == nil || absDur(ev.OccurredAt.Sub(c.in.Now)) < absDur(best.ev.OccurredAt.Sub(c.in.Now)) {
				best, bestGap = nearDose{ev, r.entry}, gap
			}
		}
	}
	if best.ev != nil {
		c.recentIngredient(best, bestGap)
	}
}

func (c *checker) recentIngredient(d nearDose, gap time.Duration) {
	other := c.in.Products[d.entry.ProductID]
	what := other.Name
	if ing := sharedIngredient(c.match, other, *c.v.Product); ing != "" && other.ID != c.v.Product.ID {
		what += " (" + ing + ")"
	}
	how := "as a regular dose"
	switch {
	case d.entry.PRN:
		how = "as a when-required dose"
	case !c.inForce(d.entry):
		how = "under a chart line no longer in force"
	}
	at := c.when(d.ev.OccurredAt)
	if d.ev.OccurredAt.After(c.in.Now) {
		at += ", after the time of this dose"
	}
	this := "this dose"
	if !c.v.Entry.PRN {
		this = "the regular dose"
	}
	c.v.add(newReason(RecentSameIngr,
		"%s was given %s at %s; doses of it should be %s apart. Check the gap before giving %s; giving it needs a reason, which is recorded.",
		what, how, at, span(gap), this))
}

// sharedIngredient names an active ingredient two products have in common,
// or "".
func sharedIngredient(m *mar.IngredientMatcher, a, b mar.Product) string {
	if x, ok := m.Common(a, b); ok {
		return x.Label()
	}
	return ""
}

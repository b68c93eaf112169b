package check

import (
	"math"
	"strings"
	"time"

	"medround/internal/mar"
)

// checkPRN controls PRN ("when needed") doses given too often or over the
// maximum.
func (c *checker) checkPRN() {
	c.checkInterval()
	c.checkMaxDose()
}

// checkInterval stops a PRN dose within its minimum interval of another
// dose of the same entry, or of any entry sharing an active ingredient: the
// hazard is the ingredient (paracetamol tablets and paracetamol liquid, or
// co-codamol, all add paracetamol). A dose recorded after Now counts too: a
// check back-dated to a dose given earlier must not pass because the later
// dose is already on record. Two doses an hour apart are too close whichever
// came first.
func (c *checker) checkInterval() {
	e := c.v.Entry
	if e.MinInterval <= 0 {
		c.checkRecentIngredient()
		return
	}
	before, after := c.nearestDoses(e.MinInterval, func(other mar.ChartEntry) bool {
		return other.ID == e.ID || sharesIngredient(c.in.Products[other.ProductID], *c.v.Product)
	})
	switch {
	case before.ev != nil:
		c.v.add(newReason(TooSoon,
			"Do not give. %s was given at %s, %s ago. At least %s must pass between doses: the next dose can be given from %s.",
			c.lastWhat(before.entry), c.when(before.ev.OccurredAt), span(c.in.Now.Sub(before.ev.OccurredAt)), span(e.MinInterval),
			c.when(before.ev.OccurredAt.Add(e.MinInterval))))
	case after.ev != nil:
		c.v.add(newReason(TooSoon,
			"Do not give. A dose of %s was recorded at %s, after the time of this dose (%s), and at least %s must pass between doses. Check the time of this dose; if it is right, tell a senior, as the dose recorded after it was too soon.",
			c.doseOf(after.entry), c.when(after.ev.OccurredAt), c.when(c.in.Now), span(e.MinInterval)))
	}
}

// lastWhat names the dose that came before, for the TOO_SOON message.
func (c *checker) lastWhat(other mar.ChartEntry) string {
	if other.ID == c.v.Entry.ID {
		return "The last dose of " + c.v.Product.Name
	}
	return c.in.Products[other.ProductID].Name + ", which has the same ingredient,"
}

// doseOf names another entry's product: "Paracetamol 500mg tablets", or
// with "which has the same ingredient" when it is not this entry.
func (c *checker) doseOf(other mar.ChartEntry) string {
	if other.ID == c.v.Entry.ID {
		return c.v.Product.Name
	}
	return c.in.Products[other.ProductID].Name + " (which has the same ingredient)"
}

// nearDose is a standing given record and the entry it was given under.
type nearDose struct {
	ev    *mar.Event
	entry mar.ChartEntry
}

// nearestDoses finds, among the entries of the chart that match, the latest
// given dose at or before Now and the earliest after it, each within gap of
// Now (exactly gap away is far enough).
func (c *checker) nearestDoses(gap time.Duration, match func(mar.ChartEntry) bool) (before, after nearDose) {
	now := c.in.Now
	for _, other := range c.chart {
		if !match(other) {
			continue
		}
		for _, ev := range c.history.givenSince(other.ID, now.Add(-gap)) {
			t := ev.OccurredAt
			switch {
			case !t.After(now):
				if before.ev == nil || t.After(before.ev.OccurredAt) {
					before = nearDose{ev, other}
				}
			case t.Before(now.Add(gap)):
				if after.ev == nil || t.Before(after.ev.OccurredAt) {
					after = nearDose{ev, other}
				}
			}
		}
	}
	return before, after
}

// checkMaxDose stops a PRN dose that would take the total given in the
// rolling period over the prescribed maximum. Doses of this entry count,
// and those of other entries for the same product in the same unit; other
// products with the same ingredient cannot be added up without their
// strengths, which the chart does not carry.
func (c *checker) checkMaxDose() {
	e := c.v.Entry
	m := e.MaxDose
	if m == nil {
		return
	}
	name := c.v.Product.Name
	if m.Quantity.Value <= 0 || m.Period <= 0 || (m.Quantity.Unit != "" && e.Dose.Unit != "" && normUnit(m.Quantity.Unit) != normUnit(e.Dose.Unit)) {
		c.v.add(newReason(CannotDecide,
			"Do not give. The chart's maximum for %s (%s in %s) cannot be compared with its dose (%s). Ask a senior to check the chart.",
			name, m.Quantity, span(m.Period), e.Dose))
		return
	}
	since := c.in.Now.Add(-m.Period)
	total, ok := c.givenTotal(since)
	if !ok {
		c.v.add(newReason(CannotDecide,
			"Do not give. A recent dose of %s has no readable amount, so the check cannot tell whether the maximum of %s in %s is reached. Ask a senior to check the records.",
			name, m.Quantity, span(m.Period)))
		return
	}
	dose := c.in.Quantity
	if dose <= 0 {
		dose = e.Dose.Value
	}
	const eps = 1e-9
	if total+dose <= m.Quantity.Value+eps {
		return
	}
	c.v.add(newReason(MaxDoseReached,
		"Do not give. %s may be given up to %s in %s; %s has been given since %s, and this dose of %s would go over. The next dose can be given when earlier doses are %s old; if the resident still needs relief, ask a senior or the GP.",
		name, m.Quantity, span(m.Period), mar.Quantity{Value: total, Unit: e.Dose.Unit}, c.when(since),
		mar.Quantity{Value: dose, Unit: e.Dose.Unit}, span(m.Period)))
}

// givenTotal adds up the doses of this product in this unit given after
// since. It reports false when a record's amount cannot be read.
func (c *checker) givenTotal(since time.Time) (total float64, ok bool) {
	e := c.v.Entry
	for _, other := range c.chart {
		if other.ID != e.ID && (other.ProductID != e.ProductID || normUnit(other.Dose.Unit) != normUnit(e.Dose.Unit)) {
			continue
		}
		for _, ev := range c.history.givenSince(other.ID, since) {
			q := ev.Quantity
			if q == 0 {
				q = other.Dose.Value // recorded as "the prescribed dose"
			}
			if q <= 0 || math.IsNaN(q) || math.IsInf(q, 0) {
				return 0, false
			}
			total += q
		}
	}
	return total, true
}

// normUnit folds the spellings of a unit: "Tablets", "tablet", "{tablet}".
func normUnit(u string) string {
	u = strings.ToLower(strings.Trim(strings.TrimSpace(u), "{}"))
	if len(u) > 3 && strings.HasSuffix(u, "s") {
		u = strings.TrimSuffix(u, "s")
	}
	return u
}

// sharesIngredient reports whether two products are the same product or
// have an active ingredient in common (mar.SharesIngredient: by a shared
// code, or by name when the codes differ).
func sharesIngredient(a, b mar.Product) bool { return mar.SharesIngredient(a, b) }

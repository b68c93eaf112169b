package check

import (
	"strings"
	"time"

	"medround/internal/mar"
)

// checkPRN controls PRN ("when needed") doses given too often or over the
// maximum.
func (c *checker) checkPRN() {
	c.checkInterval()
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
	gap, _ := e.PRNInterval()
	if gap <= 0 {
		c.checkRecentIngredient()
		return
	}
	before, after := c.nearestDoses(gap, func(other mar.ChartEntry) bool {
		return other.ID == e.ID || sharesIngredient(c.in.Products[other.ProductID], *c.v.Product)
	})
	switch {
	case before.ev != nil:
		c.v.add(newReason(TooSoon,
			"Do not give. %s was given at %s, %s ago. At least %s must pass between doses: the next dose can be given from %s.",
			c.lastWhat(before.entry), c.when(before.ev.OccurredAt), span(c.in.Now.Sub(before.ev.OccurredAt)), span(gap),
			c.when(before.ev.OccurredAt.Add(gap))))
	case after.ev != nil:
		c.v.add(newReason(TooSoon,
			"Do not give. A dose of %s was recorded at %s, after the time of this dose (%s), and at least %s must pass between doses. Check the time of this dose; if it is right, tell a senior, as the dose recorded after it was too soon.",
			c.doseOf(after.entry), c.when(after.ev.OccurredAt), c.when(c.in.Now), span(gap)))
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

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
		return other.ID == e.ID || c.match.Shares(c.in.Products[other.ProductID], *c.v.Product)
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

// nearestDoses finds, among the standing given records whose line (any
// version) and product match, the latest at or before Now and the earliest
// after it, each within gap of Now (exactly gap away is far enough). It
// reads every record as the product it was given as, so a dose of a line
// no longer on the chart (a homely remedy now prescribed, a line retracted)
// still counts.
func (c *checker) nearestDoses(gap time.Duration, match func(other mar.ChartEntry) bool) (before, after nearDose) {
	now := c.in.Now
	current := make(map[string]mar.ChartEntry, len(c.chart))
	for _, e := range c.chart {
		current[e.ID] = e
	}
	for _, d := range c.givenDoses() {
		t := d.ev.OccurredAt
		if !t.After(now.Add(-gap)) || !t.Before(now.Add(gap)) {
			continue
		}
		other, ok := current[d.ev.EntryID]
		if !ok {
			if !d.known {
				continue
			}
			other = mar.ChartEntry{ID: d.ev.EntryID, ProductID: d.product.ID}
		} else if d.known && d.product.ID != other.ProductID {
			other.ProductID = d.product.ID // given as another form of the line
		}
		if !match(other) {
			continue
		}
		if !t.After(now) {
			if before.ev == nil || t.After(before.ev.OccurredAt) {
				before = nearDose{d.ev, other}
			}
		} else if after.ev == nil || t.Before(after.ev.OccurredAt) {
			after = nearDose{d.ev, other}
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

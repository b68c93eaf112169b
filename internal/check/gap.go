package check

import (
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
)

// lastDose is the last standing given record of a product sharing an
// ingredient with this dose, and the product it was given as.
type lastDose struct {
	ev      *mar.Event
	product mar.Product
}

// lastIngredientDose finds the latest standing given record at or before
// Now of any line, version or product sharing an active ingredient with
// this dose (its own line included), leaving out skip.
func (c *checker) lastIngredientDose(skip func(*mar.Event) bool) (lastDose, bool) {
	doses := c.givenDoses()
	for i := len(doses) - 1; i >= 0; i-- {
		g := doses[i]
		if g.ev.OccurredAt.After(c.in.Now) || skip(g.ev) {
			continue
		}
		if g.known && c.match.Shares(g.product, *c.v.Product) {
			return lastDose{ev: g.ev, product: g.product}, true
		}
	}
	return lastDose{}, false
}

// checkRegularGap controls a regular dose given soon after another dose of
// the same ingredient (H26): MR morphine given at 08:00 and the 21:00 dose
// at 09:01 with a reason typed for the early warning; co-careldopa at 06:00
// and again at 06:16; PRN paracetamol made regular twenty minutes after a
// PRN dose. Less than half the interval between this slot and the one
// before it after the last dose stops (TOO_SOON, as for a PRN dose);
// further, an early or late warning says when the last dose was given. The
// last dose is that of this line under any version (PRN or regular, any
// product) or of a line no longer in force with the ingredient, except the record of this line's previous slot when this dose is in its
// window (two on-time doses of the same line are the chart's own rhythm),
// and doses of other lines still in force, charted beside this one, of
// which RECENT_SAME_INGREDIENT warns.
func (c *checker) checkRegularGap() {
	s := c.v.Slot
	if s == nil || c.v.Has(AlreadyGiven) {
		return
	}
	interval := c.slotInterval(s.Due)
	inWindow := s.InWindow(c.in.Now)
	inForce := map[string]bool{}
	for _, e := range c.chart {
		inForce[e.ID] = c.inForce(e)
	}
	last, ok := c.lastIngredientDose(func(ev *mar.Event) bool {
		if ev.EntryID != c.v.Entry.ID {
			// Another line still in force was charted beside this one:
			// RECENT_SAME_INGREDIENT warns of it instead.
			return inForce[ev.EntryID]
		}
		return inWindow && !ev.SlotDue.IsZero() && ev.SlotDue.Before(s.Due)
	})
	if !ok {
		return
	}
	gap := c.in.Now.Sub(last.ev.OccurredAt)
	if interval > 0 && gap < interval/2 {
		c.v.add(newReason(TooSoon,
			"Do not give. %s was given at %s, %s ago. This dose is due at %s, and a regular dose must not be given within %s (half the time between its doses) of the last one, so not before %s. If it is needed sooner, ask a senior or the prescriber.",
			c.lastDoseWhat(last), c.when(last.ev.OccurredAt), span(gap), c.when(s.Due), span(interval/2),
			c.when(last.ev.OccurredAt.Add(interval/2))))
		return
	}
	c.sayLastDose(last)
}

// lastDoseWhat names the last dose for a message.
func (c *checker) lastDoseWhat(d lastDose) string {
	if d.ev.EntryID == c.v.Entry.ID && d.product.ID == c.v.Product.ID {
		return "The last dose of " + c.v.Product.Name
	}
	return d.product.Name + ", which has the same ingredient,"
}

// sayLastDose adds when the last dose was given to an early or late
// warning, so the care worker weighs the gap before overriding it.
func (c *checker) sayLastDose(d lastDose) {
	for i, r := range c.v.Reasons {
		if r.Code != TooEarly && r.Code != Late {
			continue
		}
		what := "The last dose"
		if d.product.ID != c.v.Product.ID {
			what = fmt.Sprintf("The last dose of the same ingredient (%s)", d.product.Name)
		}
		said := fmt.Sprintf(" %s was given at %s.", what, c.when(d.ev.OccurredAt))
		if !strings.Contains(r.Message, said) { // tooEarly may have said it
			c.v.Reasons[i].Message += said
		}
	}
}

// slotInterval is the time from the entry's slot before due to due; for
// the first slot in reach, the time to the next one; 0 when the entry has
// a single slot in two days either side.
func (c *checker) slotInterval(due time.Time) time.Duration {
	slots, err := c.slotsAround(*c.v.Entry, 48*time.Hour, 48*time.Hour)
	if err != nil {
		return 0
	}
	var prev, next time.Time
	for _, s := range slots {
		switch {
		case s.Due.Before(due):
			prev = s.Due
		case s.Due.After(due) && next.IsZero():
			next = s.Due
		}
	}
	switch {
	case !prev.IsZero():
		return due.Sub(prev)
	case !next.IsZero():
		return next.Sub(due)
	}
	return 0
}

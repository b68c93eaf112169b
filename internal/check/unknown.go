package check

import (
	"strings"
	"time"

	"medround/internal/mar"
)

// unknownWindow is how far back a dose of no known medicine makes the
// check say so: the longest period of the usual maxima and intervals.
const unknownWindow = 24 * time.Hour

// checkUnknownRecords controls a dose the ingredient rules cannot count
// (H34): a standing given record of the last day whose medicine this tablet
// cannot resolve (its chart line and product are not here: a homely remedy
// since taken off the list, a record pulled before its chart) could be this
// ingredient, so the interval and maximum rules may have missed it. It is a
// warning, not a stop: the record is most often another medicine, and the
// MAR chart says which.
func (c *checker) checkUnknownRecords() {
	if c.v.Level == mar.LevelStop {
		return
	}
	since := c.in.Now.Add(-unknownWindow)
	var when []string
	for _, g := range c.givenDoses() {
		if g.known || !g.ev.OccurredAt.After(since) || g.ev.OccurredAt.After(c.in.Now) {
			continue
		}
		when = append(when, c.when(g.ev.OccurredAt))
	}
	if len(when) == 0 {
		return
	}
	c.v.add(newReason(UnknownRecord,
		"A dose given in the last 24 hours (%s) is recorded for a medicine this tablet does not know, so the check cannot tell whether it was %s and count it against the interval and the maximum. Check the MAR chart or ask a senior before giving; the reason is recorded.",
		strings.Join(when, ", "), c.v.Product.Name))
}

package check

import (
	"time"

	"medround/internal/mar"
)

// noteCorrected says when the dose about to be given had an earlier record
// that was corrected as entered in error: the check then passes where it
// would have stopped as already given (or too soon), and a care worker must
// see who corrected it and why before giving, in case the correction
// itself was the mistake. It is information, not a warning: a correction
// is made or approved by a senior.
func (c *checker) noteCorrected() {
	e := c.v.Entry
	for i := range c.in.History {
		ev := &c.in.History[i]
		if ev.Kind != mar.KindAdministration || ev.EntryID != e.ID || ev.Outcome != mar.OutcomeGiven || c.stands(ev) {
			continue
		}
		if !c.aboutThisDose(ev) {
			continue
		}
		corr := c.correctionOf(ev)
		if corr == nil {
			continue
		}
		by, why := "", ""
		if corr.UserID != "" {
			by = " by " + corr.UserID
		}
		if corr.Note != "" {
			why = ": " + corr.Note
		}
		c.v.add(newReason(RecordCorrected,
			"A record of %s given at %s%s was corrected as entered in error at %s%s%s. Make sure the dose was not given before giving it.",
			c.v.Product.Name, c.when(ev.OccurredAt), userBy(ev.UserID), c.when(corr.OccurredAt), by, why))
		return
	}
}

func userBy(id string) string {
	if id == "" {
		return ""
	}
	return " by " + id
}

// aboutThisDose reports whether a record is of the dose being checked: the
// same slot for a regular dose, within the interval (or a day) for a PRN one.
func (c *checker) aboutThisDose(ev *mar.Event) bool {
	if s := c.v.Slot; s != nil {
		return ev.SlotDue.Equal(s.Due)
	}
	if !c.v.Entry.PRN {
		return false
	}
	gap, _ := c.v.Entry.PRNInterval()
	if gap <= 0 {
		gap = 24 * time.Hour
	}
	return absDur(ev.OccurredAt.Sub(c.in.Now)) < gap
}

// stands reports whether a record is among the standing records.
func (c *checker) stands(ev *mar.Event) bool {
	for _, x := range c.history.byEntry[ev.EntryID] {
		if x.ID == ev.ID {
			return true
		}
	}
	return false
}

// correctionOf is the latest correction naming the record.
func (c *checker) correctionOf(ev *mar.Event) *mar.Event {
	var out *mar.Event
	for i := range c.in.History {
		x := &c.in.History[i]
		if x.Kind == mar.KindCorrection && x.Corrects == ev.ID && (out == nil || x.OccurredAt.After(out.OccurredAt)) {
			out = x
		}
	}
	return out
}

package check

import (
	"errors"
	"fmt"
	"time"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// lookAhead is how far ahead the check searches for the next dose of an
// entry with none due soon, to say when it is: two months covers weekly
// and monthly medicines.
const lookAhead = 62 * 24 * time.Hour

// slotsAround returns the entry's slots due within a day either side of
// Now, widened by the window so a slot whose window holds Now is included.
// The current version's ValidFrom is not applied here, unlike in reports:
// a chart change imported at 08:30 must not hide the 08:00 slot already
// given, or the same dose could be given twice.
func (c *checker) slotsAround(e mar.ChartEntry, before, after time.Duration) ([]schedule.Slot, error) {
	e.ValidFrom = time.Time{}
	if !e.ValidTo.IsZero() && !c.in.Now.Before(e.ValidTo) {
		e.ValidTo = time.Time{}
	}
	w := max(c.in.Home.Window, c.in.Home.CriticalWindow, time.Hour)
	return c.cal.Between([]mar.ChartEntry{e}, c.in.Now.Add(-before-w), c.in.Now.Add(after+w))
}

// onlyOneDueNow settles a pack on the chart twice (say 1 tablet in the
// morning and 2 at night, written as two dosage lines): it picks the one
// regular entry with a dose in its window now. A PRN entry among them, or
// any doubt, leaves the choice to the care worker.
func (c *checker) onlyOneDueNow(entries []mar.ChartEntry) (mar.ChartEntry, bool) {
	var due []mar.ChartEntry
	for _, e := range entries {
		if e.PRN {
			return mar.ChartEntry{}, false
		}
		slots, err := c.slotsAround(e, 0, 0)
		if err != nil {
			return mar.ChartEntry{}, false
		}
		for _, s := range slots {
			if s.InWindow(c.in.Now) {
				due = append(due, e)
				break
			}
		}
	}
	if len(due) != 1 {
		return mar.ChartEntry{}, false
	}
	return due[0], true
}

// slotState is one slot with its standing records.
type slotState struct {
	slot     schedule.Slot
	given    *mar.Event
	declined *mar.Event
	// under is the other entry given is a record of, nil when it is this
	// entry's own.
	under *mar.ChartEntry
}

// checkSlot controls a regular dose given twice or at the wrong time. It
// ties the dose to a slot:
//   - a slot whose window holds Now and has no "given" record: on time;
//   - every such slot already given: ALREADY_GIVEN;
//   - else the last slot, if not given and nearer than the next: LATE;
//   - else the next slot within a day: TOO_EARLY (or ALREADY_GIVEN if it
//     was given early);
//   - else NO_DOSE_DUE.
//
// A refused or not-given record does not close a slot: the resident may
// take the dose later, and that is recorded as given.
func (c *checker) checkSlot() {
	e := c.v.Entry
	states, err := c.placedSlots(*e)
	if err != nil {
		c.cannotSchedule(err)
		return
	}
	rel := c.relatedEntries()
	for i := range states {
		if states[i].given == nil {
			c.relatedGiven(rel, &states[i])
		}
	}
	if !c.in.SlotDue.IsZero() {
		c.namedSlot(states)
		return
	}
	if c.inWindow(states) {
		return
	}
	prev, next := c.neighbours(states)
	switch {
	case prev != nil && prev.given == nil && (next == nil || c.in.Now.Sub(prev.slot.Due) <= next.slot.Due.Sub(c.in.Now)):
		c.late(prev, next)
	case next != nil && next.given != nil:
		c.alreadyGiven(next)
	case next != nil:
		c.tooEarly(prev, next)
	default:
		c.noDoseDue()
	}
}

// placedSlots returns the entry's slots due within a day either side of Now
// with the standing records placed on them (Place), which controls a dose
// given twice across a change of timing. The slots are expanded further
// for placing, so a record of an earlier timing goes to its nearest slot
// even at the edge of the span.
func (c *checker) placedSlots(e mar.ChartEntry) ([]slotState, error) {
	wide, err := c.slotsAround(e, 24*time.Hour+PlacementMargin, 24*time.Hour+PlacementMargin)
	if err != nil {
		return nil, err
	}
	w := max(c.in.Home.Window, c.in.Home.CriticalWindow, time.Hour)
	from, to := c.in.Now.Add(-24*time.Hour-w), c.in.Now.Add(24*time.Hour+w)
	var states []slotState
	for _, p := range Place(wide, c.history.byEntry[e.ID]) {
		if !p.Slot.Due.Before(from) && p.Slot.Due.Before(to) {
			states = append(states, slotState{slot: p.Slot, given: p.Given, declined: p.Declined})
		}
	}
	return states, nil
}

// namedSlot ties a record to the slot the care worker named (Input.SlotDue):
// a refusal recorded late belongs to the dose it was for, not to whichever
// dose is nearest when it is entered. The slot must be one of the entry's
// within a day of Now; any other time cannot be checked.
func (c *checker) namedSlot(states []slotState) {
	var named *slotState
	for i := range states {
		if states[i].slot.Due.Equal(c.in.SlotDue) && absDur(states[i].slot.Due.Sub(c.in.Now)) <= 24*time.Hour {
			named = &states[i]
		}
	}
	prev, next := c.neighbours(states)
	switch {
	case named == nil:
		c.v.add(newReason(CannotDecide,
			"Do not record this against %s: no dose of %s was due then, within a day of now. Choose one of the doses on the chart.",
			c.when(c.in.SlotDue), c.v.Product.Name))
	case named.given != nil:
		c.alreadyGiven(named)
	case named.slot.InWindow(c.in.Now):
		c.useSlot(named)
	case named.slot.Closes.Before(c.in.Now):
		if next != nil && !next.slot.Due.After(named.slot.Due) {
			next = nil
		}
		c.late(named, next)
	default:
		if prev != nil && !prev.slot.Due.Before(named.slot.Due) {
			prev = nil
		}
		c.tooEarly(prev, named)
	}
}

func (c *checker) cannotSchedule(err error) {
	var te *schedule.TimingError
	if errors.As(err, &te) {
		err = te.Err
	}
	// A round the home lacks is fixed in the home's settings, not only in
	// the chart: say which round, so the care worker knows whom to ask.
	var mr *schedule.MissingRoundError
	if errors.As(err, &mr) {
		c.v.add(newReason(CannotDecide,
			"Do not give. %s is charted at the %s round, which this home does not have, so the check cannot work out when it is due. "+
				"Ask a manager to add the %s round in Settings or to correct the chart.",
			c.v.Product.Name, mr.Round, mr.Round))
		return
	}
	c.v.add(newReason(CannotDecide,
		"Do not give. The check cannot work out when %s is due (%v). Ask a senior to check the chart.",
		c.v.Product.Name, err))
}

// inWindow handles Now inside one or more windows, reporting whether it
// did. With overlapping windows the nearest slot not yet given is used.
func (c *checker) inWindow(states []slotState) bool {
	var open, given *slotState
	for i := range states {
		s := &states[i]
		if !s.slot.InWindow(c.in.Now) {
			continue
		}
		if s.given != nil {
			if given == nil || c.nearer(s, given) {
				given = s
			}
		} else if open == nil || c.nearer(s, open) {
			open = s
		}
	}
	switch {
	case open != nil:
		c.useSlot(open)
		return true
	case given != nil:
		c.alreadyGiven(given)
		return true
	}
	return false
}

func (c *checker) nearer(a, b *slotState) bool {
	return absDur(a.slot.Due.Sub(c.in.Now)) < absDur(b.slot.Due.Sub(c.in.Now))
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// neighbours finds the last slot, due within the past day, whose window
// has closed, and the next one whose window has not opened. A dose due more
// than a day ago is not offered as late: by then it is a missed dose.
func (c *checker) neighbours(states []slotState) (prev, next *slotState) {
	dayAgo := c.in.Now.Add(-24 * time.Hour)
	for i := range states {
		s := &states[i]
		switch {
		case s.slot.Closes.Before(c.in.Now) && !s.slot.Due.Before(dayAgo):
			prev = s
		case s.slot.Opens.After(c.in.Now) && next == nil:
			next = s
		}
	}
	return prev, next
}

func (c *checker) useSlot(s *slotState) {
	slot := s.slot
	c.v.Slot = &slot
	if d := s.declined; d != nil {
		what := "refused"
		if d.Outcome == mar.OutcomeNotGiven {
			what = fmt.Sprintf("not given (%s)", mar.NotGivenDescriptions[d.Reason])
		}
		c.v.add(newReason(DeclinedEarlier,
			"This dose was recorded as %s at %s. If it is given now, record it as given; the earlier record stays.",
			what, c.when(d.OccurredAt)))
	}
}

func (c *checker) alreadyGiven(s *slotState) {
	slot := s.slot
	c.v.Slot = &slot
	by := ""
	if s.given.UserID != "" {
		by = " by " + s.given.UserID
	}
	if u := s.under; u != nil {
		c.v.add(newReason(AlreadyGiven,
			"Do not give. The %s dose was already given at %s%s as %s, under the chart line this one replaces (%s). Check the record and the chart with a senior; if that record is wrong, a senior must correct it first.",
			c.when(slot.Due), c.when(s.given.OccurredAt), by, c.in.Products[u.ProductID].Name, entryState(*u, c.in.Now)))
		return
	}
	c.v.add(newReason(AlreadyGiven,
		"Do not give. The %s dose of %s was already given at %s%s. Check the record; if it was recorded in error, a senior must correct that record first.",
		c.when(slot.Due), c.v.Product.Name, c.when(s.given.OccurredAt), by))
}

// entryState says briefly why an entry is no longer in force.
func entryState(e mar.ChartEntry, now time.Time) string {
	switch {
	case e.Status != mar.EntryActive:
		return "now " + e.Status.String()
	case !e.End.IsZero() && !now.Before(e.End):
		return "now ended"
	}
	return "no longer on the chart"
}

func (c *checker) late(prev, next *slotState) {
	c.useSlot(prev)
	slot := prev.slot
	then := ""
	if next != nil {
		then = fmt.Sprintf(" The next dose is due at %s.", c.when(next.slot.Due))
	}
	c.v.add(newReason(Late,
		"This dose of %s was due at %s and is late: its window closed at %s. Give it only if it is still right to, and say why; the reason is recorded.%s",
		c.v.Product.Name, c.when(slot.Due), c.when(slot.Closes), then))
}

func (c *checker) tooEarly(prev, next *slotState) {
	c.useSlot(next)
	slot := next.slot
	before := ""
	switch {
	case prev != nil && prev.given != nil:
		before = fmt.Sprintf(" The last dose was given at %s.", c.when(prev.given.OccurredAt))
	case prev != nil:
		before = fmt.Sprintf(" The %s dose was not given, and it is now nearer the next one: ask a senior before giving.", c.when(prev.slot.Due))
	}
	c.v.add(newReason(TooEarly,
		"The next dose of %s is due at %s; its window opens at %s. Give it early only for a good reason (for example the resident is going out), which is recorded.%s",
		c.v.Product.Name, c.when(slot.Due), c.when(slot.Opens), before))
}

func (c *checker) noDoseDue() {
	e := c.v.Entry
	next := "No dose is due in the next two months"
	if slots, err := c.slotsAround(*e, 0, lookAhead); err == nil {
		for _, s := range slots {
			if s.Opens.After(c.in.Now) {
				next = "The next dose is due on " + c.when(s.Due)
				break
			}
		}
	}
	c.v.add(newReason(NoDoseDue,
		"Do not give. No dose of %s is due now. %s. Check the chart with a senior.",
		c.v.Product.Name, next))
}

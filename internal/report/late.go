package report

import (
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// candidate is a row that counts unless a correction voids its event.
type candidate struct {
	id  uuid.UUID
	row Row
}

// late lists the given doses recorded after their window closed or before
// it opened.
func (b *builder) late() error {
	set, err := b.slots()
	if err != nil {
		return err
	}
	var cands []candidate
	s, err := b.scan(func(ev mar.Event) {
		if ev.Kind != mar.KindAdministration || ev.Outcome != mar.OutcomeGiven || ev.SlotDue.IsZero() {
			return
		}
		sl, ok := b.slotOf(set, &ev)
		if !ok {
			return
		}
		timing, minutes := offTime(sl, ev.OccurredAt)
		if timing == "" {
			return
		}
		row := b.recordRow(&ev, sl)
		row.Timing, row.Minutes = timing, minutes
		cands = append(cands, candidate{id: ev.ID, row: row})
	})
	if err != nil {
		return err
	}
	g := b.newGroups()
	for i := range set.slots {
		if set.counted(i) {
			g.resident(set.slots[i].ResidentID).Due++
			g.round(set.slots[i].Round).Due++
		}
	}
	b.keep(g, cands, s.voided(), func(sum *Summary, r *Row) {
		if r.Timing == "early" {
			sum.Early++
		} else {
			sum.Count++
		}
	})
	g.finish(true, false)
	return nil
}

// keep adds the candidates no correction voided to the report and tallies
// them per resident, per round and per reason.
func (b *builder) keep(g *groups, cands []candidate, void map[uuid.UUID]bool, count func(*Summary, *Row)) {
	for i := range cands {
		c := &cands[i]
		if void[c.id] {
			continue
		}
		count(g.resident(c.row.ResidentID), &c.row)
		rnd := c.row.Round
		if c.row.Due.IsZero() {
			rnd = prnRound
		}
		count(g.round(rnd), &c.row)
		if c.row.Reason != "" {
			count(g.reason(c.row.Reason), &c.row)
		}
		b.rep.Rows = append(b.rep.Rows, c.row)
	}
	sortRows(b.rep.Rows)
}

// slotOf returns the slot of the period a record is for, placed as the
// check places it. A record placement ties to no slot (its entry is on no
// chart, or the schedule no longer produces its slot) gets the home's
// window around the due time it names.
func (b *builder) slotOf(set *slotSet, ev *mar.Event) (schedule.Slot, bool) {
	i, placed := set.slotOf(ev.EntryID, ev.SlotDue)
	switch {
	case i >= 0:
		return set.slots[i], true
	case placed || !b.inPeriod(ev.SlotDue):
		return schedule.Slot{}, false
	}
	w := b.home.Window
	e, known := b.version(ev.EntryID, ev.EntryVersion)
	if known && e.TimeCritical {
		w = b.home.CriticalWindow
	}
	sl := schedule.Slot{
		EntryID: ev.EntryID, ResidentID: ev.ResidentID, Version: ev.EntryVersion, Due: ev.SlotDue,
		Opens: ev.SlotDue.Add(-w), Closes: ev.SlotDue.Add(w), Round: b.roundAt(ev.SlotDue),
	}
	if known {
		sl.TimeCritical = e.TimeCritical
	}
	return sl, true
}

// offTime says whether a dose given at t was late or early for its slot,
// and by how many minutes from the due time.
func offTime(sl schedule.Slot, t time.Time) (string, int) {
	minutes := int(t.Sub(sl.Due) / time.Minute)
	switch {
	case t.After(sl.Closes):
		return "late", minutes
	case t.Before(sl.Opens):
		return "early", minutes
	}
	return "", 0
}

// recordRow is the row of a dose record against its slot.
func (b *builder) recordRow(ev *mar.Event, sl schedule.Slot) Row {
	row := b.eventRow(ev)
	row.Round, row.TimeCritical = sl.Round, sl.TimeCritical
	row.Due, row.Opens, row.Closes = b.local(sl.Due), b.local(sl.Opens), b.local(sl.Closes)
	b.fillRecord(&row, ev)
	return row
}

// fillRecord copies what a record says into a row.
func (b *builder) fillRecord(row *Row, ev *mar.Event) {
	row.EventID = ev.ID.String()
	row.OccurredAt = b.local(ev.OccurredAt)
	row.UserID = ev.UserID
	row.Outcome = ev.Outcome.String()
	row.Note = ev.Note
	row.OverrideReason = ev.OverrideReason
	switch {
	case ev.Outcome == mar.OutcomeRefused:
		row.Reason = "refused"
	case ev.Outcome == mar.OutcomeNotGiven && ev.Reason != 0:
		row.Reason = ev.Reason.String()
	case ev.Outcome == mar.OutcomeNotGiven:
		row.Reason = "unstated"
	}
}

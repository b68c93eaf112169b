package report

import (
	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// slotRecord is a record that names a slot of the period: kept small, as a
// year's report holds one per dose.
type slotRecord struct {
	id   uuid.UUID
	slot int32
}

// missed lists the slots whose window closed with no record. A record is
// placed on its slot as the check and the round board place it (see
// slotSet), so a dose given before a change of timing closes the moved
// slot in the report too.
func (b *builder) missed() error {
	set, err := b.slots()
	if err != nil {
		return err
	}
	recs := make([]slotRecord, 0, len(set.slots))
	s, err := b.scan(func(ev mar.Event) {
		if ev.Kind != mar.KindAdministration || ev.SlotDue.IsZero() {
			return
		}
		set.place(ev.EntryID, ev.SlotDue, func(i int) {
			recs = append(recs, slotRecord{id: ev.ID, slot: int32(i)})
		})
	})
	if err != nil {
		return err
	}
	void := s.voided()
	recorded := make([]bool, len(set.slots))
	for _, r := range recs {
		if !void[r.id] {
			recorded[r.slot] = true
		}
	}
	tls := b.timelines(s, void)
	g := b.newGroups()
	for i := range set.slots {
		if set.counted(i) {
			b.missedSlot(g, tls, &set.slots[i], recorded[i])
		}
	}
	sortRows(b.rep.Rows)
	g.finish(true, false)
	return nil
}

// missedSlot counts one slot and lists it when missed; the review's
// grid counts it by the same decision.
func (b *builder) missedSlot(g *groups, tls map[string]*timeline, sl *schedule.Slot, recorded bool) {
	res, rnd := g.resident(sl.ResidentID), g.round(sl.Round)
	res.Due++
	rnd.Due++
	st := b.slotState(tls, sl, recorded)
	if b.days != nil {
		b.days.add(sl, st, b.loc)
	}
	switch st {
	case slotRecorded:
		return
	case slotPending:
		res.Pending++
		rnd.Pending++
		return
	case slotAway:
		res.Away++
		rnd.Away++
		return
	}
	res.Count++
	rnd.Count++
	row := b.baseRow(sl.ResidentID, sl.EntryID, sl.Version)
	row.Round, row.TimeCritical = sl.Round, sl.TimeCritical
	row.Due, row.Opens, row.Closes = b.local(sl.Due), b.local(sl.Opens), b.local(sl.Closes)
	if st, word := b.statusAt(tls, sl.ResidentID, sl.Due); st.Away() {
		row.Away = word
	}
	b.rep.Rows = append(b.rep.Rows, row)
}

// slotState decides what became of a counted slot: recorded, still
// pending, excused because the resident was away all its window, or
// missed.
func (b *builder) slotState(tls map[string]*timeline, sl *schedule.Slot, recorded bool) slotState {
	switch {
	case recorded:
		return slotRecorded
	case !b.now.After(sl.Closes):
		return slotPending
	case b.awayThroughout(tls, sl.ResidentID, sl.Opens, sl.Closes):
		return slotAway
	}
	return slotMissed
}

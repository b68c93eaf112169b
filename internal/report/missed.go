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

// missed lists the slots whose window closed with no record.
func (b *builder) missed() error {
	slots, err := b.slots()
	if err != nil {
		return err
	}
	idx := newSlotIndex(slots)
	recs := make([]slotRecord, 0, len(slots))
	s, err := b.scan(func(ev mar.Event) {
		if ev.Kind != mar.KindAdministration || ev.SlotDue.IsZero() {
			return
		}
		if i := idx.find(ev.EntryID, ev.SlotDue); i >= 0 {
			recs = append(recs, slotRecord{id: ev.ID, slot: int32(i)})
		}
	})
	if err != nil {
		return err
	}
	void := s.voided()
	recorded := make([]bool, len(slots))
	for _, r := range recs {
		if !void[r.id] {
			recorded[r.slot] = true
		}
	}
	tls := b.timelines(s, void)
	g := b.newGroups()
	for i := range slots {
		b.missedSlot(g, tls, &slots[i], recorded[i])
	}
	sortRows(b.rep.Rows)
	g.finish(true, false)
	return nil
}

// missedSlot counts one slot and lists it when missed.
func (b *builder) missedSlot(g *groups, tls map[string]*timeline, sl *schedule.Slot, recorded bool) {
	res, rnd := g.resident(sl.ResidentID), g.round(sl.Round)
	res.Due++
	rnd.Due++
	switch {
	case recorded:
		return
	case !b.now.After(sl.Closes):
		res.Pending++
		rnd.Pending++
		return
	case b.awayThroughout(tls, sl.ResidentID, sl.Opens, sl.Closes):
		res.Away++
		rnd.Away++
		return
	}
	res.Count++
	rnd.Count++
	row := b.baseRow(sl.ResidentID, sl.EntryID)
	row.Round, row.TimeCritical = sl.Round, sl.TimeCritical
	row.Due, row.Opens, row.Closes = b.local(sl.Due), b.local(sl.Opens), b.local(sl.Closes)
	if st, word := b.statusAt(tls, sl.ResidentID, sl.Due); st.Away() {
		row.Away = word
	}
	b.rep.Rows = append(b.rep.Rows, row)
}

package report

import (
	"medround/internal/mar"
)

// notGiven lists the doses refused or not given, with their reason.
func (b *builder) notGiven() error {
	set, err := b.slots()
	if err != nil {
		return err
	}
	var cands []candidate
	s, err := b.scan(func(ev mar.Event) {
		if ev.Kind != mar.KindAdministration ||
			(ev.Outcome != mar.OutcomeRefused && ev.Outcome != mar.OutcomeNotGiven) {
			return
		}
		if ev.SlotDue.IsZero() {
			// A PRN dose offered and declined belongs to when it happened.
			if !b.inPeriod(ev.OccurredAt) {
				return
			}
			row := b.eventRow(&ev)
			b.fillRecord(&row, &ev)
			cands = append(cands, candidate{id: ev.ID, row: row})
			return
		}
		if sl, ok := b.slotOf(set, &ev); ok {
			cands = append(cands, candidate{id: ev.ID, row: b.recordRow(&ev, sl)})
		}
	})
	if err != nil {
		return err
	}
	g := b.newGroups()
	b.keep(g, cands, s.voided(), func(sum *Summary, _ *Row) { sum.Count++ })
	g.finish(true, true)
	return nil
}

package report

import (
	"slices"
	"strings"

	"medround/internal/mar"
)

// incidents lists the incidents the central record found in the period
// (mar.KindIncident, pulled like any record), newest first, counted per
// resident and per code. The centre decided them; the report only lists
// them. The review's incidents section is this report's rows.
func (b *builder) incidents() error {
	var cands []candidate
	s, err := b.scan(func(ev mar.Event) {
		if ev.Kind != mar.KindIncident || !b.inPeriod(ev.OccurredAt) {
			return
		}
		// A tablet's clock incident names no resident and no medicine.
		row := Row{ResidentID: ev.ResidentID}
		if ev.ResidentID != "" && ev.EntryID != "" {
			row = b.baseRow(ev.ResidentID, ev.EntryID, ev.EntryVersion)
		} else if r, ok := b.residents[ev.ResidentID]; ok {
			row.Resident, row.Room = r.Name(), r.Room
		}
		row.EventID, row.OccurredAt, row.UserID = ev.ID.String(), b.local(ev.OccurredAt), ev.UserID
		row.Codes, row.Note = slices.Clone(ev.ReasonCodes), ev.Note
		cands = append(cands, candidate{id: ev.ID, row: row})
	})
	if err != nil {
		return err
	}
	void := s.voided()
	g, codes := b.newGroups(), newTally()
	for i := range cands {
		if void[cands[i].id] {
			continue
		}
		r := cands[i].row
		g.resident(r.ResidentID).Count++
		codes.get(strings.Join(r.Codes, " "), func(k string) string { return k }).Count++
		b.rep.Rows = append(b.rep.Rows, r)
	}
	slices.SortStableFunc(b.rep.Rows, func(x, y Row) int { return y.OccurredAt.Compare(x.OccurredAt) })
	g.finish(false, false)
	b.rep.ByReason = codes.list(nil)
	return nil
}

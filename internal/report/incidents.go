package report

import (
	"slices"

	"medround/internal/mar"
)

// incidentSection lists the incidents the central record found in the
// period (mar.KindIncident, pulled like any record), newest first, each
// with the follow-up recorded against it. The centre decided them; the
// review only lists them.
func (b *builder) incidentSection() (Section, error) {
	b.rep = b.newReport(0)
	b.reviews = nil
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
		return Section{}, err
	}
	void := s.voided()
	for i := range cands {
		if !void[cands[i].id] {
			b.rep.Rows = append(b.rep.Rows, cands[i].row)
		}
	}
	slices.SortStableFunc(b.rep.Rows, func(x, y Row) int { return y.OccurredAt.Compare(x.OccurredAt) })
	b.attachReviews()
	return Section{ID: SectionIncidents, Rows: b.rep.Rows}, nil
}

package report

import (
	"slices"
	"testing"
)

func TestGroupRows(t *testing.T) {
	rows := []Row{
		{ResidentID: "R2", Resident: "Ann Bee", Room: "10", Round: "night", Medicine: "a"},
		{ResidentID: "R1", Resident: "Cy Dee", Room: "2", Round: "morning", Medicine: "b"},
		{ResidentID: "R2", Resident: "Ann Bee", Room: "10", Round: "", Medicine: "c"},
		{ResidentID: "", Resident: "", Round: "", Medicine: ""},
		{ResidentID: "R1", Resident: "Cy Dee", Room: "2", Round: "supper", Medicine: "d"},
		{ResidentID: "R1", Resident: "Cy Dee", Room: "2", Round: "night", Medicine: "e"},
	}
	type group struct {
		label string
		meds  string
	}
	tests := []struct {
		name string
		by   GroupBy
		want []group
	}{
		{"by resident: room 2 before room 10, a tablet's incident last", GroupByResident, []group{
			{"Room 2 · Cy Dee", "bde"}, {"Room 10 · Ann Bee", "ac"}, {"No resident (about a tablet)", ""}}},
		{"by round: the home's order, a round no longer kept, then no round", GroupByRound, []group{
			{"Morning round", "b"}, {"Night round", "ae"}, {"Supper round", "d"},
			{"No round (other times, when required, scans and incidents)", "c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []group
			for _, g := range GroupRows(rows, tt.by, []string{"morning", "lunchtime", "night"}) {
				meds := ""
				for _, r := range g.Rows {
					meds += r.Medicine
				}
				got = append(got, group{g.Label, meds})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("groups = %q, want %q", got, tt.want)
			}
		})
	}
	if g := GroupRows(nil, GroupByRound, nil); len(g) != 0 {
		t.Errorf("no rows gave %d groups", len(g))
	}
}

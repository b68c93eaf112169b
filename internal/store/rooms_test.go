package store_test

import (
	"fmt"
	"slices"
	"testing"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

func TestResidentsAreInDoorOrder(t *testing.T) {
	type res struct{ id, room, given string }
	cases := []struct {
		name string
		in   []res
		want []string // IDs
	}{
		{"a corridor of ten and more: 2 before 10, not after 19",
			[]res{{"A", "10", "Ann"}, {"B", "2", "Bea"}, {"C", "1", "Cy"}, {"D", "11", "Di"}, {"E", "19", "Ed"}},
			[]string{"C", "B", "A", "D", "E"}},
		{"lettered doors follow their number",
			[]res{{"A", "12B", "Ann"}, {"B", "12", "Bea"}, {"C", "12A", "Cy"}, {"D", "3a", "Di"}},
			[]string{"D", "B", "C", "A"}},
		{"rooms with no number come after every numbered room",
			[]res{{"A", "Annexe", "Ann"}, {"B", "", "Bea"}, {"C", "40", "Cy"}, {"D", "Garden Flat", "Di"}},
			[]string{"C", "B", "A", "D"}},
		{"a shared room is by name, then ID",
			[]res{{"A", "5", "Zoe"}, {"C", "5", "Amy"}, {"B", "5", "Amy"}, {"D", "4", "Zed"}},
			[]string{"D", "B", "C", "A"}},
		{"leading zeros and spaces do not move a room",
			[]res{{"A", "010", "Ann"}, {"B", " 9", "Bea"}, {"C", "09 ", "Amy"}, {"D", "0", "Di"}},
			[]string{"D", "C", "B", "A"}},
		{"a room number too long for an integer still sorts as a number",
			[]res{{"A", "123456789012345678901234567890", "Ann"}, {"B", "99999999999999999999", "Bea"}},
			[]string{"B", "A"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := storetest.Open(t)
			u := store.ChartUpdate{At: storetest.ChartAt}
			for i, r := range c.in {
				u.Residents = append(u.Residents, mar.Resident{ID: r.id, GivenName: r.given, FamilyName: "Test",
					Room: r.room, Status: mar.StatusPresent, Active: true, BirthDate: "1940-01-01",
					Identifiers: []mar.Identifier{{Value: fmt.Sprintf("W%03d", i)}}})
			}
			if _, err := st.ApplyChart(u); err != nil {
				t.Fatal(err)
			}
			rs, err := st.Residents()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Residents() = %v, want %v", got, c.want)
			}
		})
	}
}

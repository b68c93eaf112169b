package store_test

import (
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/store"
)

// TestResidentsStoredBeforeTheGPWasKeptReadWithoutOne: the GP is a new
// optional field of a resident record. A file written before it existed
// (testdata/v3.db) reads with no GP and nothing else changed, and a
// re-import that adds a GP to such a resident stores it as a change.
func TestResidentsStoredBeforeTheGPWasKeptReadWithoutOne(t *testing.T) {
	st, _ := openV3Copy(t)
	before, err := st.Residents()
	if err != nil {
		t.Fatal(err)
	}
	if len(before) == 0 {
		t.Fatal("the schema 3 file holds no residents")
	}
	for _, r := range before {
		if r.GP != nil {
			t.Errorf("resident %s read with GP %+v from a file that never had one", r.ID, r.GP)
		}
	}
	r := before[0]
	r.GP = &mar.GP{Name: "Dr Aisha Khan", Practice: "Riverside Surgery"}
	sum, err := st.ApplyChart(store.ChartUpdate{Residents: []mar.Resident{r}, At: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Residents.Changed != 1 {
		t.Errorf("adding a GP: %+v, want one resident changed", sum.Residents)
	}
	after, err := st.Resident(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.GP == nil || *after.GP != *r.GP || after.Status != before[0].Status {
		t.Errorf("read back GP %+v status %s, want %+v status %s", after.GP, after.Status, r.GP, before[0].Status)
	}
}

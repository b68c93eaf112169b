package demo_test

import (
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/store/storetest"
)

// TestDemoHomeKeepsItsOwnRules builds the demo home and checks that its
// history is one the app itself would have recorded.
func TestDemoHomeKeepsItsOwnRules(t *testing.T) {
	st := storetest.Open(t)
	now := time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)
	if err := demo.Build(st, demo.Options{Residents: 12, Now: now}); err != nil {
		t.Fatal(err)
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Fatalf("db check of the demo home: %v", errs)
	}
	products := map[string]mar.Product{}
	ps, _ := st.Products()
	for _, p := range ps {
		products[p.ID] = p
	}
	n := 0
	err := st.EachEvent(now.AddDate(0, 0, -3), now, func(e mar.Event) error {
		n++
		if e.Kind != mar.KindAdministration || e.Outcome != mar.OutcomeGiven {
			return nil
		}
		entry, err := st.Entry(e.EntryID)
		if err != nil {
			return err
		}
		if products[entry.ProductID].NeedsWitness() && (e.WitnessID == "" || e.WitnessID == e.UserID) {
			t.Errorf("controlled drug given by %s witnessed by %q", e.UserID, e.WitnessID)
		}
		if entry.TimeCritical && e.Verdict == mar.LevelOK && (e.OccurredAt.Sub(e.SlotDue) > 15*time.Minute || e.SlotDue.Sub(e.OccurredAt) > 15*time.Minute) {
			t.Errorf("time-critical dose due %v given at %v with no warning", e.SlotDue, e.OccurredAt)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("the demo history has %d records, want the last two days of a home", n)
	}
	rs, _ := st.Residents()
	if len(rs) != 12 || rs[0].Identifiers[0].Value != "R101" || rs[2].Status != mar.StatusHospital {
		t.Errorf("residents = %d, first %+v", len(rs), rs[0])
	}
}

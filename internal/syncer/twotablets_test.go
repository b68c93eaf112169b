package syncer_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store/storetest"
)

func hasCode(v check.Verdict, code check.Code) bool {
	for _, r := range v.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

// Two tablets of one home record offline, then sync: each ends with the
// other's records, the centre with each record once, both outboxes empty,
// and the dose checks on one tablet count the doses given on the other.
func TestTwoTabletsConvergeAndCheckEachOthersDoses(t *testing.T) {
	c := newCentre(t)
	a, b := newTablet(t, c, c.srv.URL), newTablet(t, c, c.srv.URL)
	for _, tb := range []*tablet{a, b} {
		if r := tb.sync(t); r.Changes != 3 || r.Pulled != 0 {
			t.Fatalf("first sync = %+v; want home, chart and staff (3 changes) and no records", r)
		}
	}

	// Offline: tablet A gives Margaret her 08:00 metformin and a PRN
	// paracetamol; tablet B gives Arthur a PRN paracetamol.
	metformin := a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	paraA := a.give(t, storetest.ResidentMargaret, storetest.GTINParacetamol, 1, "headache")
	b.now = b.now.Add(5 * time.Minute)
	paraB := b.give(t, storetest.ResidentArthur, storetest.GTINParacetamol, 2, "back pain")

	ra, rb, ra2 := a.sync(t), b.sync(t), a.sync(t)
	if ra.Pushed != 2 || rb.Pushed != 1 || rb.Pulled != 2 || ra2.Pulled != 1 || ra2.Pushed != 0 {
		t.Errorf("syncs A %+v, B %+v, A again %+v; want A pushes 2, B pushes 1 and pulls 2, A pulls 1", ra, rb, ra2)
	}
	for _, tb := range []*tablet{a, b} {
		for _, id := range []uuid.UUID{metformin.ID, paraA.ID, paraB.ID} {
			if _, err := tb.st.Event(id); err != nil {
				t.Errorf("tablet %s lacks record %s: %v", tb.dir, id, err)
			}
		}
		if n, _ := tb.st.PendingCount(); n != 0 {
			t.Errorf("tablet %s has %d records waiting, want 0", tb.dir, n)
		}
		if errs := tb.st.Check(); len(errs) != 0 {
			t.Errorf("tablet %s fails its check: %v", tb.dir, errs)
		}
	}
	seen := map[uuid.UUID]int{}
	for _, e := range c.events(t) {
		seen[e.Event.ID]++
	}
	if len(seen) != 3 || seen[metformin.ID] != 1 || seen[paraA.ID] != 1 || seen[paraB.ID] != 1 {
		t.Errorf("centre holds %v; want each of the 3 records exactly once", seen)
	}

	// On tablet B, Margaret's metformin is already given and her next
	// paracetamol is too soon: both were recorded on tablet A.
	b.now = storetest.ChartAt.Add(2*time.Hour + 30*time.Minute)
	cases := []struct {
		name string
		gtin string
		want check.Code
	}{
		{"metformin given on tablet A", storetest.GTINMetformin, check.AlreadyGiven},
		{"paracetamol given on tablet A 25 minutes ago", storetest.GTINParacetamol, check.TooSoon},
	}
	for _, tc := range cases {
		res, err := b.svc.Check(round.CheckRequest{ResidentScan: storetest.ResidentMargaret, PackScan: packOf(tc.gtin), At: b.now})
		if err != nil {
			t.Fatalf("%s: check on tablet B: %v", tc.name, err)
		}
		if res.Verdict.Level != mar.LevelStop || !hasCode(res.Verdict, tc.want) {
			t.Errorf("%s: tablet B's verdict %v %v; want stop with %s", tc.name, res.Verdict.Level, res.Verdict.Reasons, tc.want)
		}
	}
}

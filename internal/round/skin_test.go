package round_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
)

// newDemoStore is newDemo with the store, for tests that change the chart.
func newDemoStore(t *testing.T) (*round.Service, *store.Store, *clock) {
	t.Helper()
	st := demotest.Open(t, demo.Options{Residents: 6, Now: demoNow, Hash: round.HashPIN})
	c := &clock{t: demoNow}
	return round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now}), st, c
}

// TestCreamAreasAreRecordedWithTheDose: a barrier cream counts as given
// like any dose, and its record keeps each area it went on; without an
// area, or with one the body map does not have, it is not recorded.
func TestCreamAreasAreRecordedWithTheDose(t *testing.T) {
	svc, st, c := newDemoStore(t)
	if _, err := st.ApplyChart(demo.BarrierCream("res-001", demoNow.AddDate(0, 0, -3))); err != nil {
		t.Fatal(err)
	}
	c.t = at("08:00")
	amy := signIn(t, svc, "amy", "1111")
	cream := demo.BarrierCreamPack(time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), "C1")
	req := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: cream},
		Outcome: mar.OutcomeGiven}
	if _, err := svc.Record(amy, req); !errors.Is(err, round.ErrNoSite) {
		t.Fatalf("cream recorded with no area: %v, want ErrNoSite", err)
	}
	req.Site = "sacrum,elbow"
	if _, err := svc.Record(amy, req); err == nil {
		t.Fatal("cream recorded on an area the body map does not have")
	}
	req.Site = "sacrum, buttock-left,buttock-right"
	dose, err := svc.Record(amy, req)
	if err != nil {
		t.Fatalf("record cream: %v", err)
	}
	events, err := st.Events("res-001", dose.OccurredAt.Add(-time.Minute), dose.OccurredAt.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	var areas []string
	for _, e := range events {
		if e.Kind == mar.KindPatchSite && e.About == dose.ID {
			areas = append(areas, e.Note)
		}
	}
	slices.Sort(areas)
	if !slices.Equal(areas, []string{"buttock-left", "buttock-right", "sacrum"}) {
		t.Errorf("areas recorded = %v, want sacrum and both buttocks", areas)
	}
	v, err := svc.ResidentView("res-001", at("08:10"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range v.Due {
		if d.Entry.ID == "res-001-cream" && d.State == round.StateGiven {
			return
		}
	}
	t.Errorf("the morning's cream is not shown as given: %+v", v.Due)
}

// TestPatchRotationFromTheChart: the buprenorphine patch's chart says a
// site rests 28 days; three weeks after a patch on the left upper arm,
// the same site warns, though the default rotation (21 days) has passed.
func TestPatchRotationFromTheChart(t *testing.T) {
	svc, st, c := newDemoStore(t)
	amy := signIn(t, svc, "amy", "1111")
	thu := time.Date(2026, 11, 26, 8, 5, 0, 0, time.UTC)
	chart, err := st.Chart("res-002")
	if err != nil {
		t.Fatal(err)
	}
	var bup mar.ChartEntry
	for _, e := range chart {
		if e.ProductID == "buprenorphine-5" {
			bup = e
		}
	}
	c.t = thu
	removeAll := func() {
		v, err := svc.ResidentView("res-002", c.t)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Care.Patches {
			if _, err := svc.RemovePatch(amy, "R102", p.EntryID); err != nil {
				t.Fatalf("remove patch: %v", err)
			}
		}
	}
	removeAll()
	req := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R102", PackScan: pack("buprenorphine-5"),
		At: thu, Site: "upper-arm-left"}, Outcome: mar.OutcomeGiven, WitnessID: "sam", WitnessPIN: "2222"}
	if _, err := svc.Record(amy, req); err != nil {
		t.Fatalf("record patch: %v", err)
	}
	c.t = thu.AddDate(0, 0, 21)
	removeAll()
	check21 := round.CheckRequest{ResidentScan: "R102", PackScan: pack("buprenorphine-5"), At: c.t, Site: "upper-arm-left"}
	if res, err := svc.Check(check21); err != nil || res.Verdict.Has(check.PatchSiteReused) {
		t.Fatalf("same site after 21 days, default rotation = %v, %v; want no PATCH_SITE_REUSED", res.Verdict.Codes(), err)
	}
	bup.PatchRotation = 28 * 24 * time.Hour
	if _, err := st.ApplyChart(store.ChartUpdate{Entries: []mar.ChartEntry{bup}, At: thu.AddDate(0, 0, 20)}); err != nil {
		t.Fatal(err)
	}
	if res, err := svc.Check(check21); err != nil || !res.Verdict.Has(check.PatchSiteReused) {
		t.Fatalf("same site after 21 days, chart rotation 28 days = %v, %v; want PATCH_SITE_REUSED", res.Verdict.Codes(), err)
	}
}

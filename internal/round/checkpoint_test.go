package round_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
)

// yearOfDoses is a two-resident demo home with a year of records.
func yearOfDoses(t testing.TB) (*round.Service, *store.Store, *clock) {
	st := demotest.Open(t, demo.Options{Residents: 2, Now: demoNow, HistoryDays: 365, Hash: round.HashPIN})
	c := &clock{t: demoNow}
	return round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now}), st, c
}

// sameAsWholeRecord fails unless the registers worked out from the
// checkpoint hold what those worked out from the whole record hold.
func sameAsWholeRecord(t *testing.T, svc *round.Service, residentID, when string) {
	t.Helper()
	got, err := svc.StockRegisters(residentID)
	if err != nil {
		t.Fatalf("%s: StockRegisters: %v", when, err)
	}
	want, err := svc.Registers(residentID)
	if err != nil {
		t.Fatalf("%s: Registers: %v", when, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d registers from the checkpoint, %d from the whole record", when, len(got), len(want))
	}
	for id, w := range want {
		g := got[id]
		if g == nil || math.Abs(g.Balance-w.Balance) > 1e-9 || !g.LastCountAt.Equal(w.LastCountAt) ||
			len(g.OpenDiscrepancies()) != len(w.OpenDiscrepancies()) {
			t.Errorf("%s: register of %s from the checkpoint %+v, from the whole record balance %g, last count %s, open %d",
				when, id, g, w.Balance, w.LastCountAt, len(w.OpenDiscrepancies()))
		}
	}
}

// TestStockRegistersFromACheckpoint: the stock read from a checkpoint
// agrees with the whole record as it is taken, used, made stale by a
// back-dated record, reached back into by a correction, and taken again a
// month on; `db check` agrees with every checkpoint kept.
func TestStockRegistersFromACheckpoint(t *testing.T) {
	svc, st, c := yearOfDoses(t)
	rs, _ := st.Residents()
	r := rs[0].ID
	kept := func() *store.Checkpoint {
		cp, _, err := st.RegisterEvents(r, demoNow)
		if err != nil {
			t.Fatal(err)
		}
		return cp
	}
	sameAsWholeRecord(t, svc, r, "first read")
	first := kept()
	if first == nil || !first.Through.Before(demoNow.Add(-6*24*time.Hour)) {
		t.Fatalf("after the first read the checkpoint is %+v, want one a week back", first)
	}
	sameAsWholeRecord(t, svc, r, "read from the checkpoint")
	chart, _ := st.Chart(r)
	added := chart[0]
	added.ID = "added-by-the-gp"
	if _, err := st.ApplyChart(store.ChartUpdate{Entries: []mar.ChartEntry{added}, At: demoNow}); err != nil {
		t.Fatalf("add a chart entry: %v", err)
	}
	sameAsWholeRecord(t, svc, r, "after the chart changed")
	if cp := keptBody(t, kept()); cp.Chart != chartDigest(t, st, r) {
		t.Error("after the chart changed the checkpoint was not taken again with it")
	}
	amy := signIn(t, svc, "amy", "1111")
	late, err := svc.RecordStock(amy, mar.KindReceipt, round.StockRequest{ResidentScan: "R101", PackScan: pack("amlodipine-5"),
		Quantity: 28, At: first.Through.Add(-48 * time.Hour)})
	if err != nil {
		t.Fatalf("a receipt recorded late, dated before the checkpoint: %v", err)
	}
	if kept() != nil {
		t.Error("a receipt dated before the checkpoint left it in use")
	}
	sameAsWholeRecord(t, svc, r, "after a receipt dated before the checkpoint")
	meg := signIn(t, svc, "meg", "3333")
	if _, err := svc.Correct(meg, late.Event.ID, "another resident's pack"); err != nil {
		t.Fatalf("correct the late receipt: %v", err)
	}
	sameAsWholeRecord(t, svc, r, "after a correction of a receipt before the checkpoint")
	c.t = demoNow.Add(40 * 24 * time.Hour)
	sameAsWholeRecord(t, svc, r, "a month on")
	if next := kept(); next == nil || !next.Through.After(first.Through) {
		t.Errorf("a month on the checkpoint is %+v, want a newer one", next)
	}
	if errs := svc.CheckDatabase(); len(errs) != 0 {
		t.Errorf("db check: %v", errs)
	}
}

// TestDBCheckReportsACheckpointThatDisagrees: a checkpoint one tablet out
// from its records (a bug, or a file edited by hand) is reported by `db
// check`, naming the register.
func TestDBCheckReportsACheckpointThatDisagrees(t *testing.T) {
	svc, st, _ := yearOfDoses(t)
	rs, _ := st.Residents()
	r := rs[0].ID
	if _, err := svc.StockRegisters(r); err != nil {
		t.Fatal(err)
	}
	kept, _, err := st.RegisterEvents(r, demoNow)
	if err != nil || kept == nil {
		t.Fatalf("no checkpoint kept: %v", err)
	}
	var cp ledger.Checkpoint
	if err := json.Unmarshal(kept.Body, &cp); err != nil {
		t.Fatal(err)
	}
	for id, c := range cp.Registers {
		c.Balance++
		cp.Registers[id] = c
		break
	}
	kept.Body, _ = json.Marshal(cp)
	if n, err := st.PutRegisterCheckpoints(*kept); n != 1 || err != nil {
		t.Fatalf("put the drifted checkpoint: %d, %v", n, err)
	}
	errs := svc.CheckDatabase()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "disagrees with its records") || !strings.Contains(errs[0].Error(), "balance") {
		t.Errorf("db check = %v, want the checkpoint's balance reported", errs)
	}
	// One summarising other events than the resident has is not kept.
	if n, err := st.PutRegisterCheckpoints(store.Checkpoint{ResidentID: r, Through: kept.Through, Count: kept.Count - 1,
		Body: kept.Body}); n != 0 || err != nil {
		t.Errorf("a checkpoint of one event too few: stored %d, %v; want none", n, err)
	}
}

func keptBody(t *testing.T, kept *store.Checkpoint) ledger.Checkpoint {
	t.Helper()
	var cp ledger.Checkpoint
	if kept == nil || json.Unmarshal(kept.Body, &cp) != nil {
		t.Fatalf("no checkpoint kept: %+v", kept)
	}
	return cp
}

func chartDigest(t *testing.T, st *store.Store, residentID string) string {
	t.Helper()
	chart, err := st.Chart(residentID)
	if err != nil {
		t.Fatal(err)
	}
	ep := map[string]string{}
	for _, e := range chart {
		ep[e.ID] = e.ProductID
	}
	return ledger.ChartDigest(ep)
}

// TestBedsideBalanceFromACheckpoint: lorazepam, schedule 4, in a home that
// keeps schedule 4 registers but has never counted it (a year since its
// receipt): the bedside shows the same balance read through the
// checkpoint as from the whole record, and a check dated before the
// checkpoint is worked out without it.
func TestBedsideBalanceFromACheckpoint(t *testing.T) {
	svc, st, _ := yearOfDoses(t)
	h, _ := svc.Home()
	h.CDRegisterSchedules = []int{2, 3, 4}
	if err := svc.PutHome(signIn(t, svc, "meg", "3333"), h); err != nil {
		t.Fatal(err)
	}
	rs, _ := st.Residents()
	r := rs[1].ID
	balance := func(at time.Time) string {
		t.Helper()
		res, err := svc.Check(round.CheckRequest{ResidentScan: "R102", PackScan: pack("lorazepam-1"), At: at})
		if err != nil {
			t.Fatal(err)
		}
		for _, reason := range res.Verdict.Reasons {
			if reason.Code == check.CDBalance || reason.Code == check.CDBalanceLow {
				return reason.Message
			}
		}
		t.Fatalf("the check of lorazepam at %s shows no register balance: %+v", at, res.Verdict.Reasons)
		return ""
	}
	before := balance(demoNow)
	if _, err := svc.StockRegisters(r); err != nil { // keeps the checkpoint
		t.Fatal(err)
	}
	if kept, _, _ := st.RegisterEvents(r, demoNow); kept == nil {
		t.Fatal("no checkpoint kept")
	}
	if got := balance(demoNow); got != before {
		t.Errorf("through the checkpoint the bedside says %q, from the whole record %q", got, before)
	}
	regs, _ := svc.Registers(r)
	if want := fmt.Sprintf("%g tablets in the register", regs["lorazepam-1"].Balance); !strings.HasPrefix(before, want) {
		t.Errorf("the bedside says %q, the register book %q", before, want)
	}
	early := demoNow.Add(-20 * 24 * time.Hour)
	events, _ := st.Events(r, time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), early.Add(time.Nanosecond))
	want := ledger.Build(events, nil)["lorazepam-1"].Balance
	if got := balance(early); !strings.HasPrefix(got, fmt.Sprintf("%g tablets", want)) {
		t.Errorf("a check dated before the checkpoint says %q, the records then %g tablets", got, want)
	}
}

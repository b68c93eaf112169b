package round_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/round"
)

func mstRegister(t *testing.T, svc *round.Service) round.RegisterView {
	t.Helper()
	views, err := svc.CDRegisters("R101", pack("mst-10"))
	if err != nil || len(views) != 1 {
		t.Fatalf("CDRegisters = %v, %v", views, err)
	}
	return views[0]
}

// TestRegisterAtTheBedside: the check shows the balance; a dropped tablet
// comes off it; a dose the register cannot cover needs a reason and raises
// a discrepancy the manager closes.
func TestRegisterAtTheBedside(t *testing.T) {
	svc, c := newDemo(t)
	c.t = at("21:01")
	amy := signIn(t, svc, "amy", "1111")
	start := mstRegister(t, svc).Balance
	if start <= 0 {
		t.Fatalf("demo register of MST holds %g, want the carried-forward stock", start)
	}
	res, err := svc.Check(round.CheckRequest{ResidentScan: "R101", PackScan: pack("mst-10"), At: at("21:00")})
	if err != nil || !res.Verdict.Has(check.CDBalance) {
		t.Fatalf("check of MST = %+v, %v; want the register balance", res, err)
	}
	dropped := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("mst-10"), At: at("21:00")},
		Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonDropped, WitnessID: "sam", WitnessPIN: "2222"}
	if _, err := svc.Record(amy, dropped); err != nil {
		t.Fatalf("record a dropped tablet: %v", err)
	}
	if got := mstRegister(t, svc).Balance; got != start-1 {
		t.Errorf("balance after a dropped tablet = %g, want %g", got, start-1)
	}
	// Two staff count none left: the register is set to the count, with a
	// discrepancy.
	c.t = at("21:10")
	cnt, err := svc.RecordStock(amy, mar.KindStockCount, round.StockRequest{ResidentScan: "R101", PackScan: pack("mst-10"),
		Quantity: 0, WitnessID: "sam", WitnessPIN: "2222"})
	if err != nil || cnt.Difference != -(start-1) {
		t.Fatalf("count of none = %+v, %v; want a difference of %g", cnt, err, -(start - 1))
	}
	given := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("mst-10"), At: at("21:11")},
		Outcome: mar.OutcomeGiven, WitnessID: "sam", WitnessPIN: "2222"}
	c.t = at("21:12")
	if _, err := svc.Record(amy, given); err == nil {
		t.Fatal("a dose the register cannot cover was recorded without a reason")
	}
	given.OverrideReason = "a full pack found in the CD cupboard, count to follow"
	ev, err := svc.Record(amy, given)
	if err != nil {
		t.Fatalf("record with a reason: %v", err)
	}
	v := mstRegister(t, svc)
	if len(v.Open) != 2 || v.Open[1].EventID != ev.ID || v.Open[1].Why != ledger.NotCovered || v.Balance != -1 {
		t.Errorf("register = balance %g, open %+v; want -1 with the count and the dose open", v.Balance, v.Open)
	}
	if _, err := svc.ResolveDiscrepancy(amy, ev.ID, "checked"); err == nil {
		t.Error("a care worker closed a discrepancy")
	}
	meg := signIn(t, svc, "meg", "3333")
	if _, err := svc.ResolveDiscrepancy(meg, ev.ID, "pack found, recounted"); err != nil {
		t.Fatalf("manager closes the discrepancy: %v", err)
	}
	if _, err := svc.ResolveDiscrepancy(meg, ev.ID, "again"); err == nil {
		t.Error("a closed discrepancy was closed twice")
	}
	if v := mstRegister(t, svc); len(v.Open) != 1 {
		t.Errorf("open after the follow-up = %+v, want only the count", v.Open)
	}
}

// TestBedsideShortfallWhileOneIsOpen: with the register short and its
// discrepancy open, each dose given past the bedside CD_BALANCE_LOW
// warning still raises its own (a care worker's reason for the manager to
// read), while a dose recorded without the warning (by a tablet that
// synced late) adds to the open shortfall in the running balance without
// raising another.
func TestBedsideShortfallWhileOneIsOpen(t *testing.T) {
	st := demotest.Open(t, demo.Options{Residents: 6, Now: demoNow, Hash: round.HashPIN})
	c := &clock{t: at("20:59")}
	svc := round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now})
	amy := signIn(t, svc, "amy", "1111")
	if _, err := svc.RecordStock(amy, mar.KindStockReturn, round.StockRequest{ResidentScan: "R101", PackScan: pack("mst-10"),
		Quantity: mstRegister(t, svc).Balance, Reason: "pack damaged", WitnessID: "sam", WitnessPIN: "2222"}); err != nil {
		t.Fatalf("return the whole stock: %v", err)
	}
	give := func(when time.Time) mar.Event {
		t.Helper()
		c.t = when.Add(time.Minute)
		req := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("mst-10"), At: when},
			Outcome: mar.OutcomeGiven, WitnessID: "sam", WitnessPIN: "2222", OverrideReason: "new pack in the CD cupboard, receipt to follow"}
		ev, err := svc.Record(amy, req)
		if err != nil || !slices.Contains(ev.ReasonCodes, string(check.CDBalanceLow)) {
			t.Fatalf("dose at %s = %+v, %v; want it given past CD_BALANCE_LOW", when, ev, err)
		}
		return ev
	}
	first := give(at("21:00"))
	tomorrow := at("08:00").Add(24 * time.Hour)
	synced := mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: "other-tablet", UserID: "ben", WitnessID: "sam",
		ResidentID: "res-001", EntryID: mstRegister(t, svc).Entries[0].Event.EntryID, EntryVersion: 1, ProductID: "mst-10",
		Outcome: mar.OutcomeGiven, Quantity: 1, Verdict: mar.LevelOK, OccurredAt: tomorrow, RecordedAt: tomorrow, SlotDue: tomorrow}
	if err := st.Append(synced); err != nil {
		t.Fatal(err)
	}
	second := give(at("21:00").Add(24 * time.Hour))
	v := mstRegister(t, svc)
	if v.Balance != -3 || len(v.Open) != 2 || v.Open[0].EventID != first.ID || v.Open[1].EventID != second.ID {
		t.Errorf("register = balance %g, open %+v; want -3 with both bedside doses open and the synced one raising none", v.Balance, v.Open)
	}
}

func TestStockRules(t *testing.T) {
	svc, c := newDemo(t)
	c.t = at("11:00")
	amy := signIn(t, svc, "amy", "1111")
	mst := round.StockRequest{ResidentScan: "R101", PackScan: pack("mst-10"), Quantity: 5, Reason: "discontinued",
		WitnessID: "sam", WitnessPIN: "2222"}
	tests := []struct {
		name string
		kind mar.EventKind
		req  func(r round.StockRequest) round.StockRequest
		ok   bool
	}{
		{"a controlled drug returned with a senior witness", mar.KindStockReturn, nil, true},
		{"a return that does not say why", mar.KindStockReturn, func(r round.StockRequest) round.StockRequest { r.Reason = ""; return r }, false},
		{"no quantity", mar.KindStockReturn, func(r round.StockRequest) round.StockRequest { r.Quantity = 0; return r }, false},
		{"a witness with a wrong PIN", mar.KindStockReturn, func(r round.StockRequest) round.StockRequest { r.WitnessPIN = "9999"; return r }, false},
		{"a care worker as a controlled drug's witness", mar.KindStockReturn, func(r round.StockRequest) round.StockRequest {
			r.WitnessID, r.WitnessPIN = "ben", "4444"
			return r
		}, false},
		{"a pack not on the resident's chart", mar.KindReceipt, func(r round.StockRequest) round.StockRequest {
			r.PackScan, r.From = "05099999999994", "Boots"
			return r
		}, false},
		{"a resident who is not in the home", mar.KindReceipt, func(r round.StockRequest) round.StockRequest {
			r.ResidentScan, r.From = "R999", "Boots"
			return r
		}, false},
		{"stock dated tomorrow", mar.KindStockCount, func(r round.StockRequest) round.StockRequest {
			r.At = at("11:00").Add(24 * time.Hour)
			return r
		}, false},
		{"an everyday medicine received with no witness", mar.KindReceipt, func(r round.StockRequest) round.StockRequest {
			r.PackScan, r.WitnessID = pack("amlodipine-5"), ""
			return r
		}, true},
		{"an everyday medicine destroyed with no witness", mar.KindDestruction, func(r round.StockRequest) round.StockRequest {
			r.PackScan, r.WitnessID = pack("amlodipine-5"), ""
			return r
		}, false},
	}
	for _, tt := range tests {
		req := mst
		if tt.req != nil {
			req = tt.req(req)
		}
		_, err := svc.RecordStock(amy, tt.kind, req)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
	if _, err := svc.RecordStock(nil, mar.KindReceipt, mst); err == nil {
		t.Error("stock recorded by nobody signed in")
	}
}

// BenchmarkStockRegistersYear is what a resident's registers hold now
// (balances, open discrepancies, last counts) with a year of doses, read
// from bbolt and worked out from their checkpoint and the records after
// it, the checkpoint proven against the records before it: under 5 ms.
// The checkpoint is the oldest a read uses before taking a newer one, so
// five weeks of records are read after it.
func BenchmarkStockRegistersYear(b *testing.B) {
	svc, st, c := yearOfDoses(b)
	rs, _ := st.Residents()
	c.t = demoNow.Add(-28 * 24 * time.Hour)
	if _, err := svc.StockRegisters(rs[0].ID); err != nil { // keeps the checkpoint
		b.Fatal(err)
	}
	c.t = demoNow
	if cp, tail, _ := st.RegisterEvents(rs[0].ID, demoNow.Add(24*time.Hour)); cp == nil {
		b.Fatal("no checkpoint kept")
	} else {
		b.Logf("checkpoint of %d records, %d after it", cp.Count, len(tail))
	}
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		if _, err := svc.StockRegisters(rs[0].ID); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	reportPercentiles(b, took)
}

// BenchmarkRegisterYear is every entry of the registers of a resident with
// a year of doses, read from bbolt and worked out from the events: the
// register book, from the first receipt.
func BenchmarkRegisterYear(b *testing.B) {
	st := demotest.Open(b, demo.Options{Residents: 2, Now: demoNow, HistoryDays: 365, Hash: round.HashPIN})
	svc := round.New(st, round.Options{DeviceID: "bench", Now: func() time.Time { return demoNow }})
	rs, _ := st.Residents()
	events, _ := st.Events(rs[0].ID, time.Time{}.AddDate(1900, 0, 0), demoNow.Add(time.Hour))
	b.Logf("%d events of %s", len(events), rs[0].ID)
	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.Registers(rs[0].ID); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLiftRecall: only a manager lifts a recall; the batch may then be
// given; a batch recalled again stops again (hazard H30).
func TestLiftRecall(t *testing.T) {
	svc, c := newDemo(t)
	c.t = at("09:00")
	meg := signIn(t, svc, "meg", "3333")
	amlo := pack("amlodipine-5") // batch B42
	stops := func() bool {
		res, err := svc.Check(round.CheckRequest{ResidentScan: "R101", PackScan: amlo, At: at("09:00")})
		if err != nil {
			t.Fatal(err)
		}
		return res.Verdict.Has(check.Recalled)
	}
	if _, err := svc.MarkRecalled(meg, amlo, "", "return the packs to the pharmacy"); err != nil || !stops() {
		t.Fatalf("recall of B42: %v; the check stops: %v", err, stops())
	}
	tests := []struct {
		name  string
		user  string
		pin   string
		batch string
		why   string
		ok    bool
		stops bool
	}{
		{"a care worker cannot lift a recall", "amy", "1111", "", "alert withdrawn", false, true},
		{"a senior cannot lift a recall", "sam", "2222", "", "alert withdrawn", false, true},
		{"a lift that does not say why is refused", "meg", "3333", "", " ", false, true},
		{"a lift of a batch not recalled is refused", "meg", "3333", "B43", "alert withdrawn", false, true},
		{"the manager lifts the recall, batch typed in lower case", "meg", "3333", "b42", "the MHRA withdrew the alert", true, false},
		{"a recall already lifted cannot be lifted again", "meg", "3333", "", "again", false, false},
	}
	for _, tt := range tests {
		ev, err := svc.LiftRecall(signIn(t, svc, tt.user, tt.pin), amlo, tt.batch, tt.why)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err == nil && (ev.Kind != mar.KindRecallLifted || ev.Batch != "B42") {
			t.Errorf("%s: recorded %+v, want a recall-lifted naming batch B42", tt.name, ev)
		}
		if got := stops(); got != tt.stops {
			t.Errorf("%s: the check stops as RECALLED: %v, want %v", tt.name, got, tt.stops)
		}
	}
	if _, err := svc.MarkRecalled(meg, amlo, "", "quarantine the packs"); err != nil || !stops() {
		t.Errorf("recalled again after its lift: %v; the check stops: %v, want a stop", err, stops())
	}
}

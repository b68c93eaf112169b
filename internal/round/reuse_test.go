package round_test

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/round"
	"medround/internal/store"
)

// A check reads the resident's records into memory the previous check
// used (Service.Check): nothing of one resident's records may reach the
// next resident's verdict. Every chart line of a demo home is checked in
// turn, at three times of day, on one service, and each verdict must be
// the one a service that never checked anything gives.
func TestCheckCarriesNothingOverFromTheLastCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := demo.Build(st, demo.Options{Residents: 12, Now: demoNow, HistoryDays: 21,
		Hash: func(string) (string, error) { return round.HashPIN("1234") }}); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return demoNow }
	busy := round.New(st, round.Options{DeviceID: "t", Now: now})
	residents, err := st.Residents()
	if err != nil {
		t.Fatal(err)
	}
	var reqs []round.CheckRequest
	for _, r := range residents {
		chart, _ := st.Chart(r.ID)
		for _, e := range chart {
			for _, at := range []time.Time{demoNow.Add(-3 * time.Hour), demoNow, demoNow.Add(9 * time.Hour)} {
				reqs = append(reqs, round.CheckRequest{ResidentScan: r.Identifiers[0].Value, PackScan: pack(e.ProductID), At: at})
			}
		}
	}
	// Largest histories first, then the rest, so a long record precedes
	// a short one in the same memory.
	for i := len(reqs) - 1; i >= 0; i-- {
		reqs = append(reqs, reqs[i])
	}
	for i, req := range reqs {
		got, err := busy.Check(req)
		if err != nil {
			t.Fatal(err)
		}
		fresh := round.New(st, round.Options{DeviceID: "t", Now: now})
		want, err := fresh.Check(req)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Fatalf("check %d (%s, %s at %v) after %d others:\n got %s\nwant %s", i, req.ResidentScan, req.PackScan, req.At, i, g, w)
		}
	}
}

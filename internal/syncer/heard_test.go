package syncer_test

import (
	"context"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/round"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// A tablet that has not heard from the others for a while says so on the
// verdict, in words, as does a tablet just enrolled that has not synced
// yet; a tablet in touch says nothing, and a tablet never enrolled has no
// others to hear from.
func TestCheckSaysWhenTheOtherTabletsWereLastHeard(t *testing.T) {
	c := newCentre(t)
	a := newTablet(t, c, c.srv.URL)
	a.sync(t)
	synced := time.Now()
	for _, tc := range []struct {
		name string
		at   time.Time
		want bool
	}{
		{"a minute after the last sync", synced.Add(time.Minute), false},
		{"an hour after the last sync", synced.Add(time.Hour), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a.now = tc.at // the tablet's clock: the note is about now, not the dose time
			res, err := a.svc.Check(round.CheckRequest{ResidentScan: storetest.ResidentMargaret,
				PackScan: packOf(storetest.GTINParacetamol)})
			if err != nil {
				t.Fatal(err)
			}
			if got := hasCode(res.Verdict, check.NotHeard); got != tc.want {
				t.Errorf("%s: OTHER_TABLETS_NOT_HEARD = %v, want %v (%+v)", tc.name, got, tc.want, res.Verdict.Reasons)
			}
		})
	}
	fresh := t.TempDir()
	svc, err := round.Open(fresh, round.OpenOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = svc.Close() })
	storetest.WithChart(t, svc.Store())
	if _, err := syncer.EnrolTablet(context.Background(), fresh, c.srv.URL, c.code(t), "fresh tablet", syncer.HomeHeld{}, fastRetry(c.log)); err != nil {
		t.Fatalf("enrol: %v", err)
	}
	res, err := svc.Check(round.CheckRequest{ResidentScan: storetest.ResidentMargaret, PackScan: packOf(storetest.GTINParacetamol)})
	if err != nil {
		t.Fatal(err)
	}
	if !hasCode(res.Verdict, check.NotHeard) {
		t.Errorf("a tablet enrolled that never synced says nothing of other tablets: %+v", res.Verdict.Reasons)
	}
	lone := storetest.Open(t)
	storetest.WithChart(t, lone)
	res, err = round.New(lone, round.Options{DeviceID: "lone"}).Check(round.CheckRequest{ResidentScan: storetest.ResidentMargaret,
		PackScan: packOf(storetest.GTINParacetamol), At: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if hasCode(res.Verdict, check.NotHeard) {
		t.Errorf("a tablet never enrolled says it has not heard from others: %+v", res.Verdict.Reasons)
	}
}

package syncer_test

import (
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/round"
	"medround/internal/store/storetest"
)

// A tablet that has not heard from the others for a while says so on the
// verdict, in words, and says nothing while it is in touch; a tablet never
// enrolled has no others to hear from.
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
			res, err := a.svc.Check(round.CheckRequest{ResidentScan: storetest.ResidentMargaret,
				PackScan: packOf(storetest.GTINParacetamol), At: tc.at})
			if err != nil {
				t.Fatal(err)
			}
			if got := hasCode(res.Verdict, check.NotHeard); got != tc.want {
				t.Errorf("%s: OTHER_TABLETS_NOT_HEARD = %v, want %v (%+v)", tc.name, got, tc.want, res.Verdict.Reasons)
			}
		})
	}
	lone := storetest.Open(t)
	storetest.WithChart(t, lone)
	svc := round.New(lone, round.Options{DeviceID: "lone"})
	res, err := svc.Check(round.CheckRequest{ResidentScan: storetest.ResidentMargaret,
		PackScan: packOf(storetest.GTINParacetamol), At: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if hasCode(res.Verdict, check.NotHeard) {
		t.Errorf("a tablet never enrolled says it has not heard from others: %+v", res.Verdict.Reasons)
	}
}

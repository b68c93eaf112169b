package round_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// The round tells the check whether the tablet is enrolled (the enrolment
// kept in its data directory), when it last pulled, and the tablet's
// clock apart from the dose time: a freshly enrolled tablet that has not
// pulled yet knows none of the other tablets' doses, and a dose recorded
// late is checked against records the tablet may not have.
func TestCheckSaysWhenThisTabletHasNotHeardFromTheOthers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		enrolled bool
		pulled   bool
		clock    time.Duration // after the pull (or now, with none)
		at       time.Duration // the dose time after the pull; 0: the clock
		want     bool
	}{
		{name: "a tablet just enrolled with the central record that never pulled says the other tablets are not heard from",
			enrolled: true, want: true},
		{name: "a home that uses this tablet alone says nothing of other tablets"},
		{name: "a dose given 5 minutes after the last sync and recorded an hour after it says the other tablets are not heard from",
			enrolled: true, pulled: true, clock: time.Hour, at: 5 * time.Minute, want: true},
		{name: "a dose checked 5 minutes after the last sync says nothing of other tablets",
			enrolled: true, pulled: true, clock: 5 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var now time.Time
			svc, err := round.Open(dir, round.OpenOptions{Create: true, Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = svc.Close() })
			storetest.WithChart(t, svc.Store())
			if tc.enrolled {
				enrol(t, dir)
			}
			// The pull stamps the real clock, so the test clock starts there.
			base := time.Now()
			if tc.pulled {
				if _, err := svc.Store().ApplyPulled(nil, 0); err != nil {
					t.Fatal(err)
				}
				if base, err = svc.Store().PulledAt(); err != nil {
					t.Fatal(err)
				}
			}
			now = base.Add(tc.clock)
			var at time.Time
			if tc.at != 0 {
				at = base.Add(tc.at)
			}
			res, err := svc.Check(round.CheckRequest{ResidentScan: storetest.ResidentMargaret,
				PackScan: "(01)" + storetest.GTINParacetamol + "(17)271231(10)B1", At: at})
			if err != nil {
				t.Fatal(err)
			}
			if got := hasCode(res.Verdict, check.NotHeard); got != tc.want {
				t.Errorf("OTHER_TABLETS_NOT_HEARD = %v, want %v (%+v)", got, tc.want, res.Verdict.Reasons)
			}
		})
	}
}

// enrol leaves an enrolment in dir as internal/syncer keeps one; the round
// asks only whether it is there.
func enrol(t *testing.T, dir string) {
	t.Helper()
	e := []byte(`{"server":"https://centre.example","homeId":"h","homeName":"Test Home","deviceId":"d","token":"t"}` + "\n")
	if err := os.WriteFile(filepath.Join(dir, store.EnrolmentFile), e, 0o600); err != nil {
		t.Fatal(err)
	}
}

package incident_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/incident"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store/storetest"
)

const home = "willow"

var eight = storetest.ChartAt.Add(2 * time.Hour) // 08:00 on the chart's first day

type rig struct {
	st  central.Store
	dir string
	ctx context.Context
}

func newRig(t *testing.T) *rig {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	must(t, err)
	t.Cleanup(func() { _ = st.Close() })
	r := &rig{st: st, dir: t.TempDir(), ctx: context.Background()}
	must(t, st.AddHome(r.ctx, central.Home{ID: home, Settings: mar.DefaultHome(), CreatedAt: storetest.ChartAt}))
	u := storetest.Chart()
	must(t, st.AddChart(r.ctx, home, protocol.ChartUpdate{Residents: u.Residents, Products: u.Products,
		Entries: u.Entries, Allergies: u.Allergies, At: u.At}))
	for _, dev := range []string{"tab-a", "tab-b"} {
		_, code, _ := central.NewCode()
		must(t, st.AddCode(r.ctx, central.EnrolmentCode{Hash: code, HomeID: home, ExpiresAt: time.Now().Add(time.Hour)}))
		_, tok, _ := central.NewToken()
		_, _, err := st.Enrol(r.ctx, central.Enrolment{CodeHash: code, Device: central.Device{ID: dev, TokenHash: tok, EnrolledAt: storetest.ChartAt}})
		must(t, err)
	}
	return r
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func metformin(dev string, slot, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: dev, UserID: "amy",
		ResidentID: storetest.ResidentMargaret, OccurredAt: at, RecordedAt: at, EntryID: storetest.EntryMetformin,
		EntryVersion: 1, SlotDue: slot, Outcome: mar.OutcomeGiven, Quantity: 1, Verdict: mar.LevelOK}
}

func (r *rig) push(t *testing.T, dev string, evs ...mar.Event) {
	t.Helper()
	_, err := r.st.PutEvents(r.ctx, dev, evs, time.Now())
	must(t, err)
}

func (r *rig) find(t *testing.T, f *incident.Finder) int {
	t.Helper()
	n, err := f.Find(r.ctx, home)
	must(t, err)
	return n
}

func (r *rig) incidents(t *testing.T) []mar.Event {
	t.Helper()
	evs, err := r.st.Events(r.ctx, home, time.Time{}, time.Time{})
	must(t, err)
	var out []mar.Event
	for _, e := range evs {
		if e.Event.Kind == mar.KindIncident {
			out = append(out, e.Event)
		}
	}
	return out
}

func TestDoubleDoses(t *testing.T) {
	correction := func(of mar.Event) mar.Event {
		return mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, DeviceID: of.DeviceID, UserID: "amy",
			ResidentID: of.ResidentID, OccurredAt: of.OccurredAt.Add(time.Minute), RecordedAt: of.OccurredAt.Add(time.Minute), Corrects: of.ID}
	}
	a := metformin("tab-a", eight, eight)
	b := metformin("tab-b", eight, eight.Add(20*time.Minute))
	refusedB := b
	refusedB.ID, refusedB.Outcome = uuid.New(), mar.OutcomeRefused
	evening := metformin("tab-b", eight.Add(13*time.Hour), eight.Add(13*time.Hour))
	lateA := metformin("tab-a", eight, eight.Add(50*time.Minute)) // named the 08:00 dose, given late
	cases := []struct {
		name string
		a, b []mar.Event
		want int
	}{
		{"08:00 given on both tablets", []mar.Event{a}, []mar.Event{b}, 1},
		{"given on one tablet, refused on the other", []mar.Event{a}, []mar.Event{refusedB}, 0},
		{"08:00 on one tablet, 21:00 on the other", []mar.Event{a}, []mar.Event{evening}, 0},
		{"the second record corrected as entered in error", []mar.Event{a}, []mar.Event{b, correction(b)}, 0},
		{"three givens of one slot are still one incident", []mar.Event{a, lateA}, []mar.Event{b}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			f := incident.New(r.st, r.dir, nil)
			defer f.Close()
			r.push(t, "tab-a", tc.a...)
			r.find(t, f)
			r.push(t, "tab-b", tc.b...)
			r.find(t, f)
			r.find(t, f)
			got := r.incidents(t)
			if len(got) != tc.want {
				t.Fatalf("incidents = %+v; want %d", got, tc.want)
			}
			for _, inc := range got {
				if inc.ReasonCodes[0] != central.IncidentDoubleDose || !inc.SlotDue.Equal(eight) {
					t.Errorf("incident %+v; want DOUBLE_DOSE of the 08:00 slot", inc)
				}
			}
		})
	}
}

// The centre's copy is derived: a crash after the copy took the records but
// before the incident was stored (the mark lost), or the copy deleted,
// finds the incident again once and only once.
func TestFinderRecoversFromALostMarkOrCopy(t *testing.T) {
	r := newRig(t)
	f := incident.New(r.st, r.dir, nil)
	r.push(t, "tab-a", metformin("tab-a", eight, eight))
	r.push(t, "tab-b", metformin("tab-b", eight, eight.Add(5*time.Minute)))
	if n := r.find(t, f); n != 1 {
		t.Fatalf("first Find stored %d incidents, want 1", n)
	}
	marks, _ := filepath.Glob(filepath.Join(r.dir, "*.searched"))
	for _, m := range marks {
		must(t, os.Remove(m))
	}
	if n := r.find(t, f); n != 0 {
		t.Errorf("Find after the mark was lost stored %d, want 0", n)
	}
	must(t, f.Close())
	must(t, os.RemoveAll(r.dir))
	f = incident.New(r.st, r.dir, nil)
	defer f.Close()
	if n := r.find(t, f); n != 0 {
		t.Errorf("Find on a rebuilt copy stored %d, want 0", n)
	}
	if got := r.incidents(t); len(got) != 1 {
		t.Errorf("incidents = %d, want 1", len(got))
	}
	if n, err := f.Find(r.ctx, "elm"); err == nil || n != 0 {
		t.Errorf("Find in an unknown home = %d, %v; want an error", n, err)
	}
}

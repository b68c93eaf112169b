package ui

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/syncer"
)

// fixedLink is a link whose status the test sets: the status bar's words
// for each state, without a network.
type fixedLink struct {
	status syncer.Status
	kicks  int
}

func (l *fixedLink) Status() syncer.Status               { return l.status }
func (l *fixedLink) Watch(func(syncer.Status))           {}
func (l *fixedLink) Kick()                               { l.kicks++ }
func (l *fixedLink) Enrolment() (syncer.Enrolment, bool) { return syncer.Enrolment{}, false }
func (l *fixedLink) Enrol(string, string, string) (syncer.Enrolment, error) {
	return syncer.Enrolment{}, syncer.ErrUnreachable
}

// notEnrolled is what the status bar of a tablet with no central record
// says with n records kept.
func notEnrolled(n int) string {
	text, _ := syncWords(syncer.Status{State: syncer.StateNotEnrolled}, n, demoNow, nil)
	return text
}

// The status bar says where sync stands in a care worker's words, for
// each state the loop can be in.
func TestStatusBarSaysWhereSyncStands(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status *syncer.Status // nil: no link at all
		want   string         // %d is the records waiting
	}{
		{"tablet never enrolled", nil, "Not enrolled with a central record: %d records kept on this tablet only"},
		{"just started, first sync under way", &syncer.Status{State: syncer.StateStarting, LastSync: at("07:14")},
			"Connecting to the central record: %d records waiting (last sync 07:14)"},
		{"synced two minutes ago", &syncer.Status{State: syncer.StateSynced, LastSync: at("08:03")}, "Synced 2 min ago, %d records waiting to send"},
		{"offline since 07:14", &syncer.Status{State: syncer.StateOffline, LastSync: at("07:14")}, "Offline: %d records waiting (last sync 07:14)"},
		{"offline, never synced", &syncer.Status{State: syncer.StateOffline}, "Offline: %d records waiting (not synced yet)"},
		{"token revoked at the centre", &syncer.Status{State: syncer.StateRevoked, Err: syncer.ErrNotEnrolled},
			"Sync refused: this tablet is no longer enrolled. %d records waiting: a manager can enrol it again in Settings"},
		{"centre refused a batch", &syncer.Status{State: syncer.StateRefused, Err: syncer.ErrRefused},
			"Sync refused by the central record: %d records waiting. Tell a manager"},
		{"tablet's store failed", &syncer.Status{State: syncer.StateFailed}, "Sync failed on this tablet: %d records waiting. Tell a manager"},
		{"synced, two records refused by the centre", &syncer.Status{State: syncer.StateSynced, LastSync: at("08:03"), Last: syncer.Result{Refused: 2}},
			"Synced 2 min ago, %d records waiting to send. Refused by the central record: 2 records kept on this tablet. Tell a manager"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWith(t, func(o *Options) {
				if tc.status != nil {
					o.Sync = &fixedLink{status: *tc.status}
				}
			})
			n, err := h.svc.PendingCount()
			if err != nil || n < 2 {
				t.Fatalf("demo home has %d records waiting (%v); want some", n, err)
			}
			h.sees(fmt.Sprintf(tc.want, n))
		})
	}
}

// Every record asks for a sync at once.
func TestARecordKicksTheSync(t *testing.T) {
	link := &fixedLink{status: syncer.Status{State: syncer.StateSynced, LastSync: demoNow}}
	h := newHarnessWith(t, func(o *Options) { o.Sync = link })
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.tap("Given")
	if link.kicks != 1 {
		t.Errorf("a dose given kicked the sync %d times; want once", link.kicks)
	}
}

// steppedLink is a real link whose reports reach the app on the test's
// goroutine, when the test hands them over: in tests fyne.Do runs at
// once, so a report applied from the loop's goroutine would race the
// test's reading of the screen.
type steppedLink struct {
	*syncer.Link
	reports chan syncer.Status
	show    func(syncer.Status)
}

func (l *steppedLink) Watch(f func(syncer.Status)) { l.show = f }

// deliver waits for a report of want and shows it, with every report
// before it.
func (l *steppedLink) deliver(t *testing.T, want syncer.State) syncer.Status {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case s := <-l.reports:
			l.show(s)
			if s.State == want {
				return s
			}
		case <-deadline:
			t.Fatalf("the sync never reported %v", want)
		}
	}
}

// demoCentre is a central record on loopback holding the demo home, with
// Meg (manager, PIN 3333) and Amy (carer, 1111).
type demoCentre struct {
	st  central.Store
	srv *httptest.Server
}

func newDemoCentre(t *testing.T) *demoCentre {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	settings, chart := demo.Parts(demo.Options{Residents: 12, Now: demoNow})
	must(t, st.AddHome(ctx, central.Home{ID: "willow", Settings: settings, CreatedAt: demoNow}))
	must(t, st.AddChart(ctx, "willow", protocol.ChartUpdate{Residents: chart.Residents, Products: chart.Products,
		Entries: chart.Entries, Allergies: chart.Allergies, At: chart.At}))
	for _, s := range demo.Staff {
		hash, err := round.HashPIN(s.PIN)
		must(t, err)
		must(t, st.PutUser(ctx, "willow", mar.User{ID: s.ID, Name: s.Name, Role: s.Role, PINHash: hash}))
	}
	c := &demoCentre{st: st, srv: httptest.NewServer(central.NewServer(st, central.Options{}).Handler())}
	t.Cleanup(c.srv.Close)
	return c
}

func (c *demoCentre) code(t *testing.T) string {
	t.Helper()
	code, hash, err := central.NewCode()
	must(t, err)
	must(t, c.st.AddCode(context.Background(), central.EnrolmentCode{Hash: hash, HomeID: "willow", ExpiresAt: time.Now().Add(time.Hour)}))
	return code
}

// newSteppedLink is a real link over the harness's store, reporting
// through the test.
func newSteppedLink(t *testing.T, dir string, st *store.Store, now func() time.Time) *steppedLink {
	// The data directory names the harness's tablet, which it enrols as.
	must(t, os.WriteFile(filepath.Join(dir, store.DeviceIDFile), []byte(testDevice+"\n"), 0o600))
	ctx, cancel := context.WithCancel(context.Background())
	reports := make(chan syncer.Status, 20)
	l := syncer.StartLink(ctx, dir, st, syncer.Options{RetryMax: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond},
		syncer.LoopOptions{Now: now})
	l.Watch(func(s syncer.Status) { reports <- s })
	t.Cleanup(func() { cancel(); l.Close() })
	return &steppedLink{Link: l, reports: reports}
}

// A manager enrols the tablet in the settings with a real centre on
// loopback: the token is kept owner-only, the first sync sends the
// tablet's records, a dose given after is sent at once, and the status bar
// follows the centre revoking the tablet and going away.
func TestManagerEnrolsTheTabletAndItSyncs(t *testing.T) {
	c := newDemoCentre(t)
	dir := t.TempDir()
	var link *steppedLink
	h := newHarnessOn(t, func(st *store.Store, o *Options) {
		link = newSteppedLink(t, dir, st, o.Now)
		o.Sync = link
	})
	waiting, err := h.svc.PendingCount()
	must(t, err)
	h.sees("Not enrolled with a central record")
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	h.sees("This tablet is not enrolled with a central record")
	h.entry("Central record address").SetText(c.srv.URL)
	h.entry("Enrolment code").SetText("NOT-A-CODE")
	h.tap("Enrol this tablet")
	h.sees("Not enrolled: ")
	h.entry("Enrolment code").SetText(c.code(t))
	h.entry("Name for this tablet").SetText("Floor 1")
	h.tap("Enrol this tablet")
	h.sees("Enrolled with Willow House")
	s := link.deliver(t, syncer.StateSynced)
	if s.Last.Pushed != waiting || s.Last.Queued != 0 {
		t.Errorf("first sync %+v; want the %d records waiting sent", s.Last, waiting)
	}
	h.sees("Synced just now")
	h.sees("This tablet is enrolled with Willow House")
	info, err := os.Stat(filepath.Join(dir, "enrolment.json"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("enrolment file: %v, %v; want it kept owner-only", info, err)
	}

	h.tap("Back to the round")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.tap("Given")
	if s := link.deliver(t, syncer.StateSynced); s.Last.Pushed != 1 || s.Last.Queued != 0 {
		t.Errorf("sync after a dose given: %+v; want it sent", s.Last)
	}
	h.sees("Synced just now")
	h.notSees("waiting to send")

	devs, err := c.st.Devices(context.Background(), "willow")
	must(t, err)
	must(t, c.st.RevokeDevice(context.Background(), devs[0].ID, time.Now()))
	link.Kick()
	link.deliver(t, syncer.StateRevoked)
	h.sees("Sync refused: this tablet is no longer enrolled")

	c.srv.Close()
	h.clock.set(demoNow.Add(3 * time.Minute)) // past the backoff
	link.Kick()
	link.deliver(t, syncer.StateOffline)
	h.sees("Offline: no records waiting (last sync 08:05)")
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

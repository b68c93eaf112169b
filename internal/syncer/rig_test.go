package syncer_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/incident"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/round"
	"medround/internal/staff"
	"medround/internal/store"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// The centre's home: the store fixture chart, the default settings and one
// care worker, amy, PIN 1111.
const home = "willow"

// logbook collects every line the centre and the syncer log, for the
// canary test.
type logbook struct {
	mu    sync.Mutex
	lines []string
}

func (l *logbook) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, s)
}

func (l *logbook) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

type centre struct {
	st  central.Store
	srv *httptest.Server
	log *logbook
}

var (
	hashOnce sync.Once
	amyHash  string
)

func newCentre(t *testing.T) *centre {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	settings := mar.DefaultHome()
	settings.Name = "Willow House"
	must(t, st.AddHome(ctx, central.Home{ID: home, Settings: settings, CreatedAt: storetest.ChartAt}))
	u := storetest.Chart()
	must(t, st.AddChart(ctx, home, protocol.ChartUpdate{Residents: u.Residents, Products: u.Products,
		Entries: u.Entries, Allergies: u.Allergies, At: u.At}))
	must(t, st.PutUser(ctx, home, mar.User{ID: "amy", Name: "Amy Carter", Role: mar.RoleCarer, PINHash: pinHash(t)}))
	c := &centre{st: st, log: &logbook{}}
	finder := incident.New(st, t.TempDir(), nil)
	t.Cleanup(func() { _ = finder.Close() })
	c.srv = httptest.NewServer(central.NewServer(st, central.Options{Log: func(f string, a ...any) {
		c.log.add(strings.TrimSpace(fmt.Sprintf(f, a...)))
	}, Incidents: finder, FHIR: finder}).Handler())
	t.Cleanup(c.srv.Close)
	return c
}

// pinHash is amy's PIN hash, made once: hashing is slow by design.
func pinHash(t *testing.T) string {
	t.Helper()
	var err error
	hashOnce.Do(func() { amyHash, err = staff.HashPIN("1111") })
	must(t, err)
	return amyHash
}

func (c *centre) code(t *testing.T) string {
	t.Helper()
	code, hash, err := central.NewCode()
	must(t, err)
	must(t, c.st.AddCode(context.Background(), central.EnrolmentCode{Hash: hash, HomeID: home, ExpiresAt: time.Now().Add(central.CodeTTL)}))
	return code
}

func (c *centre) events(t *testing.T) []central.StoredEvent {
	t.Helper()
	evs, err := c.st.Events(context.Background(), home, time.Time{}, time.Time{})
	must(t, err)
	return evs
}

// tablet is an enrolled tablet: its data directory, store and round
// service on a clock the test sets.
type tablet struct {
	dir string
	st  *store.Store
	svc *round.Service
	now time.Time
	log *logbook
}

func fastRetry(log *logbook) syncer.Options {
	return syncer.Options{RetryMax: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		Log: log.add}
}

// newTablet enrols a tablet with the centre at server (which may be a
// proxy in front of it).
func newTablet(t *testing.T, c *centre, server string) *tablet {
	t.Helper()
	return enrolTablet(t, c.log, server, c.code(t))
}

// enrolTablet enrols a new tablet at server with code.
func enrolTablet(t *testing.T, log *logbook, server, code string) *tablet {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	must(t, err)
	t.Cleanup(func() { _ = st.Close() })
	tb := &tablet{dir: dir, st: st, now: storetest.ChartAt.Add(2 * time.Hour), log: log}
	dev, err := store.DeviceID(dir)
	must(t, err)
	tb.svc = round.New(st, round.Options{DeviceID: dev, Now: func() time.Time { return tb.now }})
	if _, err := syncer.EnrolTablet(context.Background(), dir, server, code, "test tablet", syncer.HomeHeld{}, fastRetry(log)); err != nil {
		t.Fatalf("enrol: %v", err)
	}
	info, err := os.Stat(filepath.Join(dir, "enrolment.json"))
	must(t, err)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("enrolment file mode %v, want owner-only 0600", info.Mode().Perm())
	}
	return tb
}

func (tb *tablet) sync(t *testing.T) syncer.Result {
	t.Helper()
	c, _, err := syncer.ForTablet(tb.dir, fastRetry(tb.log))
	must(t, err)
	r, err := c.Sync(context.Background(), tb.st)
	if err != nil {
		t.Fatalf("sync: %v (result %+v)", err, r)
	}
	return r
}

func packOf(gtin string) string { return "(01)" + gtin + "(17)271231(10)B1" }

// give records a dose given now on this tablet.
func (tb *tablet) give(t *testing.T, resident, gtin string, quantity float64, prnReason string) mar.Event {
	t.Helper()
	sess, err := tb.svc.SignIn("amy", "1111")
	must(t, err)
	ev, err := tb.svc.Record(sess, round.RecordRequest{CheckRequest: round.CheckRequest{
		ResidentScan: resident, PackScan: packOf(gtin), Quantity: quantity, At: tb.now},
		Outcome: mar.OutcomeGiven, PRNReason: prnReason})
	if err != nil {
		t.Fatalf("record %s for %s: %v", gtin, resident, err)
	}
	return ev
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

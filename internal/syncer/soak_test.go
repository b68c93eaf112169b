package syncer_test

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/incident"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// Opener opens the same central store each time it is called: a restart of
// the centre is a close and another call. The soak runs on every store
// implementation through one (boltstore here; a database server's store
// by its own Opener).
type Opener func() (central.Store, error)

// TestSoakBolt is the fault soak on the embedded store.
func TestSoakBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "central.db")
	soak(t, func() (central.Store, error) { return boltstore.Open(path) })
}

// liveCentre is a central record that the soak restarts: its store, its
// incident finder (whose copies outlive a restart, as on disk) and its
// server, swapped under mu.
type liveCentre struct {
	t      *testing.T
	open   Opener
	copies string
	mu     sync.RWMutex
	st     central.Store
	finder *incident.Finder
	srv    *httptest.Server
}

func (lc *liveCentre) start() {
	st, err := lc.open()
	must(lc.t, err)
	lc.st, lc.finder = st, incident.New(st, lc.copies, nil)
	lc.srv = httptest.NewServer(central.NewServer(st, central.Options{Incidents: lc.finder, FHIR: lc.finder}).Handler())
}

// stop ends the centre abruptly: open connections are cut, then the
// store and copies are closed under whatever was in flight. In-process
// rather than SIGKILL of a child, so that any Opener (a database
// server's too) can be soaked the same way: a batch is either committed
// before the close or not at all, which is what SIGKILL leaves.
func (lc *liveCentre) stop() {
	lc.srv.CloseClientConnections()
	lc.srv.Close()
	_ = lc.finder.Close()
	_ = lc.st.Close()
}

func (lc *liveCentre) restart() {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.stop()
	lc.start()
}

func (lc *liveCentre) url() string {
	lc.mu.RLock()
	defer lc.mu.RUnlock()
	return lc.srv.URL
}

// soakCentre is a centre the soak's proxy sends to and restarts: in
// process (liveCentre) or a child process killed by SIGKILL
// (childCentre).
type soakCentre interface {
	url() string
	restart()
}

// soakProxy injects a fault into about one request in five: the connection
// dropped after the centre answered (committed), the request sent twice, a
// delay, a 503 that never reaches the centre, and now and then the centre
// restarted before or while it handles a push.
type soakProxy struct {
	lc      soakCentre
	rnd     *rand.Rand
	rmu     sync.Mutex
	faults  atomic.Bool
	counts  [6]atomic.Int32 // by fault: none, drop, duplicate, delay, 503, restart
	restart atomic.Int32    // pushes left before the next restart
	cut     atomic.Int32    // restarts that cut a push the centre had been sent
}

func newSoakProxy(t *testing.T, lc soakCentre, seed uint64) (*soakProxy, *httptest.Server) {
	p := &soakProxy{lc: lc, rnd: rand.New(rand.NewPCG(seed, 8))}
	p.restart.Store(6)
	front := httptest.NewServer(p)
	t.Cleanup(front.Close)
	return p, front
}

func (p *soakProxy) roll() int {
	p.rmu.Lock()
	defer p.rmu.Unlock()
	if !p.faults.Load() || p.rnd.IntN(100) >= 20 {
		return 0
	}
	return 1 + p.rnd.IntN(4)
}

// send forwards a request to the centre; sent, when set, runs once the
// whole request is written.
func (p *soakProxy) send(r *http.Request, body []byte, sent func()) (*http.Response, []byte, error) {
	ctx := r.Context()
	if sent != nil {
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { sent() }})
	}
	req, _ := http.NewRequestWithContext(ctx, r.Method, p.lc.url()+r.URL.Path, bytes.NewReader(body))
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

func (p *soakProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	fault := p.roll()
	isPush := r.URL.Path == protocol.PathPush
	if isPush && p.faults.Load() && p.restart.Add(-1) == 0 {
		fault = 5
		p.restart.Store(12)
	}
	p.counts[fault].Add(1)
	switch fault {
	case 3:
		time.Sleep(time.Duration(1+p.rnd.IntN(5)) * time.Millisecond)
	case 4:
		http.Error(w, `{"version":1,"error":"busy"}`, http.StatusServiceUnavailable)
		return
	}
	var sent func()
	if fault == 5 {
		sent = p.restartAround()
	}
	resp, data, err := p.send(r, body, sent)
	if fault == 5 && err != nil {
		p.cut.Add(1)
	}
	if err == nil && fault == 2 {
		resp, data, err = p.send(r, body, nil)
	}
	if err != nil || fault == 1 || fault == 5 {
		if conn, _, herr := w.(http.Hijacker).Hijack(); herr == nil {
			_ = conn.Close()
		}
		return
	}
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(data)
}

// restartAround restarts the centre before it sees a push (every other
// time) or returns the function that restarts it while it handles it:
// up to 2 ms after the push was written to it, mid-batch.
func (p *soakProxy) restartAround() func() {
	if p.counts[5].Load()%2 == 1 {
		p.lc.restart()
		return nil
	}
	p.rmu.Lock()
	wait := time.Duration(p.rnd.IntN(2000)) * time.Microsecond
	p.rmu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() { go func() { time.Sleep(wait); p.lc.restart() }() })
	}
}

// soakTablet is a tablet whose store the soak closes mid-sync ("killed")
// and opens again.
type soakTablet struct {
	*tablet
	path  string
	kills int
}

func (st *soakTablet) reopen(t *testing.T) {
	_ = st.st.Close()
	s, err := store.Open(st.path, store.Options{})
	must(t, err)
	st.st = s
	dev, err := store.DeviceID(st.dir)
	must(t, err)
	st.svc = round.New(s, round.Options{DeviceID: dev, Now: func() time.Time { return st.now }})
}

// record appends n refusals of Arthur's paracetamol, a minute apart:
// records the check has no say in, so the soak's volume is the network's.
func (st *soakTablet) record(t *testing.T, n int, ids map[uuid.UUID]bool) {
	dev, err := store.DeviceID(st.dir)
	must(t, err)
	for range n {
		st.now = st.now.Add(time.Minute)
		e := mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: dev, UserID: "amy",
			ResidentID: storetest.ResidentArthur, OccurredAt: st.now, RecordedAt: st.now,
			EntryID: storetest.EntryParacetamolR002, EntryVersion: 1, Outcome: mar.OutcomeRefused, Verdict: mar.LevelOK}
		must(t, st.st.Append(e))
		ids[e.ID] = true
	}
}

// syncOnce runs one sync through the proxy, killing the tablet (closing
// its store under the sync) one time in ten; errors are the faults'.
func (st *soakTablet) syncOnce(t *testing.T, rnd *rand.Rand) {
	cl, _, err := syncer.ForTablet(st.dir, fastRetry(st.log))
	must(t, err)
	if rnd.IntN(10) > 0 {
		_, _ = cl.Sync(context.Background(), st.st)
		return
	}
	done := make(chan struct{})
	using := st.st // read here: reopen replaces the field while the sync runs
	go func() {
		defer close(done)
		_, _ = cl.Sync(context.Background(), using)
	}()
	time.Sleep(time.Duration(rnd.IntN(3000)) * time.Microsecond)
	st.reopen(t) // closes the store the sync is using
	st.kills++
	<-done
}

// soak: two tablets push over 1,000 records through a proxy faulting one
// request in five, with the centre restarted mid-batch and the tablets
// killed mid-sync; then, faults off, they converge: the centre holds each
// record once, every outbox is empty, both tablets hold the same history,
// and the 08:00 metformin both gave offline is one DOUBLE_DOSE.
func soak(t *testing.T, open Opener) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("soak seed %d", seed)
	lc := &liveCentre{t: t, open: open, copies: t.TempDir()}
	lc.start()
	t.Cleanup(func() { lc.mu.Lock(); lc.stop(); lc.mu.Unlock() })
	seedCentre(t, lc.st)
	p, front := newSoakProxy(t, lc, seed)
	c := &centre{st: lc.st, log: &logbook{}}
	tabs := soakTablets(t, front.URL, c.log, c.code(t), c.code(t))
	ids := runSoak(t, p, tabs, seed)
	checkConverged(t, lc.st, tabs, ids)
}

// soakTablets enrols a tablet with each code through the proxy, faults
// off, and syncs it.
func soakTablets(t *testing.T, server string, log *logbook, codes ...string) []*soakTablet {
	tabs := make([]*soakTablet, len(codes))
	for i, code := range codes {
		tb := enrolTablet(t, log, server, code)
		tabs[i] = &soakTablet{tablet: tb, path: filepath.Join(tb.dir, store.DatabaseFile)}
		tabs[i].sync(t)
	}
	return tabs
}

// runSoak gives the 08:00 metformin on both tablets offline, then records
// and syncs over 1,000 records through the proxy's faults, then syncs each
// tablet three times with the faults off. It returns the records made.
func runSoak(t *testing.T, p *soakProxy, tabs []*soakTablet, seed uint64) map[uuid.UUID]bool {
	rnd := rand.New(rand.NewPCG(seed, 7))
	ids := map[uuid.UUID]bool{}
	for i, tb := range tabs {
		tb.now = tb.now.Add(time.Duration(i) * 10 * time.Minute)
		ids[tb.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "").ID] = true
	}
	p.faults.Store(true)
	for len(ids) < 1002 {
		for _, tb := range tabs {
			tb.record(t, 10+rnd.IntN(30), ids)
			tb.syncOnce(t, rnd)
		}
	}
	p.faults.Store(false)
	for range 3 {
		for _, tb := range tabs {
			tb.sync(t)
		}
	}
	t.Logf("faults: none %d, dropped %d, duplicated %d, delayed %d, 503 %d, restarts %d", p.counts[0].Load(),
		p.counts[1].Load(), p.counts[2].Load(), p.counts[3].Load(), p.counts[4].Load(), p.counts[5].Load())
	t.Logf("tablets killed mid-sync: %d and %d; pushes cut by a restart of the centre: %d", tabs[0].kills, tabs[1].kills, p.cut.Load())
	if p.counts[5].Load() < 2 {
		t.Errorf("the centre was restarted %d times; want at least 2", p.counts[5].Load())
	}
	return ids
}

// seedCentre gives the centre the home, chart and staff newCentre does.
func seedCentre(t *testing.T, st central.Store) {
	ctx := context.Background()
	settings := mar.DefaultHome()
	must(t, st.AddHome(ctx, central.Home{ID: home, Settings: settings, CreatedAt: storetest.ChartAt}))
	u := storetest.Chart()
	must(t, st.AddChart(ctx, home, protocol.ChartUpdate{Residents: u.Residents, Products: u.Products,
		Entries: u.Entries, Allergies: u.Allergies, At: u.At}))
	must(t, st.PutUser(ctx, home, mar.User{ID: "amy", Name: "Amy Carter", Role: mar.RoleCarer, PINHash: pinHash(t)}))
}

func checkConverged(t *testing.T, st central.Store, tabs []*soakTablet, ids map[uuid.UUID]bool) {
	ctx := context.Background()
	stored, err := st.Events(ctx, home, time.Time{}, time.Time{})
	must(t, err)
	all, doubles := map[uuid.UUID]int{}, 0
	for _, e := range stored {
		all[e.Event.ID]++
		if e.Event.Kind == mar.KindIncident {
			if e.Event.ReasonCodes[0] == central.IncidentDoubleDose {
				doubles++
			} else {
				t.Errorf("unexpected incident %s: %s", e.Event.ReasonCodes[0], e.Event.Note)
			}
			continue
		}
		if !ids[e.Event.ID] {
			t.Errorf("centre holds %s, which no tablet recorded", e.Event.ID)
		}
	}
	for id := range ids {
		if all[id] != 1 {
			t.Errorf("centre holds record %s %d times, want once", id, all[id])
		}
	}
	if len(stored) != len(all) || doubles != 1 {
		t.Errorf("centre holds %d events, %d distinct, %d double-dose incidents; want each once and one incident", len(stored), len(all), doubles)
	}
	if cs, _ := st.Conflicts(ctx, home); len(cs) != 0 {
		t.Errorf("centre kept %d conflicts aside; want none", len(cs))
	}
	for i, tb := range tabs {
		if n, _ := tb.st.PendingCount(); n != 0 {
			t.Errorf("tablet %d has %d records waiting, want 0", i, n)
		}
		held := map[uuid.UUID]bool{}
		must(t, tb.st.EachEvent(storetest.ChartAt.AddDate(-1, 0, 0), time.Now().AddDate(1, 0, 0), func(e mar.Event) error {
			held[e.ID] = true
			return nil
		}))
		if len(held) != len(all) {
			t.Errorf("tablet %d holds %d records, the centre %d; want the same merged history", i, len(held), len(all))
		}
		for id := range all {
			if !held[id] {
				t.Errorf("tablet %d lacks %s", i, id)
				break
			}
		}
		if errs := tb.st.Check(); len(errs) != 0 {
			t.Errorf("tablet %d fails its check: %v", i, errs)
		}
	}
}

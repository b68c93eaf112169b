package syncer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"medround/internal/store"
)

// lastSyncFile keeps when the tablet last synced, so after a restart an
// offline tablet still says how old its picture of the home is.
const lastSyncFile = "last-sync"

// Link joins a running app to its central record: the enrolment kept in
// the data directory and the sync loop over the app's open store. A tablet
// that is not enrolled has a link with no loop until a manager enrols it.
type Link struct {
	ctx  context.Context
	dir  string
	st   *store.Store
	opt  Options
	lopt LoopOptions

	mu        sync.Mutex
	enrolment *Enrolment // nil: not enrolled
	loadErr   error      // why the kept enrolment could not be read
	loop      *Loop
	stop      context.CancelFunc
	done      chan struct{}

	// wmu guards watch apart from mu: a report arriving while Close holds
	// mu waiting for the loop must not wait for mu itself.
	wmu   sync.Mutex
	watch func(Status)
}

// StartLink starts syncing the tablet whose data directory is dir and
// whose store, open in this process, is st, if it is enrolled. The loop
// stops when ctx ends; Close also waits for it, so the store can then be
// closed. lopt.OnStatus is replaced: use Watch.
func StartLink(ctx context.Context, dir string, st *store.Store, opt Options, lopt LoopOptions) *Link {
	k := &Link{ctx: ctx, dir: dir, st: st, opt: opt, lopt: lopt}
	e, err := LoadEnrolment(dir)
	switch {
	case errors.Is(err, ErrNoEnrolment):
	case err != nil:
		k.loadErr = err
	default:
		k.mu.Lock()
		k.startLocked(e, readLastSync(dir))
		k.mu.Unlock()
	}
	return k
}

// Watch has f called with each new status, on the loop's goroutine.
func (k *Link) Watch(f func(Status)) {
	k.wmu.Lock()
	defer k.wmu.Unlock()
	k.watch = f
}

// Status is the sync's state; StateNotEnrolled with no loop.
func (k *Link) Status() Status {
	k.mu.Lock()
	loop, err := k.loop, k.loadErr
	k.mu.Unlock()
	if loop == nil {
		return Status{State: StateNotEnrolled, Err: err}
	}
	return loop.Status()
}

// Enrolment is the tablet's enrolment, if it has one.
func (k *Link) Enrolment() (Enrolment, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.enrolment == nil {
		return Enrolment{}, false
	}
	return *k.enrolment, true
}

// Kick asks for a sync soon; it does nothing when not enrolled.
func (k *Link) Kick() {
	k.mu.Lock()
	loop := k.loop
	k.mu.Unlock()
	if loop != nil {
		loop.Kick()
	}
}

// Enrol enrols the tablet with the centre at server using a one-time code,
// keeps the token (owner-only) and starts syncing with it, replacing any
// enrolment it had. It blocks for the network: call it off the screen's
// goroutine.
func (k *Link) Enrol(server, code, name string) (Enrolment, error) {
	held, err := heldBy(k.st)
	if err != nil {
		return Enrolment{}, err
	}
	e, err := EnrolTablet(k.ctx, k.dir, strings.TrimSpace(server), code, name, held, k.opt)
	if err != nil {
		return e, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.stopLocked()
	k.loadErr = nil
	// A new enrolment may be another centre: what the old one last saw
	// says nothing of it.
	_ = os.Remove(filepath.Join(k.dir, lastSyncFile))
	k.startLocked(e, time.Time{})
	return e, nil
}

// Close stops the loop and waits for it.
func (k *Link) Close() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.stopLocked()
}

func (k *Link) startLocked(e Enrolment, last time.Time) {
	ctx, stop := context.WithCancel(k.ctx)
	c, err := NewClient(e.Server, e.Token, k.opt)
	if err != nil {
		stop()
		k.loadErr = err
		return
	}
	opt := k.lopt
	opt.LastSync = last
	opt.OnStatus = k.report
	k.enrolment = &e
	k.loop = NewLoop(func(ctx context.Context) (Result, error) { return c.Sync(ctx, k.st) }, opt)
	k.stop, k.done = stop, make(chan struct{})
	go func(loop *Loop, done chan struct{}) {
		defer close(done)
		loop.Run(ctx)
	}(k.loop, k.done)
	k.wmu.Lock()
	w := k.watch
	k.wmu.Unlock()
	if w != nil {
		go w(k.loop.Status())
	}
}

func (k *Link) stopLocked() {
	if k.loop == nil {
		return
	}
	k.stop()
	<-k.done
	k.loop, k.enrolment = nil, nil
}

// report keeps the time of a sync that finished and passes the status on.
func (k *Link) report(s Status) {
	if s.State == StateSynced {
		// Only what the status bar says after a restart rests on it: a
		// failed write costs the words "last sync", nothing else.
		_ = store.WriteFilePrivate(filepath.Join(k.dir, lastSyncFile), []byte(s.LastSync.UTC().Format(time.RFC3339)+"\n"))
	}
	k.wmu.Lock()
	w := k.watch
	k.wmu.Unlock()
	if w != nil {
		w(s)
	}
}

// readLastSync reads the kept time of the last sync; zero when none.
func readLastSync(dir string) time.Time {
	b, err := os.ReadFile(filepath.Join(dir, lastSyncFile))
	if err != nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(string(b)))
	if err != nil {
		return time.Time{}
	}
	return t
}

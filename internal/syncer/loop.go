package syncer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// State is where a tablet's sync stands, for the status bar. Shown, never
// stored.
type State uint8

// Sync states.
const (
	// StateNotEnrolled: the tablet has no central record to sync with.
	StateNotEnrolled State = 1
	// StateStarting: enrolled, no sync has finished since the app started.
	StateStarting State = 2
	// StateSynced: the last sync sent and fetched everything.
	StateSynced State = 3
	// StateOffline: the centre could not be reached; records stay queued.
	StateOffline State = 4
	// StateRevoked: the centre no longer knows this tablet's token.
	StateRevoked State = 5
	// StateRefused: the centre refused a request for another reason.
	StateRefused State = 6
	// StateFailed: the sync failed on the tablet (its store, an answer it
	// could not read).
	StateFailed State = 7
	// StateOutdated: the centre sent records this version cannot read;
	// the tablet must be updated to learn the other tablets' doses.
	StateOutdated State = 8
)

var stateNames = map[State]string{StateNotEnrolled: "not-enrolled", StateStarting: "starting",
	StateSynced: "synced", StateOffline: "offline", StateRevoked: "revoked", StateRefused: "refused",
	StateFailed: "failed", StateOutdated: "outdated"}

// String returns the state's word.
func (s State) String() string {
	if n, ok := stateNames[s]; ok {
		return n
	}
	return fmt.Sprintf("sync-state(%d)", uint8(s))
}

// Status is what the loop last knew. Err is the last attempt's error, for
// a manager's eye; the words a care worker reads come from State.
type Status struct {
	State    State
	LastSync time.Time // the last sync that finished; zero if none known
	LastTry  time.Time // when the last attempt started
	Next     time.Time // when the next attempt is due
	Failures int       // attempts failed in a row
	Last     Result    // of the last attempt
	Err      error
}

// stateOf sorts a sync's error into the state it leaves the tablet in.
func stateOf(err error) State {
	switch {
	case err == nil:
		return StateSynced
	case errors.Is(err, ErrNotEnrolled):
		return StateRevoked
	case errors.Is(err, ErrUnreachable):
		return StateOffline
	case errors.Is(err, ErrRefused):
		return StateRefused
	case errors.Is(err, ErrOutdated):
		return StateOutdated
	}
	return StateFailed
}

// Loop timing. A minute keeps two tablets of a home within a minute of
// each other's doses when both are online. Offline, attempts back off from
// 30 s, doubling, to 5 min: often enough that records leave soon after the
// network returns, rare enough not to drain a tablet's battery on retries.
const (
	DefaultEvery      = time.Minute
	DefaultBackoffMin = 30 * time.Second
	DefaultBackoffMax = 5 * time.Minute
)

// LoopOptions tune a Loop. Zero values take the defaults.
type LoopOptions struct {
	Every, BackoffMin, BackoffMax time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// After waits d; nil means time.After. Tests inject one they fire.
	After func(d time.Duration) <-chan time.Time
	// LastSync is when the tablet last synced, kept from an earlier run.
	LastSync time.Time
	// OnStatus gets the status after each attempt, on the loop's
	// goroutine: a screen must hand it to its own.
	OnStatus func(Status)
}

// Loop syncs at once, then every minute and after every Kick, backing off
// while the centre cannot be reached. One attempt runs at a time, on the
// goroutine that called Run.
type Loop struct {
	sync func(context.Context) (Result, error)
	opt  LoopOptions
	kick chan struct{}

	mu     sync.Mutex
	status Status
}

// NewLoop returns a loop that calls sync for each attempt.
func NewLoop(sync func(context.Context) (Result, error), opt LoopOptions) *Loop {
	opt.Every = cmpOr(opt.Every, DefaultEvery)
	opt.BackoffMin = cmpOr(opt.BackoffMin, DefaultBackoffMin)
	opt.BackoffMax = cmpOr(opt.BackoffMax, DefaultBackoffMax)
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.After == nil {
		opt.After = time.After
	}
	return &Loop{sync: sync, opt: opt, kick: make(chan struct{}, 1),
		status: Status{State: StateStarting, LastSync: opt.LastSync}}
}

// Status is what the loop last knew.
func (l *Loop) Status() Status {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.status
}

// Kick asks for a sync soon: a record was made. It never blocks. While
// backing off, the attempt waits until BackoffMin after the last one, so
// a round of records made offline does not become a round of retries.
func (l *Loop) Kick() {
	select {
	case l.kick <- struct{}{}:
	default: // one is already asked for
	}
}

// Run runs attempts until ctx ends. An attempt under way when it ends is
// stopped by ctx and not reported.
func (l *Loop) Run(ctx context.Context) {
	due := l.opt.Now()
	for {
		wait := max(due.Sub(l.opt.Now()), 0)
		select {
		case <-ctx.Done():
			return
		case <-l.kick:
			if soon := l.kickDue(); soon.Before(due) {
				due = soon
			}
			continue
		case <-l.opt.After(wait):
		}
		if ctx.Err() != nil {
			return
		}
		next, ok := l.attempt(ctx)
		if !ok {
			return
		}
		due = next
	}
}

// kickDue is when a kicked attempt may run: now, or while backing off
// BackoffMin after the last attempt.
func (l *Loop) kickDue() time.Time {
	s := l.Status()
	if s.Failures == 0 {
		return l.opt.Now()
	}
	return s.LastTry.Add(l.opt.BackoffMin)
}

// attempt runs one sync, reports it, and returns when the next is due;
// false when ctx ended during it.
func (l *Loop) attempt(ctx context.Context) (time.Time, bool) {
	// A kick before this attempt is served by it; one during it (a record
	// made after the outbox was read) asks for the next.
	select {
	case <-l.kick:
	default:
	}
	start := l.opt.Now()
	r, err := l.sync(ctx)
	if ctx.Err() != nil {
		return time.Time{}, false
	}
	end := l.opt.Now()
	l.mu.Lock()
	s := &l.status
	s.LastTry, s.Last, s.Err, s.State = start, r, err, stateOf(err)
	if err == nil {
		s.LastSync, s.Failures, s.Next = end, 0, end.Add(l.opt.Every)
	} else {
		s.Failures++
		s.Next = end.Add(l.backoff(s.Failures))
	}
	out := *s
	l.mu.Unlock()
	if l.opt.OnStatus != nil {
		l.opt.OnStatus(out)
	}
	return out.Next, true
}

// backoff is the wait after failures attempts failed in a row: BackoffMin
// doubling, capped at BackoffMax.
func (l *Loop) backoff(failures int) time.Duration {
	d := l.opt.BackoffMin
	for i := 1; i < failures && d < l.opt.BackoffMax; i++ {
		d *= 2
	}
	return min(d, l.opt.BackoffMax)
}

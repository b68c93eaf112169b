package syncer_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"medround/internal/syncer"
)

// loopRig runs a Loop on a clock and timers the test moves, with a sync
// that answers what the test scripts.
type loopRig struct {
	t      *testing.T
	mu     sync.Mutex
	now    time.Time
	asked  chan wait
	answer chan error
	status chan syncer.Status
	loop   *syncer.Loop
	done   chan struct{}
	cancel context.CancelFunc
}

// wait is one timer the loop started.
type wait struct {
	d    time.Duration
	fire chan time.Time
}

var loopStart = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)

func newLoopRig(t *testing.T) *loopRig {
	r := &loopRig{t: t, now: loopStart, asked: make(chan wait, 100), answer: make(chan error),
		status: make(chan syncer.Status, 10), done: make(chan struct{})}
	r.loop = syncer.NewLoop(func(ctx context.Context) (syncer.Result, error) {
		select {
		case err := <-r.answer:
			return syncer.Result{Queued: 3}, err
		case <-ctx.Done():
			return syncer.Result{}, ctx.Err()
		}
	}, syncer.LoopOptions{Now: r.clock, After: r.after, OnStatus: func(s syncer.Status) { r.status <- s }})
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { defer close(r.done); r.loop.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-r.done })
	return r
}

func (r *loopRig) clock() time.Time { r.mu.Lock(); defer r.mu.Unlock(); return r.now }

func (r *loopRig) after(d time.Duration) <-chan time.Time {
	c := make(chan time.Time, 1)
	r.asked <- wait{d: d, fire: c}
	return c
}

// next takes the timer the loop started, checks how long it waits, moves
// the clock on by that and fires it.
func (r *loopRig) next(want time.Duration) {
	r.t.Helper()
	select {
	case w := <-r.asked:
		if w.d != want {
			r.t.Fatalf("the loop waits %v; want %v", w.d, want)
		}
		r.mu.Lock()
		r.now = r.now.Add(w.d)
		r.mu.Unlock()
		w.fire <- r.now
	case <-time.After(5 * time.Second):
		r.t.Fatalf("the loop started no timer; want one of %v", want)
	}
}

// sync answers the attempt under way with err and returns what it reported.
func (r *loopRig) sync(err error) syncer.Status {
	r.t.Helper()
	select {
	case r.answer <- err:
	case <-time.After(5 * time.Second):
		r.t.Fatal("the loop made no attempt")
	}
	return <-r.status
}

// Offline, attempts back off from 30 s, doubling to 5 min; the first sync
// that goes through returns to once a minute and says when it was.
func TestLoopBacksOffWhileOfflineAndRecovers(t *testing.T) {
	r := newLoopRig(t)
	r.next(0) // at once on start
	offline := fmt.Errorf("push: %w", syncer.ErrUnreachable)
	for i, want := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute} {
		s := r.sync(offline)
		if s.State != syncer.StateOffline || s.Failures != i+1 || !s.LastSync.IsZero() || s.Last.Queued != 3 {
			t.Fatalf("after failure %d: status %+v; want offline, %d failures, never synced, 3 queued", i+1, s, i+1)
		}
		r.next(want)
	}
	s := r.sync(nil)
	if s.State != syncer.StateSynced || s.Failures != 0 || !s.LastSync.Equal(r.clock()) {
		t.Fatalf("after a sync that went through: %+v; want synced now", s)
	}
	r.next(time.Minute)
	if got := r.loop.Status(); got.State != syncer.StateSynced {
		t.Errorf("Status() = %v; want synced", got.State)
	}
}

// A record made while online is sent at once; while backing off, no
// sooner than 30 s after the last attempt.
func TestLoopKickedByARecord(t *testing.T) {
	r := newLoopRig(t)
	r.next(0)
	r.sync(nil)
	w := <-r.asked // the minute's timer, not fired
	if w.d != time.Minute {
		t.Fatalf("after a sync the loop waits %v; want a minute", w.d)
	}
	r.mu.Lock()
	r.now = r.now.Add(10 * time.Second)
	r.mu.Unlock()
	r.loop.Kick()
	r.next(0)
	r.sync(syncer.ErrUnreachable) // attempt at 08:00:10 fails
	<-r.asked                     // the 30 s backoff, not fired
	r.mu.Lock()
	r.now = r.now.Add(20 * time.Second)
	r.mu.Unlock()
	r.loop.Kick()
	r.next(10 * time.Second) // 30 s after the failed attempt, not at once
	if s := r.sync(nil); s.State != syncer.StateSynced {
		t.Errorf("kicked attempt: %v; want synced", s.State)
	}
}

// Closing the app stops the loop, even mid-attempt, and reports nothing.
func TestLoopStopsWithItsContext(t *testing.T) {
	r := newLoopRig(t)
	r.next(0)
	r.cancel() // the attempt is waiting for its answer
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the loop kept running after its context ended")
	}
	select {
	case s := <-r.status:
		t.Errorf("a stopped attempt reported %+v", s)
	default:
	}
}

// Each way a sync ends is one state, so the status bar says the right
// thing: a revoked tablet is not "offline".
func TestLoopStateOfEachEnding(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want syncer.State
	}{
		{"everything sent and fetched", nil, syncer.StateSynced},
		{"centre unreachable after retries", fmt.Errorf("push: %w", syncer.ErrUnreachable), syncer.StateOffline},
		{"token revoked at the centre", fmt.Errorf("pull: %w", syncer.ErrNotEnrolled), syncer.StateRevoked},
		{"centre refused a batch", fmt.Errorf("push: %w: too big", syncer.ErrRefused), syncer.StateRefused},
		{"tablet's store failed", errors.New("push: read outbox: disk full"), syncer.StateFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newLoopRig(t)
			r.next(0)
			if s := r.sync(tc.err); s.State != tc.want || !errors.Is(s.Err, tc.err) {
				t.Errorf("sync ending %v: state %v, err %v; want %v", tc.err, s.State, s.Err, tc.want)
			}
		})
	}
}

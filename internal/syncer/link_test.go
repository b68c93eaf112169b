package syncer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/store"
	"medround/internal/syncer"
)

// statuses collects what a link reports.
func watchLink(k *syncer.Link) <-chan syncer.Status {
	ch := make(chan syncer.Status, 20)
	k.Watch(func(s syncer.Status) { ch <- s })
	return ch
}

// waitState waits for a report of want, failing on a time-out.
func waitState(t *testing.T, ch <-chan syncer.Status, want syncer.State) syncer.Status {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case s := <-ch:
			if s.State == want {
				return s
			}
		case <-deadline:
			t.Fatalf("the link never reported %v", want)
		}
	}
}

// A tablet not enrolled does nothing; a manager enrols it with a code, it
// keeps the token owner-only, syncs at once, and keeps when; when the
// centre revokes it, the next sync says it is no longer enrolled.
func TestLinkEnrolsSyncsAndLearnsItWasRevoked(t *testing.T) {
	c := newCentre(t)
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, store.DatabaseFile), store.Options{})
	must(t, err)
	t.Cleanup(func() { _ = st.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	k := syncer.StartLink(ctx, dir, st, fastRetry(c.log), syncer.LoopOptions{})
	defer k.Close()
	ch := watchLink(k)
	if s := k.Status(); s.State != syncer.StateNotEnrolled {
		t.Fatalf("before enrolment: %v; want not enrolled", s.State)
	}
	k.Kick() // nothing to kick: must not block or start anything
	if _, err := k.Enrol(c.srv.URL, "WRONG-CODE", "floor 1"); err == nil {
		t.Fatal("enrolled with a wrong code")
	}
	if s := k.Status(); s.State != syncer.StateNotEnrolled {
		t.Fatalf("after a refused code: %v; want still not enrolled", s.State)
	}
	e, err := k.Enrol(c.srv.URL, c.code(t), "floor 1")
	must(t, err)
	if e.HomeName != "Willow House" {
		t.Errorf("enrolled in %q; want Willow House", e.HomeName)
	}
	s := waitState(t, ch, syncer.StateSynced)
	if s.Last.Changes == 0 {
		t.Errorf("first sync pulled %+v; want the home's chart and staff", s.Last)
	}
	for _, f := range []string{"enrolment.json", "last-sync"} {
		info, err := os.Stat(filepath.Join(dir, f))
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want it kept owner-only", f, info, err)
		}
	}
	devs, err := c.st.Devices(context.Background(), home)
	must(t, err)
	must(t, c.st.RevokeDevice(context.Background(), devs[0].ID, time.Now()))
	k.Kick()
	waitState(t, ch, syncer.StateRevoked)

	// After a restart the tablet remembers when it last synced. The
	// restarted loop's first attempt is held back (its timer never fires):
	// with a real timer that attempt may reach the centre, learn the token
	// was revoked and report so before Status is read, and what the restart
	// shows is then no longer the kept file alone.
	k.Close()
	held := syncer.LoopOptions{After: func(time.Duration) <-chan time.Time { return nil }}
	again := syncer.StartLink(ctx, dir, st, fastRetry(c.log), held)
	defer again.Close()
	if got := again.Status(); got.State != syncer.StateStarting || !got.LastSync.Equal(s.LastSync.Truncate(time.Second)) {
		t.Errorf("after a restart: %v, last sync %v; want starting, last sync %v", got.State, got.LastSync, s.LastSync)
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// queue stands in for the goroutines the app starts, so a test can hold a
// save half way and look at the screen meanwhile.
type queue struct{ pending []func() }

func (q *queue) goFunc(f func()) { q.pending = append(q.pending, f) }

// drain runs what is queued, and what that queues, until nothing is left.
func (q *queue) drain() {
	for len(q.pending) > 0 {
		f := q.pending[0]
		q.pending = q.pending[1:]
		f()
	}
}

// heldSave signs amy in on R101 with amlodipine checked and Given tapped,
// the save not yet run.
func heldSave(t *testing.T) (*harness, *queue) {
	q := &queue{}
	h := newHarnessWith(t, func(o *Options) { o.Go = q.goFunc })
	q.drain()
	h.signIn2(q, "amy", "1111")
	h.scan("R101")
	q.drain()
	h.scan(pack("amlodipine-5"))
	q.drain()
	h.sees("OK to give")
	h.tap("Given")
	if len(q.pending) == 0 {
		t.Fatal("Given did not start a save")
	}
	return h, q
}

// signIn2 is signIn with the loads run from q.
func (h *harness) signIn2(q *queue, userID, pin string) {
	h.t.Helper()
	h.scan("STAFF:" + userID)
	q.drain()
	for _, d := range pin {
		h.tap(string(d))
	}
	h.tap("Sign in")
	q.drain()
	if h.app.session == nil {
		h.t.Fatalf("sign in as %s failed; screen says %q", userID, h.texts())
	}
}

// TestEveryActionWaitsWhileARecordIsSaved: while the save runs no button,
// choice or field on screen can be used; afterwards the ones that were
// enabled are again.
func TestEveryActionWaitsWhileARecordIsSaved(t *testing.T) {
	h, q := heldSave(t)
	var enabled []string
	visible(h.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if d, ok := o.(fyne.Disableable); ok && !d.Disabled() {
			name := "a widget"
			if b, ok := o.(*widget.Button); ok {
				name = "button " + b.Text
			}
			enabled = append(enabled, name)
		}
	})
	if len(enabled) > 0 {
		t.Errorf("while saving, still enabled: %q", enabled)
	}
	q.drain()
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets given")
	for _, b := range []string{"Round", "History", "Choose by hand", "Lock"} {
		if h.button(b).Disabled() {
			t.Errorf("button %q still disabled after the save", b)
		}
	}
}

// TestLockDuringASaveWaitsForTheRecordedLine: the idle lock (or Lock)
// during a save locks once "Recorded at" is on the page, and the next
// user finds it there.
func TestLockDuringASaveWaitsForTheRecordedLine(t *testing.T) {
	h, q := heldSave(t)
	h.app.lock()
	if h.app.session == nil {
		t.Fatal("locked in the middle of a save")
	}
	q.drain()
	if h.app.session != nil {
		t.Fatal("the lock asked for during the save never came")
	}
	h.signIn2(q, "ben", "4444")
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets given")
}

// TestEscapeAndScansWaitForTheSave: Escape and a wristband scan during a
// save leave the page, and the line it ends with, where they are.
func TestEscapeAndScansWaitForTheSave(t *testing.T) {
	h, q := heldSave(t)
	h.app.escape()
	h.scan("R102")
	q.drain()
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets given")
	h.sees("Margaret Ellis")
}

package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"medround/internal/barcode"
	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/round"
	"medround/internal/store"
)

var _ Service = (*round.Service)(nil)

// demoNow is a November morning: GMT, so UTC reads as the home's clock.
// 08:05 is inside the morning round's window (07:00 to 09:00).
var demoNow = time.Date(2026, 11, 25, 8, 5, 0, 0, time.UTC)

// clock is the settable clock shared by the app and the round service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// timers stands in for time.AfterFunc so a test fires the idle lock at once.
type timers struct {
	pending []*timer
}

type timer struct {
	d       time.Duration
	f       func()
	stopped bool
}

func (ts *timers) after(d time.Duration, f func()) func() bool {
	tm := &timer{d: d, f: f}
	ts.pending = append(ts.pending, tm)
	return func() bool { was := !tm.stopped; tm.stopped = true; return was }
}

// fire runs every timer not stopped, as if its time had come.
func (ts *timers) fire() {
	list := ts.pending
	ts.pending = nil
	for _, tm := range list {
		if !tm.stopped {
			tm.f()
		}
	}
}

// harness is the app on a headless window over a real store holding the
// demo home, with the clock and the timers in the test's hands.
type harness struct {
	t      testing.TB
	app    *App
	win    fyne.Window
	svc    *round.Service
	st     *store.Store
	clock  *clock
	timers *timers
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	return newHarnessWith(t, nil)
}

// newHarnessWith is newHarness with options set by more, e.g. cameras.
func newHarnessWith(t testing.TB, more func(*Options)) *harness {
	t.Helper()
	return newHarnessOn(t, func(_ *store.Store, o *Options) {
		if more != nil {
			more(o)
		}
	})
}

// testDevice is the harness tablet's device ID, on its demo history and
// its records alike: the centre takes only a tablet's own records.
const testDevice = "test-tablet"

// newHarnessOn is newHarnessWith with the store given to more, for
// options built on it, such as a sync link.
func newHarnessOn(t testing.TB, more func(*store.Store, *Options)) *harness {
	t.Helper()
	test.NewTempApp(t)
	st := demotest.Open(t, demo.Options{Residents: 12, Now: demoNow, Hash: round.HashPIN, DeviceID: testDevice})
	c := &clock{t: demoNow}
	svc := round.New(st, round.Options{DeviceID: testDevice, Now: c.now})
	ts := &timers{}
	opt := Options{Now: c.now, AfterFunc: ts.after, Go: func(f func()) { f() }}
	more(st, &opt)
	a := New(fyne.CurrentApp(), svc, opt)
	a.win.Resize(fyne.NewSize(1280, 800))
	return &harness{t: t, app: a, win: a.win, svc: svc, st: st, clock: c, timers: ts}
}

// scan types a code on the window as a keyboard-wedge scanner does.
func (h *harness) scan(code string) {
	h.t.Helper()
	c := h.win.Canvas()
	test.TypeOnCanvas(c, code)
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// signIn signs a demo user in by badge scan and PIN typed on the keypad.
func (h *harness) signIn(userID, pin string) {
	h.t.Helper()
	h.scan(barcode.StaffPrefix + userID)
	for _, d := range pin {
		h.tap(string(d))
	}
	h.tap("Sign in")
	if h.app.session == nil || h.app.session.User().ID != userID {
		h.t.Fatalf("sign in as %s failed; screen says %q", userID, h.texts())
	}
}

// visible walks what is drawn, skipping hidden objects, calling f on each.
// A label is one object: its wrapped lines are not visited apart.
func visible(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch o.(type) {
	case *widget.Label, *bandText:
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			visible(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			visible(c, f)
		}
	}
}

// texts is every piece of text on screen, joined by " | ".
func (h *harness) texts() string {
	var out []string
	visible(h.win.Canvas().Content(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			if strings.TrimSpace(x.Text) != "" {
				out = append(out, x.Text)
			}
		case *bandText:
			if strings.TrimSpace(x.Text()) != "" {
				out = append(out, x.Text())
			}
		case *canvas.Text:
			if strings.TrimSpace(x.Text) != "" {
				out = append(out, x.Text)
			}
		case *widget.Entry:
			if x.Text != "" && !x.Password {
				out = append(out, x.Text)
			}
		}
	})
	return strings.Join(out, " | ")
}

// sees fails unless the text is on screen.
func (h *harness) sees(want string) {
	h.t.Helper()
	if !strings.Contains(h.texts(), want) {
		h.t.Fatalf("screen does not show %q; it shows: %s", want, h.texts())
	}
}

// notSees fails if the text is on screen.
func (h *harness) notSees(unwanted string) {
	h.t.Helper()
	if strings.Contains(h.texts(), unwanted) {
		h.t.Fatalf("screen shows %q; it shows: %s", unwanted, h.texts())
	}
}

// button finds the visible button whose label starts with text.
func (h *harness) button(text string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	visible(h.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Text != "" && strings.HasPrefix(b.Text, text) {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no button %q on screen; it shows: %s", text, h.texts())
	}
	return found
}

// tap taps the visible, enabled button whose label starts with text.
func (h *harness) tap(text string) {
	h.t.Helper()
	b := h.button(text)
	if b.Disabled() {
		h.t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
}

// entry finds the visible entry whose placeholder starts with text.
func (h *harness) entry(placeholder string) *widget.Entry {
	h.t.Helper()
	var found *widget.Entry
	visible(h.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && found == nil && strings.HasPrefix(e.PlaceHolder, placeholder) {
			found = e
		}
	})
	if found == nil {
		h.t.Fatalf("no field %q on screen; it shows: %s", placeholder, h.texts())
	}
	return found
}

// choose picks an option in the visible select whose placeholder starts
// with placeholder.
func (h *harness) choose(placeholder, option string) {
	h.t.Helper()
	var found *widget.Select
	visible(h.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && found == nil && strings.HasPrefix(s.PlaceHolder, placeholder) {
			found = s
		}
	})
	if found == nil {
		h.t.Fatalf("no choice %q on screen; it shows: %s", placeholder, h.texts())
	}
	found.SetSelected(option)
}

// pack is the demo GS1 code of a product, in date, as a person would type
// it from the pack's printed text.
func pack(productID string) string {
	return demo.PackCode(productID, time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), "B42")
}

func at(hhmm string) time.Time {
	t, _ := time.Parse("15:04", hhmm)
	return time.Date(2026, 11, 25, t.Hour(), t.Minute(), 0, 0, time.UTC)
}

// tapLast taps the last visible button whose label starts with text: in a
// list in time order, the newest.
func (h *harness) tapLast(text string) {
	h.t.Helper()
	var found *widget.Button
	visible(h.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, text) && b.Text != "" {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no button %q on screen; it shows: %s", text, h.texts())
	}
	test.Tap(found)
}

// hasButton reports whether a visible button's label starts with text.
func (h *harness) hasButton(text string) bool {
	found := false
	visible(h.win.Canvas().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text != "" && len(b.Text) >= len(text) && b.Text[:len(text)] == text {
			found = true
		}
	})
	return found
}

// typeByHand types a code and Enter on the window at a person's pace.
func (h *harness) typeByHand(code string) {
	h.t.Helper()
	c := h.win.Canvas()
	for _, r := range code {
		h.clock.set(h.clock.now().Add(300 * time.Millisecond))
		c.OnTypedRune()(r)
	}
	h.clock.set(h.clock.now().Add(300 * time.Millisecond))
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// tapResident taps the row of the round whose title holds text, as a
// care worker choosing a resident without scanning the wristband.
func (h *harness) tapResident(text string) {
	h.t.Helper()
	for _, r := range h.app.board.lines {
		if r.box.Visible() && strings.Contains(r.title.Text, text) {
			test.Tap(r.button)
			return
		}
	}
	h.t.Fatalf("no row %q on the round; it shows: %s", text, h.texts())
}

// key presses a named key on the window, no field focused.
func (h *harness) key(name fyne.KeyName) {
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// altG presses Alt+G, the keyboard's Given, a second after the last
// step, as a person reading the verdict first does.
func (h *harness) altG() {
	h.clock.set(h.clock.now().Add(givenKeyDelay))
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(givenShortcut)
}

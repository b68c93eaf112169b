package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"medround/internal/barcode"
)

// wedge takes the keys typed on the canvas while no field has the focus
// and lets barcode.Wedge tell a scanner's burst from a person typing. Only
// a burst is a scan: a pack code typed by hand from the box must not pass
// for a scanned one, so keys typed at a person's pace are dropped and the
// screen is told, to point the care worker to "Choose by hand" or a field.
type wedge struct {
	now      func() time.Time
	keys     barcode.Wedge
	typed    int // keys since the last end, scanned or not
	onScan   func(code string)
	onHand   func() // keys ended by Enter came at a person's pace
	onEnd    func() // any Enter or Return, for the scan trace
	onEscape func() // a person's Escape: close or go back
	refocus  func() // undoes the focus move a scanner's Tab suffix caused
}

// attach takes the canvas's keys whenever no field has the focus.
func (w *wedge) attach(c fyne.Canvas) {
	c.SetOnTypedRune(w.typedRune)
	c.SetOnTypedKey(w.typedKey)
	// Tab never reaches OnTypedKey: the window spends it moving the focus.
	// Key-down sees it first, for scanners set up with a Tab suffix.
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(w.keyDown)
	}
}

// setGSSubstitute is the text the home's scanners send for the GS1
// separator (home settings).
func (w *wedge) setGSSubstitute(s string) { w.keys.GSSubstitute = s }

func (w *wedge) typedRune(r rune) {
	w.typed++
	w.keys.Key(r, w.now())
}

func (w *wedge) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if w.onEnd != nil {
			w.onEnd()
		}
		if !w.end() && w.typed > 0 && w.onHand != nil {
			w.onHand()
		}
		w.typed = 0
	case fyne.KeyBackspace, fyne.KeyEscape:
		// A scanner never corrects itself: these keys are a person's.
		w.keys.Reset()
		w.typed = 0
		if ev.Name == fyne.KeyEscape && w.onEscape != nil {
			w.onEscape()
		}
	}
}

func (w *wedge) keyDown(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeyTab || w.typed == 0 {
		return
	}
	w.typed = 0
	if w.end() && w.refocus != nil {
		w.refocus()
	}
}

// end closes the burst and hands over its code; false when the keys were
// a person's or too few to be a code.
func (w *wedge) end() bool {
	b, ok := w.keys.End(w.now())
	code := strings.TrimSpace(b.Text)
	if !ok || code == "" {
		return false
	}
	if w.onScan != nil {
		w.onScan(code)
	}
	return true
}

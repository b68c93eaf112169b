package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// staleKeys is how long a half-typed code may wait for its Enter. A scanner
// types a whole code in well under a second; keys older than this were
// typed by hand and abandoned, and must not be glued to the next scan.
const staleKeys = 2 * time.Second

// wedge gathers the keys a keyboard-wedge scanner types on the canvas and
// hands over the code when Enter or Return ends it.
type wedge struct {
	now    func() time.Time
	buf    []rune
	last   time.Time
	onScan func(code string)
}

// attach takes the canvas's keys whenever no field has the focus.
func (w *wedge) attach(c fyne.Canvas) {
	c.SetOnTypedRune(w.typedRune)
	c.SetOnTypedKey(w.typedKey)
}

func (w *wedge) typedRune(r rune) {
	t := w.now()
	if len(w.buf) > 0 && t.Sub(w.last) > staleKeys {
		w.buf = w.buf[:0]
	}
	w.buf = append(w.buf, r)
	w.last = t
}

func (w *wedge) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		code := strings.TrimSpace(string(w.buf))
		w.buf = w.buf[:0]
		if code != "" && w.onScan != nil {
			w.onScan(code)
		}
	case fyne.KeyBackspace:
		if len(w.buf) > 0 {
			w.buf = w.buf[:len(w.buf)-1]
		}
	case fyne.KeyEscape:
		w.buf = w.buf[:0]
	}
}

package barcode

import (
	"strings"
	"time"
)

// Defaults for Wedge. Scanners type a whole code in a few milliseconds per
// key; the fastest people leave 80 ms or more between keys, and rarely type
// four keys in a row that fast.
const (
	DefaultMaxGap    = 50 * time.Millisecond
	DefaultMinLength = 4
)

// Burst is a run of keystrokes that a keyboard-wedge scanner typed.
type Burst struct {
	Text     string        // normalised: CR, LF and Tab removed, GS substitute mapped to ASCII 29
	Keys     int           // keystrokes in the burst, terminator excluded
	Duration time.Duration // from the first key to the last
}

// Wedge tells a keyboard-wedge scanner's burst of keystrokes from a person
// typing, so the app can take a scan without a focused text field. The UI
// feeds it every key with the time it arrived; Wedge keeps no clock of its
// own. A Wedge is not safe for concurrent use; the UI goroutine owns it.
//
// Scanners end a code with Enter, Return or Tab (their "suffix"); those
// arrive as Key('\r'), Key('\n') or Key('\t'), or through End. For scanners
// set up with no suffix the UI calls Idle from a timer.
type Wedge struct {
	MaxGap       time.Duration // longest pause between a scanner's keys; zero means DefaultMaxGap
	MinLength    int           // fewest characters in a scan; zero means DefaultMinLength
	GSSubstitute string        // what the scanner types for the GS1 separator, if it cannot send ASCII 29

	buf   []rune
	first time.Time
	last  time.Time
}

// Key takes one keystroke. A terminator (Enter, Return, Tab) ends the
// burst: it returns the burst and true when a scanner typed it. Keys that
// follow a pause longer than MaxGap start a new burst, so what a person
// typed before a scan never sticks to the front of it.
func (w *Wedge) Key(r rune, at time.Time) (Burst, bool) {
	if r == '\r' || r == '\n' || r == '\t' {
		return w.End(at)
	}
	if len(w.buf) > 0 && !w.quick(at) {
		w.Reset()
	}
	if len(w.buf) == 0 {
		w.first = at
	}
	w.buf = append(w.buf, r)
	w.last = at
	return Burst{}, false
}

// End is the terminator key (Enter, Return or Tab) arriving at at. It
// returns the burst and true when the keys since the last pause came fast
// enough and were enough to be a scan; otherwise false, and the key is the
// person's own Enter. Either way the buffer is cleared.
func (w *Wedge) End(at time.Time) (Burst, bool) {
	defer w.Reset()
	if !w.quick(at) {
		return Burst{}, false
	}
	return w.burst()
}

// Idle ends a burst from a scanner that sends no terminator: called at at
// with no key since, it returns the burst once more than MaxGap has passed.
func (w *Wedge) Idle(at time.Time) (Burst, bool) {
	if len(w.buf) == 0 || w.quick(at) {
		return Burst{}, false
	}
	defer w.Reset()
	return w.burst()
}

// Reset forgets the keys typed so far.
func (w *Wedge) Reset() {
	w.buf = w.buf[:0]
	w.first, w.last = time.Time{}, time.Time{}
}

// quick reports whether at follows the last key within MaxGap. A clock that
// steps backwards counts as a pause.
func (w *Wedge) quick(at time.Time) bool {
	gap := at.Sub(w.last)
	maxGap := w.MaxGap
	if maxGap <= 0 {
		maxGap = DefaultMaxGap
	}
	return len(w.buf) > 0 && gap >= 0 && gap <= maxGap
}

func (w *Wedge) burst() (Burst, bool) {
	minLen := w.MinLength
	if minLen <= 0 {
		minLen = DefaultMinLength
	}
	if len(w.buf) < minLen {
		return Burst{}, false
	}
	return Burst{Text: w.normalise(string(w.buf)), Keys: len(w.buf), Duration: w.last.Sub(w.first)}, true
}

func (w *Wedge) normalise(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == '\t' {
			return -1
		}
		return r
	}, s)
	if w.GSSubstitute != "" {
		s = strings.ReplaceAll(s, w.GSSubstitute, string(rune(gs)))
	}
	return s
}

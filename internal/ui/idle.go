package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// idleLock locks the app when nobody has touched it for a while. Each touch
// restarts the timer; a timer that fires after a later touch restarted it is
// ignored by its generation number.
type idleLock struct {
	limit time.Duration
	after func(time.Duration, func()) func() bool
	fire  func()
	gen   int
	halt  func() bool
}

func newIdleLock(limit time.Duration, after func(time.Duration, func()) func() bool, fire func()) *idleLock {
	if limit <= 0 {
		limit = DefaultIdleLock
	}
	if after == nil {
		after = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	return &idleLock{limit: limit, after: after, fire: fire}
}

// touch records activity: the lock is now limit away.
func (l *idleLock) touch() {
	l.stop()
	l.gen++
	gen := l.gen
	l.halt = l.after(l.limit, func() {
		fyne.Do(func() {
			if gen == l.gen {
				l.fire()
			}
		})
	})
}

// stop cancels the timer, while nobody is signed in.
func (l *idleLock) stop() {
	if l.halt != nil {
		l.halt()
		l.halt = nil
	}
	l.gen++
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// saveGuard holds every action on screen while a record is being saved.
// A tap that moved on (another resident, the round, the lock) would close
// the check under the save, and the "Recorded at" line that tells the care
// worker the dose is on the MAR chart would never show: they might give it
// again, or record it twice. So the screen's buttons, choices and fields
// are disabled for the save, and a lock asked for meanwhile (the Lock
// button's twin, the idle timer) waits until the line is on screen.
type saveGuard struct {
	frozen []fyne.Disableable // what the save disabled, to enable again
	on     bool
	lock   func() // a lock that came during the save
}

// saved wraps apply, the end of a record's save, so that from now until
// apply has run every action on a's window is held. Call it as the save
// starts: load(a, save, saved(a, apply)).
func saved[T any](a *App, apply func(T, error)) func(T, error) {
	a.saving.freeze(a.win.Canvas().Content())
	return func(v T, err error) {
		a.saving.thaw()
		apply(v, err)
		if lock := a.saving.lock; lock != nil {
			a.saving.lock = nil
			lock()
		}
	}
}

// holding reports whether a save is under way; lock is kept to run when
// it ends.
func (g *saveGuard) holding(lock func()) bool {
	if g.on {
		g.lock = lock
	}
	return g.on
}

func (g *saveGuard) freeze(root fyne.CanvasObject) {
	g.on = true
	eachDisableable(root, func(d fyne.Disableable) {
		if !d.Disabled() {
			d.Disable()
			g.frozen = append(g.frozen, d)
		}
	})
}

func (g *saveGuard) thaw() {
	for _, d := range g.frozen {
		d.Enable()
	}
	g.frozen, g.on = nil, false
}

// eachDisableable calls f on every widget under o that can be disabled,
// shown or not: a hidden button may be shown during the save.
func eachDisableable(o fyne.CanvasObject, f func(fyne.Disableable)) {
	switch x := o.(type) {
	case nil:
		return
	case *fyne.Container:
		for _, c := range x.Objects {
			eachDisableable(c, f)
		}
	case *container.Scroll:
		eachDisableable(x.Content, f)
	case *widget.Card:
		eachDisableable(x.Content, f)
	case fyne.Disableable:
		f(x)
	}
}

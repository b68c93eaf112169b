package ui

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"fyne.io/fyne/v2"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/syncer"
)

// SyncLink is the tablet's tie to the central record (*syncer.Link): the
// app shows its status, kicks it after each record and enrols through it.
// Its sync runs on its own goroutine; the app only reads what it reports.
type SyncLink interface {
	Status() syncer.Status
	// Watch has f called with each new status, on the link's goroutine.
	Watch(f func(syncer.Status))
	Kick()
	Enrolment() (syncer.Enrolment, bool)
	// Enrol blocks for the network: the app calls it off the UI goroutine.
	Enrol(server, code, name string) (syncer.Enrolment, error)
}

// syncStatus is the sync's status; not enrolled when the app has no link.
func (a *App) syncStatus() syncer.Status {
	if a.opt.Sync == nil {
		return syncer.Status{State: syncer.StateNotEnrolled}
	}
	return a.opt.Sync.Status()
}

// watchSync shows each status the link reports. A sync that brought other
// tablets' records or chart changes reloads the home and the round, so
// what is shown as due is what the home has recorded.
func (a *App) watchSync() {
	if a.opt.Sync == nil {
		return
	}
	a.opt.Sync.Watch(func(s syncer.Status) {
		fyne.Do(func() {
			if s.Last.Changes > 0 {
				a.loadHome()
			}
			if s.Last.Pulled+s.Last.Changes > 0 && a.current == screen(a.board) {
				a.board.refresh()
			}
			a.status.refresh()
			a.settings.central.showStatus()
		})
	})
}

// kicking is the round service that asks for a sync after every record
// it makes, so a dose reaches the other tablets within seconds when the
// network is there.
type kicking struct {
	Service
	kick func()
}

func (k kicking) after(ev mar.Event, err error) (mar.Event, error) {
	if err == nil {
		k.kick()
	}
	return ev, err
}

func (k kicking) Record(sess *round.Session, req round.RecordRequest) (mar.Event, error) {
	return k.after(k.Service.Record(sess, req))
}

func (k kicking) RecordPRNEffect(sess *round.Session, doseID uuid.UUID, effective bool, note string) (mar.Event, error) {
	return k.after(k.Service.RecordPRNEffect(sess, doseID, effective, note))
}

func (k kicking) CorrectApproved(sess *round.Session, eventID uuid.UUID, reason, seniorID, seniorPIN string) (mar.Event, error) {
	return k.after(k.Service.CorrectApproved(sess, eventID, reason, seniorID, seniorPIN))
}

func (k kicking) RecordReview(sess *round.Session, t round.ReviewTarget, action string) (mar.Event, error) {
	return k.after(k.Service.RecordReview(sess, t, action))
}

func (k kicking) PutHome(sess *round.Session, h mar.Home) error {
	_, err := k.after(mar.Event{}, k.Service.PutHome(sess, h))
	return err
}

// syncWords says where sync stands in words a care worker reads at a
// glance, with how many records are waiting (pending, counted now) and
// how old the tablet's picture of the home is; bad reports a state that
// needs someone to act. Records the centre refused, kept on the tablet,
// always need a manager.
func syncWords(s syncer.Status, pending int, now time.Time, when func(time.Time) string) (text string, bad bool) {
	text, bad = syncStateWords(s, pending, now, when)
	if n := s.Last.Refused; n > 0 && s.State != syncer.StateNotEnrolled {
		return fmt.Sprintf("%s. Refused by the central record: %s kept on this tablet. Tell a manager", text, records(n)), true
	}
	return text, bad
}

func syncStateWords(s syncer.Status, pending int, now time.Time, when func(time.Time) string) (text string, bad bool) {
	last := "not synced yet"
	if !s.LastSync.IsZero() {
		last = "last sync " + when(s.LastSync)
	}
	switch s.State {
	case syncer.StateNotEnrolled:
		if pending == 0 {
			return "Not enrolled with a central record", false
		}
		return fmt.Sprintf("Not enrolled with a central record: %s kept on this tablet only", records(pending)), false
	case syncer.StateStarting:
		return fmt.Sprintf("Connecting to the central record: %s waiting (%s)", records(pending), last), false
	case syncer.StateSynced:
		text = "Synced " + ago(now.Sub(s.LastSync), s.LastSync, when)
		if pending > 0 {
			text += fmt.Sprintf(", %s waiting to send", records(pending))
		}
		return text, false
	case syncer.StateOffline:
		return fmt.Sprintf("Offline: %s waiting (%s)", records(pending), last), false
	case syncer.StateRevoked:
		return fmt.Sprintf("Sync refused: this tablet is no longer enrolled. %s waiting: a manager can enrol it again in Settings", sentence(records(pending))), true
	case syncer.StateRefused:
		return fmt.Sprintf("Sync refused by the central record: %s waiting. Tell a manager", records(pending)), true
	}
	return fmt.Sprintf("Sync failed on this tablet: %s waiting. Tell a manager", records(pending)), true
}

// ago is how long ago a sync was: "just now", "2 min ago", else the time.
func ago(d time.Duration, t time.Time, when func(time.Time) string) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	}
	return "at " + when(t)
}

// records counts records in words.
func records(n int) string {
	switch n {
	case 0:
		return "no records"
	case 1:
		return "1 record"
	}
	return fmt.Sprintf("%d records", n)
}

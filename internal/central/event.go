package central

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// ValidateEvent refuses an event that no tablet could store: the rules of
// the tablet's own store (an ID, a time in range, a resident), checked at
// the centre so that nothing it accepts blocks a tablet's pull.
func ValidateEvent(e mar.Event) error {
	switch {
	case e.ID == uuid.Nil:
		return fmt.Errorf("%w: an event has no ID", ErrRefused)
	case e.DeviceID == "":
		return fmt.Errorf("%w: event %s has no device", ErrRefused, e.ID)
	case e.ResidentID == "":
		return fmt.Errorf("%w: event %s has no resident", ErrRefused, e.ID)
	case e.OccurredAt.IsZero() || e.OccurredAt.Year() < 1900 || e.OccurredAt.Year() > 2200:
		return fmt.Errorf("%w: event %s has no valid occurred-at time", ErrRefused, e.ID)
	case e.Kind < mar.KindAdministration || e.Kind > mar.KindAudit:
		return fmt.Errorf("%w: event %s has an unknown kind", ErrRefused, e.ID)
	case e.Kind == mar.KindStatusChange && e.Status == 0:
		return fmt.Errorf("%w: status-change event %s has no status", ErrRefused, e.ID)
	case e.Kind == mar.KindAdministration && !e.Outcome.Valid():
		return fmt.Errorf("%w: administration event %s has no valid outcome", ErrRefused, e.ID)
	}
	return nil
}

// InRange reports whether t lies in [from, to), a zero bound being open.
func InRange(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

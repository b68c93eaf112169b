package round

import (
	"errors"
	"fmt"
	"time"
)

// Errors a front end shows to the user. They carry no personal data.
var (
	ErrWrongPIN    = errors.New("wrong PIN")
	ErrLocked      = errors.New("locked after too many wrong PINs")
	ErrNotAllowed  = errors.New("your role may not do this")
	ErrNotSignedIn = errors.New("sign in first")
	ErrUnknownUser = errors.New("no such user")
	// ErrSlotNotDue is a record naming a dose (CheckRequest.SlotDue) the
	// check could not tie it to: not one of the medicine's doses within a
	// day, or a when-required medicine, which has no due times.
	ErrSlotNotDue = errors.New("the dose named is not one of this medicine's doses in the last day: choose a dose from the chart")
)

// PINError is a wrong PIN, with how many tries are left before the lock.
type PINError struct{ Remaining int }

func (e *PINError) Error() string {
	return fmt.Sprintf("wrong PIN: %d tries left before this user is locked", e.Remaining)
}

// Unwrap lets errors.Is(err, ErrWrongPIN) match.
func (e *PINError) Unwrap() error { return ErrWrongPIN }

// LockedError says until when a user is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return fmt.Sprintf("locked after too many wrong PINs until %s: ask a senior or wait", e.Until.Format("15:04"))
}

// Unwrap lets errors.Is(err, ErrLocked) match.
func (e *LockedError) Unwrap() error { return ErrLocked }

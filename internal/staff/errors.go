package staff

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
	ErrUnknownUser = errors.New("no such user")
	// ErrDuplicateID is a user ID another member of staff already has,
	// compared case-folded.
	ErrDuplicateID = errors.New("another member of staff already has this user ID (IDs are the same whatever their case)")
	// ErrAmbiguousID is a stored ID that matches two users case-folded
	// (stored before IDs were compared that way): neither signs in with it
	// until a manager changes one.
	ErrAmbiguousID = errors.New("two members of staff share this user ID in different case: a manager must give one of them a new ID")
)

// PINError is a wrong PIN, with how many tries are left before the lock.
type PINError struct{ Remaining int }

func (e *PINError) Error() string {
	if e.Remaining == 1 {
		return "wrong PIN: 1 try left before this user is locked"
	}
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

// NotAllowedError is an action the user's role may not do.
type NotAllowedError struct {
	Action Action
	Why    string // who may, or what to do instead: "a manager signs in to add staff"
}

func (e *NotAllowedError) Error() string {
	if e.Why == "" {
		return fmt.Sprintf("your role may not %s", e.Action)
	}
	return fmt.Sprintf("%v: %s", ErrNotAllowed, e.Why)
}

// Unwrap lets errors.Is(err, ErrNotAllowed) match.
func (e *NotAllowedError) Unwrap() error { return ErrNotAllowed }

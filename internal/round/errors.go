package round

import (
	"errors"

	"medround/internal/staff"
	"medround/internal/store"
)

// Errors a front end shows to the user. They carry no personal data. The
// staff ones are internal/staff's, named here so a front end needs only
// round.
var (
	ErrWrongPIN    = staff.ErrWrongPIN
	ErrLocked      = staff.ErrLocked
	ErrNotAllowed  = staff.ErrNotAllowed
	ErrNotSignedIn = errors.New("sign in first")
	ErrUnknownUser = staff.ErrUnknownUser
	// ErrSlotNotDue is a record naming a dose (CheckRequest.SlotDue) the
	// check could not tie it to: not one of the medicine's doses within a
	// day, or a when-required medicine, which has no due times.
	ErrSlotNotDue = errors.New("the dose named is not one of this medicine's doses in the last day: choose a dose from the chart")
)

// PINError is a wrong PIN, with how many tries are left before the lock.
type PINError = staff.PINError

// LockedError says until when a user is locked.
type LockedError = staff.LockedError

// HashPIN returns the PIN hashed with argon2id (staff.HashPIN), for tests
// that build a home by hand.
func HashPIN(pin string) (string, error) { return staff.HashPIN(pin) }

// Store errors a front end explains to the user in its own words.
var (
	ErrInUse       = store.ErrInUse
	ErrDamaged     = store.ErrDamaged
	ErrNewerSchema = store.ErrNewerSchema
	ErrNotPrivate  = store.ErrNotPrivate
)

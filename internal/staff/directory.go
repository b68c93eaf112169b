package staff

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"medround/internal/mar"
)

// Lockout: five wrong PINs in a row lock the user for five minutes, long
// enough to make guessing a 4-digit PIN at the tablet impractical, short
// enough that a care worker who fumbled is back on the round soon. It does
// nothing against a copy of the database attacked offline (see the README).
const (
	MaxFailedPINs = 5
	LockFor       = 5 * time.Minute
)

// maxIDLen and maxNameLen bound what a badge and a screen must show.
const (
	maxIDLen   = 32
	maxNameLen = 100
)

// Store is what the directory needs of the database.
type Store interface {
	Users() ([]mar.User, error)
	PutUser(mar.User) error
	Home() (mar.Home, error)
}

// Directory is the home's staff over a store. Its methods are safe for
// concurrent use: a PIN check reads, counts and writes the user as one step.
type Directory struct {
	mu  sync.Mutex
	st  Store
	now func() time.Time
}

// New returns the staff directory over st; now nil means time.Now.
func New(st Store, now func() time.Time) *Directory {
	if now == nil {
		now = time.Now
	}
	return &Directory{st: st, now: now}
}

// Users lists the home's staff, sorted by ID.
func (d *Directory) Users() ([]mar.User, error) {
	us, err := d.st.Users()
	if err != nil {
		return nil, fmt.Errorf("staff: %w", err)
	}
	return us, nil
}

// Empty reports whether the home has no staff yet: a new home, where the
// first import and the first user need no one signed in.
func (d *Directory) Empty() (bool, error) {
	us, err := d.Users()
	return len(us) == 0, err
}

// Find returns the user whose ID is id, compared case-folded.
func (d *Directory) Find(id string) (mar.User, error) {
	us, err := d.Users()
	if err != nil {
		return mar.User{}, err
	}
	return find(us, id)
}

func find(us []mar.User, id string) (mar.User, error) {
	id = strings.TrimSpace(id)
	var found []mar.User
	for _, u := range us {
		if strings.EqualFold(u.ID, id) {
			found = append(found, u)
		}
	}
	switch len(found) {
	case 0:
		return mar.User{}, ErrUnknownUser
	case 1:
		return found[0], nil
	}
	return mar.User{}, ErrAmbiguousID
}

// Verify checks a user's PIN, counting wrong ones towards the lock, and
// returns the stored user: callers compare and record that user's own ID,
// never the text typed, so "SAM" and "sam" are one person everywhere.
func (d *Directory) Verify(id, pin string) (mar.User, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	u, err := d.Find(id)
	if err != nil {
		return mar.User{}, err
	}
	now := d.now()
	if now.Before(u.LockedUntil) {
		return mar.User{}, &LockedError{Until: d.local(u.LockedUntil)}
	}
	ok, err := pinMatches(u.PINHash, pin)
	if err != nil {
		return mar.User{}, fmt.Errorf("sign in: %w", err)
	}
	if ok {
		if u.FailedPINs != 0 || !u.LockedUntil.IsZero() {
			u.FailedPINs, u.LockedUntil = 0, time.Time{}
			if err := d.st.PutUser(u); err != nil {
				return mar.User{}, fmt.Errorf("sign in: %w", err)
			}
		}
		return u, nil
	}
	u.FailedPINs++
	var fail error = &PINError{Remaining: MaxFailedPINs - u.FailedPINs}
	if u.FailedPINs >= MaxFailedPINs {
		u.FailedPINs, u.LockedUntil = 0, now.Add(LockFor).UTC()
		fail = &LockedError{Until: d.local(u.LockedUntil)}
	}
	if err := d.st.PutUser(u); err != nil {
		return mar.User{}, fmt.Errorf("sign in: %w", err)
	}
	return mar.User{}, fail
}

// local shows t in the home's zone; the zone is a nicety here, so a home
// whose zone cannot be loaded still gets the lock's time in UTC.
func (d *Directory) local(t time.Time) time.Time {
	h, err := d.st.Home()
	if err != nil {
		return t
	}
	return h.Local(t)
}

// ValidID says whether id may name a new user: 1 to 32 ASCII letters,
// digits, dots, hyphens or underscores, starting with a letter or digit.
// ASCII only, so that no two IDs look alike on a badge or a screen (a
// Cyrillic "а" in "sаm" would pass a case-folded comparison).
func ValidID(id string) error {
	if id == "" || len(id) > maxIDLen {
		return fmt.Errorf("a user ID has 1 to %d characters", maxIDLen)
	}
	for i, r := range id {
		ok := r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || (i > 0 && strings.ContainsRune("._-", r)))
		if !ok {
			return errors.New("a user ID has letters, digits, dots, hyphens and underscores only, and starts with a letter or digit")
		}
	}
	return nil
}

// ValidName says whether name may be shown as a user's name: not empty,
// at most 100 characters, no control or bidirectional formatting characters
// (which could make one name look like another on screen).
func ValidName(name string) error {
	if strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > maxNameLen {
		return fmt.Errorf("a name has 1 to %d characters", maxNameLen)
	}
	if !utf8.ValidString(name) {
		return errors.New("a name must be valid text")
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || unicode.Is(unicode.Cf, r) {
			return errors.New("a name must not hold control or formatting characters")
		}
	}
	return nil
}

func validRole(r mar.Role) error {
	switch r {
	case mar.RoleCarer, mar.RoleSenior, mar.RoleManager:
		return nil
	}
	return errors.New("a role is carer, senior or manager")
}

// minDigits is the home's PIN length rule.
func (d *Directory) minDigits() (int, error) {
	h, err := d.st.Home()
	if err != nil {
		return 0, fmt.Errorf("staff: %w", err)
	}
	return max(h.PINDigits, MinPINDigits), nil
}

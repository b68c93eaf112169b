package round

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"medround/internal/mar"
	"medround/internal/store"
)

// Lockout: five wrong PINs in a row lock the user for five minutes, long
// enough to make guessing a 4-digit PIN impractical, short enough that a
// care worker who fumbled is back on the round soon.
const (
	maxFailedPINs = 5
	lockFor       = 5 * time.Minute
)

// Options configure a Service.
type Options struct {
	// DeviceID names this tablet in every event it records.
	DeviceID string
	// Now is the clock; nil means time.Now. Tests inject one.
	Now func() time.Time
}

// Service is the medicine round over one store.
type Service struct {
	// mu makes check-then-append one step, so two taps cannot both pass
	// the already-given check for the same dose.
	mu       sync.Mutex
	st       *store.Store
	deviceID string
	now      func() time.Time
}

// New returns the round service over st.
func New(st *store.Store, opt Options) *Service {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	dev := opt.DeviceID
	if dev == "" {
		dev = "unknown-device"
	}
	return &Service{st: st, deviceID: dev, now: now}
}

// Session is a signed-in user. Only SignIn makes one, so holding a Session
// means the PIN was checked.
type Session struct {
	user mar.User
	at   time.Time
}

// User is the signed-in user.
func (s *Session) User() mar.User { return s.user }

// SignedInAt is when the user signed in.
func (s *Session) SignedInAt() time.Time { return s.at }

// Users lists the home's users, for the sign-in and witness pickers.
func (s *Service) Users() ([]mar.User, error) { return s.st.Users() }

// AddUser adds a user with a PIN, hashed before it is stored. The first
// user of a new home may be added by anyone (sess nil); after that only a
// manager adds users, since a senior may witness controlled drugs.
func (s *Service) AddUser(sess *Session, id, name string, role mar.Role, pin string) (mar.User, error) {
	if id == "" || name == "" {
		return mar.User{}, errors.New("add user: an ID and a name are needed")
	}
	users, err := s.st.Users()
	if err != nil {
		return mar.User{}, fmt.Errorf("add user: %w", err)
	}
	if len(users) > 0 && (sess == nil || sess.user.Role != mar.RoleManager) {
		return mar.User{}, fmt.Errorf("add user: %w: a manager signs in to add staff", ErrNotAllowed)
	}
	if _, err := s.st.User(id); err == nil {
		return mar.User{}, fmt.Errorf("add user: %q already exists", id)
	}
	hash, err := HashPIN(pin)
	if err != nil {
		return mar.User{}, fmt.Errorf("add user %s: %w", id, err)
	}
	u := mar.User{ID: id, Name: name, Role: role, PINHash: hash}
	if err := s.st.PutUser(u); err != nil {
		return mar.User{}, fmt.Errorf("add user %s: %w", id, err)
	}
	return u, nil
}

// SignIn checks the user's PIN and returns a session.
func (s *Service) SignIn(userID, pin string) (*Session, error) {
	u, err := s.verifyPIN(userID, pin)
	if err != nil {
		return nil, err
	}
	return &Session{user: u, at: s.now()}, nil
}

// verifyPIN checks a PIN, counting wrong ones towards the lock.
func (s *Service) verifyPIN(userID, pin string) (mar.User, error) {
	u, err := s.st.User(userID)
	if errors.Is(err, store.ErrNotFound) {
		return mar.User{}, ErrUnknownUser
	}
	if err != nil {
		return mar.User{}, fmt.Errorf("sign in: %w", err)
	}
	now := s.now()
	if now.Before(u.LockedUntil) {
		return mar.User{}, &LockedError{Until: s.local(u.LockedUntil)}
	}
	ok, err := pinMatches(u.PINHash, pin)
	if err != nil {
		return mar.User{}, fmt.Errorf("sign in %s: %w", userID, err)
	}
	if ok {
		if u.FailedPINs != 0 || !u.LockedUntil.IsZero() {
			u.FailedPINs, u.LockedUntil = 0, time.Time{}
			if err := s.st.PutUser(u); err != nil {
				return mar.User{}, fmt.Errorf("sign in %s: %w", userID, err)
			}
		}
		return u, nil
	}
	u.FailedPINs++
	var fail error = &PINError{Remaining: maxFailedPINs - u.FailedPINs}
	if u.FailedPINs >= maxFailedPINs {
		u.FailedPINs, u.LockedUntil = 0, now.Add(lockFor).UTC()
		fail = &LockedError{Until: s.local(u.LockedUntil)}
	}
	if err := s.st.PutUser(u); err != nil {
		return mar.User{}, fmt.Errorf("sign in %s: %w", userID, err)
	}
	return mar.User{}, fail
}

func (s *Service) local(t time.Time) time.Time {
	h, err := s.st.Home()
	if err != nil {
		return t
	}
	loc, err := h.Location()
	if err != nil {
		return t
	}
	return t.In(loc)
}

// Home returns the home's settings.
func (s *Service) Home() (mar.Home, error) { return s.st.Home() }

// PutHome changes the home's settings; only a manager may.
func (s *Service) PutHome(sess *Session, h mar.Home) error {
	if sess == nil {
		return ErrNotSignedIn
	}
	if sess.user.Role != mar.RoleManager {
		return ErrNotAllowed
	}
	if _, err := h.Location(); err != nil {
		return err
	}
	if h.Window <= 0 || h.CriticalWindow <= 0 || h.CriticalWindow > h.Window {
		return errors.New("settings: the windows must be positive and the time-critical one no wider than the normal one")
	}
	if len(h.Rounds) == 0 {
		return errors.New("settings: a home needs at least one round")
	}
	return s.st.PutHome(h)
}

// PendingCount is how many records are waiting to be sent to the central record.
func (s *Service) PendingCount() (int, error) { return s.st.PendingCount() }

// Now is the service's clock, so front ends show the time the rules use.
func (s *Service) Now() time.Time { return s.now() }

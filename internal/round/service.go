package round

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"medround/internal/mar"
	"medround/internal/staff"
	"medround/internal/store"
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
	staff    *staff.Directory
	deviceID string
	now      func() time.Time
	// owned is set when Open opened the store, so Close closes it; made
	// when Open also made the database, in data directory dir, where the
	// check also looks for the tablet's enrolment.
	owned, made, closed bool
	dir                 string
	// pattern is the home's resident number pattern last compiled: a check
	// parses two scans, and compiling the pattern each time cost more than
	// the parse.
	pattern atomic.Pointer[residentPattern]
	// zone is the home's time zone last loaded, for the same reason.
	zone atomic.Pointer[time.Location]
	// histories are buffers a check reads a resident's last days into
	// (*[]mar.Event), used again by the next check (see Check).
	histories sync.Pool
}

// New returns the round service over st. Front ends use Open, which also
// finds the store and the device ID in a data directory; New is for tests
// and tools that already hold a store. A service from New has no data
// directory, so no enrolment: its check says the other tablets are not
// heard from only once its store has pulled from a central record.
func New(st *store.Store, opt Options) *Service {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	dev := opt.DeviceID
	if dev == "" {
		dev = "unknown-device"
	}
	return &Service{st: st, staff: staff.New(st, now), deviceID: dev, now: now}
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

// May reports whether the signed-in user's role may do a.
func (s *Session) May(a staff.Action) bool { return s != nil && staff.May(s.user.Role, a) }

// Users lists the home's users, for the sign-in and witness pickers.
func (s *Service) Users() ([]mar.User, error) { return s.staff.Users() }

// AddUser adds a user with a PIN, hashed before it is stored, and records
// it in the audit trail. The first user of a new home may be added by
// anyone (sess nil) and is a manager; after that only a manager adds users.
func (s *Service) AddUser(sess *Session, id, name string, role mar.Role, pin string) (mar.User, error) {
	var by *mar.User
	if sess != nil {
		by = &sess.user
	}
	u, err := s.staff.Add(by, staff.NewUser{ID: id, Name: name, Role: role, PIN: pin})
	if err != nil {
		return mar.User{}, err
	}
	note := fmt.Sprintf("%s added as %s", u.ID, u.Role)
	if err := s.audit(sess, mar.AuditUserAdded, note, ""); err != nil {
		return u, err
	}
	return u, nil
}

// ChangeUser changes a user's name, role or PIN, or unlocks them, and
// records it in the audit trail. A manager changes anyone; anyone changes
// their own PIN.
func (s *Service) ChangeUser(sess *Session, id string, c staff.Change) (mar.User, error) {
	if sess == nil {
		return mar.User{}, ErrNotSignedIn
	}
	u, words, err := s.staff.Change(sess.user, id, c)
	if err != nil {
		return mar.User{}, err
	}
	if err := s.audit(sess, mar.AuditUserChanged, words, ""); err != nil {
		return u, err
	}
	return u, nil
}

// SignIn checks the user's PIN and returns a session. The session holds the
// stored user, whatever case the ID was typed in.
func (s *Service) SignIn(userID, pin string) (*Session, error) {
	u, err := s.staff.Verify(userID, pin)
	if err != nil {
		return nil, err
	}
	return &Session{user: u, at: s.now()}, nil
}

// verifyPIN checks another person's PIN (a witness, an approver).
func (s *Service) verifyPIN(userID, pin string) (mar.User, error) {
	return s.staff.Verify(userID, pin)
}

// local shows t in the home's zone, for messages.
func (s *Service) local(t time.Time) time.Time {
	h, err := s.st.Home()
	if err != nil {
		return t
	}
	return h.Local(t)
}

// Home returns the home's settings.
func (s *Service) Home() (mar.Home, error) { return s.st.Home() }

// PutHome changes the home's settings and records what changed in the
// audit trail; only a manager may.
func (s *Service) PutHome(sess *Session, h mar.Home) error {
	if sess == nil {
		return ErrNotSignedIn
	}
	if !sess.May(staff.ActChangeSettings) {
		return &staff.NotAllowedError{Action: staff.ActChangeSettings, Why: "a manager signs in to change settings"}
	}
	if err := validHome(h); err != nil {
		return err
	}
	old, err := s.st.Home()
	if err != nil {
		return err
	}
	words := settingsChanged(old, h)
	if words == "" {
		return nil
	}
	if err := s.checkRoundsInUse(old, h); err != nil {
		return err
	}
	if err := s.st.PutHome(h); err != nil {
		return err
	}
	return s.audit(sess, mar.AuditSettingsChanged, words, "")
}

func validHome(h mar.Home) error {
	if _, err := h.Location(); err != nil {
		return err
	}
	if h.Window <= 0 || h.CriticalWindow <= 0 || h.CriticalWindow > h.Window {
		return errors.New("settings: the windows must be positive and the time-critical one no wider than the normal one")
	}
	if len(h.Rounds) == 0 {
		return errors.New("settings: a home needs at least one round")
	}
	if h.PINDigits != 0 && (h.PINDigits < staff.MinPINDigits || h.PINDigits > staff.MaxPINDigits) {
		return fmt.Errorf("settings: PINs may be required to have %d to %d digits", staff.MinPINDigits, staff.MaxPINDigits)
	}
	return validCDSettings(h)
}

// validCDSettings refuses a controlled drugs count interval other than
// daily or weekly (a register not counted for a month hides a loss for a
// month), and registers for schedules that do not exist or without 2.
func validCDSettings(h mar.Home) error {
	if _, ok := mar.CountIntervalWord(h.CDCountEvery); h.CDCountEvery != 0 && !ok {
		return fmt.Errorf("settings: controlled drugs are counted %s", strings.Join(mar.CountIntervalWords(), " or "))
	}
	for _, sch := range h.CDRegisterSchedules {
		if sch < 2 || sch > 5 {
			return fmt.Errorf("settings: controlled drug schedule %d does not exist: registers are kept for schedules 2 to 5", sch)
		}
	}
	if len(h.CDRegisterSchedules) > 0 && !slices.Contains(h.CDRegisterSchedules, 2) {
		return errors.New("settings: schedule 2 controlled drugs always keep a register")
	}
	return nil
}

// PendingCount is how many records are waiting to be sent to the central record.
func (s *Service) PendingCount() (int, error) { return s.st.PendingCount() }

// Now is the service's clock, so front ends show the time the rules use.
func (s *Service) Now() time.Time { return s.now() }

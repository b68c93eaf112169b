package staff

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
)

// NewUser is a member of staff to add.
type NewUser struct {
	ID, Name string
	Role     mar.Role
	PIN      string
}

// Add adds a user with a PIN, hashed before it is stored. The first user of
// a new home may be added by anyone (by nil) and must be a manager, so that
// someone can add the rest; after that only a manager adds users, since a
// senior may witness controlled drugs.
func (d *Directory) Add(by *mar.User, nu NewUser) (mar.User, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	us, err := d.Users()
	if err != nil {
		return mar.User{}, err
	}
	switch {
	case len(us) == 0 && nu.Role != mar.RoleManager:
		return mar.User{}, &NotAllowedError{Action: ActManageStaff, Why: "a home's first user is a manager, who then adds the rest"}
	case len(us) > 0 && (by == nil || !May(by.Role, ActManageStaff)):
		return mar.User{}, &NotAllowedError{Action: ActManageStaff, Why: "a manager signs in to add staff"}
	}
	nu.ID, nu.Name = strings.TrimSpace(nu.ID), strings.TrimSpace(nu.Name)
	if err := firstOf(ValidID(nu.ID), ValidName(nu.Name), validRole(nu.Role)); err != nil {
		return mar.User{}, fmt.Errorf("add user: %w", err)
	}
	if _, err := find(us, nu.ID); !errors.Is(err, ErrUnknownUser) {
		return mar.User{}, fmt.Errorf("add user: %w", ErrDuplicateID)
	}
	hash, err := d.hash(nu.PIN)
	if err != nil {
		return mar.User{}, fmt.Errorf("add user: %w", err)
	}
	u := mar.User{ID: nu.ID, Name: nu.Name, Role: nu.Role, PINHash: hash}
	if err := d.st.PutUser(u); err != nil {
		return mar.User{}, fmt.Errorf("add user: %w", err)
	}
	return u, nil
}

// Change is what to change about a user; zero fields are left as they are.
type Change struct {
	Name   string
	Role   mar.Role
	PIN    string
	Unlock bool
}

// Change changes a user's name, role or PIN, or lifts their lock, and
// returns the user as stored and what changed in words (no PIN, no name:
// it goes into the audit trail). A manager changes anyone; anyone changes
// their own PIN. The last manager keeps the role, so the home always has
// someone who can add staff.
func (d *Directory) Change(by mar.User, id string, c Change) (mar.User, string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	us, err := d.Users()
	if err != nil {
		return mar.User{}, "", err
	}
	u, err := find(us, id)
	if err != nil {
		return mar.User{}, "", fmt.Errorf("change user: %w", err)
	}
	ownPIN := u.ID == by.ID && c.Name == "" && c.Role == 0 && !c.Unlock
	if !ownPIN && !May(by.Role, ActManageStaff) {
		return mar.User{}, "", &NotAllowedError{Action: ActManageStaff, Why: "a manager changes staff; you may change your own PIN"}
	}
	words, err := d.apply(&u, us, c)
	if err != nil {
		return mar.User{}, "", fmt.Errorf("change user: %w", err)
	}
	if len(words) == 0 {
		return mar.User{}, "", fmt.Errorf("change user: nothing to change: give a new name, role or PIN, or unlock")
	}
	if err := d.st.PutUser(u); err != nil {
		return mar.User{}, "", fmt.Errorf("change user: %w", err)
	}
	return u, u.ID + ": " + strings.Join(words, ", "), nil
}

// apply makes the change on u, returning what it changed in words.
func (d *Directory) apply(u *mar.User, us []mar.User, c Change) ([]string, error) {
	var words []string
	if name := strings.TrimSpace(c.Name); name != "" && name != u.Name {
		if err := ValidName(name); err != nil {
			return nil, err
		}
		u.Name, words = name, append(words, "name changed")
	}
	if c.Role != 0 && c.Role != u.Role {
		if err := validRole(c.Role); err != nil {
			return nil, err
		}
		if u.Role == mar.RoleManager && managers(us) == 1 {
			return nil, fmt.Errorf("%s is the home's only manager: add another manager first", u.ID)
		}
		words = append(words, fmt.Sprintf("role %s to %s", u.Role, c.Role))
		u.Role = c.Role
	}
	if c.PIN != "" {
		hash, err := d.hash(c.PIN)
		if err != nil {
			return nil, err
		}
		u.PINHash, words = hash, append(words, "PIN changed")
	}
	if c.Unlock && (u.FailedPINs != 0 || !u.LockedUntil.IsZero()) {
		u.FailedPINs, u.LockedUntil = 0, time.Time{}
		words = append(words, "unlocked")
	}
	return words, nil
}

func managers(us []mar.User) int {
	n := 0
	for _, u := range us {
		if u.Role == mar.RoleManager {
			n++
		}
	}
	return n
}

// hash checks pin against the home's PIN length and hashes it.
func (d *Directory) hash(pin string) (string, error) {
	minDigits, err := d.minDigits()
	if err != nil {
		return "", err
	}
	if err := ValidPIN(pin, minDigits); err != nil {
		return "", err
	}
	return HashPIN(pin)
}

func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

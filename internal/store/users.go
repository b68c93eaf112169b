package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// PutUser adds or replaces a user, including their PIN hash and lock state.
func (s *Store) PutUser(u mar.User) error {
	if err := validID("user", u.ID); err != nil {
		return fmt.Errorf("put user: %w", err)
	}
	if !u.LockedUntil.IsZero() {
		u.LockedUntil = u.LockedUntil.UTC()
	}
	err := s.update(func(tx *bolt.Tx) error {
		return putRecord(tx.Bucket(bucketUsers), []byte(u.ID), u)
	})
	if err != nil {
		return fmt.Errorf("put user %q: %w", u.ID, err)
	}
	return nil
}

// User returns a user by ID, or ErrNotFound.
func (s *Store) User(id string) (mar.User, error) {
	var u mar.User
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketUsers).Get([]byte(id))
		if v == nil {
			return ErrNotFound
		}
		return decode(v, &u)
	})
	if err != nil {
		return mar.User{}, fmt.Errorf("user %q: %w", id, err)
	}
	return u, nil
}

// Users returns every user, sorted by ID.
func (s *Store) Users() ([]mar.User, error) {
	var out []mar.User
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var u mar.User
			if err := decode(v, &u); err != nil {
				return fmt.Errorf("user %q: %w", k, err)
			}
			out = append(out, u)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// Home returns the home's settings, or mar.DefaultHome when none are stored.
func (s *Store) Home() (mar.Home, error) {
	// Read at every scan: kept until the next write, like a chart.
	gen := s.settingsGen.Load()
	if h, ok := s.home.get(gen, ""); ok {
		return h.Clone(), nil
	}
	h, err := s.readHome()
	if err == nil {
		s.home.put(gen, "", h)
	}
	return h.Clone(), err
}

func (s *Store) readHome() (mar.Home, error) {
	h := mar.DefaultHome()
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyHome)
		if v == nil {
			return nil
		}
		h = mar.Home{}
		return decode(v, &h)
	})
	if err != nil {
		return mar.Home{}, fmt.Errorf("home settings: %w", err)
	}
	return h, nil
}

// PutHome stores the home's settings.
func (s *Store) PutHome(h mar.Home) error {
	err := s.update(func(tx *bolt.Tx) error {
		return putRecord(tx.Bucket(bucketMeta), keyHome, h)
	})
	if err != nil {
		return fmt.Errorf("put home settings: %w", err)
	}
	return nil
}

package boltstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"medround/internal/central"
)

// AddCode stores a one-time enrolment code.
func (s *Store) AddCode(ctx context.Context, c central.EnrolmentCode) error {
	if len(c.Hash) == 0 {
		return errors.New("add enrolment code: no hash")
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if _, err := homeBucket(tx, c.HomeID); err != nil {
			return err
		}
		return put(tx.Bucket(bucketCodes), c.Hash, code{HomeID: c.HomeID, ExpiresAt: c.ExpiresAt.UTC()})
	})
}

// Enrol consumes a code and stores the device in the code's home.
func (s *Store) Enrol(ctx context.Context, codeHash []byte, d central.Device) (central.Device, error) {
	err := s.db.Update(func(tx *bolt.Tx) error {
		var c code
		ok, err := get(tx.Bucket(bucketCodes), codeHash, &c)
		if err != nil {
			return err
		}
		if !ok || !c.UsedAt.IsZero() || !d.EnrolledAt.Before(c.ExpiresAt) {
			return central.ErrCodeInvalid
		}
		var old central.Device
		found, err := get(tx.Bucket(bucketDevices), []byte(d.ID), &old)
		if err != nil {
			return err
		}
		// A device revoked in one home may be enrolled in another (a
		// tablet given the wrong code, then revoked there); one still
		// enrolled may not.
		if found && old.HomeID != c.HomeID && !old.Revoked() {
			return central.ErrDeviceTaken
		}
		if found {
			if err := tx.Bucket(bucketTokens).Delete(old.TokenHash); err != nil {
				return err
			}
		}
		c.UsedAt = d.EnrolledAt
		if err := put(tx.Bucket(bucketCodes), codeHash, c); err != nil {
			return err
		}
		d.HomeID, d.RevokedAt = c.HomeID, time.Time{}
		if err := put(tx.Bucket(bucketDevices), []byte(d.ID), d); err != nil {
			return err
		}
		return tx.Bucket(bucketTokens).Put(d.TokenHash, []byte(d.ID))
	})
	if err != nil {
		return central.Device{}, fmt.Errorf("enrol: %w", err)
	}
	return d, nil
}

// DeviceByToken finds a device by its token's hash.
func (s *Store) DeviceByToken(ctx context.Context, tokenHash []byte) (central.Device, error) {
	var d central.Device
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketTokens).Get(tokenHash)
		if id == nil {
			return central.ErrNotFound
		}
		ok, err := get(tx.Bucket(bucketDevices), id, &d)
		if err == nil && (!ok || !bytes.Equal(d.TokenHash, tokenHash)) {
			err = central.ErrNotFound
		}
		return err
	})
	if err != nil {
		return central.Device{}, fmt.Errorf("device by token: %w", err)
	}
	return d, nil
}

// Devices lists a home's devices by ID.
func (s *Store) Devices(ctx context.Context, homeID string) ([]central.Device, error) {
	var out []central.Device
	err := s.db.View(func(tx *bolt.Tx) error {
		if _, err := homeBucket(tx, homeID); err != nil {
			return err
		}
		return tx.Bucket(bucketDevices).ForEach(func(k, v []byte) error {
			var d central.Device
			if _, err := get(tx.Bucket(bucketDevices), k, &d); err != nil {
				return err
			}
			if d.HomeID == homeID {
				out = append(out, d)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// RevokeDevice revokes a device and forgets its token.
func (s *Store) RevokeDevice(ctx context.Context, id string, at time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		var d central.Device
		ok, err := get(tx.Bucket(bucketDevices), []byte(id), &d)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("device %q: %w", id, central.ErrNotFound)
		}
		if d.Revoked() {
			return nil
		}
		d.RevokedAt = at.UTC()
		if err := tx.Bucket(bucketTokens).Delete(d.TokenHash); err != nil {
			return err
		}
		return put(tx.Bucket(bucketDevices), []byte(id), d)
	})
}

package boltstore

import (
	"bytes"
	"context"
	"encoding/json"
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

// Enrol consumes a code and stores the device in the code's home, or
// finds the same enrolment made before.
func (s *Store) Enrol(ctx context.Context, e central.Enrolment) (central.Device, []byte, error) {
	if err := s.forgetSeals(e.Device.EnrolledAt); err != nil {
		return central.Device{}, nil, fmt.Errorf("enrol: %w", err)
	}
	d := e.Device
	var sealed []byte
	err := s.db.Update(func(tx *bolt.Tx) error {
		var c code
		ok, err := get(tx.Bucket(bucketCodes), e.CodeHash, &c)
		if err != nil {
			return err
		}
		if !ok || !d.EnrolledAt.Before(c.ExpiresAt) {
			return central.ErrCodeInvalid
		}
		if !c.UsedAt.IsZero() {
			d, sealed, err = repeated(tx, c, e)
			return err
		}
		var old central.Device
		found, err := get(tx.Bucket(bucketDevices), []byte(d.ID), &old)
		if err != nil {
			return err
		}
		// A device revoked in one home may be enrolled in any (a tablet
		// given the wrong code, then revoked there); one still enrolled
		// may not be enrolled again, in its home or another.
		switch {
		case found && !old.Revoked() && old.HomeID != c.HomeID:
			return central.ErrDeviceTaken
		case found && !old.Revoked():
			return central.ErrDeviceEnrolled
		case found:
			if err := tx.Bucket(bucketTokens).Delete(old.TokenHash); err != nil {
				return err
			}
		}
		c.UsedAt, c.DeviceID, c.TokenHash, c.RequestHash, c.Sealed = d.EnrolledAt, d.ID, d.TokenHash, e.RequestHash, e.Sealed
		if err := put(tx.Bucket(bucketCodes), e.CodeHash, c); err != nil {
			return err
		}
		d.HomeID, d.RevokedAt = c.HomeID, time.Time{}
		if err := put(tx.Bucket(bucketDevices), []byte(d.ID), d); err != nil {
			return err
		}
		return tx.Bucket(bucketTokens).Put(d.TokenHash, []byte(d.ID))
	})
	if err != nil {
		return central.Device{}, nil, fmt.Errorf("enrol: %w", err)
	}
	return d, sealed, nil
}

// forgetSeals removes the sealed token from every code whose life ended by
// at. Past it the same enrolment is never answered again (repeated), so
// the token, however sealed, has no reason to stay in the file. The rest
// of the record stays: which code enrolled which device, and when.
func (s *Store) forgetSeals(at time.Time) error {
	var spent [][]byte
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCodes).ForEach(func(k, v []byte) error {
			if !bytes.Contains(v, []byte(`"sealed":`)) {
				return nil // most codes: never answered with a seal, or forgotten
			}
			var c code
			if err := json.Unmarshal(v, &c); err != nil {
				return err
			}
			if len(c.Sealed) > 0 && !at.Before(c.ExpiresAt) {
				spent = append(spent, bytes.Clone(k))
			}
			return nil
		})
	})
	if err != nil || len(spent) == 0 {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCodes)
		for _, k := range spent {
			var c code
			ok, err := get(b, k, &c)
			if err != nil {
				return err
			}
			if !ok || len(c.Sealed) == 0 {
				continue
			}
			c.Sealed = nil
			if err := put(b, k, c); err != nil {
				return err
			}
		}
		return nil
	})
}

// repeated returns the device a used code enrolled and its sealed token
// when e is the same enrolment again and the device still holds that
// token; otherwise the code is spent: ErrCodeInvalid.
func repeated(tx *bolt.Tx, c code, e central.Enrolment) (central.Device, []byte, error) {
	if len(e.RequestHash) == 0 || !bytes.Equal(c.RequestHash, e.RequestHash) || c.DeviceID != e.Device.ID || len(c.Sealed) == 0 {
		return central.Device{}, nil, central.ErrCodeInvalid
	}
	var d central.Device
	ok, err := get(tx.Bucket(bucketDevices), []byte(c.DeviceID), &d)
	if err != nil {
		return central.Device{}, nil, err
	}
	if !ok || d.Revoked() || d.HomeID != c.HomeID || !bytes.Equal(d.TokenHash, c.TokenHash) {
		return central.Device{}, nil, central.ErrCodeInvalid
	}
	return d, c.Sealed, nil
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

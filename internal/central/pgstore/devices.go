package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"medround/internal/central"
)

// AddCode stores a one-time enrolment code; a code of the same hash (a
// 64-bit collision, or the same code issued again) starts afresh.
func (s *Store) AddCode(ctx context.Context, c central.EnrolmentCode) error {
	if len(c.Hash) == 0 {
		return errors.New("add enrolment code: no hash")
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO codes (hash, home_id, expires_at)
		SELECT $1, id, $3 FROM homes WHERE id = $2
		ON CONFLICT (hash) DO UPDATE SET home_id = EXCLUDED.home_id, expires_at = EXCLUDED.expires_at, used_at = NULL`,
		c.Hash, c.HomeID, c.ExpiresAt.UTC())
	switch {
	case err != nil && !hasNUL(c.HomeID):
		return fmt.Errorf("add enrolment code: %w", err)
	case err != nil || tag.RowsAffected() == 0:
		return fmt.Errorf("add enrolment code: home %q: %w", c.HomeID, central.ErrNotFound)
	}
	return nil
}

// Enrol consumes a code and stores the device in the code's home, or
// finds the same enrolment made before. The code is spent and the device
// written in one transaction, so a refused enrolment leaves the code
// usable.
func (s *Store) Enrol(ctx context.Context, e central.Enrolment) (central.Device, []byte, error) {
	d := e.Device
	if hasNUL(d.ID) || hasNUL(d.Name) {
		return central.Device{}, nil, errors.New("enrol: the device ID or name holds a NUL byte")
	}
	// Past its code's life the same enrolment is never answered again
	// (repeated), so its token, however sealed, has no reason to stay in
	// the database; the rest of the record stays.
	if _, err := s.pool.Exec(ctx, `UPDATE codes SET sealed = NULL WHERE sealed IS NOT NULL AND expires_at <= $1`,
		d.EnrolledAt.UTC()); err != nil {
		return central.Device{}, nil, fmt.Errorf("enrol: %w", err)
	}
	var sealed []byte
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Spent and checked in one statement: two tablets racing with
		// one code cannot both have it.
		err := tx.QueryRow(ctx, `UPDATE codes SET used_at = $2, device_id = $3, token_hash = $4, request_hash = $5, sealed = $6
			WHERE hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING home_id`,
			e.CodeHash, d.EnrolledAt.UTC(), d.ID, d.TokenHash, e.RequestHash, e.Sealed).Scan(&d.HomeID)
		if errors.Is(err, pgx.ErrNoRows) {
			d, sealed, err = repeated(ctx, tx, e)
			return err
		}
		if err != nil {
			return err
		}
		// Only a revoked device is taken over, even when two
		// enrolments of one ID race: the WHERE makes it update nothing.
		tag, err := tx.Exec(ctx, `INSERT INTO devices (id, home_id, name, token_hash, enrolled_at)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (id) DO UPDATE SET home_id = EXCLUDED.home_id, name = EXCLUDED.name,
				token_hash = EXCLUDED.token_hash, enrolled_at = EXCLUDED.enrolled_at, revoked_at = NULL
			WHERE devices.revoked_at IS NOT NULL`,
			d.ID, d.HomeID, d.Name, d.TokenHash, d.EnrolledAt.UTC())
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return enrolledWhere(ctx, tx, d)
		}
		return nil
	})
	if err != nil {
		return central.Device{}, nil, fmt.Errorf("enrol: %w", err)
	}
	if sealed == nil {
		d.RevokedAt = time.Time{}
	}
	return d, sealed, nil
}

// enrolledWhere says why a device already enrolled may not be enrolled
// again: enrolled in another home, or in the code's.
func enrolledWhere(ctx context.Context, tx pgx.Tx, d central.Device) error {
	var home string
	if err := tx.QueryRow(ctx, `SELECT home_id FROM devices WHERE id = $1`, d.ID).Scan(&home); err != nil {
		return err
	}
	if home != d.HomeID {
		return central.ErrDeviceTaken
	}
	return central.ErrDeviceEnrolled
}

// repeated returns the device a used code enrolled and its sealed token
// when e is the same enrolment again, within the code's life, and the
// device still holds that token; otherwise ErrCodeInvalid.
func repeated(ctx context.Context, tx pgx.Tx, e central.Enrolment) (central.Device, []byte, error) {
	if len(e.RequestHash) == 0 {
		return central.Device{}, nil, central.ErrCodeInvalid
	}
	var sealed []byte
	d, err := scanDeviceAnd(tx.QueryRow(ctx, `SELECT d.id, d.home_id, d.name, d.token_hash, d.enrolled_at, d.revoked_at, c.sealed
		FROM codes c JOIN devices d ON d.id = c.device_id AND d.home_id = c.home_id AND d.token_hash = c.token_hash
		WHERE c.hash = $1 AND c.used_at IS NOT NULL AND c.expires_at > $2 AND c.request_hash = $3 AND c.device_id = $4
			AND d.revoked_at IS NULL AND c.sealed IS NOT NULL`,
		e.CodeHash, e.Device.EnrolledAt.UTC(), e.RequestHash, e.Device.ID), &sealed)
	if errors.Is(err, pgx.ErrNoRows) {
		return central.Device{}, nil, central.ErrCodeInvalid
	}
	if err != nil {
		return central.Device{}, nil, err
	}
	return d, sealed, nil
}

const deviceColumns = `id, home_id, name, token_hash, enrolled_at, revoked_at`

func scanDevice(row pgx.Row) (central.Device, error) { return scanDeviceAnd(row) }

// scanDeviceAnd scans deviceColumns, then more columns into more.
func scanDeviceAnd(row pgx.Row, more ...any) (central.Device, error) {
	var d central.Device
	var revoked *time.Time
	if err := row.Scan(append([]any{&d.ID, &d.HomeID, &d.Name, &d.TokenHash, &d.EnrolledAt, &revoked}, more...)...); err != nil {
		return central.Device{}, err
	}
	d.EnrolledAt = d.EnrolledAt.UTC()
	if revoked != nil {
		d.RevokedAt = revoked.UTC()
	}
	return d, nil
}

// DeviceByToken finds an enrolled, unrevoked device by its token's hash.
func (s *Store) DeviceByToken(ctx context.Context, tokenHash []byte) (central.Device, error) {
	d, err := scanDevice(s.pool.QueryRow(ctx, `SELECT `+deviceColumns+` FROM devices
		WHERE token_hash = $1 AND revoked_at IS NULL`, tokenHash))
	if errors.Is(err, pgx.ErrNoRows) {
		err = central.ErrNotFound
	}
	if err != nil {
		return central.Device{}, fmt.Errorf("device by token: %w", err)
	}
	return d, nil
}

// Devices lists a home's devices by ID, in byte order as bbolt does,
// whatever the database's collation.
func (s *Store) Devices(ctx context.Context, homeID string) ([]central.Device, error) {
	if _, err := s.Home(ctx, homeID); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT `+deviceColumns+` FROM devices WHERE home_id = $1 ORDER BY id COLLATE "C"`, homeID)
	if err != nil {
		return nil, fmt.Errorf("devices of %q: %w", homeID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (central.Device, error) { return scanDevice(r) })
	if err != nil {
		return nil, fmt.Errorf("devices of %q: %w", homeID, err)
	}
	return out, nil
}

// RevokeDevice revokes a device; its token stops working at once.
func (s *Store) RevokeDevice(ctx context.Context, id string, at time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE devices SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1`, id, at.UTC())
	if (err == nil && tag.RowsAffected() == 0) || (err != nil && hasNUL(id)) {
		return fmt.Errorf("device %q: %w", id, central.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("revoke device: %w", err)
	}
	return nil
}

package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// appendChange stores one change of a home whose row lock tx holds, as
// sequence number seq.
func appendChange(ctx context.Context, tx pgx.Tx, homeID string, seq uint64, kind protocol.ChangeKind, payload any, at time.Time) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO changes (home_id, seq, kind, device, received_at, body) VALUES ($1, $2, $3, '', $4, $5)`,
		homeID, int64(seq), int16(kind), at, string(body))
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE homes SET head = $2 WHERE id = $1`, homeID, int64(seq))
	return err
}

// AddHome adds a home and its first change, its settings.
func (s *Store) AddHome(ctx context.Context, h central.Home) error {
	if h.ID == "" {
		return errors.New("add home: no ID")
	}
	settings, err := json.Marshal(h.Settings)
	if err != nil {
		return fmt.Errorf("add home: %w", err)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO homes (id, settings, created_at, head) VALUES ($1, $2, $3, 0)
			ON CONFLICT (id) DO NOTHING`, h.ID, string(settings), h.CreatedAt.UTC())
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("home %q: %w", h.ID, central.ErrExists)
		}
		return appendChange(ctx, tx, h.ID, 1, protocol.ChangeHome, h.Settings, h.CreatedAt.UTC())
	})
	if err != nil {
		return fmt.Errorf("add home: %w", err)
	}
	return nil
}

// Home returns a home.
func (s *Store) Home(ctx context.Context, id string) (central.Home, error) {
	h := central.Home{ID: id}
	var settings []byte
	err := s.pool.QueryRow(ctx, `SELECT settings, created_at FROM homes WHERE id = $1`, id).Scan(&settings, &h.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) || (err != nil && hasNUL(id)) {
		return central.Home{}, fmt.Errorf("home %q: %w", id, central.ErrNotFound)
	}
	if err == nil {
		err = json.Unmarshal(settings, &h.Settings)
	}
	if err != nil {
		return central.Home{}, fmt.Errorf("home %q: %w", id, err)
	}
	h.CreatedAt = h.CreatedAt.UTC()
	return h, nil
}

// PutSettings replaces a home's settings.
func (s *Store) PutSettings(ctx context.Context, homeID string, settings mar.Home) error {
	body, err := json.Marshal(settings)
	if err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		head, err := lockHome(ctx, tx, homeID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE homes SET settings = $2 WHERE id = $1`, homeID, string(body)); err != nil {
			return err
		}
		return appendChange(ctx, tx, homeID, head+1, protocol.ChangeHome, settings, time.Now().UTC())
	})
	if err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	return nil
}

// PutUser adds or replaces a member of staff, without lock state.
func (s *Store) PutUser(ctx context.Context, homeID string, u mar.User) error {
	if u.ID == "" {
		return errors.New("put user: no ID")
	}
	u.FailedPINs, u.LockedUntil = 0, time.Time{}
	body, err := json.Marshal(u)
	if err != nil {
		return fmt.Errorf("put user: %w", err)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		head, err := lockHome(ctx, tx, homeID)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO users (home_id, id, body) VALUES ($1, $2, $3)
			ON CONFLICT (home_id, id) DO UPDATE SET body = EXCLUDED.body`, homeID, u.ID, string(body))
		if err != nil {
			return err
		}
		return appendChange(ctx, tx, homeID, head+1, protocol.ChangeUser, u, time.Now().UTC())
	})
	if err != nil {
		return fmt.Errorf("put user: %w", err)
	}
	return nil
}

// AddChart appends a chart update and remembers its residents.
func (s *Store) AddChart(ctx context.Context, homeID string, u protocol.ChartUpdate) error {
	if u.At.IsZero() {
		return errors.New("add chart: update has no time")
	}
	u.At = u.At.UTC()
	ids, err := residentIDs(u)
	if err != nil {
		return fmt.Errorf("add chart: %w", err)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := addChartTx(ctx, tx, homeID, u, ids, time.Now().UTC())
		return err
	})
	if err != nil {
		return fmt.Errorf("add chart: %w", err)
	}
	return nil
}

// residentIDs are the IDs of an update's residents, refusing an empty one.
func residentIDs(u protocol.ChartUpdate) ([]string, error) {
	ids := make([]string, 0, len(u.Residents))
	for _, r := range u.Residents {
		if r.ID == "" || hasNUL(r.ID) {
			return nil, fmt.Errorf("%w: a resident has no valid ID", central.ErrRefused)
		}
		ids = append(ids, r.ID)
	}
	return ids, nil
}

// addChartTx notes the update's residents (ids) as the home's and appends
// it under the home's lock, returning the home's new head.
func addChartTx(ctx context.Context, tx pgx.Tx, homeID string, u protocol.ChartUpdate, ids []string, at time.Time) (uint64, error) {
	head, err := lockHome(ctx, tx, homeID)
	if err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO residents (home_id, id) SELECT $1, unnest($2::text[])
		ON CONFLICT DO NOTHING`, homeID, ids)
	if err != nil {
		return 0, err
	}
	return head + 1, appendChange(ctx, tx, homeID, head+1, protocol.ChangeChart, u, at)
}

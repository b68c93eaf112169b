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

// Changes returns up to limit changes after a sequence number, and the
// home's head, read in one statement so both come from one snapshot.
func (s *Store) Changes(ctx context.Context, homeID string, after uint64, limit int) ([]central.Change, uint64, error) {
	rows, err := s.pool.Query(ctx, `SELECT h.head, c.seq, c.kind, c.device, c.received_at, c.body
		FROM homes h LEFT JOIN LATERAL (
			SELECT * FROM changes WHERE home_id = h.id AND seq > $2 ORDER BY seq LIMIT $3
		) c ON true
		WHERE h.id = $1 ORDER BY c.seq`, homeID, int64(min(after, 1<<63-1)), max(limit, 0))
	if err != nil {
		return nil, 0, s.readErr("changes", homeID, err)
	}
	defer rows.Close()
	var out []central.Change
	var head int64
	found := false
	for rows.Next() {
		found = true
		var seq *int64
		var kind *int16
		var device *string
		var at *time.Time
		var body []byte
		if err := rows.Scan(&head, &seq, &kind, &device, &at, &body); err != nil {
			return nil, 0, s.readErr("changes", homeID, err)
		}
		if seq == nil {
			break // the home has no change after `after`
		}
		c := central.Change{Change: protocol.Change{Seq: uint64(*seq), Kind: protocol.ChangeKind(*kind)}, Device: *device, ReceivedAt: at.UTC()}
		if err := decodePayload(&c.Change, body); err != nil {
			return nil, 0, fmt.Errorf("changes of %q: change %d: %w", homeID, c.Seq, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.readErr("changes", homeID, err)
	}
	if !found {
		return nil, 0, fmt.Errorf("changes of %q: %w", homeID, central.ErrNotFound)
	}
	return out, uint64(head), nil
}

// readErr wraps a query's error; an ID with a NUL byte, which no stored
// home has, is not found.
func (s *Store) readErr(what, homeID string, err error) error {
	if hasNUL(homeID) {
		err = central.ErrNotFound
	}
	return fmt.Errorf("%s of %q: %w", what, homeID, err)
}

// decodePayload sets the payload field c.Kind names from its JSON.
func decodePayload(c *protocol.Change, body []byte) error {
	var v any
	switch c.Kind {
	case protocol.ChangeEvent:
		c.Event = &mar.Event{}
		v = c.Event
	case protocol.ChangeChart:
		c.Chart = &protocol.ChartUpdate{}
		v = c.Chart
	case protocol.ChangeUser:
		c.User = &mar.User{}
		v = c.User
	case protocol.ChangeHome:
		c.Home = &mar.Home{}
		v = c.Home
	default:
		return fmt.Errorf("unknown kind %d", c.Kind)
	}
	return json.Unmarshal(body, v)
}

// Events returns a home's events with from <= OccurredAt < to, in the
// order they were stored. The column holds microseconds, the event
// nanoseconds: the query's bounds are widened to whole microseconds and
// the exact test is made on the event.
func (s *Store) Events(ctx context.Context, homeID string, from, to time.Time) ([]central.StoredEvent, error) {
	if _, err := s.Home(ctx, homeID); err != nil {
		return nil, err
	}
	var lo, hi *time.Time
	if !from.IsZero() {
		t := from.UTC().Truncate(time.Microsecond)
		lo = &t
	}
	if !to.IsZero() {
		t := to.UTC().Truncate(time.Microsecond)
		hi = &t
	}
	rows, err := s.pool.Query(ctx, `SELECT seq, device, received_at, body FROM changes
		WHERE home_id = $1 AND kind = $2
		AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at <= $4)
		ORDER BY seq`, homeID, int16(protocol.ChangeEvent), lo, hi)
	if err != nil {
		return nil, fmt.Errorf("events of %q: %w", homeID, err)
	}
	out := []central.StoredEvent{}
	var body []byte
	var seq int64
	var se central.StoredEvent
	_, err = pgx.ForEachRow(rows, []any{&seq, &se.Device, &se.ReceivedAt, &body}, func() error {
		var e mar.Event
		if err := json.Unmarshal(body, &e); err != nil {
			return fmt.Errorf("event at change %d: %w", seq, err)
		}
		if central.InRange(e.OccurredAt, from, to) {
			out = append(out, central.StoredEvent{Seq: uint64(seq), Event: e, Device: se.Device, ReceivedAt: se.ReceivedAt.UTC()})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("events of %q: %w", homeID, err)
	}
	return out, nil
}

// Conflicts returns the events kept aside for a home, oldest first.
func (s *Store) Conflicts(ctx context.Context, homeID string) ([]central.Conflict, error) {
	if _, err := s.Home(ctx, homeID); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT body FROM conflicts WHERE home_id = $1 ORDER BY n`, homeID)
	if err != nil {
		return nil, fmt.Errorf("conflicts of %q: %w", homeID, err)
	}
	out := []central.Conflict{}
	var bad error
	err = collect(rows, func(body []byte) {
		var c central.Conflict
		bad = errors.Join(bad, json.Unmarshal(body, &c))
		out = append(out, c)
	})
	if err = errors.Join(err, bad); err != nil {
		return nil, fmt.Errorf("conflicts of %q: %w", homeID, err)
	}
	return out, nil
}

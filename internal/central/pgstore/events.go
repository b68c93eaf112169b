package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// batch is what PutEvents learnt of the database for one push, read in one
// round trip under the home's lock, and what it decided to write.
type batch struct {
	homeID  string
	head    uint64
	stored  map[uuid.UUID]mar.Event // events stored before or earlier in this batch
	known   map[uuid.UUID]bool      // UUIDs stored, for the events this batch corrects
	charted map[string]bool         // residents ever on the home's chart
	rows    [][]any                 // new changes rows, for COPY
	clashes []central.Conflict
}

// PutEvents stores a device's batch in one transaction, the new events in
// one COPY.
func (s *Store) PutEvents(ctx context.Context, deviceID string, events []mar.Event, receivedAt time.Time) ([]protocol.EventAck, error) {
	at := receivedAt.UTC()
	norm := make([]mar.Event, len(events))
	refused := make([]error, len(events))
	var valid []mar.Event
	for i, e := range events {
		norm[i] = central.NormaliseEvent(e)
		if refused[i] = central.ValidatePushed(deviceID, norm[i]); refused[i] == nil {
			valid = append(valid, norm[i])
		}
	}
	var out []protocol.EventAck
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		b, err := readBatch(ctx, tx, deviceID, valid)
		if err != nil {
			return err
		}
		out = make([]protocol.EventAck, len(norm))
		for i, e := range norm {
			out[i] = protocol.EventAck{ID: e.ID}
			if refused[i] == nil {
				out[i].Status, refused[i] = b.decide(deviceID, e, at)
			}
			if errors.Is(refused[i], central.ErrRefused) {
				out[i] = central.RefusedAck(e.ID, refused[i])
			} else if refused[i] != nil {
				return refused[i]
			}
		}
		return b.write(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("put events: %w", err)
	}
	return out, nil
}

// readBatch locks the pushing device's home and reads what the batch's
// rules need.
func readBatch(ctx context.Context, tx pgx.Tx, deviceID string, events []mar.Event) (*batch, error) {
	b := &batch{stored: map[uuid.UUID]mar.Event{}, known: map[uuid.UUID]bool{}, charted: map[string]bool{}}
	var revoked *time.Time
	err := tx.QueryRow(ctx, `SELECT home_id, revoked_at FROM devices WHERE id = $1`, deviceID).Scan(&b.homeID, &revoked)
	if errors.Is(err, pgx.ErrNoRows) || revoked != nil || (err != nil && hasNUL(deviceID)) {
		return nil, fmt.Errorf("device %q: %w", deviceID, central.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	if b.head, err = lockHome(ctx, tx, b.homeID); err != nil {
		return nil, err
	}
	return b, b.lookup(ctx, tx, deviceID, events)
}

// lookup reads, in one round trip, which of the batch's UUIDs (and the
// UUIDs it corrects) are stored, and which of its status changes'
// residents are charted.
func (b *batch) lookup(ctx context.Context, tx pgx.Tx, deviceID string, events []mar.Event) error {
	var residents []string
	var ids, corrects []uuid.UUID
	for _, e := range events {
		ids = append(ids, e.ID)
		if e.Corrects != uuid.Nil {
			corrects = append(corrects, e.Corrects)
		}
		if e.About != uuid.Nil {
			corrects = append(corrects, e.About)
		}
		// NUL cannot be in a text column: such an ID is no
		// resident's, and is left out of the query.
		if e.Kind == mar.KindStatusChange && !hasNUL(e.ResidentID) {
			residents = append(residents, e.ResidentID)
		}
	}
	var bad error // a stored event that does not decode
	q := &pgx.Batch{}
	q.Queue(`SELECT body FROM changes WHERE home_id = $1 AND event_id = ANY($2)`, b.homeID, ids).Query(func(rows pgx.Rows) error {
		return collect(rows, func(body []byte) {
			var e mar.Event
			bad = errors.Join(bad, json.Unmarshal(body, &e))
			b.stored[e.ID] = e
		})
	})
	q.Queue(`SELECT event_id FROM changes WHERE home_id = $1 AND event_id = ANY($2)`, b.homeID, corrects).Query(func(rows pgx.Rows) error {
		return collect(rows, func(id uuid.UUID) { b.known[id] = true })
	})
	q.Queue(`SELECT id FROM residents WHERE home_id = $1 AND id = ANY($2)`, b.homeID, residents).Query(func(rows pgx.Rows) error {
		return collect(rows, func(id string) { b.charted[id] = true })
	})
	if err := tx.SendBatch(ctx, q).Close(); err != nil {
		return err
	}
	if bad != nil {
		return fmt.Errorf("a stored event does not decode: %w", bad)
	}
	return nil
}

// collect scans each row's one column into a T and hands it to fn.
func collect[T any](rows pgx.Rows, fn func(T)) error {
	defer rows.Close()
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return err
		}
		fn(v)
	}
	return rows.Err()
}

// decide applies boltstore's rules, in its order, to one event: refused,
// a duplicate, a conflict kept aside, or stored as the next change.
func (b *batch) decide(deviceID string, e mar.Event, at time.Time) (protocol.AckStatus, error) {
	if prev, ok := b.stored[e.ID]; ok {
		if central.SameEvent(prev, e) {
			return protocol.AckDuplicate, nil
		}
		b.clashes = append(b.clashes, central.Conflict{Event: e, Device: deviceID, ReceivedAt: at})
		return protocol.AckConflict, nil
	}
	if e.Kind == mar.KindStatusChange && !b.charted[e.ResidentID] {
		return 0, fmt.Errorf("%w: status-change event %s names a resident this home's chart does not hold", central.ErrRefused, e.ID)
	}
	if _, earlier := b.stored[e.Corrects]; e.Corrects != uuid.Nil && !earlier && !b.known[e.Corrects] {
		return 0, fmt.Errorf("%w: event %s corrects an event the central record does not hold: push that event first", central.ErrRefused, e.ID)
	}
	// As boltstore: every tablet would refuse it without what it is about.
	if _, earlier := b.stored[e.About]; e.About != uuid.Nil && !earlier && !b.known[e.About] {
		return 0, fmt.Errorf("%w: event %s is about an event the central record does not hold: push that event first", central.ErrRefused, e.ID)
	}
	body, err := json.Marshal(e)
	if err != nil {
		return 0, fmt.Errorf("event %s: %w", e.ID, err)
	}
	b.head++
	b.stored[e.ID] = e
	b.rows = append(b.rows, []any{b.homeID, int64(b.head), int16(protocol.ChangeEvent), deviceID, at, e.ID, e.OccurredAt, string(body)})
	return protocol.AckStored, nil
}

var changeColumns = []string{"home_id", "seq", "kind", "device", "received_at", "event_id", "occurred_at", "body"}

// write copies the new changes in, keeps the conflicts and moves the
// home's head.
func (b *batch) write(ctx context.Context, tx pgx.Tx) error {
	if len(b.rows) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"changes"}, changeColumns, pgx.CopyFromRows(b.rows)); err != nil {
			return fmt.Errorf("copy events: %w", err)
		}
	}
	q := &pgx.Batch{}
	for _, c := range b.clashes {
		body, err := json.Marshal(c)
		if err != nil {
			return err
		}
		q.Queue(`INSERT INTO conflicts (home_id, body) VALUES ($1, $2)`, b.homeID, string(body))
	}
	if len(b.rows) > 0 {
		q.Queue(`UPDATE homes SET head = $2 WHERE id = $1`, b.homeID, int64(b.head))
	}
	if q.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, q).Close()
}

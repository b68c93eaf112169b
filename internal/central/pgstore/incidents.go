package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// PutIncidents stores the centre's incidents not already stored, under the
// home's lock, so two finders (serve and the incidents command, say) that
// find one incident at once store it once.
func (s *Store) PutIncidents(ctx context.Context, homeID string, incidents []mar.Event, receivedAt time.Time) (int, error) {
	at := receivedAt.UTC()
	norm := make([]mar.Event, len(incidents))
	ids := make([]uuid.UUID, len(incidents))
	for i, e := range incidents {
		norm[i] = central.NormaliseEvent(e)
		if err := central.ValidateIncident(norm[i]); err != nil {
			return 0, fmt.Errorf("put incidents: %w", err)
		}
		ids[i] = norm[i].ID
	}
	n := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		n = 0
		head, err := lockHome(ctx, tx, homeID)
		if err != nil {
			return err
		}
		stored, err := storedIDs(ctx, tx, homeID, ids)
		if err != nil {
			return err
		}
		var fresh [][]any
		for _, e := range norm {
			if stored[e.ID] {
				continue
			}
			body, err := json.Marshal(e)
			if err != nil {
				return fmt.Errorf("incident %s: %w", e.ID, err)
			}
			stored[e.ID] = true
			head++
			fresh = append(fresh, []any{homeID, int64(head), int16(protocol.ChangeEvent), central.CentreDevice, at, e.ID, e.OccurredAt, string(body)})
		}
		if n = len(fresh); n == 0 {
			return nil
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"changes"}, changeColumns, pgx.CopyFromRows(fresh)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE homes SET head = $2 WHERE id = $1`, homeID, int64(head))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("put incidents: %w", err)
	}
	return n, nil
}

// storedIDs returns which of ids the home holds.
func storedIDs(ctx context.Context, tx pgx.Tx, homeID string, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	rows, err := tx.Query(ctx, `SELECT event_id FROM changes WHERE home_id = $1 AND event_id = ANY($2)`, homeID, ids)
	if err != nil {
		return nil, err
	}
	stored := map[uuid.UUID]bool{}
	return stored, collect(rows, func(id uuid.UUID) { stored[id] = true })
}

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

// ImportChart appends an imported chart and the records the import made
// of it in one transaction, under the home's lock, if the home holds no
// change after checked.
func (s *Store) ImportChart(ctx context.Context, homeID string, checked uint64, u protocol.ChartUpdate, records []mar.Event) error {
	if u.At.IsZero() {
		return errors.New("import chart: update has no time")
	}
	u.At = u.At.UTC()
	ids, err := residentIDs(u)
	if err != nil {
		return fmt.Errorf("import chart: %w", err)
	}
	norm := make([]mar.Event, len(records))
	eventIDs := make([]uuid.UUID, len(records))
	for i, e := range records {
		norm[i] = central.NormaliseEvent(e)
		if err := central.ValidateImported(norm[i]); err != nil {
			return fmt.Errorf("import chart: %w", err)
		}
		if hasNUL(norm[i].ResidentID) {
			return fmt.Errorf("import chart: %w: record %s of an import names a resident this home's chart does not hold", central.ErrRefused, norm[i].ID)
		}
		eventIDs[i] = norm[i].ID
	}
	at := time.Now().UTC()
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		// The home's lock, taken here and held to the commit, keeps
		// every other change out between the check and the import.
		head, err := lockHome(ctx, tx, homeID)
		if err != nil {
			return err
		}
		if head != checked {
			return fmt.Errorf("%w: changes up to %d, checked against %d", central.ErrHomeChanged, head, checked)
		}
		head, err = addChartTx(ctx, tx, homeID, u, ids, at)
		if err != nil {
			return err
		}
		if len(norm) == 0 {
			return nil
		}
		return putImported(ctx, tx, homeID, head, norm, eventIDs, at)
	})
	if err != nil {
		return fmt.Errorf("import chart: %w", err)
	}
	return nil
}

// putImported appends an import's records after the home's head, refusing
// one of a resident the home does not hold or whose ID is stored.
func putImported(ctx context.Context, tx pgx.Tx, homeID string, head uint64, records []mar.Event, ids []uuid.UUID, at time.Time) error {
	stored, err := storedIDs(ctx, tx, homeID, ids)
	if err != nil {
		return err
	}
	named := make([]string, len(records))
	for i, e := range records {
		named[i] = e.ResidentID
	}
	charted := map[string]bool{}
	rows, err := tx.Query(ctx, `SELECT id FROM residents WHERE home_id = $1 AND id = ANY($2)`, homeID, named)
	if err != nil {
		return err
	}
	if err := collect(rows, func(id string) { charted[id] = true }); err != nil {
		return err
	}
	fresh := make([][]any, 0, len(records))
	for _, e := range records {
		switch {
		case !charted[e.ResidentID]:
			return fmt.Errorf("%w: record %s of an import names a resident this home's chart does not hold", central.ErrRefused, e.ID)
		case stored[e.ID]:
			return fmt.Errorf("%w: record %s of an import is already stored", central.ErrRefused, e.ID)
		}
		stored[e.ID] = true
		body, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("record %s: %w", e.ID, err)
		}
		head++
		fresh = append(fresh, []any{homeID, int64(head), int16(protocol.ChangeEvent), central.CentreDevice, at, e.ID, e.OccurredAt, string(body)})
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"changes"}, changeColumns, pgx.CopyFromRows(fresh)); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE homes SET head = $2 WHERE id = $1`, homeID, int64(head))
	return err
}

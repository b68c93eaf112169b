package boltstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// ImportChart appends an imported chart and the records the import made
// of it in one transaction, if the home holds no change after checked.
func (s *Store) ImportChart(ctx context.Context, homeID string, checked uint64, u protocol.ChartUpdate, records []mar.Event) error {
	if u.At.IsZero() {
		return errors.New("import chart: update has no time")
	}
	u.At = u.At.UTC()
	at := time.Now().UTC()
	err := s.db.Update(func(tx *bolt.Tx) error {
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		if head := hb.Bucket(bucketChanges).Sequence(); head != checked {
			return fmt.Errorf("%w: changes up to %d, checked against %d", central.ErrHomeChanged, head, checked)
		}
		if err := addChartTx(hb, u, at); err != nil {
			return err
		}
		index := hb.Bucket(bucketEvents)
		for _, e := range records {
			e = central.NormaliseEvent(e)
			if err := central.ValidateImported(e); err != nil {
				return err
			}
			if !charted(hb, e.ResidentID) {
				return fmt.Errorf("%w: record %s of an import names a resident this home's chart does not hold", central.ErrRefused, e.ID)
			}
			if index.Get(e.ID[:]) != nil {
				return fmt.Errorf("%w: record %s of an import is already stored", central.ErrRefused, e.ID)
			}
			seq, err := appendChange(hb, central.Change{Change: protocol.Change{Kind: protocol.ChangeEvent, Event: &e},
				Device: central.CentreDevice, ReceivedAt: at})
			if err != nil {
				return err
			}
			if err := index.Put(e.ID[:], u64(seq)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import chart: %w", err)
	}
	return nil
}

// charted reports whether the home's chart holds a resident. It seeks
// rather than Gets: the residents' values are empty, and bbolt's Get of
// an empty value put in the same transaction reads as absent.
func charted(hb *bolt.Bucket, residentID string) bool {
	k, _ := hb.Bucket(bucketResidents).Cursor().Seek([]byte(residentID))
	return k != nil && bytes.Equal(k, []byte(residentID))
}

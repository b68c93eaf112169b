package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// Checkpoint is a summary of a resident's events before Through (the
// state of their stock registers, which internal/round works out and
// encodes in Body), kept so that a read need not go over a year of doses
// again. The store keeps with it how many events it summarises and a
// digest of their index keys, and hands it out only while the resident's
// events before Through are still exactly those: a record back-dated
// before Through, from this build or any other, makes it unused rather
// than wrong.
type Checkpoint struct {
	ResidentID string          `json:"id"` // the record's key, as every record bucket's
	Through    time.Time       `json:"through"`
	Count      int             `json:"count"`
	Digest     uint64          `json:"digest"`
	Body       json.RawMessage `json:"body"`
}

// RegisterEvents returns a resident's checkpoint, when one is kept and
// still summarises their events before its Through, with their events
// from then until to; otherwise nil and all their events before to. Both
// are read in one transaction, so a record back-dated in between cannot
// fall between the two. Proving the checkpoint costs a walk of its
// events' index keys, not a decode.
func (s *Store) RegisterEvents(residentID string, to time.Time) (*Checkpoint, []mar.Event, error) {
	var cp *Checkpoint
	var events []mar.Event
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if cp, err = checkpointTx(tx, residentID); err != nil {
			return err
		}
		from := kindsFrom
		if cp != nil {
			from = cp.Through
		}
		events, err = eventsTx(tx, nil, residentID, from, to)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("register events of %q: %w", residentID, err)
	}
	return cp, events, nil
}

// checkpointTx returns a resident's checkpoint, nil when there is none or
// it no longer summarises their events.
func checkpointTx(tx *bolt.Tx, residentID string) (*Checkpoint, error) {
	b := tx.Bucket(bucketCheckpoints)
	if b == nil {
		return nil, nil // a file opened read-only before its upgrade
	}
	v := b.Get([]byte(residentID))
	if v == nil {
		return nil, nil
	}
	var cp Checkpoint
	if err := decode(v, &cp); err != nil {
		return nil, fmt.Errorf("register checkpoint: %w", err)
	}
	if n, sum := digestBefore(tx, residentID, cp.Through); cp.ResidentID != residentID || n != cp.Count || sum != cp.Digest {
		return nil, nil
	}
	return &cp, nil
}

// PutRegisterCheckpoints keeps checkpoints, in one transaction: each of
// its resident's first Count events before Through (those its body was
// worked out from, as Events returned them). Events are never removed, so
// when the resident still has Count events before Through they are the
// same ones; when they have more (one was recorded back-dated since they
// were read) that checkpoint is not stored. It returns how many were, and
// stores none on a read-only file.
func (s *Store) PutRegisterCheckpoints(cps ...Checkpoint) (int, error) {
	for _, cp := range cps {
		if err := validID("checkpoint resident", cp.ResidentID); err != nil {
			return 0, err
		}
		if !json.Valid(cp.Body) {
			return 0, invalid("checkpoint of %q: body is not JSON", cp.ResidentID)
		}
	}
	if s.readOnly || len(cps) == 0 {
		return 0, nil
	}
	stored := 0
	// A checkpoint changes nothing any read keeps (charts, products,
	// settings, records), so what was read of those stays.
	err := s.updateRecords(nil, func(tx *bolt.Tx) error {
		stored = 0
		for _, cp := range cps {
			n, sum := digestBefore(tx, cp.ResidentID, cp.Through)
			if n != cp.Count {
				continue
			}
			cp.Through, cp.Digest = cp.Through.UTC(), sum
			if err := putRecord(tx.Bucket(bucketCheckpoints), []byte(cp.ResidentID), cp); err != nil {
				return err
			}
			stored++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("put register checkpoints: %w", err)
	}
	return stored, nil
}

// Checkpoints returns every checkpoint kept, with whether each still
// summarises its resident's events: `db check` works each out again.
func (s *Store) Checkpoints() ([]Checkpoint, []bool, error) {
	var out []Checkpoint
	var valid []bool
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCheckpoints)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var cp Checkpoint
			if err := decode(v, &cp); err != nil {
				return fmt.Errorf("checkpoint %q: %w", k, err)
			}
			n, sum := digestBefore(tx, cp.ResidentID, cp.Through)
			out = append(out, cp)
			valid = append(valid, n == cp.Count && sum == cp.Digest)
			return nil
		})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("checkpoints: %w", err)
	}
	return out, valid, nil
}

// digestBefore counts a resident's events before through and sums a hash
// of each one's time and ID: the sum does not depend on order, as the
// open-time walk's sums do not.
func digestBefore(tx *bolt.Tx, residentID string, through time.Time) (int, uint64) {
	prefix := textKey(residentID)
	end := join(prefix, timeKey(through))
	c := tx.Bucket(bucketEvByResident).Cursor()
	n, sum := 0, uint64(0)
	for k, _ := c.Seek(prefix); k != nil && bytes.Compare(k, end) < 0; k, _ = c.Next() {
		n++
		sum += h64(k[len(k)-24:])
	}
	return n, sum
}

package store

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// enqueue adds an event to the outbox. Called inside appendTx, so the event
// and its outbox entry share one transaction, and by ResendRefused.
func enqueue(tx *bolt.Tx, id uuid.UUID) error {
	outbox := tx.Bucket(bucketOutbox)
	outbox.FillPercent = appendFill
	seq, err := outbox.NextSequence()
	if err != nil {
		return err
	}
	if err := outbox.Put(u64(seq), uuidKey(id)); err != nil {
		return err
	}
	if err := tx.Bucket(bucketOutboxByID).Put(uuidKey(id), u64(seq)); err != nil {
		return err
	}
	return addCounter(tx, keyPending, 1)
}

// Pending returns up to limit events not yet acknowledged by the central
// record, oldest first (limit <= 0: all).
func (s *Store) Pending(limit int) ([]mar.Event, error) {
	var out []mar.Event
	err := s.view(func(tx *bolt.Tx) error {
		events := tx.Bucket(bucketEvents)
		c := tx.Bucket(bucketOutbox).Cursor()
		for k, v := c.First(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Next() {
			key := lookupEvent(tx, v)
			if key == nil {
				return fmt.Errorf("outbox names missing event %x", v)
			}
			e, err := eventAt(events, key)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pending events: %w", err)
	}
	return out, nil
}

// Ack marks events as received by the central record: they leave the
// outbox and join the acknowledged set, in one transaction. IDs already
// acknowledged or never appended are skipped, so a repeated Ack is safe.
func (s *Store) Ack(ids ...uuid.UUID) error {
	now := time.Now()
	err := s.updateRecords(nil, func(tx *bolt.Tx) error {
		byID := tx.Bucket(bucketOutboxByID)
		for _, id := range ids {
			seq := byID.Get(id[:])
			if len(seq) != 8 {
				continue
			}
			if err := tx.Bucket(bucketOutbox).Delete(clone(seq)); err != nil {
				return err
			}
			if err := byID.Delete(id[:]); err != nil {
				return err
			}
			if err := tx.Bucket(bucketAcked).Put(uuidKey(id), timeKey(now)); err != nil {
				return err
			}
			if err := addCounter(tx, keyPending, -1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("acknowledge events: %w", err)
	}
	return nil
}

// PendingCount is how many events wait in the outbox; it reads one counter.
func (s *Store) PendingCount() (int, error) {
	var n uint64
	err := s.view(func(tx *bolt.Tx) error {
		n = counter(tx, keyPending)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("pending count: %w", err)
	}
	return int(n), nil
}

// Acked reports whether the central record has acknowledged an event.
func (s *Store) Acked(id uuid.UUID) (bool, error) {
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketAcked).Get(id[:]) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("acked %s: %w", id, err)
	}
	return ok, nil
}

// Refusal is the central record's refusal of one event, in its words
// (which name the event by ID and carry no personal data).
type Refusal struct {
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"` // when the tablet was told; set by Refuse
}

// maxReason bounds a kept reason: the centre's words are a sentence.
const maxReason = 1000

// Refuse moves events the central record refused out of the outbox and
// keeps them aside with its reason, in one transaction: sent again they
// would be refused again, and they must not block the records behind them
// nor be lost. IDs not in the outbox are skipped, so a repeated Refuse is
// safe.
func (s *Store) Refuse(refusals ...Refusal) error {
	now := time.Now()
	err := s.update(func(tx *bolt.Tx) error {
		byID := tx.Bucket(bucketOutboxByID)
		for _, r := range refusals {
			seq := byID.Get(r.ID[:])
			if len(seq) != 8 {
				continue
			}
			if err := tx.Bucket(bucketOutbox).Delete(clone(seq)); err != nil {
				return err
			}
			if err := byID.Delete(r.ID[:]); err != nil {
				return err
			}
			reason := strings.ToValidUTF8(r.Reason, "?")
			if len(reason) > maxReason {
				reason = strings.ToValidUTF8(reason[:maxReason], "")
			}
			if err := tx.Bucket(bucketRefused).Put(uuidKey(r.ID), append(timeKey(now), reason...)); err != nil {
				return err
			}
			if err := addCounter(tx, keyPending, -1); err != nil {
				return err
			}
			if err := addCounter(tx, keyRefused, 1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("keep refused events aside: %w", err)
	}
	return nil
}

// RefusedCount is how many events the central record refused are kept
// aside; it reads one counter.
func (s *Store) RefusedCount() (int, error) {
	var n uint64
	err := s.view(func(tx *bolt.Tx) error {
		n = counter(tx, keyRefused)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("refused count: %w", err)
	}
	return int(n), nil
}

// Refused lists the events the central record refused, oldest refusal
// first.
func (s *Store) Refused() ([]Refusal, error) {
	var out []Refusal
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRefused).ForEach(func(k, v []byte) error {
			id, err := uuid.FromBytes(k)
			if err != nil || len(v) < 8 {
				return fmt.Errorf("refusal %x is damaged", k)
			}
			out = append(out, Refusal{ID: id, At: timeFromKey(v[:8]), Reason: string(v[8:])})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("refused events: %w", err)
	}
	slices.SortStableFunc(out, func(a, b Refusal) int { return a.At.Compare(b.At) })
	return out, nil
}

// ResendRefused puts the events the central record refused back at the end
// of the outbox, in the order they were refused, once what the centre
// refused them for is put right (a resident added to its chart, the
// tablet's own device ID restored): until then they would only be refused
// again. It returns how many.
func (s *Store) ResendRefused() (int, error) {
	refused, err := s.Refused()
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.update(func(tx *bolt.Tx) error {
		n = 0
		b := tx.Bucket(bucketRefused)
		for _, r := range refused {
			if b.Get(r.ID[:]) == nil {
				continue
			}
			if err := b.Delete(r.ID[:]); err != nil {
				return err
			}
			if err := addCounter(tx, keyRefused, -1); err != nil {
				return err
			}
			if err := enqueue(tx, r.ID); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("send refused events again: %w", err)
	}
	return n, nil
}

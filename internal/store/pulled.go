package store

import (
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// keySyncCursor in bucketMeta is the sequence number of the last change
// pulled from the central record (uint64 BE). A meta counter like the
// others, so the schema is unchanged.
var keySyncCursor = []byte("sync-cursor")

// keyPulledAt in bucketMeta is when changes were last pulled (a time key):
// the check says when a tablet has not heard from the others for a while.
var keyPulledAt = []byte("pulled-at")

// PulledChange is one change from the central record. Exactly one field is
// set.
type PulledChange struct {
	Event *mar.Event   // another tablet's record
	Chart *ChartUpdate // residents, products, entries, allergies
	User  *mar.User    // a member of staff, with their PIN hash
	Home  *mar.Home    // the home's settings
}

// PulledSummary counts what ApplyPulled stored.
type PulledSummary struct {
	Events int `json:"events"` // new to this tablet
	Charts int `json:"charts"`
	Users  int `json:"users"`
	Homes  int `json:"homes"`
}

// ErrCursorBehind refuses a pull older than the one already applied: the
// centre's sequence only rises, so it means a confused or replayed answer.
var ErrCursorBehind = errors.New("pulled changes are older than those already applied")

// ApplyPulled applies changes from the central record in order, and the
// cursor after them, in one transaction: a crash leaves either all of it
// or none, so nothing is applied twice or skipped. A pulled event is stored
// as acknowledged, never in the outbox: it came from the centre and is not
// sent back. An event already held (this tablet's own) is left as it is.
// A pulled user keeps this tablet's count of wrong PINs and lock.
func (s *Store) ApplyPulled(changes []PulledChange, cursor uint64) (PulledSummary, error) {
	var sum PulledSummary
	enc, err := encodePulled(changes)
	if err != nil {
		return sum, fmt.Errorf("apply pulled changes: %w", err)
	}
	settings, residents := pulledSubjects(changes)
	err = s.write(settings, residents, func(tx *bolt.Tx) error {
		sum = PulledSummary{}
		if cursor < counter(tx, keySyncCursor) {
			return fmt.Errorf("%w (%d after %d)", ErrCursorBehind, cursor, counter(tx, keySyncCursor))
		}
		for i, c := range changes {
			if err := applyPulledTx(tx, c, enc[i], &sum); err != nil {
				return fmt.Errorf("change %d of %d: %w", i+1, len(changes), err)
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keyPulledAt, timeKey(time.Now())); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySyncCursor, u64(cursor))
	})
	if err != nil {
		return PulledSummary{}, fmt.Errorf("apply pulled changes: %w", err)
	}
	return sum, nil
}

// pulledSubjects says what a pull may change that reads keep: the charts,
// products, staff and settings when it carries any of them, else only the
// records of the residents its events are about. An enrolled tablet pulls
// every minute, mostly other tablets' doses, and each pull used to make
// the next check of every resident read their chart again.
func pulledSubjects(changes []PulledChange) (settings bool, residents []string) {
	for _, c := range changes {
		if c.Event == nil {
			return true, nil
		}
		residents = append(residents, c.Event.ResidentID)
	}
	slices.Sort(residents)
	return false, slices.Compact(residents)
}

// encodePulled validates and encodes the pulled events before the
// transaction, as Append does.
func encodePulled(changes []PulledChange) ([][]byte, error) {
	enc := make([][]byte, len(changes))
	for i, c := range changes {
		n := 0
		for _, set := range []bool{c.Event != nil, c.Chart != nil, c.User != nil, c.Home != nil} {
			if set {
				n++
			}
		}
		if n != 1 {
			return nil, invalid("pulled change %d carries %d records, want 1", i+1, n)
		}
		if c.Event == nil {
			continue
		}
		if err := validateEvent(*c.Event); err != nil {
			return nil, err
		}
		e := normaliseEvent(*c.Event)
		b, err := encodeEvent(e)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", e.ID, err)
		}
		enc[i] = b
	}
	return enc, nil
}

func applyPulledTx(tx *bolt.Tx, c PulledChange, enc []byte, sum *PulledSummary) error {
	switch {
	case c.Event != nil:
		return applyPulledEvent(tx, normaliseEvent(*c.Event), enc, sum)
	case c.Chart != nil:
		if err := validateUpdate(*c.Chart); err != nil {
			return err
		}
		sum.Charts++
		_, err := applyChartTx(tx, *c.Chart)
		return err
	case c.User != nil:
		sum.Users++
		return applyPulledUser(tx, *c.User)
	default:
		sum.Homes++
		return putRecord(tx.Bucket(bucketMeta), keyHome, *c.Home)
	}
}

// applyPulledEvent stores a pulled event with the indexing Append uses
// (appendTx, so there is one way an event is stored), then moves its outbox
// entry straight to the acknowledged set within the same transaction, as
// Ack would: on disk it is never pending.
func applyPulledEvent(tx *bolt.Tx, e mar.Event, enc []byte, sum *PulledSummary) error {
	if lookupEvent(tx, e.ID[:]) != nil {
		return nil
	}
	if err := appendTx(tx, e, enc); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	byID := tx.Bucket(bucketOutboxByID)
	seq := clone(byID.Get(e.ID[:]))
	if len(seq) != 8 {
		return fmt.Errorf("event %s: not queued as appendTx queues every event", e.ID)
	}
	if err := tx.Bucket(bucketOutbox).Delete(seq); err != nil {
		return err
	}
	if err := byID.Delete(e.ID[:]); err != nil {
		return err
	}
	if err := tx.Bucket(bucketAcked).Put(uuidKey(e.ID), timeKey(time.Now())); err != nil {
		return err
	}
	sum.Events++
	return addCounter(tx, keyPending, -1)
}

func applyPulledUser(tx *bolt.Tx, u mar.User) error {
	if err := validID("user", u.ID); err != nil {
		return err
	}
	var local mar.User
	if v := tx.Bucket(bucketUsers).Get([]byte(u.ID)); v != nil {
		if err := decode(v, &local); err != nil {
			return fmt.Errorf("user %q: %w", u.ID, err)
		}
	}
	u.FailedPINs, u.LockedUntil = local.FailedPINs, local.LockedUntil
	return putRecord(tx.Bucket(bucketUsers), []byte(u.ID), u)
}

// SyncCursor is the sequence number of the last change pulled from the
// central record; 0 before the first pull.
func (s *Store) SyncCursor() (uint64, error) {
	var n uint64
	err := s.view(func(tx *bolt.Tx) error {
		n = counter(tx, keySyncCursor)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("sync cursor: %w", err)
	}
	return n, nil
}

// PulledAt is when the central record's changes were last applied: the
// last time this tablet heard from the home's other tablets. It is zero on
// a tablet that never pulled: one not enrolled, or one enrolled that has
// not synced yet (Enrolled tells them apart).
func (s *Store) PulledAt() (time.Time, error) {
	var at time.Time
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyPulledAt)
		if v == nil {
			return nil
		}
		if len(v) != 8 {
			return fmt.Errorf("%w: pulled-at is %d bytes", errCorruptValue, len(v))
		}
		at = timeFromKey(v)
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("read when changes were last pulled: %w", err)
	}
	return at, nil
}

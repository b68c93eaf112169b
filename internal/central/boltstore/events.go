package boltstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// PutEvents stores a device's batch in one transaction.
func (s *Store) PutEvents(ctx context.Context, deviceID string, events []mar.Event, receivedAt time.Time) ([]protocol.EventAck, error) {
	var out []protocol.EventAck
	err := s.db.Update(func(tx *bolt.Tx) error {
		out = make([]protocol.EventAck, 0, len(events))
		var d central.Device
		ok, err := get(tx.Bucket(bucketDevices), []byte(deviceID), &d)
		if err != nil {
			return err
		}
		if !ok || d.Revoked() {
			return fmt.Errorf("device %q: %w", deviceID, central.ErrNotFound)
		}
		hb, err := homeBucket(tx, d.HomeID)
		if err != nil {
			return err
		}
		// The stored changes are written into one buffer for the batch:
		// bbolt keeps the values it is given until the commit, and the
		// buffer is only appended to.
		buf := make([]byte, 0, 768*len(events))
		for _, e := range events {
			var st protocol.AckStatus
			st, buf, err = putEvent(tx, hb, deviceID, central.NormaliseEvent(e), receivedAt.UTC(), buf)
			switch {
			case errors.Is(err, central.ErrRefused):
				// putEvent refuses before it writes anything.
				out = append(out, central.RefusedAck(e.ID, err))
			case err != nil:
				return err
			default:
				out = append(out, protocol.EventAck{ID: e.ID, Status: st})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("put events: %w", err)
	}
	return out, nil
}

func putEvent(tx *bolt.Tx, hb *bolt.Bucket, deviceID string, e mar.Event, at time.Time, buf []byte) (protocol.AckStatus, []byte, error) {
	if err := central.ValidatePushed(deviceID, e); err != nil {
		return 0, buf, err
	}
	index := hb.Bucket(bucketEvents)
	if seq := index.Get(e.ID[:]); seq != nil {
		st, err := existing(hb, binary.BigEndian.Uint64(seq), deviceID, e, at)
		return st, buf, err
	}
	if e.Kind == mar.KindStatusChange && hb.Bucket(bucketResidents).Get([]byte(e.ResidentID)) == nil {
		return 0, buf, fmt.Errorf("%w: status-change event %s names a resident this home's chart does not hold", central.ErrRefused, e.ID)
	}
	if e.Corrects != uuid.Nil && index.Get(e.Corrects[:]) == nil {
		return 0, buf, fmt.Errorf("%w: event %s corrects an event the central record does not hold: push that event first", central.ErrRefused, e.ID)
	}
	// A record about another (a PRN effect, a patch site, a follow-up, a
	// recall lifted) would be refused by every tablet that pulled it
	// without what it is about, and stop their pulls there.
	if e.About != uuid.Nil && index.Get(e.About[:]) == nil {
		return 0, buf, fmt.Errorf("%w: event %s is about an event the central record does not hold: push that event first", central.ErrRefused, e.ID)
	}
	changes := hb.Bucket(bucketChanges)
	changes.FillPercent = 0.9 // written in key order
	seq, err := changes.NextSequence()
	if err != nil {
		return 0, buf, err
	}
	start := len(buf)
	if buf, err = appendEventChange(buf, seq, &e, deviceID, at); err != nil {
		return 0, buf[:start], fmt.Errorf("event %s: %w", e.ID, err)
	}
	if err := changes.Put(u64(seq), buf[start:len(buf):len(buf)]); err != nil {
		return 0, buf, err
	}
	return protocol.AckStored, buf, index.Put(e.ID[:], u64(seq))
}

// existing compares a pushed event with the one stored under its UUID: the
// same is a duplicate; another is kept aside as a conflict.
func existing(hb *bolt.Bucket, seq uint64, deviceID string, e mar.Event, at time.Time) (protocol.AckStatus, error) {
	var c central.Change
	ok, err := get(hb.Bucket(bucketChanges), u64(seq), &c)
	if err != nil || !ok || c.Event == nil {
		return 0, fmt.Errorf("event %s: index names change %d, which does not hold it: %v", e.ID, seq, err)
	}
	if central.SameEvent(*c.Event, e) {
		return protocol.AckDuplicate, nil
	}
	conflicts := hb.Bucket(bucketConflicts)
	n, err := conflicts.NextSequence()
	if err != nil {
		return 0, err
	}
	return protocol.AckConflict, put(conflicts, u64(n), central.Conflict{Event: e, Device: deviceID, ReceivedAt: at})
}

// Changes returns up to limit changes after a sequence number.
func (s *Store) Changes(ctx context.Context, homeID string, after uint64, limit int) ([]central.Change, uint64, error) {
	var out []central.Change
	var head uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		changes := hb.Bucket(bucketChanges)
		head = changes.Sequence()
		c := changes.Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			var ch central.Change
			if err := jsonDecode(v, &ch); err != nil {
				return fmt.Errorf("change %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, ch)
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("changes of %q: %w", homeID, err)
	}
	return out, head, nil
}

// Events returns a home's events in the order they were stored.
func (s *Store) Events(ctx context.Context, homeID string, from, to time.Time) ([]central.StoredEvent, error) {
	var out []central.StoredEvent
	err := s.db.View(func(tx *bolt.Tx) error {
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		return hb.Bucket(bucketChanges).ForEach(func(k, v []byte) error {
			var ch central.Change
			if err := jsonDecode(v, &ch); err != nil {
				return fmt.Errorf("change %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if ch.Kind == protocol.ChangeEvent && ch.Event != nil && central.InRange(ch.Event.OccurredAt, from, to) {
				out = append(out, central.StoredEvent{Seq: ch.Seq, Event: *ch.Event, Device: ch.Device, ReceivedAt: ch.ReceivedAt})
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("events of %q: %w", homeID, err)
	}
	return out, nil
}

// Conflicts returns the events kept aside for a home.
func (s *Store) Conflicts(ctx context.Context, homeID string) ([]central.Conflict, error) {
	var out []central.Conflict
	err := s.db.View(func(tx *bolt.Tx) error {
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		return hb.Bucket(bucketConflicts).ForEach(func(k, v []byte) error {
			var c central.Conflict
			if err := jsonDecode(v, &c); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("conflicts of %q: %w", homeID, err)
	}
	return out, nil
}

// PutIncidents stores the centre's incidents not already stored.
func (s *Store) PutIncidents(ctx context.Context, homeID string, incidents []mar.Event, receivedAt time.Time) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		n = 0
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		index := hb.Bucket(bucketEvents)
		for _, e := range incidents {
			e = central.NormaliseEvent(e)
			if err := central.ValidateIncident(e); err != nil {
				return err
			}
			if index.Get(e.ID[:]) != nil {
				continue
			}
			seq, err := appendChange(hb, central.Change{Change: protocol.Change{Kind: protocol.ChangeEvent, Event: &e},
				Device: central.CentreDevice, ReceivedAt: receivedAt.UTC()})
			if err != nil {
				return err
			}
			if err := index.Put(e.ID[:], u64(seq)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("put incidents: %w", err)
	}
	return n, nil
}

package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// tally gathers, in one pass over the file, what Open needs to prove that no
// record went missing: key counts per bucket and order-independent sums of
// hashes of what each event's index entries must contain. A dropped or
// altered key in any of the event buckets makes two sums differ.
type tally struct {
	txid     uint64 // of the meta page the walk used
	keys     map[string]int
	schema   int
	counters map[string]uint64
	// Sums of hashes, each compared with its partner.
	evFull, byResident uint64 // (uuid, time, resident): events vs ev-resident
	evKind, byResKind  uint64 // (uuid, time, resident, kind): the same, from schema 5
	evRare, byKind     uint64 // (uuid, time, resident, kind) of all but doses: events vs ev-kind, from schema 8
	rare               int    // events that ev-kind must hold
	evTime, byID       uint64 // (uuid, time): events vs ev-id
	evID, syncState    uint64 // uuid: events vs outbox values + acked and refused keys
	outVal, outID      uint64 // (uuid, sequence): outbox vs outbox-id

	cur currentBucket // the bucket the walk is in, not yet in keys
	// recordErr is the first record that failed its checks. It is kept,
	// not returned at once, because a newer medround's records may be in a
	// format this one cannot read: the schema version, in the meta bucket
	// the walk reaches after the events, decides which error Open gives.
	recordErr error
}

// currentBucket is the bucket whose records the walk is visiting.
type currentBucket struct {
	name  []byte
	str   string
	kind  bucketKind
	count int
}

// h64 is FNV-1a over its parts, without allocating.
func h64(parts ...[]byte) uint64 {
	h := uint64(14695981039346656037)
	for _, p := range parts {
		for _, c := range p {
			h ^= uint64(c)
			h *= 1099511628211
		}
		h ^= 0xff // part boundary
		h *= 1099511628211
	}
	return h
}

var recordBuckets = map[string]bool{
	string(bucketResidents): true, string(bucketProducts): true, string(bucketEntries): true,
	string(bucketAllergies): true, string(bucketUsers): true, string(bucketCheckpoints): true,
}

var indexBuckets = map[string]bool{
	string(bucketResidentIDs): true, string(bucketGTINs): true, string(bucketChart): true,
	string(bucketProdEntries): true, string(bucketResAllergy): true,
}

// bucketKind says which checks a bucket's records get.
type bucketKind uint8

const (
	kindMeta bucketKind = iota
	kindRecord
	kindIndex
	kindEvents // the event buckets, told apart by eventBuckets
)

func classify(name string) bucketKind {
	switch {
	case name == string(bucketMeta):
		return kindMeta
	case recordBuckets[name]:
		return kindRecord
	case indexBuckets[name]:
		return kindIndex
	}
	return kindEvents
}

// visit checks one record. The walk passes every record of a bucket with the
// same name slice, so the bucket's name, kind and key count are worked out
// once per bucket rather than once per record.
func (t *tally) visit(bucket, key, value []byte) error {
	if t.cur.name == nil || !bytes.Equal(bucket, t.cur.name) {
		t.flush()
		t.cur.name, t.cur.str = bucket, string(bucket)
		t.cur.kind = classify(t.cur.str)
	}
	t.cur.count++
	switch t.cur.kind {
	case kindMeta:
		return t.meta(key, value)
	case kindRecord:
		return recordKeyMatches(t.cur.str, key, value)
	case kindIndex:
		if len(value) != 0 || bytes.IndexByte(key, 0) < 0 {
			return fmt.Errorf("bad index key in %s", t.cur.str)
		}
		return nil
	}
	return t.eventBuckets(t.cur.str, key, value)
}

// flush adds the current bucket's key count to keys.
func (t *tally) flush() {
	if t.cur.name != nil {
		t.keys[t.cur.str] += t.cur.count
	}
	t.cur = currentBucket{}
}

func (t *tally) meta(key, value []byte) error {
	if bytes.Equal(key, keyHome) {
		_, err := verifyFrame(value)
		return err
	}
	if len(value) != 8 {
		return fmt.Errorf("meta %q is not a counter", key)
	}
	n := binary.BigEndian.Uint64(value)
	if bytes.Equal(key, keySchema) {
		t.schema = int(n)
	}
	t.counters[string(key)] = n
	return nil
}

// recordKeyMatches decodes a chart or user record and checks it is stored
// under its own ID: a flipped key byte would otherwise hide the record.
func recordKeyMatches(bucket string, key, value []byte) error {
	var rec struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
	}
	if err := decode(value, &rec); err != nil {
		return fmt.Errorf("%s record %q: %w", bucket, key, err)
	}
	want := []byte(rec.ID)
	if bucket == string(bucketEntries) {
		want = entryKey(rec.ID, rec.Version)
	}
	if !bytes.Equal(key, want) {
		return fmt.Errorf("%s record %q stored under key %q", bucket, rec.ID, key)
	}
	return nil
}

func (t *tally) eventBuckets(name string, key, value []byte) error {
	switch name {
	case string(bucketEvents):
		return t.event(key, value)
	case string(bucketEvByResident):
		n := len(key) - 24
		if len(value) > 1 || n < 1 || key[n-1] != 0 {
			return errors.New("bad resident event index key")
		}
		t.byResident += h64(key[n+8:], key[n:n+8], key[:n-1])
		if len(value) == 1 {
			t.byResKind += h64(key[n+8:], key[n:n+8], key[:n-1], value)
		}
	case string(bucketEvByKind):
		n := len(key) - 25
		if len(value) != 0 || n < 1 || key[n-1] != 0 {
			return errors.New("bad kind event index key")
		}
		t.byKind += h64(key[n+9:], key[n+1:n+9], key[:n-1], key[n:n+1])
	case string(bucketEvByID):
		if len(key) != 16 || len(value) != 8 {
			return errors.New("bad event ID index entry")
		}
		t.byID += h64(key, value)
	case string(bucketOutbox):
		if len(key) != 8 || len(value) != 16 {
			return errors.New("bad outbox entry")
		}
		t.syncState += h64(value)
		t.outVal += h64(value, key)
	case string(bucketOutboxByID):
		if len(key) != 16 || len(value) != 8 {
			return errors.New("bad outbox key")
		}
		t.outID += h64(key, value)
	case string(bucketAcked):
		if len(key) != 16 || len(value) != 8 {
			return errors.New("bad acknowledgement")
		}
		t.syncState += h64(key)
	case string(bucketRefused):
		if len(key) != 16 || len(value) < 8 {
			return errors.New("bad refusal")
		}
		t.syncState += h64(key)
	default:
		return fmt.Errorf("unknown bucket %q", name)
	}
	return nil
}

func (t *tally) event(key, value []byte) error {
	if len(key) != 24 {
		return errors.New("bad event key")
	}
	h, err := splitEvent(value)
	if err != nil {
		return fmt.Errorf("event %x: %w", key, err)
	}
	at, raw := key[:8], key[8:]
	id, _ := uuid.FromBytes(raw)
	if !bytes.Equal(at, h.at) || !h.idMatches(id) {
		return fmt.Errorf("event %s stored under another key", id)
	}
	t.evFull += h64(raw, at, h.resident)
	if k, ok := h.kind(); ok {
		t.evKind += h64(raw, at, h.resident, []byte{k})
		if indexedByKind(mar.EventKind(k)) {
			t.evRare += h64(raw, at, h.resident, []byte{k})
			t.rare++
		}
	}
	t.evTime += h64(raw, at)
	t.evID += h64(raw)
	return nil
}

// agree compares the tally's sums and counts.
func (t *tally) agree() error {
	k := func(b []byte) int { return t.keys[string(b)] }
	events := k(bucketEvents)
	switch {
	case t.schema < schemaV1:
		return errors.New("no schema version")
	case t.schema > currentSchema:
		return nil // refused as newer, with its own message
	case t.recordErr != nil:
		return t.recordErr
	case uint64(events) != t.counters[string(keyEventCount)]:
		return fmt.Errorf("%d events stored but %d were written", events, t.counters[string(keyEventCount)])
	case uint64(k(bucketOutbox)) != t.counters[string(keyPending)]:
		return fmt.Errorf("%d outbox entries but %d pending", k(bucketOutbox), t.counters[string(keyPending)])
	case events != k(bucketEvByResident) || events != k(bucketEvByID) || t.evFull != t.byResident || t.evTime != t.byID:
		return errors.New("event index does not match the events")
	case t.schema >= schemaV5 && t.evKind != t.byResKind:
		// The kind in the resident index decides which events
		// EventsOfKinds reads: a damaged one would hide a record.
		return errors.New("event index does not match the events' kinds")
	case t.schema >= schemaV8 && (t.evRare != t.byKind || t.rare != k(bucketEvByKind)):
		// The kind index is where EventsOfKinds finds a resident's GP
		// approvals, covert plans and stock counts: a lost key would
		// hide one from the check.
		return errors.New("kind index does not match the events")
	case uint64(k(bucketRefused)) != t.counters[string(keyRefused)]:
		return fmt.Errorf("%d refused events kept but %d counted", k(bucketRefused), t.counters[string(keyRefused)])
	case events != k(bucketOutbox)+k(bucketAcked)+k(bucketRefused) || t.evID != t.syncState:
		return errors.New("an event is not in exactly one of the outbox, the acknowledged and the refused")
	case k(bucketOutbox) != k(bucketOutboxByID) || t.outVal != t.outID:
		return errors.New("outbox and its index differ")
	}
	return nil
}

// verifyFile walks the whole file and checks the tally. It reads every page
// once; see the package benchmarks for its cost on a year of records.
func verifyFile(path string) (*tally, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open for check: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open for check: %w", err)
	}
	t := &tally{keys: map[string]int{}, counters: map[string]uint64{}}
	visit := func(bucket, key, value []byte) error {
		if err := t.visit(bucket, key, value); err != nil && t.recordErr == nil {
			t.recordErr = err
		}
		return nil
	}
	if t.txid, err = walkFile(f, info.Size(), visit); err != nil {
		return t, err
	}
	t.flush()
	return t, t.agree()
}

// verifyOnOpen finishes the open-time check under bbolt's lock: the file
// is walked again if another process committed since the first walk, then
// the chart's own invariants (small: a home's chart is a few thousand
// records) are checked, so that a file that opens also passes Check.
func (s *Store) verifyOnOpen(walked uint64) error {
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("open for check: %w", err)
	}
	meta, err := newestMeta(f)
	f.Close()
	if err == nil && meta.txid != walked {
		_, err = verifyFile(s.path)
	}
	if err != nil {
		return damaged(s.path, err)
	}
	var errs []error
	err = s.view(func(tx *bolt.Tx) error {
		if v, err := schemaOf(tx); err != nil || v > currentSchema {
			return err // a newer schema is refused by upgrade, with its own message
		}
		report := func(err error) bool { errs = append(errs, err); return false }
		checkBuckets(tx, report)
		checkEntries(tx, report)
		if len(errs) == 0 {
			checkIndexes(tx, report)
		}
		return nil
	})
	if err == nil && len(errs) > 0 {
		err = errs[0]
	}
	if err != nil && !errors.Is(err, ErrDamaged) {
		err = damaged(s.path, err)
	}
	return err
}

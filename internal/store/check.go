package store

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// maxCheckErrors bounds Check's report: past this many the file is plainly
// damaged and more lines help no one.
const maxCheckErrors = 100

// Check runs every consistency check there is and returns what failed (none
// when the database is sound): the page-tree walk and sums Open runs,
// bbolt's own tx.Check, and the domain invariants: every event decodes and is
// stored under its ID, is indexed, and is either in the outbox or
// acknowledged; corrections name stored events; chart entry versions run
// 1..n with only the last in force and name a stored resident and product;
// every index matches the records it indexes.
func (s *Store) Check() []error {
	if _, err := verifyFile(s.path); err != nil {
		return []error{damaged(s.path, err)}
	}
	var errs []error
	report := func(err error) bool {
		errs = append(errs, err)
		return len(errs) < maxCheckErrors
	}
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			if !report(fmt.Errorf("bbolt: %w", err)) {
				return nil
			}
		}
		for _, check := range []func(*bolt.Tx, func(error) bool){checkBuckets, checkEvents, checkEntries, checkIndexes} {
			check(tx, report)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

func checkEvents(tx *bolt.Tx, report func(error) bool) {
	events := tx.Bucket(bucketEvents)
	byRes, byID, byKind := tx.Bucket(bucketEvByResident), tx.Bucket(bucketEvByID), tx.Bucket(bucketEvByKind)
	outboxByID, acked, refused := tx.Bucket(bucketOutboxByID), tx.Bucket(bucketAcked), tx.Bucket(bucketRefused)
	_ = events.ForEach(func(k, v []byte) error {
		e, err := decodeEvent(v)
		var problem error
		switch {
		case err != nil:
			problem = err
		case !bytes.Equal(eventKey(e.OccurredAt, e.ID), k):
			problem = fmt.Errorf("stored under another key")
		case byRes.Get(evResidentKey(e.ResidentID, e.OccurredAt, e.ID)) == nil ||
			!bytes.Equal(byID.Get(e.ID[:]), k[:8]):
			problem = fmt.Errorf("missing from an index")
		case !kindIndexed(byRes.Get(evResidentKey(e.ResidentID, e.OccurredAt, e.ID)), e.Kind):
			problem = fmt.Errorf("the resident index names another kind")
		case byKind != nil && indexedByKind(e.Kind) && !hasKey(byKind, evKindKey(e.ResidentID, e.Kind, e.OccurredAt, e.ID)):
			problem = fmt.Errorf("missing from the kind index")
		case syncPlaces(e.ID, outboxByID, acked, refused) != 1:
			problem = fmt.Errorf("must be in exactly one of the outbox, the acknowledged and the refused")
		case e.Corrects != uuid.Nil && lookupEvent(tx, e.Corrects[:]) == nil:
			problem = fmt.Errorf("refers to missing event %s", e.Corrects)
		case e.About != uuid.Nil && lookupEvent(tx, e.About[:]) == nil:
			problem = fmt.Errorf("refers to missing event %s", e.About)
		}
		if problem != nil && !report(fmt.Errorf("event %x: %w", k, problem)) {
			return errStop
		}
		return nil
	})
	_ = tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
		if lookupEvent(tx, v) == nil || !bytes.Equal(outboxByID.Get(v), k) {
			if !report(fmt.Errorf("outbox entry %x names event %x, which is missing or indexed elsewhere", k, v)) {
				return errStop
			}
		}
		return nil
	})
}

var errStop = fmt.Errorf("stop")

// checkBuckets reports an index bucket the file's schema has but the file
// lacks: the walk's sums cannot tell a missing bucket from an empty one,
// and records appended to such a file would go unindexed.
func checkBuckets(tx *bolt.Tx, report func(error) bool) {
	if v, err := schemaOf(tx); err == nil && v >= schemaV8 && tx.Bucket(bucketEvByKind) == nil {
		report(fmt.Errorf("schema %d file has no %s index", v, bucketEvByKind))
	}
}

// hasKey reports whether b holds key, whatever its value: an index entry's
// value is empty, which Get cannot tell from a missing key.
func hasKey(b *bolt.Bucket, key []byte) bool {
	k, _ := b.Cursor().Seek(key)
	return bytes.Equal(k, key)
}

// syncPlaces counts the sync buckets holding id; a bucket a file of an
// older schema lacks (nil) holds nothing.
func syncPlaces(id uuid.UUID, buckets ...*bolt.Bucket) int {
	n := 0
	for _, b := range buckets {
		if b != nil && b.Get(id[:]) != nil {
			n++
		}
	}
	return n
}

// checkEntries checks each entry's versions: 1..n, contiguous validity,
// only the last in force, resident and product stored.
func checkEntries(tx *bolt.Tx, report func(error) bool) {
	var prev *mar.ChartEntry
	_ = tx.Bucket(bucketEntries).ForEach(func(k, v []byte) error {
		var e mar.ChartEntry
		if err := decode(v, &e); err != nil {
			report(fmt.Errorf("chart entry %q: %w", k, err))
			return nil
		}
		if err := entryFollows(prev, e); err != nil {
			report(fmt.Errorf("chart entry %q version %d: %w", e.ID, e.Version, err))
		}
		if tx.Bucket(bucketResidents).Get([]byte(e.ResidentID)) == nil ||
			tx.Bucket(bucketProducts).Get([]byte(e.ProductID)) == nil {
			report(fmt.Errorf("chart entry %q names a missing resident or product", e.ID))
		}
		prev = &e
		return nil
	})
}

func entryFollows(prev *mar.ChartEntry, e mar.ChartEntry) error {
	first := prev == nil || prev.ID != e.ID
	switch {
	case first && e.Version != 1:
		return fmt.Errorf("history starts at version %d", e.Version)
	case !first && e.Version != prev.Version+1:
		return fmt.Errorf("follows version %d", prev.Version)
	case !first && (prev.Current() || !prev.ValidTo.Equal(e.ValidFrom)):
		return fmt.Errorf("previous version not closed when this one began")
	}
	return nil
}

// checkIndexes rebuilds every chart index from its records and compares.
func checkIndexes(tx *bolt.Tx, report func(error) bool) {
	want := map[string][][]byte{}
	add := func(b []byte, k []byte) { want[string(b)] = append(want[string(b)], k) }
	forEach(tx, bucketResidents, func(v []byte) {
		var r mar.Resident
		if decode(v, &r) == nil {
			for _, k := range residentIDKeys(r) {
				add(bucketResidentIDs, k)
			}
		}
	})
	forEach(tx, bucketProducts, func(v []byte) {
		var p mar.Product
		if decode(v, &p) == nil {
			for _, g := range p.GTINs {
				add(bucketGTINs, join(textKey(g), []byte(p.ID)))
			}
		}
	})
	forEach(tx, bucketAllergies, func(v []byte) {
		var a mar.Allergy
		if decode(v, &a) == nil {
			add(bucketResAllergy, join(textKey(a.ResidentID), []byte(a.ID)))
		}
	})
	forEach(tx, bucketEntries, func(v []byte) {
		var e mar.ChartEntry
		if decode(v, &e) == nil {
			add(bucketChart, join(textKey(e.ResidentID), []byte(e.ID)))
			if e.Current() {
				add(bucketProdEntries, join(textKey(e.ProductID), []byte(e.ID)))
			}
		}
	})
	for _, b := range [][]byte{bucketResidentIDs, bucketGTINs, bucketResAllergy, bucketChart, bucketProdEntries} {
		bucket := tx.Bucket(b)
		if bucket == nil {
			if v, _ := schemaOf(tx); v < schemaV2 && bytes.Equal(b, bucketResidentIDs) {
				continue // built by the migration to schema 2
			}
			report(fmt.Errorf("index %s is missing", b))
			continue
		}
		if err := sameKeys(bucket, want[string(b)]); err != nil {
			report(fmt.Errorf("index %s: %w", b, err))
		}
	}
}

func forEach(tx *bolt.Tx, b []byte, fn func(v []byte)) {
	_ = tx.Bucket(b).ForEach(func(_, v []byte) error { fn(v); return nil })
}

func sameKeys(b *bolt.Bucket, want [][]byte) error {
	slices.SortFunc(want, bytes.Compare)
	want = slices.CompactFunc(want, bytes.Equal)
	var have [][]byte
	_ = b.ForEach(func(k, _ []byte) error { have = append(have, clone(k)); return nil })
	if !slices.EqualFunc(have, want, bytes.Equal) {
		return fmt.Errorf("holds %d keys, its records need %d different ones", len(have), len(want))
	}
	return nil
}

// kindIndexed reports whether a resident index value agrees with the
// event's kind: empty before schema 5, else the kind itself.
func kindIndexed(v []byte, k mar.EventKind) bool {
	return len(v) == 0 || (len(v) == 1 && v[0] == byte(k))
}

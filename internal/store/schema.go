package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// Schema versions. Persisted: a version's meaning never changes; a new
// layout is a new version with a migration.
const (
	// schemaV1 is the first layout: every bucket but resident-ids;
	// residents were found by scanning them all.
	schemaV1 = 1
	// schemaV2 adds bucketResidentIDs, so a scanned wristband finds its
	// resident with one seek.
	schemaV2 = 2
	// schemaV3 writes new events as formatEventBinary; events already
	// stored as JSON (formatEvent) stay as they are and are still read. A
	// schema 2 medround cannot read the binary records, so it must see a
	// newer schema rather than guess.
	schemaV3 = 3
	// schemaV4 writes new events as formatEventBinary2, which keeps the
	// product and unit a dose was given as, a PRN effect's dose in About
	// (schemas 1 to 3 kept it in Corrects, read back as About) and the
	// audit fields. A schema 3 medround would read a PRN effect of this
	// format as naming nothing, and could not read the new records at all,
	// so it must see a newer schema.
	schemaV4 = 4
	// schemaV5 keeps each event's kind as the value of its resident index
	// entry (empty before), so the few records a check needs from a
	// resident's whole past (GP approvals, covert plans, stock counts) are
	// found without decoding a year of doses. Readers still decode an entry
	// whose value is empty.
	schemaV5 = 5
	// schemaV6 adds bucketRefused: events the central record refused,
	// kept aside with its reason instead of sent for ever or dropped. A
	// schema 5 medround would count them as neither sent nor waiting,
	// and take the file for damaged, so it must see a newer schema.
	schemaV6 = 6
	// schemaV7 adds bucketCheckpoints: summaries of residents' stock
	// registers. A schema 6 medround would take the bucket for damage.
	schemaV7 = 7
	// schemaV8 adds bucketEvByKind: a resident's records of each kind but
	// doses, so a check reads them with a seek per kind instead of a walk
	// of the resident's whole index. A schema 7 medround would take the
	// bucket for damage, and would not index the records it appends.
	schemaV8 = 8

	currentSchema = schemaV8
)

// migration moves a file from version to-1 to version to. All pending
// migrations run in one transaction, after a backup of the old file.
type migration struct {
	to   int
	name string
	run  func(tx *bolt.Tx) error
}

// migrations are ordered by to; each is only ever appended.
var migrations = []migration{
	{to: schemaV2, name: "index residents by identifier", run: migrateResidentIDs},
	// Nothing to convert: the log is append-only, so old records are never
	// rewritten, and both event formats are read.
	{to: schemaV3, name: "binary event records", run: func(*bolt.Tx) error { return nil }},
	// Nothing to convert either: old PRN effects are read with their dose
	// in About, whatever format they were stored in.
	{to: schemaV4, name: "event product, unit, PRN effect's dose, audit", run: func(*bolt.Tx) error { return nil }},
	{to: schemaV5, name: "event kinds in the resident index", run: migrateResidentIndexKinds},
	{to: schemaV6, name: "events the central record refused", run: func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketRefused)
		return err
	}},
	{to: schemaV7, name: "register checkpoints", run: func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketCheckpoints)
		return err
	}},
	{to: schemaV8, name: "records by kind", run: migrateKindIndex},
}

// migrateKindIndex indexes every stored record but doses by resident and
// kind, from the kinds the resident index holds since schema 5.
func migrateKindIndex(tx *bolt.Tx) error {
	idx, err := tx.CreateBucketIfNotExists(bucketEvByKind)
	if err != nil {
		return err
	}
	var keys [][]byte
	err = tx.Bucket(bucketEvByResident).ForEach(func(k, v []byte) error {
		if len(v) != 1 {
			return fmt.Errorf("resident index entry %x has no kind", k)
		}
		if mar.EventKind(v[0]) != mar.KindAdministration {
			keys = append(keys, kindKeyOf(k, v[0]))
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(keys, bytes.Compare)
	idx.FillPercent = appendFill // put in key order
	for _, k := range keys {
		if err := idx.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// migrateResidentIndexKinds fills each resident index entry with its
// event's kind.
func migrateResidentIndexKinds(tx *bolt.Tx) error {
	idx, events := tx.Bucket(bucketEvByResident), tx.Bucket(bucketEvents)
	var keys, kinds [][]byte
	err := idx.ForEach(func(k, v []byte) error {
		if len(v) == 1 {
			return nil
		}
		raw := events.Get(k[len(k)-24:])
		if raw == nil {
			return fmt.Errorf("resident index names missing event %x", k[len(k)-24:])
		}
		e, err := decodeEvent(raw)
		if err != nil {
			return fmt.Errorf("event %x: %w", k[len(k)-24:], err)
		}
		keys = append(keys, append([]byte(nil), k...))
		kinds = append(kinds, []byte{byte(e.Kind)})
		return nil
	})
	if err != nil {
		return err
	}
	for i, k := range keys {
		if err := idx.Put(k, kinds[i]); err != nil {
			return err
		}
	}
	return nil
}

// v1Buckets are the buckets version 1 created: all but those a migration
// adds.
func v1Buckets() [][]byte {
	var out [][]byte
	for _, b := range allBuckets {
		if !slices.ContainsFunc([][]byte{bucketResidentIDs, bucketRefused, bucketCheckpoints, bucketEvByKind},
			func(added []byte) bool { return string(added) == string(b) }) {
			out = append(out, b)
		}
	}
	return out
}

// createSchema lays out a new file at version v: version 1, then every
// migration up to v, so new files run the same code as upgraded ones.
func createSchema(tx *bolt.Tx, v int) error {
	for _, name := range v1Buckets() {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	if err := setSchema(tx, schemaV1); err != nil {
		return err
	}
	return migrate(tx, schemaV1, v)
}

func migrate(tx *bolt.Tx, from, to int) error {
	for _, m := range migrations {
		if m.to <= from || m.to > to {
			continue
		}
		if err := m.run(tx); err != nil {
			return fmt.Errorf("migrate to schema %d (%s): %w", m.to, m.name, err)
		}
		if err := setSchema(tx, m.to); err != nil {
			return err
		}
	}
	return nil
}

func setSchema(tx *bolt.Tx, v int) error {
	return tx.Bucket(bucketMeta).Put(keySchema, u64(uint64(v)))
}

func schemaOf(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, errors.New("no meta bucket: not a medround database")
	}
	v := meta.Get(keySchema)
	if len(v) != 8 {
		return 0, errors.New("no schema version: not a medround database")
	}
	return int(binary.BigEndian.Uint64(v)), nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return currentSchema }

// upgrade refuses a newer file and migrates an older one, keeping a backup
// of the old file at PATH.bak-vN.
func (s *Store) upgrade() error {
	var v int
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		v, err = schemaOf(tx)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			return err
		}
		return damaged(s.path, err)
	}
	switch {
	case v > currentSchema:
		return fmt.Errorf("%w: %s has schema version %d, this medround knows up to %d: upgrade medround to open it",
			ErrNewerSchema, s.path, v, currentSchema)
	case v == currentSchema:
		return nil
	case s.readOnly:
		return fmt.Errorf("%s has schema version %d and needs upgrading to %d: open it once without read-only",
			s.path, v, currentSchema)
	}
	backup := fmt.Sprintf("%s.bak-v%d", s.path, v)
	if err := s.BackupFile(backup); err != nil {
		return fmt.Errorf("back up before upgrading schema %d to %d: %w", v, currentSchema, err)
	}
	err = s.update(func(tx *bolt.Tx) error { return migrate(tx, v, currentSchema) })
	if err != nil {
		return fmt.Errorf("upgrade %s from schema %d (backup kept at %s): %w", s.path, v, backup, err)
	}
	return nil
}

// migrateResidentIDs builds the resident identifier index (schema 2).
func migrateResidentIDs(tx *bolt.Tx) error {
	idx, err := tx.CreateBucketIfNotExists(bucketResidentIDs)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketResidents).ForEach(func(k, v []byte) error {
		r, err := decodeResident(v)
		if err != nil {
			return fmt.Errorf("resident %q: %w", k, err)
		}
		return indexResident(idx, r)
	})
}

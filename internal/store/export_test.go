package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// WriteV1 writes a schema-1 file at path holding u and events, the way the
// first version of this package laid records out (no resident identifier
// index). TestWriteV1Fixture uses it to make testdata/v1.db.
func WriteV1(path string, u ChartUpdate, events []mar.Event) error {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := createSchema(tx, schemaV1); err != nil {
			return err
		}
		var c Counts
		for _, r := range u.Residents {
			if err := putRecord(tx.Bucket(bucketResidents), []byte(r.ID), r); err != nil {
				return err
			}
		}
		for _, p := range u.Products {
			if err := upsertProduct(tx, p, &c); err != nil {
				return err
			}
		}
		for _, a := range u.Allergies {
			if err := upsertAllergy(tx, a, &c); err != nil {
				return err
			}
		}
		for _, e := range u.Entries {
			if err := applyEntry(tx, e, u.At.UTC(), &c); err != nil {
				return err
			}
		}
		for _, e := range events {
			e = normaliseEvent(e)
			enc, err := encodeEventJSON(e)
			if err != nil {
				return err
			}
			if err := appendTx(tx, e, enc); err != nil {
				return fmt.Errorf("event %s: %w", e.ID, err)
			}
		}
		return nil
	})
	if err == nil {
		err = db.Update(func(*bolt.Tx) error { return nil }) // seal, as Close does
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// SetSchema writes a schema version into a closed file, to make one that a
// newer medround wrote.
func SetSchema(path string, v int) error {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error { return setSchema(tx, v) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// WalkFile exposes the page-tree walk to the damage tests.
var WalkFile = walkFile

// encodeEventJSON is how schemas 1 and 2 stored an event (formatEvent):
// kept to write old files for the tests that read them.
func encodeEventJSON(e mar.Event) ([]byte, error) {
	body, err := encode(e)
	if err != nil {
		return nil, err
	}
	rid := []byte(e.ResidentID)
	out := make([]byte, frameHeader, frameHeader+8+2+len(rid)+len(body)-frameHeader)
	out[0] = formatEvent
	out = append(out, timeKey(e.OccurredAt)...)
	out = binary.BigEndian.AppendUint16(out, uint16(len(rid)))
	out = append(out, rid...)
	out = append(out, body[frameHeader:]...)
	binary.BigEndian.PutUint32(out[1:5], crcOf(out[frameHeader:]))
	return out, nil
}

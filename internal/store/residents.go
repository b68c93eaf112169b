package store

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// Namespaces in bucketResidentIDs: an NHS number is matched with its spaces
// removed, any other identifier exactly, as mar.Resident.Matches does.
const (
	idKindNHS   byte = 'n'
	idKindOther byte = 'i'
)

func residentIDKeys(r mar.Resident) [][]byte {
	var keys [][]byte
	add := func(kind byte, value string) {
		if value != "" {
			keys = append(keys, join([]byte{kind}, textKey(value), []byte(r.ID)))
		}
	}
	add(idKindNHS, r.NHSNumber)
	add(idKindOther, r.ID)
	for _, x := range r.Identifiers {
		add(idKindOther, strings.TrimSpace(x.Value))
	}
	return keys
}

func indexResident(idx *bolt.Bucket, r mar.Resident) error {
	for _, k := range residentIDKeys(r) {
		if err := idx.Put(k, nil); err != nil {
			return fmt.Errorf("index resident %q: %w", r.ID, err)
		}
	}
	return nil
}

func unindexResident(idx *bolt.Bucket, r mar.Resident) error {
	for _, k := range residentIDKeys(r) {
		if err := idx.Delete(k); err != nil {
			return fmt.Errorf("unindex resident %q: %w", r.ID, err)
		}
	}
	return nil
}

func decodeResident(v []byte) (mar.Resident, error) {
	var r mar.Resident
	err := decode(v, &r)
	return r, err
}

func getResident(tx *bolt.Tx, id string) (mar.Resident, bool, error) {
	v := tx.Bucket(bucketResidents).Get([]byte(id))
	if v == nil {
		return mar.Resident{}, false, nil
	}
	r, err := decodeResident(v)
	if err != nil {
		return r, false, fmt.Errorf("resident %q: %w", id, err)
	}
	return r, true, nil
}

// putResident stores r and keeps the identifier index in step with it. A
// schema 1 file has no index (the migration to 2 builds it from the records).
func putResident(tx *bolt.Tx, old *mar.Resident, r mar.Resident) error {
	idx := tx.Bucket(bucketResidentIDs)
	if idx == nil {
		return putRecord(tx.Bucket(bucketResidents), []byte(r.ID), r)
	}
	if old != nil {
		if err := unindexResident(idx, *old); err != nil {
			return err
		}
	}
	if err := indexResident(idx, r); err != nil {
		return err
	}
	return putRecord(tx.Bucket(bucketResidents), []byte(r.ID), r)
}

func putRecord(b *bolt.Bucket, key []byte, v any) error {
	enc, err := encode(v)
	if err != nil {
		return err
	}
	if err := b.Put(key, enc); err != nil {
		return fmt.Errorf("put %q: %w", key, err)
	}
	return nil
}

// Residents returns every resident in door order (see compareRooms), then
// by name, then ID.
func (s *Store) Residents() ([]mar.Resident, error) {
	var out []mar.Resident
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketResidents).ForEach(func(k, v []byte) error {
			r, err := decodeResident(v)
			if err != nil {
				return fmt.Errorf("resident %q: %w", k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list residents: %w", err)
	}
	slices.SortFunc(out, func(a, b mar.Resident) int {
		return cmp.Or(compareRooms(a.Room, b.Room), cmp.Compare(a.Name(), b.Name()), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Resident returns the resident with this ID, or ErrNotFound.
func (s *Store) Resident(id string) (mar.Resident, error) {
	var r mar.Resident
	err := s.view(func(tx *bolt.Tx) error {
		var ok bool
		var err error
		r, ok, err = getResident(tx, id)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return mar.Resident{}, fmt.Errorf("resident %q: %w", id, err)
	}
	return r, nil
}

// FindResident returns the resident a scanned or typed identifier names:
// their NHS number (spaces ignored), any of their identifiers, or their ID.
// It returns ErrNotFound when none matches and ErrAmbiguous when the value
// belongs to more than one resident, because guessing would be the
// wrong-resident hazard. The scan itself is never put in the error: it may be
// an NHS number.
func (s *Store) FindResident(scan string) (mar.Resident, error) {
	scan = strings.TrimSpace(scan)
	var r mar.Resident
	err := s.view(func(tx *bolt.Tx) error {
		if scan == "" {
			return ErrNotFound
		}
		idx := tx.Bucket(bucketResidentIDs)
		ids := residentsWithKey(idx, idKindNHS, strings.ReplaceAll(scan, " ", ""))
		ids = append(ids, residentsWithKey(idx, idKindOther, scan)...)
		slices.Sort(ids)
		ids = slices.Compact(ids)
		switch len(ids) {
		case 0:
			return ErrNotFound
		case 1:
		default:
			return ErrAmbiguous
		}
		var ok bool
		var err error
		r, ok, err = getResident(tx, ids[0])
		if err == nil && !ok {
			err = fmt.Errorf("identifier index names missing resident %q", ids[0])
		}
		return err
	})
	if err != nil {
		return mar.Resident{}, fmt.Errorf("find resident: %w", err)
	}
	return r, nil
}

func residentsWithKey(idx *bolt.Bucket, kind byte, value string) []string {
	prefix := join([]byte{kind}, textKey(value))
	var ids []string
	c := idx.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, string(k[len(prefix):]))
	}
	return ids
}

// compareRooms orders rooms as a care worker walks the corridor: by the
// room's leading number (so 2 comes before 10, and "02" sits with "2"), then
// by the rest of its text ("12" before "12A" before "12B"); rooms with no
// leading number ("Annexe", "") come after every numbered room, by text.
func compareRooms(a, b string) int {
	na, ra := splitRoom(a)
	nb, rb := splitRoom(b)
	switch {
	case na == "" && nb != "":
		return 1
	case na != "" && nb == "":
		return -1
	}
	return cmp.Or(compareDigits(na, nb), cmp.Compare(ra, rb))
}

// splitRoom splits a room into its leading number, without leading zeros
// ("0" for a room numbered zero), and the text after it. The number is empty
// when the room does not start with a digit.
func splitRoom(room string) (number, rest string) {
	room = strings.TrimSpace(room)
	i := 0
	for i < len(room) && room[i] >= '0' && room[i] <= '9' {
		i++
	}
	if i == 0 {
		return "", room
	}
	number = strings.TrimLeft(room[:i], "0")
	if number == "" {
		number = "0"
	}
	return number, strings.TrimSpace(room[i:])
}

// compareDigits compares two digit strings without leading zeros as
// numbers, however long: the shorter is smaller.
func compareDigits(a, b string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
}

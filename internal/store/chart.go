package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// ChartUpdate is a whole or partial chart to store in one transaction, as an
// import produces it. Records not named in it are left as they are.
type ChartUpdate struct {
	// Residents are upserted by ID. Status is the first status of a new
	// resident (zero: present); a known resident keeps the status held,
	// whatever the update says, because only status-change events move a
	// resident: a re-import saying "present" must not bring a resident
	// back from hospital with nothing recording who did it.
	Residents []mar.Resident
	Products  []mar.Product // upserted by ID
	// Entries are matched by ID; a changed entry supersedes the version in
	// force from At, which stays in ChartHistory. Version, ValidFrom and
	// ValidTo are set here and ignored on input.
	Entries   []mar.ChartEntry
	Allergies []mar.Allergy // upserted by ID
	// At is when the update takes effect (the import time).
	At time.Time
}

// Counts says how many records of one kind an update added, changed and left
// as they were.
type Counts struct {
	Added     int `json:"added"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

// ImportSummary is what ApplyChart did, per kind of record.
type ImportSummary struct {
	Residents Counts `json:"residents"`
	Products  Counts `json:"products"`
	Entries   Counts `json:"entries"`
	Allergies Counts `json:"allergies"`
}

// ApplyChart stores u atomically: on any error nothing changes. Applying the
// same update again changes nothing and counts everything unchanged.
func (s *Store) ApplyChart(u ChartUpdate) (ImportSummary, error) {
	var sum ImportSummary
	if err := validateUpdate(u); err != nil {
		return sum, fmt.Errorf("apply chart: %w", err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		sum, err = applyChartTx(tx, u)
		return err
	})
	if err != nil {
		return ImportSummary{}, fmt.Errorf("apply chart: %w", err)
	}
	return sum, nil
}

// applyChartTx is ApplyChart inside a transaction the caller holds, so a
// chart pulled from the central record lands with its sync cursor.
func applyChartTx(tx *bolt.Tx, u ChartUpdate) (ImportSummary, error) {
	var sum ImportSummary
	at := u.At.UTC()
	if err := checkReferences(tx, u); err != nil {
		return sum, err
	}
	for _, r := range u.Residents {
		if err := upsertResident(tx, r, &sum.Residents); err != nil {
			return sum, err
		}
	}
	for _, p := range u.Products {
		if err := upsertProduct(tx, p, &sum.Products); err != nil {
			return sum, err
		}
	}
	for _, a := range u.Allergies {
		if err := upsertAllergy(tx, a, &sum.Allergies); err != nil {
			return sum, err
		}
	}
	for _, e := range u.Entries {
		if err := applyEntry(tx, e, at, &sum.Entries); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// validID refuses IDs that would break composite keys (a 0x00 separates
// their parts) or that bbolt cannot store.
func validID(kind, id string) error {
	switch {
	case id == "":
		return invalid("%s with no ID", kind)
	case strings.IndexByte(id, 0) >= 0:
		return invalid("%s ID contains a NUL byte", kind)
	case len(id) > 512:
		return invalid("%s ID longer than 512 bytes", kind)
	}
	return nil
}

func validateUpdate(u ChartUpdate) error {
	if u.At.IsZero() {
		return invalid("chart update has no time")
	}
	for _, r := range u.Residents {
		if err := validID("resident", r.ID); err != nil {
			return err
		}
	}
	for _, p := range u.Products {
		if err := validID("product", p.ID); err != nil {
			return err
		}
	}
	for _, e := range u.Entries {
		if err := validID("chart entry", e.ID); err != nil {
			return err
		}
	}
	for _, a := range u.Allergies {
		if err := validID("allergy", a.ID); err != nil {
			return err
		}
	}
	return nil
}

// checkReferences refuses entries and allergies that name a resident or
// product neither in the update nor already stored.
func checkReferences(tx *bolt.Tx, u ChartUpdate) error {
	residents := map[string]bool{}
	for _, r := range u.Residents {
		residents[r.ID] = true
	}
	products := map[string]bool{}
	for _, p := range u.Products {
		products[p.ID] = true
	}
	known := func(set map[string]bool, b []byte, id string) bool {
		return set[id] || (id != "" && tx.Bucket(b).Get([]byte(id)) != nil)
	}
	for _, e := range u.Entries {
		if !known(residents, bucketResidents, e.ResidentID) {
			return invalid("chart entry %q names unknown resident %q", e.ID, e.ResidentID)
		}
		if !known(products, bucketProducts, e.ProductID) {
			return invalid("chart entry %q names unknown product %q", e.ID, e.ProductID)
		}
	}
	for _, a := range u.Allergies {
		if !known(residents, bucketResidents, a.ResidentID) {
			return invalid("allergy %q names unknown resident %q", a.ID, a.ResidentID)
		}
	}
	return nil
}

// sameJSON reports whether a and b encode to the same JSON, which is how
// "unchanged" is decided: the stored form is what matters.
func sameJSON(a, b any) bool {
	ea, err1 := encode(a)
	eb, err2 := encode(b)
	return err1 == nil && err2 == nil && bytes.Equal(ea, eb)
}

func count(c *Counts, existed, same bool) {
	switch {
	case !existed:
		c.Added++
	case same:
		c.Unchanged++
	default:
		c.Changed++
	}
}

func upsertResident(tx *bolt.Tx, r mar.Resident, c *Counts) error {
	old, ok, err := getResident(tx, r.ID)
	if err != nil {
		return err
	}
	switch {
	case ok:
		r.Status = old.Status
	case r.Status == 0:
		r.Status = mar.StatusPresent
	}
	same := ok && sameJSON(old, r)
	count(c, ok, same)
	if same {
		return nil
	}
	var prev *mar.Resident
	if ok {
		prev = &old
	}
	return putResident(tx, prev, r)
}

func upsertProduct(tx *bolt.Tx, p mar.Product, c *Counts) error {
	b := tx.Bucket(bucketProducts)
	var old mar.Product
	v := b.Get([]byte(p.ID))
	if v != nil {
		if err := decode(v, &old); err != nil {
			return fmt.Errorf("product %q: %w", p.ID, err)
		}
	}
	same := v != nil && sameJSON(old, p)
	count(c, v != nil, same)
	if same {
		return nil
	}
	gtins := tx.Bucket(bucketGTINs)
	for _, g := range old.GTINs {
		if err := gtins.Delete(join(textKey(g), []byte(p.ID))); err != nil {
			return err
		}
	}
	for _, g := range p.GTINs {
		if err := gtins.Put(join(textKey(g), []byte(p.ID)), nil); err != nil {
			return fmt.Errorf("index gtin of product %q: %w", p.ID, err)
		}
	}
	return putRecord(b, []byte(p.ID), p)
}

func upsertAllergy(tx *bolt.Tx, a mar.Allergy, c *Counts) error {
	b := tx.Bucket(bucketAllergies)
	var old mar.Allergy
	v := b.Get([]byte(a.ID))
	if v != nil {
		if err := decode(v, &old); err != nil {
			return fmt.Errorf("allergy %q: %w", a.ID, err)
		}
	}
	same := v != nil && sameJSON(old, a)
	count(c, v != nil, same)
	if same {
		return nil
	}
	links := tx.Bucket(bucketResAllergy)
	if v != nil {
		if err := links.Delete(join(textKey(old.ResidentID), []byte(a.ID))); err != nil {
			return err
		}
	}
	if err := links.Put(join(textKey(a.ResidentID), []byte(a.ID)), nil); err != nil {
		return fmt.Errorf("link allergy %q: %w", a.ID, err)
	}
	return putRecord(b, []byte(a.ID), a)
}

func entryKey(id string, version int) []byte {
	var v [4]byte
	binary.BigEndian.PutUint32(v[:], uint32(version))
	return join(textKey(id), v[:])
}

// entryContent is the entry with its version bookkeeping cleared and its
// times in UTC, for deciding whether an import changed it.
func entryContent(e mar.ChartEntry) mar.ChartEntry {
	e.Version, e.ValidFrom, e.ValidTo = 0, time.Time{}, time.Time{}
	return normaliseEntry(e)
}

func normaliseEntry(e mar.ChartEntry) mar.ChartEntry {
	utc := func(t time.Time) time.Time {
		if t.IsZero() {
			return time.Time{}
		}
		return t.UTC()
	}
	e.AuthoredOn, e.Start, e.End = utc(e.AuthoredOn), utc(e.Start), utc(e.End)
	e.ValidFrom, e.ValidTo = utc(e.ValidFrom), utc(e.ValidTo)
	return e
}

// currentEntry returns the newest version of an entry.
func currentEntry(tx *bolt.Tx, id string) (mar.ChartEntry, bool, error) {
	prefix := textKey(id)
	c := tx.Bucket(bucketEntries).Cursor()
	// The last key with this prefix: seek past it, step back.
	k, _ := c.Seek(join(prefix, []byte{0xff, 0xff, 0xff, 0xff, 0xff}))
	var v []byte
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+4 {
		return mar.ChartEntry{}, false, nil
	}
	var e mar.ChartEntry
	if err := decode(v, &e); err != nil {
		return e, false, fmt.Errorf("chart entry %q: %w", id, err)
	}
	return e, true, nil
}

func applyEntry(tx *bolt.Tx, e mar.ChartEntry, at time.Time, c *Counts) error {
	old, ok, err := currentEntry(tx, e.ID)
	if err != nil {
		return err
	}
	same := ok && sameJSON(entryContent(old), entryContent(e))
	count(c, ok, same)
	if same {
		return nil
	}
	e = normaliseEntry(e)
	e.Version, e.ValidFrom, e.ValidTo = 1, at, time.Time{}
	entries := tx.Bucket(bucketEntries)
	if ok {
		if at.Before(old.ValidFrom) {
			return invalid("chart entry %q: update at %s is before the version in force since %s",
				e.ID, at.Format(time.RFC3339), old.ValidFrom.Format(time.RFC3339))
		}
		if err := tx.Bucket(bucketProdEntries).Delete(join(textKey(old.ProductID), []byte(e.ID))); err != nil {
			return err
		}
		old.ValidTo = at
		if err := putRecord(entries, entryKey(old.ID, old.Version), old); err != nil {
			return err
		}
		e.Version = old.Version + 1
	}
	if err := tx.Bucket(bucketChart).Put(join(textKey(e.ResidentID), []byte(e.ID)), nil); err != nil {
		return err
	}
	if err := tx.Bucket(bucketProdEntries).Put(join(textKey(e.ProductID), []byte(e.ID)), nil); err != nil {
		return err
	}
	return putRecord(entries, entryKey(e.ID, e.Version), e)
}

// entryIDs lists the IDs of every entry ever charted for a resident.
func entryIDs(tx *bolt.Tx, residentID string) []string {
	return suffixes(tx.Bucket(bucketChart), textKey(residentID))
}

// suffixes returns, for each key starting with prefix, the rest of the key.
func suffixes(b *bolt.Bucket, prefix []byte) []string {
	var out []string
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

// Chart returns the versions in force of a resident's chart entries, of any
// status, sorted by ID. An unknown resident has an empty chart.
func (s *Store) Chart(residentID string) ([]mar.ChartEntry, error) {
	gen := s.settingsGen.Load()
	if c, ok := s.charts.get(gen, residentID); ok {
		return slices.Clone(c), nil
	}
	out, err := s.readChart(residentID)
	if err == nil {
		s.charts.put(gen, residentID, out)
	}
	return slices.Clone(out), err
}

// readChart reads the versions in force of a resident's chart entries.
func (s *Store) readChart(residentID string) ([]mar.ChartEntry, error) {
	var out []mar.ChartEntry
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range entryIDs(tx, residentID) {
			e, ok, err := currentEntry(tx, id)
			if err != nil {
				return err
			}
			if ok && e.ResidentID == residentID {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("chart of %q: %w", residentID, err)
	}
	return out, nil
}

// ChartHistory returns every version of every entry ever on a resident's
// chart, by entry ID then version.
func (s *Store) ChartHistory(residentID string) ([]mar.ChartEntry, error) {
	var out []mar.ChartEntry
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range entryIDs(tx, residentID) {
			prefix := textKey(id)
			c := tx.Bucket(bucketEntries).Cursor()
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				var e mar.ChartEntry
				if err := decode(v, &e); err != nil {
					return fmt.Errorf("chart entry %q: %w", id, err)
				}
				if e.ResidentID == residentID {
					out = append(out, e)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("chart history of %q: %w", residentID, err)
	}
	return out, nil
}

// Entry returns the version in force of a chart entry, or ErrNotFound.
func (s *Store) Entry(id string) (mar.ChartEntry, error) {
	var e mar.ChartEntry
	err := s.view(func(tx *bolt.Tx) error {
		var ok bool
		var err error
		e, ok, err = currentEntry(tx, id)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return mar.ChartEntry{}, fmt.Errorf("chart entry %q: %w", id, err)
	}
	return e, nil
}

// Product returns a product by ID, or ErrNotFound.
func (s *Store) Product(id string) (mar.Product, error) {
	gen := s.settingsGen.Load()
	if p, ok := s.products.get(gen, id); ok {
		return p, nil
	}
	p, err := s.readProduct(id)
	if err == nil {
		s.products.put(gen, id, p)
	}
	return p, err
}

func (s *Store) readProduct(id string) (mar.Product, error) {
	var p mar.Product
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketProducts).Get([]byte(id))
		if v == nil {
			return ErrNotFound
		}
		return decode(v, &p)
	})
	if err != nil {
		return mar.Product{}, fmt.Errorf("product %q: %w", id, err)
	}
	return p, nil
}

// Products returns every product, sorted by ID.
func (s *Store) Products() ([]mar.Product, error) {
	var out []mar.Product
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketProducts).ForEach(func(k, v []byte) error {
			var p mar.Product
			if err := decode(v, &p); err != nil {
				return fmt.Errorf("product %q: %w", k, err)
			}
			out = append(out, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	return out, nil
}

// ResidentsWithGTIN returns the IDs (sorted, distinct) of the residents
// whose chart has an entry in force, of any status, for a product with this
// GTIN. The check uses it to say "this pack belongs to another resident".
func (s *Store) ResidentsWithGTIN(gtin string) ([]string, error) {
	var out []string
	err := s.view(func(tx *bolt.Tx) error {
		for _, pid := range suffixes(tx.Bucket(bucketGTINs), textKey(gtin)) {
			for _, eid := range suffixes(tx.Bucket(bucketProdEntries), textKey(pid)) {
				e, ok, err := currentEntry(tx, eid)
				if err != nil {
					return err
				}
				if ok && e.ProductID == pid {
					out = append(out, e.ResidentID)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("residents with gtin %q: %w", gtin, err)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Allergies returns a resident's allergies, active or not, sorted by ID.
func (s *Store) Allergies(residentID string) ([]mar.Allergy, error) {
	var out []mar.Allergy
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range suffixes(tx.Bucket(bucketResAllergy), textKey(residentID)) {
			var a mar.Allergy
			v := tx.Bucket(bucketAllergies).Get([]byte(id))
			if v == nil {
				return fmt.Errorf("allergy index names missing allergy %q", id)
			}
			if err := decode(v, &a); err != nil {
				return fmt.Errorf("allergy %q: %w", id, err)
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("allergies of %q: %w", residentID, err)
	}
	return out, nil
}

package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// maxKindCache bounds the residents EventsOfKinds remembers: a home's
// residents, with room to spare.
const maxKindCache = 1024

// The whole range an event may be stored in (validateEvent allows
// 1900-2200).
var (
	kindsFrom = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	kindsTo   = time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC)
)

// genCache keeps values read from the file until the store's next write
// that may change them (settingsGen):
// a resident's chart and each product are read at every scan and change
// only with an import or a pull, and decoding them was most of a check's
// cost. Callers get copies of what they may change (a chart's slice).
type genCache[V any] struct {
	mu  sync.Mutex
	gen uint64
	m   map[string]V
}

func (c *genCache[V]) get(gen uint64, key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	if c.gen != gen {
		return zero, false
	}
	v, ok := c.m[key]
	return v, ok
}

func (c *genCache[V]) put(gen uint64, key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.m == nil || len(c.m) >= maxKindCache {
		c.gen, c.m = gen, map[string]V{}
	}
	c.m[key] = v
}

// kindCache keeps a resident's events of some kinds, read over their
// whole record: the check asks for a resident's GP approvals, covert plans
// and stock counts at every scan. Each entry is stamped with the writes it
// was read after: every write that may change settings or charts, and
// that resident's own record writes, so a dose recorded for one resident
// does not make the next check of another read their record again.
type kindCache = stampCache[[]mar.Event]

// stampCache keeps values each under the stamp they were read after.
type stampCache[V any] struct {
	mu sync.Mutex
	m  map[string]stamped[V]
}

type stamp struct{ settings, records uint64 }

type stamped[V any] struct {
	at stamp
	v  V
}

func (c *stampCache[V]) get(at stamp, key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	return e.v, ok && e.at == at
}

func (c *stampCache[V]) put(at stamp, key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxKindCache {
		c.m = map[string]stamped[V]{}
	}
	c.m[key] = stamped[V]{at: at, v: v}
}

// recordGens counts the record writes of each resident (and home-level
// subject): bumped before and after each, so a read that overlaps a write
// is never kept under a stamp that outlives it.
type recordGens struct {
	mu sync.Mutex
	m  map[string]uint64
}

func (g *recordGens) load(id string) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.m[id]
}

func (g *recordGens) bump(ids []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]uint64{}
	}
	for _, id := range ids {
		g.m[id]++
	}
}

// EventsOfKinds returns a resident's events of these kinds with
// from <= occurred-at < to, oldest first. Their whole record of those
// kinds is read once (readEventsOfKinds) and kept until the next write.
func (s *Store) EventsOfKinds(residentID string, from, to time.Time, kinds ...mar.EventKind) ([]mar.Event, error) {
	key := kindKey(residentID, kinds)
	at := stamp{settings: s.settingsGen.Load(), records: s.recordGens.load(residentID)}
	all, ok := s.kinds.get(at, key)
	if !ok {
		var err error
		if all, err = s.readEventsOfKinds(residentID, kindsFrom, kindsTo, kinds...); err != nil {
			return nil, err
		}
		s.kinds.put(at, key, all)
	}
	var out []mar.Event
	for _, e := range all {
		if !e.OccurredAt.Before(from) && e.OccurredAt.Before(to) {
			out = append(out, e)
		}
	}
	return out, nil
}

func kindKey(residentID string, kinds []mar.EventKind) string {
	ks := slices.Clone(kinds)
	slices.Sort(ks)
	var b strings.Builder
	b.WriteString(residentID)
	for _, k := range ks {
		fmt.Fprintf(&b, "\x00%d", k) // NUL: no resident ID holds one
	}
	return b.String()
}

// readEventsOfKinds reads a resident's events of these kinds with
// from <= occurred-at < to, oldest first. The resident index holds each
// event's kind, so only the events asked for are read and decoded: a GP
// approval from last year among a year of doses costs one decode, not
// thousands. Where the records of each kind but doses are is found by one
// walk of the resident's index (kindPlaces), kept like the events: a check
// asks for three sets of kinds, and walking a year of index three times
// was most of the first check of a resident.
func (s *Store) readEventsOfKinds(residentID string, from, to time.Time, kinds ...mar.EventKind) ([]mar.Event, error) {
	if slices.Contains(kinds, mar.KindAdministration) {
		return s.walkEventsOfKinds(residentID, from, to, kinds...)
	}
	at := stamp{settings: s.settingsGen.Load(), records: s.recordGens.load(residentID)}
	places, err := s.kindPlaces(residentID, at)
	if err != nil {
		return nil, err
	}
	var keys [][]byte
	for _, k := range kinds {
		keys = append(keys, places.keys[k]...)
	}
	keys = append(keys, places.unknown...)
	slices.SortFunc(keys, bytes.Compare)
	keys = slices.CompactFunc(keys, bytes.Equal)
	prefix := textKey(residentID)
	start, end := join(prefix, timeKey(from)), join(prefix, timeKey(to))
	want := [256]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var out []mar.Event
	residents := map[string]string{residentID: residentID}
	err = s.view(func(tx *bolt.Tx) error {
		events := tx.Bucket(bucketEvents).Cursor()
		for _, k := range keys {
			if bytes.Compare(k, start) < 0 || bytes.Compare(k, end) >= 0 {
				continue
			}
			e, err := indexedEvent(events, k, residents)
			if err != nil {
				return err
			}
			if want[e.Kind] {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("events of %q: %w", residentID, err)
	}
	return out, nil
}

// indexedEvent decodes the event a resident index key names.
func indexedEvent(events *bolt.Cursor, k []byte, residents map[string]string) (mar.Event, error) {
	key := k[len(k)-24:]
	found, raw := events.Seek(key)
	if !bytes.Equal(found, key) {
		return mar.Event{}, fmt.Errorf("index names missing event %x", key)
	}
	var e mar.Event
	if err := decodeEventInto(raw, &e, residents); err != nil {
		return mar.Event{}, fmt.Errorf("event %x: %w", key, err)
	}
	return e, nil
}

// placesOfKinds are a resident's index keys by event kind, doses left out
// (they are most of the record, and asked for by time, not by kind); the
// keys of entries without their kind (a file before schema 5 opened
// read-only) are in unknown, decoded whenever any kind is asked for.
type placesOfKinds struct {
	keys    map[mar.EventKind][][]byte
	unknown [][]byte
}

// kindPlaces walks a resident's index once for the places of every kind
// but doses, kept under the same stamp as the events read from them.
func (s *Store) kindPlaces(residentID string, at stamp) (placesOfKinds, error) {
	if p, ok := s.places.get(at, residentID); ok {
		return p, nil
	}
	p := placesOfKinds{keys: map[mar.EventKind][][]byte{}}
	err := s.view(func(tx *bolt.Tx) error {
		prefix := textKey(residentID)
		c := tx.Bucket(bucketEvByResident).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			switch {
			case len(v) != 1:
				p.unknown = append(p.unknown, clone(k))
			case mar.EventKind(v[0]) != mar.KindAdministration:
				p.keys[mar.EventKind(v[0])] = append(p.keys[mar.EventKind(v[0])], clone(k))
			}
		}
		return nil
	})
	if err != nil {
		return placesOfKinds{}, fmt.Errorf("events of %q: %w", residentID, err)
	}
	s.places.put(at, residentID, p)
	return p, nil
}

// walkEventsOfKinds is readEventsOfKinds by a walk of the resident's index
// over the period, for kinds that include doses.
func (s *Store) walkEventsOfKinds(residentID string, from, to time.Time, kinds ...mar.EventKind) ([]mar.Event, error) {
	want := [256]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var out []mar.Event
	residents := map[string]string{residentID: residentID}
	err := s.view(func(tx *bolt.Tx) error {
		prefix := textKey(residentID)
		start, end := join(prefix, timeKey(from)), join(prefix, timeKey(to))
		idx := tx.Bucket(bucketEvByResident).Cursor()
		events := tx.Bucket(bucketEvents).Cursor()
		for k, v := idx.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, v = idx.Next() {
			if len(v) == 1 && !want[v[0]] {
				continue
			}
			e, err := indexedEvent(events, k, residents)
			if err != nil {
				return err
			}
			if want[e.Kind] {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("events of %q: %w", residentID, err)
	}
	return out, nil
}

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
	return slices.Clone(Within(all, from, to)), nil
}

// Within is the part of events, oldest first, with from <= occurred-at <
// to, as Events reads it; it shares their memory.
func Within(events []mar.Event, from, to time.Time) []mar.Event {
	start, _ := slices.BinarySearchFunc(events, from, atOrAfter)
	end, _ := slices.BinarySearchFunc(events, to, atOrAfter)
	if end < start {
		return nil
	}
	return events[start:end]
}

func atOrAfter(e mar.Event, t time.Time) int {
	if e.OccurredAt.Before(t) {
		return -1
	}
	return 1
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
// from <= occurred-at < to, oldest first. Records of every kind but doses
// are indexed by resident and kind (bucketEvByKind), so only the events
// asked for are read and decoded, with a seek per kind: a GP approval from
// last year among a year of doses costs one seek and one decode.
func (s *Store) readEventsOfKinds(residentID string, from, to time.Time, kinds ...mar.EventKind) ([]mar.Event, error) {
	var out []mar.Event
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if tx.Bucket(bucketEvByKind) == nil || slices.ContainsFunc(kinds, notIndexedByKind) {
			out, err = walkEventsOfKindsTx(tx, residentID, from, to, kinds)
		} else {
			out, err = indexedEventsOfKindsTx(tx, residentID, from, to, kinds)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("events of %q: %w", residentID, err)
	}
	return out, nil
}

func notIndexedByKind(k mar.EventKind) bool { return !indexedByKind(k) }

// indexedEventsOfKindsTx is readEventsOfKinds by bucketEvByKind.
func indexedEventsOfKindsTx(tx *bolt.Tx, residentID string, from, to time.Time, kinds []mar.EventKind) ([]mar.Event, error) {
	kinds = slices.Compact(slices.Sorted(slices.Values(kinds)))
	var keys [][]byte // event keys, in the transaction's memory
	idx := tx.Bucket(bucketEvByKind).Cursor()
	for _, kind := range kinds {
		prefix := join(textKey(residentID), []byte{byte(kind)})
		start, end := join(prefix, timeKey(from)), join(prefix, timeKey(to))
		for k, _ := idx.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, _ = idx.Next() {
			keys = append(keys, k[len(k)-24:])
		}
	}
	slices.SortFunc(keys, bytes.Compare)
	out := make([]mar.Event, len(keys))
	residents := map[string]string{residentID: residentID}
	events := tx.Bucket(bucketEvents).Cursor()
	for i, key := range keys {
		found, raw := events.Seek(key)
		if !bytes.Equal(found, key) {
			return nil, fmt.Errorf("kind index names missing event %x", key)
		}
		if err := decodeEventInto(raw, &out[i], residents); err != nil {
			return nil, fmt.Errorf("event %x: %w", key, err)
		}
		if e := out[i]; e.ResidentID != residentID || !slices.Contains(kinds, e.Kind) {
			return nil, fmt.Errorf("kind index names event %x under another resident or kind", key)
		}
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

// walkEventsOfKindsTx is readEventsOfKinds by a walk of the resident's
// index over the period: for kinds that include doses, and for a file
// laid out before schema 8 (only the migration tests' fixtures are read
// so: Open upgrades every other).
func walkEventsOfKindsTx(tx *bolt.Tx, residentID string, from, to time.Time, kinds []mar.EventKind) ([]mar.Event, error) {
	want := [256]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var out []mar.Event
	residents := map[string]string{residentID: residentID}
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
			return nil, err
		}
		if want[e.Kind] {
			out = append(out, e)
		}
	}
	return out, nil
}

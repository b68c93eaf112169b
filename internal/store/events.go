package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
)

// formatEvent frames an event as CRC-32C, then the fields its index keys
// are built from (occurredAt, resident ID) in binary, then the JSON. Having
// the index fields outside the JSON lets Open prove every event is indexed,
// and every index entry names an event, without decoding 450,000 documents.
// Schema 2 wrote every event this way; schema 3 wrote formatEventBinary and
// schema 4 writes formatEventBinary2 (eventcodec.go); all three are read.
const formatEvent byte = 2

// eventHead is the part of a stored event both formats share.
type eventHead struct {
	format   byte
	at       []byte // timeKey of OccurredAt
	resident []byte
	body     []byte // JSON (formatEvent) or binary (formatEventBinary, formatEventBinary2)
}

func splitEvent(b []byte) (eventHead, error) {
	if len(b) < frameHeader+10 || (b[0] != formatEvent && b[0] != formatEventBinary && b[0] != formatEventBinary2) ||
		crcOf(b[frameHeader:]) != binary.BigEndian.Uint32(b[1:5]) {
		return eventHead{}, errCorruptValue
	}
	rest := b[frameHeader:]
	n := int(binary.BigEndian.Uint16(rest[8:10]))
	if len(rest) < 10+n {
		return eventHead{}, errCorruptValue
	}
	return eventHead{format: b[0], at: rest[:8], resident: rest[10 : 10+n], body: rest[10+n:]}, nil
}

// idMatches says whether a stored body holds this event ID, without decoding
// the rest: the open-time walk checks every event is stored under its own key. For
// JSON it relies on encoding/json writing fields in struct order, ID first.
func (h eventHead) idMatches(id uuid.UUID) bool {
	if h.format != formatEvent {
		return len(h.body) >= 16 && bytes.Equal(h.body[:16], id[:])
	}
	return bytes.HasPrefix(h.body, []byte(`{"id":"`+id.String()+`"`))
}

// kind is the event's kind, read from the binary formats without decoding
// the rest (the kind byte follows the ID); a JSON record is decoded.
func (h eventHead) kind() (byte, bool) {
	if h.format != formatEvent {
		if len(h.body) <= 16 {
			return 0, false
		}
		return h.body[16], true
	}
	e, err := decodeEventJSON(h)
	if err != nil {
		return 0, false
	}
	return byte(e.Kind), true
}

func decodeEvent(b []byte) (mar.Event, error) {
	var e mar.Event
	err := decodeEventInto(b, &e, nil)
	return e, err
}

// decodeEventInto decodes a stored event into *e. residents, when not nil,
// interns resident IDs: the events of one read share a few hundred.
func decodeEventInto(b []byte, e *mar.Event, residents map[string]string) error {
	h, err := splitEvent(b)
	if err != nil {
		return err
	}
	if h.format == formatEvent {
		*e, err = decodeEventJSON(h)
		return err
	}
	*e = mar.Event{OccurredAt: timeFromKey(h.at), ResidentID: intern(residents, h.resident)}
	if err := decodeEventBody(h.format, h.body, e); err != nil {
		return fmt.Errorf("%w: %v", errCorruptValue, err)
	}
	return nil
}

// decodeEventJSON returns the event rather than filling one in place, so
// that json.Unmarshal's need of a heap value does not make every binary
// decode allocate its event too.
func decodeEventJSON(h eventHead) (mar.Event, error) {
	var e mar.Event
	if err := unmarshal(h.body, &e); err != nil {
		return mar.Event{}, err
	}
	if !bytes.Equal(timeKey(e.OccurredAt), h.at) || e.ResidentID != string(h.resident) {
		return mar.Event{}, fmt.Errorf("%w: event index fields differ from its body", errCorruptValue)
	}
	prnEffectAbout(&e)
	return e, nil
}

func intern(m map[string]string, b []byte) string {
	if m == nil {
		return string(b)
	}
	if s, ok := m[string(b)]; ok {
		return s
	}
	s := string(b)
	m[s] = s
	return s
}

func evResidentKey(residentID string, at time.Time, id uuid.UUID) []byte {
	return join(textKey(residentID), timeKey(at), id[:])
}

// evKindKey is an event's key in bucketEvByKind.
func evKindKey(residentID string, kind mar.EventKind, at time.Time, id uuid.UUID) []byte {
	return join(textKey(residentID), []byte{byte(kind)}, timeKey(at), id[:])
}

// kindKeyOf is the bucketEvByKind key of the event a resident index key
// names.
func kindKeyOf(residentKey []byte, kind byte) []byte {
	n := len(residentKey) - 24
	return join(residentKey[:n], []byte{kind}, residentKey[n:])
}

// indexedByKind says which events bucketEvByKind holds: all but doses,
// which are most of the log and read by time.
func indexedByKind(k mar.EventKind) bool { return k != mar.KindAdministration }

// eventKey is an event's key in bucketEvents.
func eventKey(at time.Time, id uuid.UUID) []byte { return join(timeKey(at), id[:]) }

// lookupEvent finds an event's key by its ID; nil when it is not stored.
func lookupEvent(tx *bolt.Tx, id []byte) []byte {
	at := tx.Bucket(bucketEvByID).Get(id)
	if len(at) != 8 {
		return nil
	}
	return join(at, id)
}

// validateEvent refuses an event that could not be indexed or synced, or
// that holds a value no medround knows: every reader would have to guess
// what a kind, outcome or level it cannot name means, and a guess about a
// dose is the harm.
func validateEvent(e mar.Event) error {
	switch {
	case e.ID == uuid.Nil:
		return invalid("event has no ID")
	case e.OccurredAt.IsZero():
		return invalid("event %s has no occurred-at time", e.ID)
	case e.OccurredAt.Year() < 1900 || e.OccurredAt.Year() > 2200:
		return invalid("event %s occurred-at %s is out of range", e.ID, e.OccurredAt.Format(time.RFC3339))
	}
	if err := validEnums(e); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	if err := validKind(e); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	return validID("event resident", e.ResidentID)
}

// validEnums refuses an unknown kind, and any other enumeration that is
// set to a value its type does not know (zero means not set).
func validEnums(e mar.Event) error {
	type field struct {
		name  string
		set   bool
		valid bool
		value uint8
	}
	for _, f := range []field{
		{"kind", true, e.Kind.Valid(), uint8(e.Kind)},
		{"outcome", e.Outcome != 0, e.Outcome.Valid(), uint8(e.Outcome)},
		{"not-given reason", e.Reason != 0, e.Reason.Valid(), uint8(e.Reason)},
		{"verdict", e.Verdict != 0, e.Verdict.Valid(), uint8(e.Verdict)},
		{"unscanned reason", e.Unscanned != 0, e.Unscanned.Valid(), uint8(e.Unscanned)},
		{"status", e.Status != 0, e.Status.Valid(), uint8(e.Status)},
		{"audit action", e.Action != 0, e.Action.Valid(), uint8(e.Action)},
	} {
		if f.set && !f.valid {
			return invalid("unknown %s %d", f.name, f.value)
		}
	}
	return nil
}

// validKind refuses an event without what its kind needs: a dose without
// an outcome, a correction naming nothing, a PRN effect naming its dose as
// a correction would (which would read as voiding it), a review naming
// nothing or saying no action, a stopped scan that was not a stop (or that
// carries an outcome, which would read as a dose), an incident from the
// central record naming no code.
func validKind(e mar.Event) error {
	switch e.Kind {
	case mar.KindAdministration:
		if e.Outcome == 0 {
			return invalid("administration with no outcome")
		}
	case mar.KindCorrection:
		if e.Corrects == uuid.Nil {
			return invalid("correction naming no record")
		}
	case mar.KindPRNEffect:
		if e.About == uuid.Nil || e.Corrects != uuid.Nil {
			return invalid("a PRN effect names its dose in About, and corrects nothing")
		}
	case mar.KindStatusChange:
		if e.Status == 0 {
			return invalid("status change with no status")
		}
	case mar.KindAudit:
		if e.Action == 0 {
			return invalid("audit record with no action")
		}
	case mar.KindReview:
		// A follow-up names what it reviewed (a stored record in About, or
		// a missed dose, which has no record, by its entry and due time)
		// and says what was done, or a manager reading it later cannot tell
		// what was followed up.
		slot := e.EntryID != "" && !e.SlotDue.IsZero()
		if (e.About == uuid.Nil) == !slot || e.Corrects != uuid.Nil || strings.TrimSpace(e.Note) == "" {
			return invalid("a review names a record in About or a missed dose by entry and due time, says the action in Note, and corrects nothing")
		}
	case mar.KindStoppedScan:
		if e.Verdict != mar.LevelStop || len(e.ReasonCodes) == 0 || e.Outcome != 0 {
			return invalid("a stopped scan has the stop verdict and its reason codes, and no outcome")
		}
	case mar.KindIncident:
		// An incident the tablet could not name would be shown as nothing.
		if len(e.ReasonCodes) == 0 || e.ReasonCodes[0] == "" {
			return invalid("incident naming no code")
		}
	case mar.KindHomelyRemedy, mar.KindHomelyApproval, mar.KindCovertPlan, mar.KindPatchSite, mar.KindPatchRemoved,
		mar.KindPRNProtocol:
		return validCareKind(e)
	default:
		return validStockKind(e)
	}
	return nil
}

// validCareKind refuses a homely remedy, approval, covert plan or PRN
// protocol whose
// terms do not read back (a check reading them could not decide, or would
// show the wrong way to give a medicine), and a patch site or removal that
// names no dose or no known site.
func validCareKind(e mar.Event) error {
	var err error
	switch e.Kind {
	case mar.KindHomelyRemedy:
		_, err = mar.HomelyRemedyFrom(e)
	case mar.KindHomelyApproval:
		_, err = mar.HomelyApprovalFrom(e)
	case mar.KindCovertPlan:
		_, err = mar.CovertPlanFrom(e)
	case mar.KindPRNProtocol:
		_, err = mar.PRNProtocolFrom(e)
	case mar.KindPatchSite, mar.KindPatchRemoved:
		if e.About == uuid.Nil || e.EntryID == "" || e.Outcome != 0 || e.Corrects != uuid.Nil {
			return invalid("a patch site or removal names its dose in About and its entry, and has no outcome")
		}
		if e.Kind == mar.KindPatchSite {
			_, err = mar.ParseSkinArea(e.Note) // a patch's site or a cream's area
		}
	}
	if err != nil {
		return invalid("%s", err.Error())
	}
	return nil
}

// validStockKind refuses a stock movement a register could not read: one
// with no product or no positive quantity (a count may find none), a
// destruction with no second member of staff, a return or destruction
// that does not say why, a recall naming no batch, a recall lifted naming
// no recall. A register that guessed would be wrong to the tablet.
func validStockKind(e mar.Event) error {
	q := e.Quantity
	finite := !math.IsNaN(q) && !math.IsInf(q, 0)
	switch e.Kind {
	case mar.KindReceipt, mar.KindStockReturn, mar.KindDestruction, mar.KindStockCount:
		if e.ProductID == "" || !finite || q < 0 || (q == 0 && e.Kind != mar.KindStockCount) || e.Outcome != 0 {
			return invalid("a stock movement names its product and a quantity above zero (a count may find none), and has no outcome")
		}
		why := strings.TrimSpace(e.Note) != ""
		if (e.Kind == mar.KindStockReturn || e.Kind == mar.KindDestruction) && !why {
			return invalid("a return or destruction says why")
		}
		if e.Kind == mar.KindDestruction && (e.WitnessID == "" || e.WitnessID == e.UserID) {
			return invalid("a destruction is witnessed by a second member of staff")
		}
	case mar.KindRecall:
		if e.GTIN == "" || strings.TrimSpace(e.Batch) == "" || strings.TrimSpace(e.Note) == "" {
			return invalid("a recall names the GTIN and batch and says what to do")
		}
	case mar.KindRecallLifted:
		// A lift naming no recall could lift any batch a reader guessed.
		if e.GTIN == "" || strings.TrimSpace(e.Batch) == "" || strings.TrimSpace(e.Note) == "" || e.About == uuid.Nil || e.Corrects != uuid.Nil {
			return invalid("a recall lifted names the recall in About, its GTIN and batch, and says why")
		}
	}
	return nil
}

func normaliseEvent(e mar.Event) mar.Event {
	e.OccurredAt = e.OccurredAt.UTC()
	if !e.RecordedAt.IsZero() {
		e.RecordedAt = e.RecordedAt.UTC()
	}
	if !e.SlotDue.IsZero() {
		e.SlotDue = e.SlotDue.UTC()
	}
	return e
}

// Append records an event and its outbox entry in one fsync'd transaction:
// when it returns nil both are on disk, and a crash can never leave one
// without the other. Appending an ID already stored does nothing (the first
// record wins), so a retried call is safe. A correction must name a stored
// event in Corrects, a PRN effect its stored dose in About; an event with a
// kind, outcome, reason, level, status or action this build does not know
// is refused (ErrInvalid). A status change also sets the resident's status,
// in the same transaction.
func (s *Store) Append(e mar.Event) error {
	if err := validateEvent(e); err != nil {
		return fmt.Errorf("append event: %w", err)
	}
	e = normaliseEvent(e)
	enc, err := encodeEvent(e)
	if err != nil {
		return fmt.Errorf("append event %s: %w", e.ID, err)
	}
	err = s.updateRecords([]string{e.ResidentID}, func(tx *bolt.Tx) error { return appendTx(tx, e, enc) })
	if err != nil {
		return fmt.Errorf("append event %s: %w", e.ID, err)
	}
	return nil
}

// AppendAll appends events in one transaction, as Append does each: all are
// stored or, on any error, none. It is for bulk loads (events pulled from the
// central record, a demo history) where one fsync per event would be slow.
func (s *Store) AppendAll(events []mar.Event) error {
	encoded := make([][]byte, len(events))
	norm := make([]mar.Event, len(events))
	for i, e := range events {
		if err := validateEvent(e); err != nil {
			return fmt.Errorf("append events: %w", err)
		}
		norm[i] = normaliseEvent(e)
		var err error
		if encoded[i], err = encodeEvent(norm[i]); err != nil {
			return fmt.Errorf("append event %s: %w", e.ID, err)
		}
	}
	residents := make([]string, len(norm))
	for i, e := range norm {
		residents[i] = e.ResidentID
	}
	err := s.updateRecords(residents, func(tx *bolt.Tx) error {
		for i, e := range norm {
			if err := appendTx(tx, e, encoded[i]); err != nil {
				return fmt.Errorf("event %s: %w", e.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("append events: %w", err)
	}
	return nil
}

func appendTx(tx *bolt.Tx, e mar.Event, enc []byte) error {
	if lookupEvent(tx, e.ID[:]) != nil {
		return nil
	}
	for _, ref := range [...]uuid.UUID{e.Corrects, e.About} {
		if ref != uuid.Nil && lookupEvent(tx, ref[:]) == nil {
			return invalid("event %s refers to unknown event %s", e.ID, ref)
		}
	}
	if e.Kind == mar.KindStatusChange {
		if err := applyStatus(tx, e); err != nil {
			return err
		}
	}
	events := tx.Bucket(bucketEvents)
	events.FillPercent = appendFill
	if err := events.Put(eventKey(e.OccurredAt, e.ID), enc); err != nil {
		return err
	}
	if err := tx.Bucket(bucketEvByResident).Put(evResidentKey(e.ResidentID, e.OccurredAt, e.ID), []byte{byte(e.Kind)}); err != nil {
		return err
	}
	if err := indexByKind(tx, e); err != nil {
		return err
	}
	if err := tx.Bucket(bucketEvByID).Put(uuidKey(e.ID), timeKey(e.OccurredAt)); err != nil {
		return err
	}
	if err := enqueue(tx, e.ID); err != nil {
		return err
	}
	return addCounter(tx, keyEventCount, 1)
}

// indexByKind adds a record but a dose to the kind index. Only a file laid
// out before schema 8 (the migration tests' fixtures) has none, and Open
// refuses a later one without it.
func indexByKind(tx *bolt.Tx, e mar.Event) error {
	if !indexedByKind(e.Kind) {
		return nil
	}
	b := tx.Bucket(bucketEvByKind)
	if b == nil {
		if v, err := schemaOf(tx); err != nil || v >= schemaV8 {
			return fmt.Errorf("event %s: no kind index in this file", e.ID)
		}
		return nil
	}
	return b.Put(evKindKey(e.ResidentID, e.Kind, e.OccurredAt, e.ID), nil)
}

func applyStatus(tx *bolt.Tx, e mar.Event) error {
	r, ok, err := getResident(tx, e.ResidentID)
	if err != nil {
		return err
	}
	if !ok {
		return invalid("status change for unknown resident %q", e.ResidentID)
	}
	old := r
	r.Status = e.Status
	return putResident(tx, &old, r)
}

func counter(tx *bolt.Tx, key []byte) uint64 {
	v := tx.Bucket(bucketMeta).Get(key)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func addCounter(tx *bolt.Tx, key []byte, delta int64) error {
	n := int64(counter(tx, key)) + delta
	if n < 0 {
		return fmt.Errorf("counter %s would go below zero", key)
	}
	return tx.Bucket(bucketMeta).Put(key, u64(uint64(n)))
}

// Event returns the event with this ID, or ErrNotFound.
func (s *Store) Event(id uuid.UUID) (mar.Event, error) {
	var e mar.Event
	err := s.view(func(tx *bolt.Tx) error {
		k := lookupEvent(tx, id[:])
		if k == nil {
			return ErrNotFound
		}
		var err error
		e, err = eventAt(tx.Bucket(bucketEvents), k)
		return err
	})
	if err != nil {
		return mar.Event{}, fmt.Errorf("event %s: %w", id, err)
	}
	return e, nil
}

// Events returns a resident's events with from <= OccurredAt < to, oldest
// first (ties by ID). Its cost grows with the events returned, not with the
// size of the log.
func (s *Store) Events(residentID string, from, to time.Time) ([]mar.Event, error) {
	return s.EventsInto(nil, residentID, from, to)
}

// EventsInto is Events reading into dst's memory when it is large enough
// (its contents are overwritten): a check reads a resident's last days at
// every scan, and allocating them afresh each time was most of what a
// check left for the garbage collector, whose work then fell on checks.
func (s *Store) EventsInto(dst []mar.Event, residentID string, from, to time.Time) ([]mar.Event, error) {
	var out []mar.Event
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = eventsTx(tx, dst, residentID, from, to)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("events of %q: %w", residentID, err)
	}
	return out, nil
}

// eventsTx reads a resident's events with from <= OccurredAt < to, into
// dst's memory when it is large enough.
func eventsTx(tx *bolt.Tx, dst []mar.Event, residentID string, from, to time.Time) ([]mar.Event, error) {
	residents := map[string]string{residentID: residentID}
	prefix := textKey(residentID)
	start, end := join(prefix, timeKey(from)), join(prefix, timeKey(to))
	idx := tx.Bucket(bucketEvByResident).Cursor()
	// Count first (keys only, on pages the second pass then finds cached)
	// so the result is allocated once, not grown and copied: a week of
	// events is tens of kilobytes.
	n := 0
	for k, _ := idx.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, _ = idx.Next() {
		n++
	}
	out := dst[:0]
	if cap(out) < n {
		out = make([]mar.Event, 0, n)
	}
	// One cursor for every lookup: Bucket.Get allocates a new one each
	// time.
	events := tx.Bucket(bucketEvents).Cursor()
	for k, _ := idx.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, _ = idx.Next() {
		key := k[len(k)-24:]
		found, v := events.Seek(key)
		if !bytes.Equal(found, key) {
			return nil, fmt.Errorf("index names missing event %x", key)
		}
		out = append(out, mar.Event{})
		if err := decodeEventInto(v, &out[len(out)-1], residents); err != nil {
			return nil, fmt.Errorf("event %x: %w", key, err)
		}
	}
	return out, nil
}

// eventAt reads the event stored under key (occurredAt, UUID).
func eventAt(events *bolt.Bucket, key []byte) (mar.Event, error) {
	v := events.Get(key)
	if v == nil {
		return mar.Event{}, fmt.Errorf("index names missing event %x", key)
	}
	e, err := decodeEvent(v)
	if err != nil {
		return e, fmt.Errorf("event %x: %w", key, err)
	}
	return e, nil
}

// appendFill is the page fill for buckets written in key order (events
// mostly arrive in time order; outbox sequences always do). bbolt's default
// of one half would leave every page of the log half empty.
const appendFill = 0.9

// eachChunk is how many events EachEvent reads per read transaction: big
// enough that transaction overhead vanishes, small enough that fn runs
// outside any transaction and may itself use the store.
const eachChunk = 4096

// rawChunk is a chunk of stored events copied out of a read transaction into
// one buffer: record i is buf[starts[i]:starts[i+1]], its 24-byte key first.
type rawChunk struct {
	buf    []byte
	starts []int
	next   []byte // key to resume at; nil when the range is done
}

func (c *rawChunk) len() int { return len(c.starts) - 1 }

func (c *rawChunk) record(i int) (key, value []byte) {
	r := c.buf[c.starts[i]:c.starts[i+1]]
	return r[:24], r[24:]
}

// EachEvent calls fn with every event, of every resident, with from <=
// OccurredAt < to, oldest first. It stops at fn's first error and returns it.
// Each chunk is copied out of its transaction in one buffer and decoded on
// every CPU.
func (s *Store) EachEvent(from, to time.Time, fn func(mar.Event) error) error {
	start := eventKey(from, uuid.Nil)
	end := timeKey(to)
	var chunk rawChunk
	var batch []mar.Event
	for {
		chunk.buf, chunk.starts, chunk.next = chunk.buf[:0], append(chunk.starts[:0], 0), nil
		err := s.view(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketEvents).Cursor()
			for k, v := c.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
				if len(k) != 24 {
					return fmt.Errorf("%w: event key of %d bytes", errCorruptValue, len(k))
				}
				if chunk.len() == eachChunk {
					chunk.next = clone(k)
					return nil
				}
				chunk.buf = append(append(chunk.buf, k...), v...)
				chunk.starts = append(chunk.starts, len(chunk.buf))
			}
			return nil
		})
		if err != nil {
			return s.readError(err)
		}
		batch = slices.Grow(batch[:0], chunk.len())[:chunk.len()]
		if err := decodeAll(&chunk, batch); err != nil {
			return s.readError(err)
		}
		for _, e := range batch {
			if err := fn(e); err != nil {
				return err
			}
		}
		if chunk.next == nil {
			return nil
		}
		start = chunk.next
	}
}

// decodeAll decodes a chunk into out on every CPU, keeping its order.
func decodeAll(chunk *rawChunk, out []mar.Event) error {
	workers := min(runtime.GOMAXPROCS(0), 1+len(out)/256)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			residents := map[string]string{}
			for i := w; i < len(out); i += workers {
				key, value := chunk.record(i)
				if err := decodeEventInto(value, &out[i], residents); err != nil {
					errs[w] = fmt.Errorf("event %x: %w", key, err)
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

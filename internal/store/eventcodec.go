package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// formatEventBinary frames an event as formatEvent does (CRC-32C, then
// occurredAt and resident ID for the index checks) but with a compact binary
// body instead of JSON: decoding JSON was most of the cost of every check
// and report (about 5 µs an event, 450,000 events a year). Events stored as
// formatEvent are never rewritten; both are read. Schema 3 wrote it.
//
// The body, after the common head:
//
//	ID               16 bytes
//	Kind, Outcome, Reason, Verdict, Unscanned, Status   one byte each
//	Effective        one byte: 0 nil, 1 false, 2 true
//	hasCorrects      one byte: 0 or 1
//	Quantity         8 bytes, float64 bits, big-endian
//	EntryVersion     varint (zig-zag)
//	RecordedAt       varint Unix seconds (zig-zag), uvarint nanoseconds
//	SlotDue          the same
//	Corrects         16 bytes, only when hasCorrects is 1
//	ReasonCodes      uvarint count+1, 0 for a nil slice
//	string lengths   uvarint each: the eventStrings, then each reason code
//	string bytes     all of the strings, back to back, to the end
//
// Times are seconds and nanoseconds rather than UnixNano because UnixNano is
// undefined outside 1678-2262 and a zero time must read back as zero. The
// strings come last and together so that one allocation holds them all.
//
// A PRN effect of this format (and of formatEvent) names its dose in
// Corrects: it reads back with About set and Corrects empty.
const formatEventBinary byte = 3

// formatEventBinary2 is formatEventBinary with the fields schema 4 added,
// written from schema 4 on. Its body differs in three places:
//
//	after Status     Action, one byte
//	hasCorrects      a flags byte: 1 Corrects follows, 2 About follows
//	after Corrects   About, 16 bytes, only when its flag is set
//	strings          the eventStrings of formatEventBinary, then ProductID,
//	                 DoseUnit and Digest
const formatEventBinary2 byte = 4

// Flags of formatEventBinary2's flags byte.
const (
	flagCorrects = 1 << iota
	flagAbout
)

// maxEventRecord bounds a stored event (a note or override reason runs to a
// few hundred bytes): it keeps the head's 16-bit resident length honest and
// a mistaken megabyte note out of the log.
const maxEventRecord = 1 << 20

// eventStrings lists an event's text fields in their stored order: the
// first v3Strings are those of formatEventBinary. Persisted: the order never
// changes, and a new field is appended with a new format.
func eventStrings(e *mar.Event) [14]*string {
	return [14]*string{&e.DeviceID, &e.UserID, &e.WitnessID, &e.Note, &e.EntryID, &e.PRNReason,
		&e.OverrideReason, &e.GTIN, &e.Batch, &e.Serial, &e.Expiry,
		&e.ProductID, &e.DoseUnit, &e.Digest}
}

// v3Strings is how many of eventStrings formatEventBinary holds.
const v3Strings = 11

// encodeEvent frames e in the binary format. Its OccurredAt must lie within
// the range UnixNano represents (validateEvent allows 1900-2200), because
// the index key is built from it.
func encodeEvent(e mar.Event) ([]byte, error) {
	if e.OccurredAt.IsZero() || !time.Unix(0, e.OccurredAt.UnixNano()).Equal(e.OccurredAt) {
		return nil, fmt.Errorf("encode event %s: occurred-at %v cannot be keyed", e.ID, e.OccurredAt)
	}
	if len(e.ResidentID) > math.MaxUint16 {
		return nil, fmt.Errorf("encode event %s: resident ID of %d bytes is too long", e.ID, len(e.ResidentID))
	}
	out := make([]byte, frameHeader, 192+len(e.Note)+len(e.OverrideReason))
	out[0] = formatEventBinary2
	out = append(out, timeKey(e.OccurredAt)...)
	out = binary.BigEndian.AppendUint16(out, uint16(len(e.ResidentID)))
	out = append(out, e.ResidentID...)
	out = appendEventBody(out, &e)
	if len(out) > maxEventRecord {
		return nil, fmt.Errorf("encode event %s: %d bytes is too large", e.ID, len(out))
	}
	binary.BigEndian.PutUint32(out[1:5], crcOf(out[frameHeader:]))
	return out, nil
}

func appendEventBody(out []byte, e *mar.Event) []byte {
	out = append(out, e.ID[:]...)
	flags := byte(0)
	if e.Corrects != uuid.Nil {
		flags |= flagCorrects
	}
	if e.About != uuid.Nil {
		flags |= flagAbout
	}
	out = append(out, byte(e.Kind), byte(e.Outcome), byte(e.Reason), byte(e.Verdict),
		byte(e.Unscanned), byte(e.Status), byte(e.Action), triState(e.Effective), flags)
	out = binary.BigEndian.AppendUint64(out, math.Float64bits(e.Quantity))
	out = binary.AppendVarint(out, int64(e.EntryVersion))
	out = appendTime(out, e.RecordedAt)
	out = appendTime(out, e.SlotDue)
	if e.Corrects != uuid.Nil {
		out = append(out, e.Corrects[:]...)
	}
	if e.About != uuid.Nil {
		out = append(out, e.About[:]...)
	}
	if e.ReasonCodes == nil {
		out = append(out, 0)
	} else {
		out = binary.AppendUvarint(out, uint64(len(e.ReasonCodes))+1)
	}
	strs := eventStrings(e)
	for _, s := range strs {
		out = binary.AppendUvarint(out, uint64(len(*s)))
	}
	for _, s := range e.ReasonCodes {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range strs {
		out = append(out, *s...)
	}
	for _, s := range e.ReasonCodes {
		out = append(out, s...)
	}
	return out
}

func appendTime(out []byte, t time.Time) []byte {
	out = binary.AppendVarint(out, t.Unix())
	return binary.AppendUvarint(out, uint64(t.Nanosecond()))
}

func triState(b *bool) byte {
	switch {
	case b == nil:
		return 0
	case *b:
		return 2
	}
	return 1
}

var errShortEvent = errors.New("event body ends early")

// bodyReader reads an event body with every read bounds-checked: the first
// failure sticks in err and later reads return zero values.
type bodyReader struct {
	b   []byte
	err error
}

func (r *bodyReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.b = nil
}

func (r *bodyReader) bytes(n int) []byte {
	if r.err != nil || n > len(r.b) {
		r.fail(errShortEvent)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *bodyReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail(errors.New("bad unsigned varint in event body"))
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *bodyReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail(errors.New("bad varint in event body"))
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *bodyReader) time() time.Time {
	sec, nsec := r.varint(), r.uvarint()
	if nsec >= 1e9 {
		r.fail(fmt.Errorf("time with %d nanoseconds", nsec))
	}
	if r.err != nil {
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

func (r *bodyReader) uuid() uuid.UUID {
	var id uuid.UUID
	copy(id[:], r.bytes(16))
	return id
}

// decodeEventBody fills e (whose OccurredAt and ResidentID come from the
// head) from a binary body of the given format. It never panics, whatever
// the bytes.
func decodeEventBody(format byte, body []byte, e *mar.Event) error {
	r := bodyReader{b: body}
	e.ID = r.uuid()
	v2 := format == formatEventBinary2
	n := 8
	if v2 {
		n = 9
	}
	fixed := r.bytes(n)
	if r.err != nil {
		return r.err
	}
	flags, err := decodeFixed(v2, fixed, e)
	if err != nil {
		return err
	}
	if q := r.bytes(8); q != nil {
		e.Quantity = math.Float64frombits(binary.BigEndian.Uint64(q))
	}
	version := r.varint()
	if version != int64(int(version)) {
		r.fail(fmt.Errorf("entry version %d out of range", version))
	}
	e.EntryVersion = int(version)
	e.RecordedAt, e.SlotDue = r.time(), r.time()
	if flags&flagCorrects != 0 {
		e.Corrects = r.uuid()
	}
	if flags&flagAbout != 0 {
		e.About = r.uuid()
	}
	if r.err != nil {
		return r.err
	}
	n = len(eventStrings(e))
	if !v2 {
		n = v3Strings
	}
	if err := r.strings(e, n); err != nil {
		return err
	}
	if !v2 {
		prnEffectAbout(e)
	}
	return nil
}

// decodeFixed reads the one-byte fields: the enums, Effective and the flags
// saying which IDs follow, refusing a flag the format does not have.
func decodeFixed(v2 bool, fixed []byte, e *mar.Event) (flags byte, err error) {
	e.Kind, e.Outcome, e.Reason, e.Verdict = mar.EventKind(fixed[0]), mar.Outcome(fixed[1]), mar.NotGivenReason(fixed[2]), mar.Level(fixed[3])
	e.Unscanned, e.Status = mar.UnscannedReason(fixed[4]), mar.ResidentStatus(fixed[5])
	rest, allowed := fixed[6:], byte(flagCorrects)
	if v2 {
		e.Action, rest, allowed = mar.AuditAction(rest[0]), rest[1:], flagCorrects|flagAbout
	}
	switch effective := rest[0]; effective {
	case 0:
	case 1, 2:
		eff := effective == 2
		e.Effective = &eff
	default:
		return 0, fmt.Errorf("effective flag %d", effective)
	}
	if flags = rest[1]; flags&^allowed != 0 {
		return 0, fmt.Errorf("flags %#x", flags)
	}
	return flags, nil
}

// prnEffectAbout moves the dose a PRN effect is about from Corrects, where
// schemas 1 to 3 kept it, to About: read as a correction it would void the
// dose it only says worked.
func prnEffectAbout(e *mar.Event) {
	if e.Kind == mar.KindPRNEffect && e.About == uuid.Nil {
		e.About, e.Corrects = e.Corrects, uuid.Nil
	}
}

// strings reads the length table and the string bytes, which must end the
// body exactly: the first n of eventStrings, then the reason codes. All of
// an event's text shares one allocation.
func (r *bodyReader) strings(e *mar.Event, n int) error {
	codes := r.uvarint()
	// Each string needs at least one length byte: a count beyond what is
	// left is damage, and must not size an allocation.
	if r.err == nil && codes > uint64(len(r.b))+1 {
		return fmt.Errorf("%d reason codes in %d bytes", codes-1, len(r.b))
	}
	all := eventStrings(e)
	strs := all[:n]
	if codes > 0 {
		n += int(codes - 1)
	}
	var lens [32]uint64
	lengths := lens[:0]
	total := uint64(0)
	for range n {
		l := r.uvarint()
		if r.err != nil {
			return r.err
		}
		total += l
		if l > uint64(len(r.b)) || total > uint64(len(r.b)) {
			return errShortEvent
		}
		lengths = append(lengths, l)
	}
	if total != uint64(len(r.b)) {
		return fmt.Errorf("%d bytes after the event's strings", uint64(len(r.b))-total)
	}
	text := string(r.b)
	off := uint64(0)
	next := func(i int) string {
		s := text[off : off+lengths[i]]
		off += lengths[i]
		return s
	}
	for i, s := range strs {
		*s = next(i)
	}
	if codes > 0 {
		e.ReasonCodes = make([]string, codes-1)
		for i := range e.ReasonCodes {
			e.ReasonCodes[i] = next(len(strs) + i)
		}
	}
	return nil
}

package central

import (
	"bytes"
	"encoding"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/protocol"
)

// Decoding the request with encoding/json was half the push handler's
// CPU (its scanner runs over every byte twice, then reflection sets each
// field). parsePush reads the shape tablets send in one pass with no
// reflection. It is a fast path, never a judge: on anything it is not sure
// of (a key in other case, a key twice, a null, an escape it does not
// handle, invalid UTF-8, a value json would refuse) it gives up and the
// body goes to encoding/json, which accepts or refuses it in its own
// words. So the refusal of malformed JSON and unknown fields stays
// encoding/json's, and what the fast path accepts it must decode exactly
// as encoding/json does (FuzzParsePush holds it to that).

// decodePush reads a push request body, by the fast path when it can and
// otherwise by decode, with decode's limits, refusals and words.
func decodePush(w http.ResponseWriter, r *http.Request, req *protocol.PushRequest) error {
	if r.ContentLength > protocol.MaxBodyBytes {
		return refuse(http.StatusRequestEntityTooLarge, "request body is larger than %d bytes: send fewer events per batch", protocol.MaxBodyBytes)
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, protocol.MaxBodyBytes)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return refuse(http.StatusRequestEntityTooLarge, "request body is larger than %d bytes: send fewer events per batch", protocol.MaxBodyBytes)
		}
		return refuse(http.StatusBadRequest, "request body could not be read: send it again")
	}
	ct := r.Header.Get("Content-Type")
	if (ct == "" || strings.HasPrefix(ct, "application/json")) && parsePush(buf.Bytes(), req) {
		if err := protocol.CheckVersion(req.Version); err != nil {
			return refuse(http.StatusBadRequest, "%v", err)
		}
		return nil
	}
	*req = protocol.PushRequest{}
	r.Body = io.NopCloser(&buf)
	return decode(w, r, req, func() int { return req.Version })
}

// parsePush decodes data into req and reports whether it could; on false
// req holds part of the body and must be decoded again by encoding/json.
func parsePush(data []byte, req *protocol.PushRequest) bool {
	s := scanner{b: data}
	var seen uint8
	ok := s.object(func(key []byte) bool {
		var first bool
		switch string(key) {
		case "version":
			seen, first = once(seen, 1)
			return first && s.int(&req.Version)
		case "events":
			seen, first = once(seen, 2)
			return first && s.events(&req.Events)
		}
		return false
	})
	s.space()
	return ok && s.i == len(s.b)
}

// once sets bit in seen, reporting false when it was set: a key twice is
// left to encoding/json, whose "last one wins" is not worth copying.
func once[T uint8 | uint64](seen T, bit T) (T, bool) { return seen | bit, seen&bit == 0 }

func (s *scanner) events(out *[]mar.Event) bool {
	if !s.eat('[') {
		return false
	}
	evs := make([]mar.Event, 0, min(protocol.MaxBatchEvents, 1+len(s.b)/512))
	if s.eat(']') {
		*out = evs
		return true
	}
	for {
		evs = append(evs, mar.Event{})
		if !s.event(&evs[len(evs)-1]) {
			return false
		}
		if !s.eat(',') {
			*out = evs
			return s.eat(']')
		}
	}
}

func (s *scanner) event(e *mar.Event) bool {
	var seen uint64
	return s.object(func(key []byte) bool {
		f, ok := eventFields[string(key)]
		if !ok {
			return false
		}
		if seen, ok = once(seen, f.bit); !ok {
			return false
		}
		return f.read(s, e)
	})
}

// eventField reads one field of mar.Event; bit marks it seen.
type eventField struct {
	bit  uint64
	read func(*scanner, *mar.Event) bool
}

// eventFields are mar.Event's fields by their JSON names, exact case.
// TestParsePushKnowsEveryEventField fails when a field is added to the
// event and not here (it would still be decoded, by the slow path).
var eventFields = func() map[string]eventField {
	type sf = func(*mar.Event) *string
	type tf = func(*mar.Event) encoding.TextUnmarshaler
	str := func(f sf) func(*scanner, *mar.Event) bool {
		return func(s *scanner, e *mar.Event) bool { return s.string(f(e)) }
	}
	text := func(f tf) func(*scanner, *mar.Event) bool {
		return func(s *scanner, e *mar.Event) bool { return s.text(f(e)) }
	}
	list := []struct {
		name string
		read func(*scanner, *mar.Event) bool
	}{
		{"id", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.ID })},
		{"kind", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Kind })},
		{"deviceId", str(func(e *mar.Event) *string { return &e.DeviceID })},
		{"userId", str(func(e *mar.Event) *string { return &e.UserID })},
		{"witnessId", str(func(e *mar.Event) *string { return &e.WitnessID })},
		{"residentId", str(func(e *mar.Event) *string { return &e.ResidentID })},
		{"occurredAt", func(s *scanner, e *mar.Event) bool { return s.json(&e.OccurredAt) }},
		{"recordedAt", func(s *scanner, e *mar.Event) bool { return s.json(&e.RecordedAt) }},
		{"note", str(func(e *mar.Event) *string { return &e.Note })},
		{"entryId", str(func(e *mar.Event) *string { return &e.EntryID })},
		{"entryVersion", func(s *scanner, e *mar.Event) bool { return s.int(&e.EntryVersion) }},
		{"slotDue", func(s *scanner, e *mar.Event) bool { return s.json(&e.SlotDue) }},
		{"outcome", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Outcome })},
		{"reason", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Reason })},
		{"quantity", func(s *scanner, e *mar.Event) bool { return s.float(&e.Quantity) }},
		{"prnReason", str(func(e *mar.Event) *string { return &e.PRNReason })},
		{"verdict", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Verdict })},
		{"reasonCodes", func(s *scanner, e *mar.Event) bool { return s.strings(&e.ReasonCodes) }},
		{"overrideReason", str(func(e *mar.Event) *string { return &e.OverrideReason })},
		{"unscanned", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Unscanned })},
		{"gtin", str(func(e *mar.Event) *string { return &e.GTIN })},
		{"batch", str(func(e *mar.Event) *string { return &e.Batch })},
		{"serial", str(func(e *mar.Event) *string { return &e.Serial })},
		{"expiry", str(func(e *mar.Event) *string { return &e.Expiry })},
		{"productId", str(func(e *mar.Event) *string { return &e.ProductID })},
		{"doseUnit", str(func(e *mar.Event) *string { return &e.DoseUnit })},
		{"corrects", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Corrects })},
		{"about", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.About })},
		{"effective", func(s *scanner, e *mar.Event) bool { return s.bool(&e.Effective) }},
		{"status", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Status })},
		{"action", text(func(e *mar.Event) encoding.TextUnmarshaler { return &e.Action })},
		{"digest", str(func(e *mar.Event) *string { return &e.Digest })},
	}
	m := make(map[string]eventField, len(list))
	for i, f := range list {
		m[f.name] = eventField{bit: 1 << i, read: f.read}
	}
	return m
}()

// scanner reads JSON values from b at i. Every method skips the
// whitespace before its value and returns false when the input is not
// what it can read exactly as encoding/json would.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// eat consumes c if it comes next.
func (s *scanner) eat(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// object reads an object, calling field with each key; field reads the
// value.
func (s *scanner) object(field func(key []byte) bool) bool {
	if !s.eat('{') {
		return false
	}
	if s.eat('}') {
		return true
	}
	for {
		key, ok := s.key()
		if !ok || !s.eat(':') || !field(key) {
			return false
		}
		if !s.eat(',') {
			return s.eat('}')
		}
	}
}

// key reads an object key of plain ASCII: encoding/json matches keys
// without regard to case, Unicode folding included, so anything else is
// left to it.
func (s *scanner) key() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			return nil, false
		}
	}
	return nil, false
}

// quoted reads a string and returns its raw text with the quotes, and its
// value (raw's inside when it has no escapes).
func (s *scanner) quoted() (raw, val []byte, ok bool) {
	if !s.eat('"') {
		return nil, nil, false
	}
	start, ascii := s.i-1, true
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			raw = s.b[start:s.i]
			if !ascii && !utf8.Valid(raw) {
				return nil, nil, false // json puts U+FFFD per bad byte
			}
			return raw, raw[1 : len(raw)-1], true
		case c == '\\':
			return s.escaped(start)
		case c < 0x20:
			return nil, nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, nil, false
}

// escaped finishes reading a string from its first backslash, unescaping
// into a copy.
func (s *scanner) escaped(start int) (raw, val []byte, ok bool) {
	val = append(make([]byte, 0, s.i-start+32), s.b[start+1:s.i]...)
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start:s.i], val, utf8.Valid(val)
		case c < 0x20:
			return nil, nil, false
		case c != '\\':
			val = append(val, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return nil, nil, false
		}
		if r, ok := unescape(s.b[s.i+1]); ok {
			val = append(val, r)
			s.i += 2
			continue
		}
		if s.b[s.i+1] != 'u' || s.i+6 > len(s.b) {
			return nil, nil, false
		}
		n, err := strconv.ParseUint(string(s.b[s.i+2:s.i+6]), 16, 16)
		if err != nil || (n >= 0xD800 && n < 0xE000) {
			return nil, nil, false // surrogates: json's pairing rules are its own
		}
		val = utf8.AppendRune(val, rune(n))
		s.i += 6
	}
	return nil, nil, false
}

func unescape(c byte) (byte, bool) {
	switch c {
	case '"', '\\', '/':
		return c, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

func (s *scanner) string(dst *string) bool {
	_, val, ok := s.quoted()
	*dst = string(val)
	return ok
}

// text reads a string into a type that decodes itself from text, as
// encoding/json calls it.
func (s *scanner) text(dst encoding.TextUnmarshaler) bool {
	_, val, ok := s.quoted()
	return ok && dst.UnmarshalText(val) == nil
}

// json reads a string and hands its raw text to a type's UnmarshalJSON
// (time.Time), as encoding/json does.
func (s *scanner) json(dst interface{ UnmarshalJSON([]byte) error }) bool {
	raw, _, ok := s.quoted()
	return ok && dst.UnmarshalJSON(raw) == nil
}

func (s *scanner) strings(dst *[]string) bool {
	if !s.eat('[') {
		return false
	}
	out := []string{}
	if !s.eat(']') {
		for {
			var v string
			if !s.string(&v) {
				return false
			}
			out = append(out, v)
			if !s.eat(',') {
				break
			}
		}
		if !s.eat(']') {
			return false
		}
	}
	*dst = out
	return true
}

func (s *scanner) bool(dst **bool) bool {
	s.space()
	var v bool
	switch rest := s.b[s.i:]; {
	case bytes.HasPrefix(rest, []byte("true")):
		v, s.i = true, s.i+len("true")
	case bytes.HasPrefix(rest, []byte("false")):
		s.i += len("false")
	default:
		return false
	}
	*dst = &v
	return true
}

// number reads a number as JSON spells it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() ([]byte, bool) {
	s.space()
	start := s.i
	s.eatByte('-')
	if !s.eatByte('0') && s.digits() == 0 { // no digit may follow a leading 0
		return nil, false
	}
	if s.eatByte('.') && s.digits() == 0 {
		return nil, false
	}
	if s.eatByte('e') || s.eatByte('E') {
		_ = s.eatByte('+') || s.eatByte('-')
		if s.digits() == 0 {
			return nil, false
		}
	}
	return s.b[start:s.i], true
}

func (s *scanner) eatByte(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *scanner) digits() int {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i - start
}

// int reads an int as encoding/json does: strconv.ParseInt of the number's
// text, so 1.0 and 1e0 are refused (left to json, which refuses them).
func (s *scanner) int(dst *int) bool {
	num, ok := s.number()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(string(num), 10, strconv.IntSize)
	*dst = int(n)
	return err == nil
}

func (s *scanner) float(dst *float64) bool {
	num, ok := s.number()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(num), 64)
	*dst = f
	return err == nil
}

// Compile-time checks that the fields read as text decode themselves.
var _ encoding.TextUnmarshaler = (*uuid.UUID)(nil)

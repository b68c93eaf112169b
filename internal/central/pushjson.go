package central

import (
	"bytes"
	"encoding"
	"errors"
	"io"
	"net/http"
	"strings"

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
		return checkVersion(req.Version)
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

// Compile-time checks that the fields read as text decode themselves.
var _ encoding.TextUnmarshaler = (*uuid.UUID)(nil)

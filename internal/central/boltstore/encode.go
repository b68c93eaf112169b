package boltstore

import (
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/protocol"
)

// The push path stores every event as a central.Change of JSON, and
// encoding/json's reflection was a fifth of its time: appendEventChange
// writes the same bytes directly. It must write exactly what json.Marshal
// writes for the change (TestAppendEventChangeIsJSONMarshal holds it to
// that for every field of mar.Event, so a field added to the event and not
// here fails the test rather than being dropped at the centre).

// appendEventChange appends the JSON of the change carrying event e, as
// json.Marshal writes central.Change{Change: protocol.Change{Seq: seq, Kind:
// protocol.ChangeEvent, Event: e}, Device: device, ReceivedAt: at}.
func appendEventChange(dst []byte, seq uint64, e *mar.Event, device string, at time.Time) ([]byte, error) {
	var err error
	dst = append(dst, `{"seq":`...)
	dst = strconv.AppendUint(dst, seq, 10)
	dst = append(dst, `,"kind":`...)
	dst = strconv.AppendUint(dst, uint64(protocol.ChangeEvent), 10)
	dst = append(dst, `,"event":`...)
	if dst, err = appendEvent(dst, e); err != nil {
		return nil, err
	}
	if device != "" {
		dst = append(dst, `,"device":`...)
		dst = appendString(dst, device)
	}
	dst = append(dst, `,"receivedAt":`...)
	if dst, err = appendTime(dst, at); err != nil {
		return nil, err
	}
	return append(dst, '}'), nil
}

// appendEvent appends e as json.Marshal writes a mar.Event, in its field
// order, with its omitempty and omitzero rules.
func appendEvent(dst []byte, e *mar.Event) ([]byte, error) {
	var err error
	dst = append(dst, `{"id":`...)
	dst = appendUUID(dst, e.ID)
	dst = appendText(append(dst, `,"kind":`...), e.Kind.String())
	dst = appendString(append(dst, `,"deviceId":`...), e.DeviceID)
	dst = appendString(append(dst, `,"userId":`...), e.UserID)
	dst = appendOptString(dst, `,"witnessId":`, e.WitnessID)
	dst = appendString(append(dst, `,"residentId":`...), e.ResidentID)
	if dst, err = appendTime(append(dst, `,"occurredAt":`...), e.OccurredAt); err != nil {
		return nil, err
	}
	if dst, err = appendTime(append(dst, `,"recordedAt":`...), e.RecordedAt); err != nil {
		return nil, err
	}
	dst = appendOptString(dst, `,"note":`, e.Note)
	dst = appendOptString(dst, `,"entryId":`, e.EntryID)
	if e.EntryVersion != 0 {
		dst = strconv.AppendInt(append(dst, `,"entryVersion":`...), int64(e.EntryVersion), 10)
	}
	if !e.SlotDue.IsZero() {
		if dst, err = appendTime(append(dst, `,"slotDue":`...), e.SlotDue); err != nil {
			return nil, err
		}
	}
	if e.Outcome != 0 {
		dst = appendText(append(dst, `,"outcome":`...), e.Outcome.String())
	}
	if e.Reason != 0 {
		dst = appendText(append(dst, `,"reason":`...), e.Reason.String())
	}
	if e.Quantity != 0 {
		if dst, err = appendFloat(append(dst, `,"quantity":`...), e.Quantity); err != nil {
			return nil, err
		}
	}
	dst = appendOptString(dst, `,"prnReason":`, e.PRNReason)
	if e.Verdict != 0 {
		dst = appendText(append(dst, `,"verdict":`...), e.Verdict.String())
	}
	if len(e.ReasonCodes) > 0 {
		dst = append(dst, `,"reasonCodes":[`...)
		for i, c := range e.ReasonCodes {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, c)
		}
		dst = append(dst, ']')
	}
	return appendEventRest(dst, e), nil
}

// appendEventRest appends the fields of e from the check's override reason
// on, and closes it.
func appendEventRest(dst []byte, e *mar.Event) []byte {
	dst = appendOptString(dst, `,"overrideReason":`, e.OverrideReason)
	if e.Unscanned != 0 {
		dst = appendText(append(dst, `,"unscanned":`...), e.Unscanned.String())
	}
	dst = appendOptString(dst, `,"gtin":`, e.GTIN)
	dst = appendOptString(dst, `,"batch":`, e.Batch)
	dst = appendOptString(dst, `,"serial":`, e.Serial)
	dst = appendOptString(dst, `,"expiry":`, e.Expiry)
	dst = appendOptString(dst, `,"productId":`, e.ProductID)
	dst = appendOptString(dst, `,"doseUnit":`, e.DoseUnit)
	if e.Corrects != uuid.Nil {
		dst = appendUUID(append(dst, `,"corrects":`...), e.Corrects)
	}
	if e.About != uuid.Nil {
		dst = appendUUID(append(dst, `,"about":`...), e.About)
	}
	if e.Effective != nil {
		dst = strconv.AppendBool(append(dst, `,"effective":`...), *e.Effective)
	}
	if e.Status != 0 {
		dst = appendText(append(dst, `,"status":`...), e.Status.String())
	}
	if e.Action != 0 {
		dst = appendText(append(dst, `,"action":`...), e.Action.String())
	}
	dst = appendOptString(dst, `,"digest":`, e.Digest)
	return append(dst, '}')
}

func appendOptString(dst []byte, key, s string) []byte {
	if s == "" {
		return dst
	}
	return appendString(append(dst, key...), s)
}

// appendText appends an enumeration's MarshalText, which is its String.
func appendText(dst []byte, s string) []byte { return appendString(dst, s) }

// appendUUID writes a UUID in its canonical text form, quoted.
func appendUUID(dst []byte, id uuid.UUID) []byte {
	dst = append(dst, '"')
	for i, b := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst = append(dst, '-')
		}
		dst = append(dst, hexDigits[b>>4], hexDigits[b&0xF])
	}
	return append(dst, '"')
}

// appendTime is time.Time's MarshalJSON, which refuses a year outside
// 0 to 9999 as json.Marshal does.
func appendTime(dst []byte, t time.Time) ([]byte, error) {
	b, err := t.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("json: error calling MarshalJSON for type time.Time: %w", err)
	}
	return append(dst, b...), nil
}

// appendFloat writes a float64 as encoding/json does, refusing NaN and
// the infinities.
func appendFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	format, abs := byte('f'), math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if n := len(dst); format == 'e' && n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
		dst[n-2] = dst[n-1] // e-09 is written e-9
		dst = dst[:n-1]
	}
	return dst, nil
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping on (its
// default): <, > and & escaped, invalid UTF-8 replaced by U+FFFD, U+2028
// and U+2029 escaped.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(append(dst, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}

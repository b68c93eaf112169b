package central

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/mar/martest"
	"medround/internal/protocol"
)

// referencePush decodes as the push handler did before the fast path:
// encoding/json, unknown fields refused, nothing after the document.
func referencePush(data []byte) (protocol.PushRequest, bool) {
	var req protocol.PushRequest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if dec.Decode(&req) != nil {
		return req, false
	}
	_, err := dec.Token()
	return req, err != nil && err.Error() == "EOF"
}

func marshalPush(t testing.TB, evs ...mar.Event) string {
	t.Helper()
	b, err := json.Marshal(protocol.PushRequest{Version: protocol.Version, Events: evs})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pushBodies are bodies a tablet sends and bodies it never would, with
// whether the fast path is expected to take each (fast: false means it
// must leave it to encoding/json, which accepts or refuses).
func pushBodies(t testing.TB) []struct {
	name string
	body string
	fast bool
} {
	full := martest.EveryEventField(t)
	no := false
	at := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)
	dose := mar.Event{ID: uuid.MustParse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), Kind: mar.KindAdministration,
		DeviceID: "tab-a", UserID: "amy", ResidentID: "R101", OccurredAt: at, RecordedAt: at.Add(time.Second),
		EntryID: "E1", EntryVersion: 1, SlotDue: at.Truncate(time.Hour), Outcome: mar.OutcomeGiven, Quantity: 1}
	effectNo := full
	effectNo.Effective = &no
	london := dose
	london.OccurredAt = at.In(time.FixedZone("BST", 3600))
	canon := marshalPush(t, dose)
	return []struct {
		name string
		body string
		fast bool
	}{
		{"a dose as a tablet sends it", canon, true},
		{"every field of an event set, with quotes, newlines, <&> and non-ASCII", marshalPush(t, full, dose), true},
		{"effective false", marshalPush(t, effectNo), true},
		{"time with an offset", marshalPush(t, london), true},
		{"no events", `{"version":1,"events":[]}`, true},
		{"whitespace everywhere", " {\n\t\"version\" : 1 ,\r\n \"events\" : [ { \"id\" : \"6ba7b810-9dad-11d1-80b4-00c04fd430c8\" , \"reasonCodes\" : [ ] } ] }\n", true},
		{"events before version", `{"events":[{}],"version":1}`, true},
		{"escapes json never writes but may", `{"version":1,"events":[{"note":"a\/b\u00e9\u0000\b\f\r\t"}]}`, true},
		{"empty object", `{}`, true},
		{"quantity with exponent", `{"version":1,"events":[{"quantity":1.5e-7}]}`, true},
		{"version 0", `{"version":0,"events":[]}`, true},
		{"version 1", `{"version":1,"events":[]}`, true},
		{"version 2", `{"version":2,"events":[]}`, true},
		{"version 3", `{"version":3,"events":[]}`, true},
		{"no version", `{"events":[]}`, true},
		{"uuid in braces", `{"version":1,"events":[{"id":"{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"}]}`, true},

		{"key in other case", strings.Replace(canon, `"version"`, `"Version"`, 1), false},
		{"key with the Kelvin sign for k", strings.Replace(canon, `"kind"`, "\"\u212aind\"", 1), false},
		{"key escaped", strings.Replace(canon, `"kind"`, `"\u006bind"`, 1), false},
		{"key twice", `{"version":1,"version":1,"events":[]}`, false},
		{"field twice in an event", `{"version":1,"events":[{"note":"a","note":"b"}]}`, false},
		{"null events", `{"version":1,"events":null}`, false},
		{"null field", `{"version":1,"events":[{"effective":null}]}`, false},
		{"null reason code", `{"version":1,"events":[{"reasonCodes":["LATE",null]}]}`, false},
		{"surrogate pair", `{"version":1,"events":[{"note":"\ud83d\ude00"}]}`, false},
		{"lone surrogate", `{"version":1,"events":[{"note":"\ud83d"}]}`, false},
		{"invalid UTF-8", "{\"version\":1,\"events\":[{\"note\":\"\xff\"}]}", false},
		{"unknown field", `{"version":1,"events":[],"home":"oak"}`, false},
		{"unknown event field", `{"version":1,"events":[{"dose":"double"}]}`, false},
		{"malformed", `{"version":1,"events":[`, false},
		{"trailing comma", `{"version":1,"events":[],}`, false},
		{"two documents", `{"version":1,"events":[]}{}`, false},
		{"version as float", `{"version":1.0,"events":[]}`, false},
		{"version with a leading zero", `{"version":01,"events":[]}`, false},
		{"version as a string", `{"version":"1","events":[]}`, false},
		{"unknown kind", `{"version":1,"events":[{"kind":"teleport"}]}`, false},
		{"kind as a number", `{"version":1,"events":[{"kind":1}]}`, false},
		{"time not RFC 3339", `{"version":1,"events":[{"occurredAt":"25/10/2026"}]}`, false},
		{"quantity too big", `{"version":1,"events":[{"quantity":1e999}]}`, false},
		{"control character in a string", "{\"version\":1,\"events\":[{\"note\":\"a\x01\"}]}", false},
		{"byte order mark", "\ufeff" + canon, false},
		{"empty body", ``, false},
	}
}

// TestParsePushIsEncodingJSON holds the fast path to encoding/json: what it
// takes it decodes the same, and it takes what tablets send.
func TestParsePushIsEncodingJSON(t *testing.T) {
	for _, c := range pushBodies(t) {
		var got protocol.PushRequest
		ok := parsePush([]byte(c.body), &got)
		want, wantOK := referencePush([]byte(c.body))
		if ok && (!wantOK || !reflect.DeepEqual(got, want)) {
			t.Errorf("%s: fast path gave %+v, encoding/json %+v (accepted %v)", c.name, got, want, wantOK)
		}
		if ok != c.fast {
			t.Errorf("%s: fast path took it: %v, want %v", c.name, ok, c.fast)
		}
	}
}

// TestParsePushKnowsEveryEventField fails when a field of mar.Event has no
// reader: every push carrying it would take the slow path.
func TestParsePushKnowsEveryEventField(t *testing.T) {
	typ := reflect.TypeFor[mar.Event]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if _, ok := eventFields[name]; !ok {
			t.Errorf("mar.Event.%s (%q) has no reader in eventFields", typ.Field(i).Name, name)
		}
	}
	if len(eventFields) != typ.NumField() || len(eventFields) > 64 {
		t.Errorf("eventFields has %d readers for %d fields (at most 64 fit the seen mask)", len(eventFields), typ.NumField())
	}
}

// decodeVia runs one of the handler's decoders on a body as a request.
func decodeVia(data []byte, contentType string, fast bool) (protocol.PushRequest, error) {
	r := httptest.NewRequest(http.MethodPost, protocol.PathPush, bytes.NewReader(data))
	r.Header.Set("Content-Type", contentType)
	w := httptest.NewRecorder()
	var req protocol.PushRequest
	if fast {
		return req, decodePush(w, r, &req)
	}
	return req, decode(w, r, &req, func() int { return req.Version })
}

// TestDecodePushAnswersAsDecode: the handler's decoder accepts, refuses and
// words its refusals as before the fast path.
func TestDecodePushAnswersAsDecode(t *testing.T) {
	for _, c := range pushBodies(t) {
		for _, ct := range []string{"application/json", "text/plain"} {
			got, gotErr := decodeVia([]byte(c.body), ct, true)
			want, wantErr := decodeVia([]byte(c.body), ct, false)
			if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
				t.Errorf("%s as %s: error %v, want %v", c.name, ct, gotErr, wantErr)
			}
			if gotErr == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("%s as %s: %+v, want %+v", c.name, ct, got, want)
			}
		}
	}
}

// FuzzParsePush: differential against encoding/json. The fast path may
// give up on anything, but what it takes must be what encoding/json
// takes, decoded the same; and the handler's decoder gives the same result
// as before or both refuse.
func FuzzParsePush(f *testing.F) {
	for _, c := range pushBodies(f) {
		f.Add([]byte(c.body))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got protocol.PushRequest
		ok := parsePush(data, &got)
		want, wantOK := referencePush(data)
		if ok && !wantOK {
			t.Fatalf("fast path took %q, which encoding/json refuses", data)
		}
		if ok && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: fast path gave %+v, encoding/json %+v", data, got, want)
		}
		gotReq, gotErr := decodeVia(data, "application/json", true)
		wantReq, wantErr := decodeVia(data, "application/json", false)
		if (gotErr == nil) != (wantErr == nil) || (gotErr == nil && !reflect.DeepEqual(gotReq, wantReq)) {
			t.Fatalf("%q: decodePush %+v, %v; decode %+v, %v", data, gotReq, gotErr, wantReq, wantErr)
		}
	})
}

// BenchmarkDecodePush compares the two decoders on a full batch of doses.
func BenchmarkDecodePush(b *testing.B) {
	evs := make([]mar.Event, protocol.MaxBatchEvents)
	for i := range evs {
		evs[i] = martest.EveryEventField(b)
		evs[i].ID = uuid.New()
	}
	body := []byte(marshalPush(b, evs...))
	for _, fast := range []bool{false, true} {
		b.Run(map[bool]string{false: "encoding-json", true: "fast"}[fast], func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := decodeVia(body, "application/json", fast); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package boltstore

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/mar/martest"
	"medround/internal/protocol"
)

// TestAppendEventChangeIsJSONMarshal holds the push path's encoder to what
// json.Marshal writes for the stored change, byte for byte.
func TestAppendEventChangeIsJSONMarshal(t *testing.T) {
	no := false
	full := martest.EveryEventField(t)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		edit   func(e *mar.Event)
		device string
	}{
		{"every field set", func(*mar.Event) {}, "tab-a"},
		{"a dose given with only the fields a dose has", func(e *mar.Event) {
			*e = mar.Event{ID: e.ID, Kind: mar.KindAdministration, DeviceID: "tab-a", ResidentID: "r1",
				OccurredAt: e.OccurredAt, RecordedAt: e.RecordedAt, EntryID: "e1", Outcome: mar.OutcomeGiven}
		}, "tab-a"},
		{"no device on the change", func(*mar.Event) {}, ""},
		{"effective false is written", func(e *mar.Event) { e.Effective = &no }, "tab-a"},
		{"zero recorded-at and slot", func(e *mar.Event) { e.RecordedAt, e.SlotDue = time.Time{}, time.Time{} }, "tab-a"},
		{"times in another zone", func(e *mar.Event) { e.OccurredAt = e.OccurredAt.In(london) }, "tab-a"},
		{"empty reason codes", func(e *mar.Event) { e.ReasonCodes = []string{} }, "tab-a"},
		{"reason code empty string", func(e *mar.Event) { e.ReasonCodes = []string{""} }, "tab-a"},
		{"enumerations out of range", func(e *mar.Event) { e.Reason, e.Status, e.Action = 200, 201, 202 }, "tab-a"},
		{"control characters, invalid UTF-8 and line separators in a note", func(e *mar.Event) {
			e.Note = "a\x00b\x01\x1f\x7f\b\f\n\r\t\\\xff\xc3(\u2028\u2029é😀\ufffd'"
		}, "tab-\n\x80"},
		{"tiny quantity", func(e *mar.Event) { e.Quantity = 1e-7 }, "tab-a"},
		{"huge quantity", func(e *mar.Event) { e.Quantity = 1e21 }, "tab-a"},
		{"negative fraction", func(e *mar.Event) { e.Quantity = -0.333333333333 }, "tab-a"},
		{"smallest float", func(e *mar.Event) { e.Quantity = math.SmallestNonzeroFloat64 }, "tab-a"},
		{"largest float", func(e *mar.Event) { e.Quantity = -math.MaxFloat64 }, "tab-a"},
	}
	at := time.Date(2026, 11, 25, 10, 0, 0, 1, time.UTC)
	for _, tc := range cases {
		e := full
		tc.edit(&e)
		want, err := json.Marshal(central.Change{Change: protocol.Change{Seq: 42, Kind: protocol.ChangeEvent, Event: &e},
			Device: tc.device, ReceivedAt: at})
		if err != nil {
			t.Fatalf("%s: json.Marshal: %v", tc.name, err)
		}
		got, err := appendEventChange([]byte("prefix"), 42, &e, tc.device, at)
		if err != nil {
			t.Fatalf("%s: appendEventChange: %v", tc.name, err)
		}
		if !bytes.Equal(got[len("prefix"):], want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got[len("prefix"):], want)
		}
	}
}

// TestAppendEventChangeRefusesWhatJSONRefuses: a value json.Marshal
// cannot write is refused, not stored half-written.
func TestAppendEventChangeRefusesWhatJSONRefuses(t *testing.T) {
	cases := []struct {
		name string
		edit func(e *mar.Event)
	}{
		{"quantity not a number", func(e *mar.Event) { e.Quantity = math.NaN() }},
		{"quantity infinite", func(e *mar.Event) { e.Quantity = math.Inf(1) }},
		{"recorded in the year 10000", func(e *mar.Event) { e.RecordedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"slot due before year 0", func(e *mar.Event) { e.SlotDue = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) }},
	}
	for _, tc := range cases {
		e := martest.EveryEventField(t)
		tc.edit(&e)
		if _, err := json.Marshal(e); err == nil {
			t.Fatalf("%s: json.Marshal wrote it", tc.name)
		}
		if _, err := appendEventChange(nil, 1, &e, "tab-a", time.Now()); err == nil {
			t.Errorf("%s: appendEventChange wrote it", tc.name)
		}
	}
}

// FuzzAppendString holds the string quoting to encoding/json's.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "<&>", "\x00\x1f\x7f", "\xff\xfe", "\u2028\u2029", "é😀", "\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

package store

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

func benchEvent() mar.Event {
	at := time.Date(2025, 6, 1, 8, 5, 0, 0, time.UTC)
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: "tablet-1", UserID: "u-carer",
		ResidentID: "R001", OccurredAt: at, RecordedAt: at, EntryID: "MR-R001-metformin", EntryVersion: 1,
		Outcome: mar.OutcomeGiven, Quantity: 1, Verdict: mar.LevelOK, GTIN: "05012345000015",
		Batch: "B123", Expiry: "2026-03-31", SlotDue: at}
}

// BenchmarkDecodeEvent is the per-event cost every read of the log pays.
func BenchmarkDecodeEvent(b *testing.B) {
	enc, err := encodeEvent(benchEvent())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		if _, err := decodeEvent(enc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeEventJSON is the same cost for an event schema 2 stored.
func BenchmarkDecodeEventJSON(b *testing.B) {
	enc, err := encodeEventJSON(benchEvent())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		if _, err := decodeEvent(enc); err != nil {
			b.Fatal(err)
		}
	}
}

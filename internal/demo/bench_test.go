package demo_test

import (
	"path/filepath"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/store"
)

// BenchmarkBuildYear is demo.Build of ten residents with a year of
// history, a tenth of the year home the round's benchmarks build: the
// stock, receipts and counts must not make those builds much slower.
func BenchmarkBuildYear(b *testing.B) {
	now := time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)
	fastHash := func(string) (string, error) { return "not-a-pin-hash", nil }
	for b.Loop() {
		st, err := store.Open(filepath.Join(b.TempDir(), "medround.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.Build(st, demo.Options{Residents: 10, Now: now, HistoryDays: 365, Hash: fastHash}); err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

package report_test

import (
	"runtime"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/report"
)

// farNow is when the 300-resident demo home is built and reported on.
var farNow = time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)

// farTo is issue 9's --to: before slots stopped at now, a missed report
// from a week ago to it on a 300-resident home ran minutes and took 11.8 GB.
var farTo = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

func farFrom() time.Time { return farNow.AddDate(0, 0, -7) }

// TestFarToIsSmall builds the missed report of a 300-resident demo home
// from a week ago to 2100 and fails if it allocates more than 100 MB: the
// slots stop at now, so the far end costs nothing. (No timing is asserted;
// BenchmarkMissedFarTo gives the time.)
func TestFarToIsSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 300-resident demo home")
	}
	st := demotest.Open(t, demo.Options{Residents: 300, Now: farNow, HistoryDays: 7})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rep, err := report.Build(st, report.KindMissed, farFrom(), farTo, farNow)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("300 residents, a week to 2100: %d slots due, %d missed, %.1f MB allocated",
		rep.Total.Due, rep.Total.Count, float64(alloc)/(1<<20))
	if alloc > 100<<20 {
		t.Errorf("missed report to 2100 allocated %.0f MB, want under 100 MB", float64(alloc)/(1<<20))
	}
	if rep.Total.Due == 0 {
		t.Error("no slots due in the week before now")
	}
}

// BenchmarkMissedFarTo is the figure for the README: the missed report of
// a 300-resident home from a week ago to 2100.
func BenchmarkMissedFarTo(b *testing.B) {
	st := demotest.Open(b, demo.Options{Residents: 300, Now: farNow, HistoryDays: 7})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.Build(st, report.KindMissed, farFrom(), farTo, farNow); err != nil {
			b.Fatal(err)
		}
	}
}

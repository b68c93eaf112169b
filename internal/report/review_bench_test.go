package report

import (
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
)

// reviewNow is the morning a manager opens the review in the benchmark.
var reviewNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

// BenchmarkReview14DaysHome is the figure for the review screen: a
// 100-resident home's review over 14 days, every section, built from a
// real bbolt store as the app builds it (round.Service.Review calls
// report.BuildReview on the store). Target: under 300 ms.
func BenchmarkReview14DaysHome(b *testing.B) {
	st := demotest.Open(b, demo.Options{Residents: 100, Now: reviewNow, HistoryDays: 14})
	from := reviewNow.AddDate(0, 0, -14)
	rows, n := 0, 0
	var cpu time.Duration
	for b.Loop() {
		start := cpuTime()
		rv, err := BuildReview(st, from, reviewNow, reviewNow)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		n++
		rows = 0
		for _, s := range rv.Sections {
			rows += len(s.Rows)
		}
	}
	if rows == 0 {
		b.Fatal("a fortnight with nothing to review: the demo home misses, refuses and overrides doses")
	}
	b.ReportMetric(float64(rows), "rows")
	// The process's CPU time, which other work on a shared machine does
	// not inflate as it does the time on the clock.
	b.ReportMetric(float64(cpu)/float64(n)/1e6, "cpu-ms/op")
}

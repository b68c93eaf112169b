package report_test

import (
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/report"
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
	rows := 0
	for b.Loop() {
		rv, err := report.BuildReview(st, from, reviewNow, reviewNow)
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, s := range rv.Sections {
			rows += len(s.Rows)
		}
	}
	if rows == 0 {
		b.Fatal("a fortnight with nothing to review: the demo home misses, refuses and overrides doses")
	}
	b.ReportMetric(float64(rows), "rows")
}

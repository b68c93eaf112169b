package report_test

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/report"
)

// The chart and the grid are counted from the review's own rows and slots:
// on the demo home's days they agree with the lists to the dose.
func TestPicturesAgreeWithTheReviewLists(t *testing.T) {
	st := demotest.Open(t, demo.Options{Residents: 12, Now: chartNow, Hash: nil})
	from := chartNow.Add(-14 * 24 * time.Hour)
	rv, err := report.BuildReview(st, from, chartNow.Add(time.Hour), chartNow)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(rv.TimeZone)
	rowsPer := map[string]int{}
	var missed, late int
	for _, s := range rv.Sections {
		switch s.ID {
		case report.SectionMissed:
			missed = len(s.Rows)
			for _, r := range s.Rows {
				rowsPer[r.ResidentID+" "+r.Due.In(loc).Format(time.DateOnly)]++
			}
		case report.SectionLate:
			late = len(s.Rows)
		}
	}
	if missed == 0 {
		t.Fatal("the demo home has no missed dose: the test proves nothing")
	}
	grid := rv.Completeness
	if len(grid.Residents) == 0 || len(grid.Days) != 15 {
		t.Fatalf("grid has %d residents and %d days, want 12 and 15", len(grid.Residents), len(grid.Days))
	}
	for _, r := range grid.Residents {
		for i, c := range r.Days {
			key := r.ResidentID + " " + grid.Days[i]
			if c.Missed != rowsPer[key] {
				t.Errorf("%s: grid says %d missed, the list %d", key, c.Missed, rowsPer[key])
			}
			if c.Due != c.Recorded+c.Missed+c.Pending+c.Away {
				t.Errorf("%s: cell %+v does not add up", key, c)
			}
		}
	}
	tr := report.TrendOf(rv)
	var tm, tl int
	for _, l := range tr.Rounds {
		for i := range tr.Days {
			tm += l.Missed[i]
			tl += l.Late[i]
		}
	}
	if tm != missed || tl != late {
		t.Errorf("chart has %d missed and %d late, the lists %d and %d", tm, tl, missed, late)
	}
}

// Every section of the review saves as CSV, a header and a line per row.
func TestEverySectionWritesCSV(t *testing.T) {
	st := demotest.Open(t, demo.Options{Residents: 4, Now: chartNow, Hash: nil})
	rv, err := report.BuildReview(st, chartNow.Add(-48*time.Hour), chartNow, chartNow)
	if err != nil {
		t.Fatal(err)
	}
	if got := rv.Sections[len(rv.Sections)-1].ID; got != report.SectionIncidents {
		t.Errorf("last section = %v, want the incidents", got)
	}
	for _, s := range rv.Sections {
		t.Run(s.Title, func(t *testing.T) {
			var buf bytes.Buffer
			if err := s.WriteCSV(&buf); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("CSV does not read back: %v", err)
			}
			if len(recs) != len(s.Rows)+1 {
				t.Errorf("%d lines, want a header and %d rows", len(recs), len(s.Rows))
			}
			if recs[0][0] != "resident_id" {
				t.Errorf("header starts %q, want resident_id", recs[0][0])
			}
		})
	}
}

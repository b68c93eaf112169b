package report

import (
	"strings"
	"testing"
	"time"
)

// TestMARChartFortnight reads the first week of the fortnight's MAR chart,
// Monday 19 to Sunday 25 October (the day the clocks went back is one
// column), and compares the slots with what the paper chart would hold:
// initials, the code of why not, * late, ! over a warning, ~struck~ when a
// correction voided it, M missed, H away in hospital.
func TestMARChartFortnight(t *testing.T) {
	st := fortnightStore(t)
	charts, err := BuildMARChart(st, []string{resident, arthur}, fortnightFrom, 7, fortnightNow)
	if err != nil {
		t.Fatalf("BuildMARChart = %v", err)
	}
	tests := []struct {
		name     string
		resident int // index in charts
		entry    string
		row      string // dose time, or PRN
		day      string // YYYY-MM-DD
		want     string // the cell's marks, space separated
	}{
		{"zopiclone refused at the night round", 0, nightMed, "21:00", "2026-10-19", "R"},
		{"amlodipine with nothing recorded is missed", 0, morningMed, "08:00", "2026-10-21", "M"},
		{"time-critical co-careldopa missed", 0, levodopa, "14:00", "2026-10-22", "M"},
		{"amlodipine not given: asleep", 0, morningMed, "08:00", "2026-10-22", "A"},
		{"co-careldopa not given: out of stock", 0, levodopa, "06:00", "2026-10-23", "O"},
		{"zopiclone of Saturday given at 01:30 GMT on Sunday sits on Saturday, late and over a warning",
			0, nightMed, "21:00", "2026-10-24", "AC*!"},
		{"nothing of Saturday's night dose on Sunday's column", 0, nightMed, "21:00", "2026-10-25", "AC"},
		{"co-careldopa 06:10 GMT on the 25-hour day is on time", 0, levodopa, "06:00", "2026-10-25", "AC"},
		{"four doses of paracetamol tablets on Tuesday", 0, paraTablets, "PRN", "2026-10-20", "AC AC AC AC"},
		{"paracetamol suspension at 02:00 Wednesday", 0, paraLiquid, "PRN", "2026-10-21", "AC"},
		{"tablets at 00:30 BST and 05:00 GMT are both on Sunday", 0, paraTablets, "PRN", "2026-10-25", "AC AC"},
		{"metformin corrected nine days later: struck through, then missed", 1, metformin, "08:00", "2026-10-19",
			"~AC~ M"},
		{"metformin given before Arthur left for hospital", 1, metformin, "08:00", "2026-10-21", "AC"},
		{"metformin due while in hospital all window", 1, metformin, "17:00", "2026-10-21", "H"},
		{"metformin recorded not given, in hospital", 1, metformin, "08:00", "2026-10-22", "H"},
		{"metformin of the morning Arthur came back, still in hospital", 1, metformin, "08:00", "2026-10-24", "H"},
		{"metformin due after Arthur came back, nothing recorded", 1, metformin, "17:00", "2026-10-24", "M"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := charts[tt.resident]
			if got := cellText(t, &c, tt.entry, tt.row, tt.day); got != tt.want {
				t.Errorf("%s %s %s %s = %q, want %q", c.Name, tt.entry, tt.row, tt.day, got, tt.want)
			}
		})
	}
	if n := len(charts[0].Days); n != 7 {
		t.Errorf("%d days, want 7 (the 25-hour day is one)", n)
	}
}

// cellText writes a chart cell's marks as the printed chart shows them.
func cellText(t *testing.T, c *MARChart, entryID, row, day string) string {
	t.Helper()
	d := -1
	for i, x := range c.Days {
		if x.Format(time.DateOnly) == day {
			d = i
		}
	}
	for _, l := range c.Lines {
		if l.EntryID != entryID {
			continue
		}
		for _, r := range l.Rows {
			if r.Time != row || d < 0 {
				continue
			}
			var marks []string
			for _, m := range r.Cells[d] {
				s := m.Text
				if m.Late {
					s += "*"
				}
				if m.Override {
					s += "!"
				}
				if m.Struck {
					s = "~" + s + "~"
				}
				marks = append(marks, s)
			}
			return strings.Join(marks, " ")
		}
	}
	t.Fatalf("no cell %s %s on %s", entryID, row, day)
	return ""
}

// TestMARChartAgreesWithTheMissedReport: over the whole fortnight, a slot
// is M on the MAR chart exactly when the missed report lists it, and H
// exactly when the report counts it away.
func TestMARChartAgreesWithTheMissedReport(t *testing.T) {
	st := fortnightStore(t)
	charts, err := BuildMARChart(st, nil, fortnightFrom, 14, fortnightNow)
	if err != nil {
		t.Fatal(err)
	}
	onChart, away := map[string]bool{}, 0
	for _, c := range charts {
		for _, l := range c.Lines {
			for _, r := range l.Rows {
				for d, cell := range r.Cells {
					for _, m := range cell {
						switch m.Text {
						case "M":
							onChart[l.EntryID+" "+c.Days[d].Format(time.DateOnly)+" "+r.Time] = true
						case "H", "L":
							if !m.Struck && len(cell) == 1 {
								away++
							}
						}
					}
				}
			}
		}
	}
	rep := build(t, st, KindMissed, fortnightFrom, fortnightTo, fortnightNow)
	inReport := map[string]bool{}
	for _, r := range rep.Rows {
		inReport[r.EntryID+" "+r.Due.Format(time.DateOnly+" 15:04")] = true
	}
	for k := range onChart {
		if !inReport[k] {
			t.Errorf("M on the chart but not in the missed report: %s", k)
		}
	}
	for k := range inReport {
		if !onChart[k] {
			t.Errorf("in the missed report but not M on the chart: %s", k)
		}
	}
	// The chart also marks H where a not-given "in hospital" was recorded;
	// the report counts only slots with nothing recorded as away.
	if want := rep.Total.Away + 1; away != want {
		t.Errorf("%d H or L marks, want %d (%d away with nothing recorded, 1 recorded in hospital)", away, want, rep.Total.Away)
	}
}

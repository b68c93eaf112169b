package report_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/report"
)

// chartNow is the demo's morning: the demo home holds two days of records.
var chartNow = time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)

func TestMARChartOfTheDemoResident(t *testing.T) {
	st := demotest.Open(t, demo.Options{Residents: 4, Now: chartNow, Hash: nil})
	charts, err := report.BuildMARChart(st, []string{"res-001"}, chartNow.AddDate(0, 0, -2), 3, chartNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 1 {
		t.Fatalf("charts = %d, want 1", len(charts))
	}
	c := charts[0]
	if c.Name != "Margaret Ellis" || len(c.Allergies) == 0 || len(c.Days) != 3 {
		t.Fatalf("header = %q allergies %v days %d", c.Name, c.Allergies, len(c.Days))
	}
	var prn, cd, critical bool
	for _, l := range c.Lines {
		prn = prn || l.PRN
		cd = cd || l.Controlled
		critical = critical || l.TimeCritical
		for _, r := range l.Rows {
			if len(r.Cells) != 3 {
				t.Fatalf("%s %s has %d cells, want one per day", l.Medicine, r.Time, len(r.Cells))
			}
		}
	}
	if !prn || !cd || !critical {
		t.Errorf("PRN %v, controlled drug %v, time-critical %v: want every kind marked", prn, cd, critical)
	}
	var morphine *report.ChartLine
	for i := range c.Lines {
		if strings.Contains(c.Lines[i].Medicine, "Morphine") {
			morphine = &c.Lines[i]
		}
	}
	if morphine == nil {
		t.Fatal("no morphine line")
	}
	witnessed := false
	for _, r := range morphine.Rows {
		for _, cell := range r.Cells {
			for _, m := range cell {
				witnessed = witnessed || strings.Contains(m.Text, "/")
			}
		}
	}
	if !witnessed {
		t.Error("no controlled drug dose shows its witness's initials")
	}
	if len(c.Key) == 0 || !slices.ContainsFunc(c.Key, func(k report.InitialsKey) bool { return k.UserID == "sam" }) {
		t.Errorf("initials key %v lacks the witness sam", c.Key)
	}
}

func TestMARChartRefusesBadPeriods(t *testing.T) {
	st := demotest.Open(t, demo.Options{Residents: 2, Now: chartNow})
	for _, days := range []int{0, -1, report.MaxChartDays + 1} {
		if _, err := report.BuildMARChart(st, nil, chartNow, days, chartNow); err == nil {
			t.Errorf("BuildMARChart(%d days) = nil error", days)
		}
	}
	if _, err := report.BuildMARChart(st, []string{"nobody"}, chartNow, 7, chartNow); err == nil {
		t.Error("a chart of an unknown resident was built")
	}
}

package ui

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"medround/internal/report"
	"medround/internal/store"
)

// A missed dose's row opens the resident at that dose: what the review
// says of it, nothing recorded for it, the day's other records, and the
// way on to the resident's page and that day's history.
func TestReviewRowOpensTheDoseWithItsHistory(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("Missed doses (")
	row := h.app.review.lines[0].row
	test.Tap(h.app.review.lines[0].open)
	if h.app.current != screen(h.app.review.slot) {
		t.Fatalf("the row did not open its dose; screen: %s", h.texts())
	}
	h.sees(row.Resident)
	h.sees(row.Medicine)
	h.sees("Records of this dose")
	h.sees("Nothing recorded for this dose")
	h.sees("Everything else recorded that day")
	h.tap("History of that day")
	if h.app.current != screen(h.app.history) || !h.app.history.day.Equal(h.app.review.slot.day) {
		t.Fatalf("history shows %v, want the dose's day %v", h.app.history.day, h.app.review.slot.day)
	}
	h.tap("Back to resident")
	if h.app.resident.id != row.ResidentID {
		t.Errorf("back from the history went to %s, want %s", h.app.resident.id, row.ResidentID)
	}
}

// A late dose's row opens with its own record marked as this dose's.
func TestReviewRowOfALateDoseShowsItsRecord(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("Late or early doses (")
	if len(h.app.review.rows) == 0 {
		t.Skip("the demo home has no late dose since yesterday 07:00")
	}
	test.Tap(h.app.review.lines[0].open)
	this := h.app.review.slot.this.Objects
	if len(this) != 1 {
		t.Fatalf("%d records of this dose, want its one record", len(this))
	}
	if l, ok := this[0].(*widget.Label); !ok || !strings.Contains(l.Text, "Given") || !l.TextStyle.Bold {
		t.Errorf("this dose's record = %#v, want its given record in bold", this[0])
	}
	h.notSees("Nothing recorded for this dose")
}

func TestReviewGroupsByResidentAndByRound(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("Missed doses (")
	s := h.app.review
	first := s.groups[0]
	h.sees(first.Label + "  (")
	for i := 1; i < len(s.entries); i++ {
		if s.entries[i].group < s.entries[i-1].group {
			t.Fatalf("entry %d of group %d after group %d: groups split", i, s.entries[i].group, s.entries[i-1].group)
		}
	}
	s.grouping.SetSelected(groupRound)
	if len(s.groups) == 0 || !strings.HasSuffix(s.groups[0].Label, " round") && !strings.HasPrefix(s.groups[0].Label, "No round") {
		t.Fatalf("grouped by round: %+v", s.groups)
	}
	h.sees(s.groups[0].Label + "  (")
	rows := 0
	for _, g := range s.groups {
		for _, r := range g.Rows {
			if r.Round != g.Key {
				t.Errorf("row of round %q under %q", r.Round, g.Label)
			}
			rows++
		}
	}
	if rows != len(s.rows) {
		t.Errorf("%d rows in the groups, %d in the section", rows, len(s.rows))
	}
}

// The charts show the last 14 days, counted from the review's rows.
func TestReviewChartsShowMissedAndLateAndTheGrid(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("Charts")
	c := h.app.review.charts
	if h.app.current != screen(c) {
		t.Fatalf("Charts did not open; screen: %s", h.texts())
	}
	h.sees("Last 14 days")
	tr := c.trend.trend
	if len(tr.Days) != chartDays || len(tr.Rounds) < 4 {
		t.Fatalf("trend has %d days and %d rounds, want 14 and the home's 4", len(tr.Days), len(tr.Rounds))
	}
	h.sees("Morning round: ")
	h.sees("missed")
	c.choice.SetSelected(pictureGrid)
	if c.grid.residents() == 0 {
		t.Fatal("the grid has no residents")
	}
	h.sees("away") // Doris Ingham is in hospital
	h.sees("Residents 1 to")
	for _, rd := range c.grid.grid.Residents {
		if len(rd.Days) != chartDays {
			t.Errorf("%s has %d days", rd.ResidentID, len(rd.Days))
		}
	}
	h.tap("Back to the review")
	if h.app.current != screen(h.app.review) {
		t.Error("back did not return to the review")
	}
}

func TestACareWorkerCannotExportTheMARChart(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.app.openResident("res-001", "")
	if h.hasButton("MAR chart") {
		t.Error("a care worker is offered the MAR chart export")
	}
}

// savesTo makes the save dialog answer with a file in dir.
func savesTo(dir string) func(*store.Store, *Options) {
	return func(_ *store.Store, o *Options) {
		o.SaveAs = func(name string, save func(string)) { save(filepath.Join(dir, name)) }
	}
}

func TestExportMARChartFromTheResidentPageAndTheReview(t *testing.T) {
	dir := t.TempDir()
	h := newHarnessOn(t, savesTo(dir))
	h.signIn("meg", "3333")
	h.app.openResident("res-001", "")
	h.tap("MAR chart")
	h.sees("Saved as mar-chart-res-001-2026-11-25.pdf")
	text := pdfText(t, filepath.Join(dir, "mar-chart-res-001-2026-11-25.pdf"))
	if !strings.Contains(text, "Margaret Ellis") || strings.Contains(text, "Arthur Bennett") {
		t.Errorf("resident's MAR chart does not name only Margaret Ellis:\n%.400s", text)
	}
	h.tap("Round")
	h.tap("Review")
	h.tap("MAR chart, whole home")
	h.sees("Saved as mar-chart-all-residents-2026-11-25.pdf")
	text = pdfText(t, filepath.Join(dir, "mar-chart-all-residents-2026-11-25.pdf"))
	for _, name := range []string{"Margaret Ellis", "Arthur Bennett", "Doris Ingham"} {
		if !strings.Contains(text, name) {
			t.Errorf("whole home's MAR chart lacks %s", name)
		}
	}
}

// pdfText checks the file is owner-only and returns its text.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("not saved: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want owner-only", filepath.Base(path), fi.Mode().Perm())
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (make test installs poppler-utils)", err)
	}
	return string(out)
}

func TestExportEachReviewSectionAsCSV(t *testing.T) {
	dir := t.TempDir()
	h := newHarnessOn(t, savesTo(dir))
	h.signIn("meg", "3333")
	h.tap("Review")
	for _, tc := range []struct {
		section string
		id      report.SectionID
		file    string
		first   string
	}{
		{"Missed doses (", report.SectionMissed, "review-missed-doses-2026-11-25.csv", "resident_id"},
		{"Refused (", report.SectionRefused, "review-refused-2026-11-25.csv", "resident_id"},
		{"Incidents from the central record (", report.SectionIncidents, "review-incidents-from-the-central-record-2026-11-25.csv", "resident_id"},
	} {
		h.tap(tc.section)
		h.tap("Save as CSV")
		h.sees("Saved as " + tc.file)
		f, err := os.Open(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		want := len(h.app.review.section().Rows) + 1
		if len(recs) != want || recs[0][0] != tc.first {
			t.Errorf("%s: %d lines starting %q, want %d starting %q", tc.file, len(recs), recs[0][0], want, tc.first)
		}
	}
}

// Without a stand-in, a save asks Fyne's save dialog where to put the file.
func TestSaveAsCSVOpensTheSaveDialog(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("Save as CSV")
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no save dialog shown")
	}
}

package marpdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/marpdf"
	"medround/internal/report"
)

var now = time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)

func demoCharts(t testing.TB, days int) []report.MARChart {
	t.Helper()
	st := demotest.Open(t, demo.Options{Residents: 3, Now: now})
	charts, err := report.BuildMARChart(st, nil, now.AddDate(0, 0, 1-days), days, now)
	if err != nil {
		t.Fatal(err)
	}
	return charts
}

// The text of the PDF, read back by poppler's pdftotext, has what an
// inspector looks for on every page: the header, the allergy, the legend
// and the initials key.
func TestMARChartPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	var buf bytes.Buffer
	if err := marpdf.Write(&buf, demoCharts(t, 28), now); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mar.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	pages = pages[:len(pages)-1]
	if len(pages) < 3 {
		t.Fatalf("%d pages, want at least one per resident", len(pages))
	}
	for i, p := range pages {
		for _, want := range []string{"MAR chart: ", "NHS number: ", "Codes", "Refused", "Initials", "Date of birth"} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
		if !strings.Contains(p, "ALLERGIES: ") && !strings.Contains(p, "No known allergies") {
			t.Errorf("page %d says nothing about allergies", i+1)
		}
	}
	if !strings.Contains(pages[0], "ALLERGIES: Penicillin") || !strings.Contains(pages[0], "Co-careldopa") {
		t.Errorf("Margaret's first page lacks her allergy or her time-critical medicine:\n%s", pages[0])
	}
}

// BenchmarkMARChart28Days is one resident's 28-day chart built and laid
// out as a PDF (target: under 300 ms).
func BenchmarkMARChart28Days(b *testing.B) {
	st := demotest.Open(b, demo.Options{Residents: 3, Now: now})
	for b.Loop() {
		charts, err := report.BuildMARChart(st, []string{"res-001"}, now.AddDate(0, 0, -27), 28, now)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := marpdf.Write(&buf, charts, now); err != nil {
			b.Fatal(err)
		}
	}
}

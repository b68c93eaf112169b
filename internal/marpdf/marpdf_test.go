package marpdf_test

import (
	"bytes"
	"fmt"
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

// Names outside Latin-1 print as written: DejaVu Sans is embedded, where
// fpdf's Helvetica printed "?" for every letter beyond Latin-1.
func TestMARChartPrintsNamesBeyondLatin1(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	day := time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct{ name, gp, allergy, medicine string }{
		{"Zoë Łukasiewicz", "Dr Siobhán Ní Bhriain, Riverside Surgery, tel 01632 960123", "Pénicilline", "Paracetamol 500mg tablets"},
		{"Nguyễn Thị Hà", "", "", "Amlodipine 5mg tablets"},
		{"Ólafur Þórðarson", "Canal Street Medical Centre", "", "Zopiclone 3.75mg tablets"},
		{"Σοφία Παπαδοπούλου", "Δρ Νίκος Γεωργίου", "", "Metformin 500mg tablets"},
		{"Анна Иванова", "", "Пенициллин", "Co-careldopa 25mg/100mg tablets"},
	}
	var charts []report.MARChart
	for i, tt := range tests {
		c := report.MARChart{Home: "Rowan House", TimeZone: "Europe/London", ResidentID: fmt.Sprintf("R%03d", i+1),
			Name: tt.name, GP: tt.gp, Days: []time.Time{day},
			Lines: []report.ChartLine{{Medicine: tt.medicine, Dose: "1 tablet", Times: "08:00",
				Rows: []report.ChartRow{{Time: "08:00", Cells: [][]report.Mark{{{Text: "ŁK"}}}}}}},
			Key: []report.InitialsKey{{Initials: "ŁK", Name: "Łucja Kowalska", UserID: "lucja"}}}
		if tt.allergy != "" {
			c.Allergies = []string{tt.allergy}
		}
		charts = append(charts, c)
	}
	pages := pdfPages(t, charts)
	if len(pages) != len(tests) {
		t.Fatalf("%d pages, want %d", len(pages), len(tests))
	}
	for i, tt := range tests {
		wants := []string{"MAR chart: " + tt.name, tt.medicine, "ŁK = Łucja Kowalska"}
		if tt.gp != "" {
			wants = append(wants, "GP: "+tt.gp)
		} else {
			wants = append(wants, "GP: not recorded")
		}
		if tt.allergy != "" {
			wants = append(wants, "ALLERGIES: "+tt.allergy)
		}
		for _, w := range wants {
			if !strings.Contains(pages[i], w) {
				t.Errorf("%s: page lacks %q:\n%s", tt.name, w, pages[i])
			}
		}
		if strings.Contains(pages[i], "?") {
			t.Errorf("%s: page has a ? where a letter could not be printed:\n%s", tt.name, pages[i])
		}
	}
}

// pdfPages writes the charts as a PDF and reads each page's text back
// with pdftotext.
func pdfPages(t *testing.T, charts []report.MARChart) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := marpdf.Write(&buf, charts, now); err != nil {
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
	return pages[:len(pages)-1]
}

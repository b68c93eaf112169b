package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

func notGivenReport(t *testing.T, note string) *Report {
	t.Helper()
	src := fixture()
	src.residents[0].FamilyName = `O'Brien, "Molly"`
	src.events = []mar.Event{
		notGiven(1, nightMed, at(t, "2025-01-15 21:00"), at(t, "2025-01-15 21:05"), mar.ReasonOther, note),
	}
	from := at(t, "2025-01-15 00:00")
	return build(t, src, KindNotGiven, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
}

func TestWriteCSVHeaderAndEscaping(t *testing.T) {
	tests := []struct {
		name     string
		note     string
		wantNote string
	}{
		{"note with a comma and quotes survives a round trip",
			`said "not now", try later`, `said "not now", try later`},
		{"note on two lines stays one field", "spat out\nre-offered at 21:30", "spat out\nre-offered at 21:30"},
		{"note starting with = is not read as a formula", `=HYPERLINK("http://x")`, `'=HYPERLINK("http://x")`},
		{"note starting with - is not read as a formula", "-refused twice", "'-refused twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := notGivenReport(t, tt.note).WriteCSV(&buf); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("output is not CSV: %v\n%s", err, buf.String())
			}
			want := []string{"resident_id", "resident", "room", "entry_id", "medicine", "dose", "round",
				"due", "occurred_at", "outcome", "reason", "note", "user_id", "event_id",
				"reviewed_by", "reviewed_at", "review_action"}
			if !slices.Equal(recs[0], want) {
				t.Fatalf("header = %q, want %q", recs[0], want)
			}
			if len(recs) != 2 {
				t.Fatalf("records = %d, want header and one row", len(recs))
			}
			row := map[string]string{}
			for i, k := range recs[0] {
				row[k] = recs[1][i]
			}
			if row["note"] != tt.wantNote {
				t.Errorf("note = %q, want %q", row["note"], tt.wantNote)
			}
			if row["resident"] != `Mary O'Brien, "Molly"` || row["reason"] != "other" ||
				row["due"] != "2025-01-15T21:00:00Z" || row["round"] != "night" {
				t.Errorf("row = %q", row)
			}
		})
	}
}

func TestWriteCSVShowsTheOffsetInSummer(t *testing.T) {
	src := fixture().only(morningMed)
	from := at(t, "2025-07-01 00:00")
	rep := build(t, src, KindMissed, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "2025-07-01T08:00:00+01:00") {
		t.Errorf("csv lacks the BST due time:\n%s", buf.String())
	}
}

func TestWriteJSONShape(t *testing.T) {
	rep := notGivenReport(t, "asleep")
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Kind       string `json:"kind"`
		TimeZone   string `json:"timeZone"`
		From       string `json:"from"`
		Rows       []map[string]any
		Total      Summary   `json:"total"`
		ByResident []Summary `json:"byResident"`
		ByRound    []Summary `json:"byRound"`
		ByReason   []Summary `json:"byReason"`
	}
	dec := json.NewDecoder(&buf)
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not one JSON document: %v", err)
	}
	if dec.More() {
		t.Errorf("more than one JSON document")
	}
	if doc.Kind != "not-given" || doc.TimeZone != "Europe/London" || doc.From != "2025-01-15T00:00:00Z" {
		t.Errorf("head = %q %q %q", doc.Kind, doc.TimeZone, doc.From)
	}
	if len(doc.Rows) != 1 || doc.Total.Count != 1 || len(doc.ByResident) != 1 ||
		len(doc.ByRound) != 1 || len(doc.ByReason) != 1 {
		t.Fatalf("doc = %+v", doc)
	}
	row := doc.Rows[0]
	for _, k := range []string{"residentId", "resident", "entryId", "medicine", "round", "due",
		"eventId", "occurredAt", "outcome", "reason", "note"} {
		if _, ok := row[k]; !ok {
			t.Errorf("row lacks %q: %v", k, row)
		}
	}
	for _, k := range []string{"prn", "timing", "minutes", "away"} {
		if _, ok := row[k]; ok {
			t.Errorf("row has %q, which a not-given row should leave out", k)
		}
	}
}

func TestWriteJSONOfAnEmptyReportHasEmptyRows(t *testing.T) {
	src := fixture()
	from := at(t, "2025-01-15 00:00")
	rep := build(t, src, KindPRN, from, from.Add(time.Hour), from.Add(2*time.Hour))
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"rows": []`) {
		t.Errorf("rows not an empty list:\n%s", buf.String())
	}
}

func TestWriteTable(t *testing.T) {
	src := fixture().only(morningMed, nightMed)
	from := at(t, "2025-01-15 00:00")
	rep := build(t, src, KindMissed, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Missed doses, Care home: 2025-01-15 00:00 to 2025-01-16 00:00 (Europe/London)",
		"Resident    Room  Medicine",
		"Mary Smith  3     Amlodipine 5mg tablets    1 tablet  morning                 2025-01-15 08:00  07:00-09:00",
		"By resident", "By round", "All",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestWriteTableOfPRNUse(t *testing.T) {
	src := fixture()
	src.events = []mar.Event{prnDoseEvent(1, at(t, "2025-01-15 08:00"), 2)}
	from := at(t, "2025-01-15 00:00")
	rep := build(t, src, KindPRN, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	var buf bytes.Buffer
	if err := rep.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Paracetamol 500mg tablets") || !strings.Contains(buf.String(), "8 tablet per 24h") {
		t.Errorf("table:\n%s", buf.String())
	}
	if strings.Contains(buf.String(), "By round") {
		t.Errorf("PRN table has a per-round summary:\n%s", buf.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWritersReportAFailedWrite(t *testing.T) {
	rep := notGivenReport(t, "x")
	for name, write := range map[string]func() error{
		"table": func() error { return rep.WriteTable(failingWriter{}) },
		"csv":   func() error { return rep.WriteCSV(failingWriter{}) },
		"json":  func() error { return rep.WriteJSON(failingWriter{}) },
	} {
		if err := write(); err == nil {
			t.Errorf("%s writer ignored a failed write", name)
		}
	}
}

func TestCellsMatchColumns(t *testing.T) {
	rep := notGivenReport(t, "x")
	if got, want := len(rep.Cells(0)), len(rep.Columns()); got != want {
		t.Errorf("cells = %d, columns = %d", got, want)
	}
	if rep.Cells(1) != nil || rep.Cells(-1) != nil {
		t.Errorf("cells of a row that does not exist are not nil")
	}
}

package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

// FuzzWriteCSV writes a not-given row whose note, resident name and
// override reason are arbitrary text, and checks that a CSV reader gets
// back exactly one row with the text intact (or defused as a formula).
func FuzzWriteCSV(f *testing.F) {
	for _, s := range []string{`said "not now", try later`, "=1+1", "two\nlines", "\r\n", "", "-", "\"", "a,b"} {
		f.Add(s, s)
	}
	from := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, note, name string) {
		src := fixture()
		src.residents[0].GivenName, src.residents[0].FamilyName = name, ""
		src.events = []mar.Event{notGiven(1, nightMed, from.Add(21*time.Hour), from.Add(21*time.Hour), mar.ReasonOther, note)}
		rep, err := Build(src, KindNotGiven, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rep.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("WriteCSV wrote what a CSV reader cannot read: %v\n%q", err, buf.String())
		}
		if len(recs) != 2 {
			t.Fatalf("records = %d, want header and one row\n%q", len(recs), buf.String())
		}
		row := map[string]string{}
		for i, k := range recs[0] {
			row[k] = recs[1][i]
		}
		if got, want := row["note"], csvText(note); got != want {
			t.Errorf("note = %q, want %q", got, want)
		}
		if got, want := row["resident"], csvText(strings.TrimSpace(name)); got != want {
			t.Errorf("resident = %q, want %q", got, want)
		}
		var table bytes.Buffer
		if err := rep.WriteTable(&table); err != nil {
			t.Fatal(err)
		}
	})
}

// csvText is what a CSV reader gives back for free text: defused, with the
// line ends a CSV reader folds.
func csvText(s string) string {
	return strings.ReplaceAll(defuseFormula(s), "\r\n", "\n")
}

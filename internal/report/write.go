package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

var titles = map[Kind]string{
	KindMissed: "Missed doses", KindLate: "Doses given late or early",
	KindNotGiven: "Doses refused or not given", KindPRN: "PRN use",
	KindOverridden: "Warnings overridden", KindUnscanned: "Doses recorded without a scan",
	KindStopped: "Stopped scans (near misses)", KindIncidents: "Incidents from the central record",
}

// countTitles names a summary's Count column for each kind.
var countTitles = map[Kind]string{
	KindMissed: "Missed", KindLate: "Late", KindNotGiven: "Not given", KindPRN: "PRN doses",
	KindOverridden: "Overridden", KindUnscanned: "Not scanned", KindStopped: "Stopped", KindIncidents: "Incidents",
}

// WriteJSON writes the report as one JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write %s report as json: %w", r.Kind, err)
	}
	return nil
}

// WriteCSV writes the report's rows as CSV with a header row. Summaries are
// left out: a spreadsheet sums the rows itself, and one CSV holds one table.
func (r *Report) WriteCSV(w io.Writer) error {
	if err := writeCSV(w, csvColumns(r.Kind), r.Rows); err != nil {
		return fmt.Errorf("write %s report as csv: %w", r.Kind, err)
	}
	return nil
}

// writeCSV writes rows under a header of the columns' keys.
func writeCSV(w io.Writer, cols []column, rows []Row) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.key
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for i := range rows {
		for j, c := range cols {
			v := c.value(&rows[i], csvTime)
			if c.text {
				v = defuseFormula(v)
			}
			rec[j] = v
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvColumns(k Kind) []column {
	var out []column
	for _, c := range columnsByKind[k] {
		if c.csv {
			out = append(out, c)
		}
	}
	return out
}

// defuseFormula stops a spreadsheet reading free text such as a note
// "=HYPERLINK(...)" as a formula (CSV injection): text starting with one of
// = + - @ or a tab or carriage return gets a leading apostrophe, which
// spreadsheets show as text.
func defuseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteTable writes the report for a person: a title, the rows aligned in
// columns, then the summaries per resident, per round and per reason.
func (r *Report) WriteTable(w io.Writer) error {
	// tabwriter drops the errors of the writes it buffers, so it writes to
	// memory and the one write to w reports any failure.
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s, %s: %s to %s (%s), as of %s\n", titles[r.Kind], r.Home,
		tableTime(r.From), tableTime(r.To), r.TimeZone, tableTime(r.AsOf))
	for _, warning := range r.Warnings {
		fmt.Fprintf(tw, "Warning: %s\n", warning)
	}
	fmt.Fprintln(tw)
	if len(r.Rows) == 0 {
		fmt.Fprintf(tw, "No rows: nothing to report for this period.\n")
	} else {
		writeLine(tw, r.Columns())
		for i := range r.Rows {
			writeLine(tw, r.Cells(i))
		}
	}
	r.writeSummaries(tw)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write %s report as table: %w", r.Kind, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write %s report as table: %w", r.Kind, err)
	}
	return nil
}

func (r *Report) writeSummaries(tw *tabwriter.Writer) {
	sections := []struct {
		title, group string
		rows         []Summary
	}{
		{"By resident", "Resident", r.ByResident},
		{"By round", "Round", r.ByRound},
		{"By reason", "Reason", r.ByReason},
	}
	for _, s := range sections {
		if len(s.rows) == 0 {
			continue
		}
		fmt.Fprintf(tw, "\n%s\n", s.title)
		writeLine(tw, r.summaryHeader(s.group))
		for _, sum := range s.rows {
			writeLine(tw, r.summaryCells(sum))
		}
		writeLine(tw, r.summaryCells(total(s.rows)))
	}
}

func (r *Report) summaryHeader(group string) []string {
	h := []string{group, countTitles[r.Kind]}
	switch r.Kind {
	case KindMissed:
		h = append(h, "Due", "Pending", "Away")
	case KindLate:
		h = append(h, "Early", "Due")
	}
	return h
}

func (r *Report) summaryCells(s Summary) []string {
	c := []string{s.Label, strconv.Itoa(s.Count)}
	switch r.Kind {
	case KindMissed:
		c = append(c, strconv.Itoa(s.Due), strconv.Itoa(s.Pending), strconv.Itoa(s.Away))
	case KindLate:
		c = append(c, strconv.Itoa(s.Early), strconv.Itoa(s.Due))
	}
	return c
}

// writeLine writes cells as one tab-separated line; tabs and newlines in a
// cell would break the columns, so they become spaces.
func writeLine(w io.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			io.WriteString(w, "\t")
		}
		io.WriteString(w, strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, c))
	}
	io.WriteString(w, "\n")
}

// WriteCSV writes a section of the review as CSV: the columns of the
// report its rows come from (those of `medroundctl report`), so a file
// saved from the screen reads like one made on the command line. The
// time-critical section, which holds missed and late rows, has the late
// report's columns and the missed report's "away".
func (s *Section) WriteCSV(w io.Writer) error {
	if err := writeCSV(w, sectionColumns(s.ID), s.Rows); err != nil {
		return fmt.Errorf("write %s as csv: %w", strings.ToLower(s.ID.Title()), err)
	}
	return nil
}

func sectionColumns(id SectionID) []column {
	switch id {
	case SectionTimeCritical:
		return append(csvColumns(KindLate), colAway)
	}
	return csvColumns(sectionKinds[id])
}

// sectionKinds names the report each section's rows come from.
var sectionKinds = map[SectionID]Kind{
	SectionMissed: KindMissed, SectionLate: KindLate, SectionNotGiven: KindNotGiven,
	SectionRefused: KindNotGiven, SectionOverridden: KindOverridden, SectionUnscanned: KindUnscanned,
	SectionPRN: KindPRN, SectionStopped: KindStopped, SectionIncidents: KindIncidents,
}

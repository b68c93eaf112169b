package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

// stopEvent is a scan the check stopped for the fixture's resident: a
// pack (GTIN) not on the chart, or a chart line (entry) stopped by codes.
func stopEvent(n int, occurred time.Time, entryID, gtin, user string, codes ...string) mar.Event {
	ev := mar.Event{ID: eventID(n), Kind: mar.KindStoppedScan, DeviceID: "tab-1", UserID: user,
		ResidentID: resident, OccurredAt: occurred, RecordedAt: occurred, GTIN: gtin,
		Verdict: mar.LevelStop, ReasonCodes: codes}
	if entryID != "" {
		ev.EntryID, ev.EntryVersion = entryID, 1
	}
	return ev
}

// stopRows writes each stopped-scan row as "HH:MM xN user", N its stops.
func stopRows(rep *Report, loc *time.Location) []string {
	out := []string{}
	for _, r := range rep.Rows {
		out = append(out, fmt.Sprintf("%s x%d %s", r.OccurredAt.In(loc).Format("15:04"), r.Stops, r.UserID))
	}
	return out
}

func TestRepeatedStopsOfOnePackAreOneRow(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	const wrongPack, otherPack = "05000000000017", "05000000000024"
	notOnChart := func(n int, hhmm, user string) mar.Event {
		return stopEvent(n, d(hhmm), "", wrongPack, user, "NOT_ON_CHART")
	}
	tests := []struct {
		name   string
		events []mar.Event
		want   []string
	}{
		{"the wrong pack scanned three times in a minute is one row, scanned 3 times",
			[]mar.Event{notOnChart(1, "08:01", "amy"), notOnChart(2, "08:01", "amy"), notOnChart(3, "08:02", "amy")},
			[]string{"08:01 x3 amy"}},
		{"a stop exactly 10 minutes after the first is the same near miss",
			[]mar.Event{notOnChart(1, "08:00", "amy"), notOnChart(2, "08:10", "amy")},
			[]string{"08:00 x2 amy"}},
		{"the same pack 11 minutes after the first is a new row",
			[]mar.Event{notOnChart(1, "08:00", "amy"), notOnChart(2, "08:05", "amy"), notOnChart(3, "08:11", "amy")},
			[]string{"08:00 x2 amy", "08:11 x1 amy"}},
		{"stops every 5 minutes do not chain into one row for an hour",
			[]mar.Event{notOnChart(1, "08:00", "amy"), notOnChart(2, "08:05", "amy"), notOnChart(3, "08:10", "amy"),
				notOnChart(4, "08:15", "amy"), notOnChart(5, "08:20", "amy")},
			[]string{"08:00 x3 amy", "08:15 x2 amy"}},
		{"another pack stopped in the same minute is its own row",
			[]mar.Event{notOnChart(1, "08:01", "amy"), stopEvent(2, d("08:01"), "", otherPack, "amy", "NOT_ON_CHART")},
			[]string{"08:01 x1 amy", "08:01 x1 amy"}},
		{"the same chart line stopped for another reason is its own row",
			[]mar.Event{stopEvent(1, d("08:01"), nightMed, "", "amy", "TOO_EARLY"),
				stopEvent(2, d("08:02"), nightMed, "", "amy", "EXPIRED"), stopEvent(3, d("08:03"), nightMed, "", "amy", "TOO_EARLY")},
			[]string{"08:01 x2 amy", "08:02 x1 amy"}},
		{"the same codes in another order are the same stop",
			[]mar.Event{stopEvent(1, d("08:01"), nightMed, "", "amy", "TOO_EARLY", "EXPIRED"),
				stopEvent(2, d("08:02"), nightMed, "", "amy", "EXPIRED", "TOO_EARLY")},
			[]string{"08:01 x2 amy"}},
		{"two care workers stopped on one pack are two near misses",
			[]mar.Event{notOnChart(1, "08:01", "amy"), notOnChart(2, "08:02", "bob")},
			[]string{"08:01 x1 amy", "08:02 x1 bob"}},
		{"a stop corrected as entered in error is not counted",
			[]mar.Event{notOnChart(1, "08:01", "amy"), notOnChart(2, "08:02", "amy"), correct(3, 2, d("08:30"))},
			[]string{"08:01 x1 amy"}},
		{"stops stored out of time order group by when they happened",
			[]mar.Event{notOnChart(2, "08:04", "amy"), notOnChart(1, "08:01", "amy")},
			[]string{"08:01 x2 amy"}},
		{"no stops, no rows", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture()
			src.events = tt.events
			rep := build(t, src, KindStopped, d("00:00"), d("23:00"), d("23:00"))
			if got := stopRows(rep, london); !slices.Equal(got, tt.want) {
				t.Errorf("rows = %q, want %q", got, tt.want)
			}
			if rep.Total.Count != len(tt.want) {
				t.Errorf("total = %d, want %d: one per row", rep.Total.Count, len(tt.want))
			}
		})
	}
}

// The review's stopped scans, its CSV and the report agree: one row for
// the three stops, its follow-up whichever stop it was recorded against,
// "scanned 3 times" on the screen and the table, 3 in the CSV.
func TestGroupedStopsReadAlikeEverywhere(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	src := fixture()
	src.events = []mar.Event{
		stopEvent(1, d("08:01"), "", "05000000000017", "amy", "NOT_ON_CHART"),
		stopEvent(2, d("08:01"), "", "05000000000017", "amy", "NOT_ON_CHART"),
		stopEvent(3, d("08:02"), "", "05000000000017", "amy", "NOT_ON_CHART"),
		{ID: eventID(4), Kind: mar.KindReview, UserID: "U-manager", ResidentID: resident, OccurredAt: d("09:00"),
			RecordedAt: d("09:00"), About: eventID(3), Note: "staff supervision booked"},
	}
	rep := build(t, src, KindStopped, d("00:00"), d("23:00"), d("23:00"))
	rv, err := BuildReview(src, d("00:00"), d("23:00"), d("23:00"))
	if err != nil {
		t.Fatal(err)
	}
	var sec *Section
	for i := range rv.Sections {
		if rv.Sections[i].ID == SectionStopped {
			sec = &rv.Sections[i]
		}
	}
	if len(rep.Rows) != 1 || sec == nil || len(sec.Rows) != 1 {
		t.Fatalf("report rows %d, review rows %v; want one row each", len(rep.Rows), sec)
	}
	r := rep.Rows[0]
	if r.EventID != eventID(1).String() || r.StopsText() != "scanned 3 times" ||
		!slices.Equal(r.Repeated, []string{eventID(2).String(), eventID(3).String()}) {
		t.Errorf("row = %+v; want the first stop's, scanned 3 times, with the other two", r)
	}
	if r.Reviewed == nil || r.Reviewed.Action != "staff supervision booked" || sec.Rows[0].Reviewed == nil {
		t.Errorf("follow-up of the third stop: report %+v, review %+v; want it on the row", r.Reviewed, sec.Rows[0].Reviewed)
	}
	var fromReport, fromReview, table bytes.Buffer
	if err := rep.WriteCSV(&fromReport); err != nil {
		t.Fatal(err)
	}
	if err := sec.WriteCSV(&fromReview); err != nil {
		t.Fatal(err)
	}
	if fromReport.String() != fromReview.String() {
		t.Errorf("CSV of the report:\n%s\nof the review:\n%s", fromReport.String(), fromReview.String())
	}
	lines := strings.Split(strings.TrimSpace(fromReport.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], ",stops,") || !strings.Contains(lines[1], ",3,") {
		t.Errorf("CSV = %q; want one row with 3 stops", lines)
	}
	if err := rep.WriteTable(&table); err != nil || !strings.Contains(table.String(), "scanned 3 times") {
		t.Errorf("table (%v):\n%s\nwant scanned 3 times", err, table.String())
	}
}

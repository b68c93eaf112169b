package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/round"
	"medround/internal/store"
)

// pullIncident stores an incident the central record found, as a pull
// would, for the demo's first resident's first chart line.
func pullIncident(t *testing.T, dir string, at time.Time, code string) mar.Event {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hist, err := st.ChartHistory("res-001")
	if err != nil || len(hist) == 0 {
		t.Fatalf("chart of res-001: %d lines, %v", len(hist), err)
	}
	inc := mar.Event{ID: uuid.New(), Kind: mar.KindIncident, DeviceID: "central", ResidentID: "res-001",
		EntryID: hist[0].ID, EntryVersion: hist[0].Version, OccurredAt: at, RecordedAt: at,
		ReasonCodes: []string{code}, Note: "given on two tablets"}
	cursor, err := st.SyncCursor()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyPulled([]store.PulledChange{{Event: &inc}}, cursor+1); err != nil {
		t.Fatal(err)
	}
	return inc
}

// The incidents report is the review's incidents section: the same rows,
// and the same CSV the review's share button saves.
func TestReportIncidentsIsTheReviewsSection(t *testing.T) {
	dir := demoDir(t)
	now := time.Now().UTC()
	recent := pullIncident(t, dir, now.Add(-time.Hour), "DOUBLE_DOSE")
	old := pullIncident(t, dir, now.Add(-72*time.Hour), "PRN_MAX_EXCEEDED")
	from, to := now.Add(-96*time.Hour).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)

	code, out, errs := ctl(t, "--data", dir, "report", "incidents", "--from", from, "--to", to, "--csv")
	if code != exitOK || !strings.HasPrefix(out, "resident_id,") || !strings.Contains(out, recent.ID.String()) || !strings.Contains(out, old.ID.String()) {
		t.Fatalf("report incidents --csv: exit %d, %q %q; want both incidents", code, out, errs)
	}
	st, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ft, _ := time.Parse(time.RFC3339, from)
	tt, _ := time.Parse(time.RFC3339, to)
	rv, err := round.New(st, round.Options{}).Review(ft, tt)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	for i := range rv.Sections {
		if rv.Sections[i].ID == report.SectionIncidents {
			if err := rv.Sections[i].WriteCSV(&want); err != nil {
				t.Fatal(err)
			}
		}
	}
	if out != want.String() {
		t.Errorf("report incidents --csv:\n%s\nthe review's incidents section saves:\n%s", out, want.String())
	}

	code, out, errs = ctl(t, "--data", dir, "report", "incidents", "--json")
	var rep report.Report
	if code != exitOK || json.Unmarshal([]byte(out), &rep) != nil {
		t.Fatalf("report incidents --json: exit %d, %q %q", code, out, errs)
	}
	if len(rep.Rows) != 1 || rep.Rows[0].EventID != recent.ID.String() || rep.Kind != report.KindIncidents ||
		len(rep.ByReason) != 1 || rep.ByReason[0].Key != "DOUBLE_DOSE" {
		t.Errorf("report incidents over the review's period (since 07:00 yesterday) = %+v; want the recent incident only", rep)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"--from without --to", []string{"report", "incidents", "--from", from}},
		{"--csv with --json", []string{"report", "incidents", "--csv", "--json"}},
	} {
		if code, _, _ := ctl(t, append([]string{"--data", dir}, c.args...)...); code != exitUsage {
			t.Errorf("report %s: exit %d, want %d", c.name, code, exitUsage)
		}
	}
}

// The table names the report and each incident with the centre's code.
func TestReportIncidentsTable(t *testing.T) {
	dir := demoDir(t)
	pullIncident(t, dir, time.Now().Add(-time.Hour), "DOUBLE_DOSE")
	code, out, errs := ctl(t, "--data", dir, "report", "incidents")
	if code != exitOK || !strings.HasPrefix(out, "Incidents from the central record, Willow House: ") ||
		!strings.Contains(out, "DOUBLE_DOSE  given on two tablets") || !strings.Contains(out, "By reason") {
		t.Errorf("report incidents: exit %d, %q %q; want the table with the incident and its code", code, out, errs)
	}
}

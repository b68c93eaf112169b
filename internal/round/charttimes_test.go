package round_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/schedule"
	"medround/internal/store"
)

// A chart dose the home cannot place on a round is explained by resident
// and medicine, with what to do, never by chart IDs or an error chain.
func TestChartTimesAreExplainedByResidentAndMedicine(t *testing.T) {
	night := func(id string) *schedule.TimingError {
		return &schedule.TimingError{EntryID: id, Err: &schedule.MissingRoundError{Round: "night", Need: `when code "NIGHT" needs a`}}
	}
	twice := func(id string) *schedule.TimingError {
		return &schedule.TimingError{EntryID: id, Err: errors.New("two of this entry's times fall on the same round (teatime): the chart must say two different times")}
	}
	tests := []struct {
		name    string
		err     *round.ChartTimesError
		says    []string
		neither []string
	}{
		{"a night dose in a home without a night round",
			&round.ChartTimesError{ResidentID: "R101", Resident: "Margaret Ellis", Entries: []round.UnplacedEntry{{Medicine: "Simvastatin 40mg tablets", Err: night("e-simva")}}},
			[]string{"Margaret Ellis's chart gives Simvastatin 40mg tablets at the night round", "add the night round and its time in Settings", "or to correct the chart"},
			[]string{"e-simva", "R101", "\n", "cannot work out"}},
		{"two night medicines are named in one sentence",
			&round.ChartTimesError{ResidentID: "R101", Resident: "Margaret Ellis", Entries: []round.UnplacedEntry{
				{Medicine: "Simvastatin 40mg tablets", Err: night("a")}, {Medicine: "Senna 7.5mg tablets", Err: night("b")}}},
			[]string{"Simvastatin 40mg tablets and Senna 7.5mg tablets at the night round,"},
			[]string{"; "}},
		{"a chart that gives two doses on one round is to be corrected",
			&round.ChartTimesError{ResidentID: "R101", Resident: "Margaret Ellis", Entries: []round.UnplacedEntry{{Medicine: "Lactulose", Err: twice("e-lact")}}},
			[]string{"Margaret Ellis's chart gives Lactulose times this home's day cannot hold", "same round (teatime)", "ask a manager to correct the chart"},
			[]string{"Settings", "e-lact"}},
		{"a medicine not found is still explained",
			&round.ChartTimesError{ResidentID: "R101", Resident: "Margaret Ellis", Entries: []round.UnplacedEntry{{Err: night("gone")}}},
			[]string{"gives a medicine at the night round"}, []string{"gone"}},
	}
	for _, tt := range tests {
		got := round.Explain(fmt.Errorf("round doses: %w", tt.err))
		for _, s := range tt.says {
			if !strings.Contains(got, s) {
				t.Errorf("%s: Explain = %q, want it to say %q", tt.name, got, s)
			}
		}
		for _, s := range tt.neither {
			if strings.Contains(got, s) {
				t.Errorf("%s: Explain = %q, must not say %q", tt.name, got, s)
			}
		}
		if strings.Contains(tt.err.Error(), tt.err.Resident) {
			t.Errorf("%s: Error() = %q names the resident: it may go to a log", tt.name, tt.err.Error())
		}
	}
}

// The home loses its night round while residents have night doses (set
// before the settings refused it, or synced from elsewhere): the board
// still loads every resident, each affected row says which medicine is on
// no round and what to do, the line above the board names every affected
// resident, and the check of such a dose never says give.
func TestBoardWithoutARoundTheChartNeeds(t *testing.T) {
	svc, st, _ := newDemoStore(t)
	h, err := svc.Home()
	if err != nil {
		t.Fatal(err)
	}
	h.Rounds = slices.DeleteFunc(h.Rounds, func(r mar.Round) bool { return r.Name == schedule.Night })
	if err := st.PutHome(h); err != nil { // the store, not PutHome: the service refuses it
		t.Fatal(err)
	}
	rows, err := svc.Board(at("08:30"), "morning")
	if err != nil {
		t.Fatalf("Board without a night round = %v, want every resident it can load", err)
	}
	residents, _ := st.Residents()
	if len(rows) != len(residents) {
		t.Errorf("Board has %d rows, want all %d residents", len(rows), len(residents))
	}
	var affected []string
	due := 0
	for _, r := range rows {
		due += r.Due
		if r.Unplaced == "" {
			continue
		}
		affected = append(affected, r.Resident.Name())
		if !strings.Contains(r.Unplaced, ": on no round (this home has no night round). Ask a manager to add it or correct the chart.") ||
			strings.Contains(r.Unplaced, "chart entry") {
			t.Errorf("row of %s says %q, want the medicine, the night round and what to do, no chart entry ID", r.Resident.Name(), r.Unplaced)
		}
	}
	if len(affected) < 2 || due == 0 {
		t.Fatalf("affected residents %v, doses due %d: want at least two affected and the morning doses still on the board", affected, due)
	}
	summary := round.UnplacedSummary(rows)
	for _, name := range affected {
		if !strings.Contains(summary, name) {
			t.Errorf("UnplacedSummary = %q, want it to name %s", summary, name)
		}
	}
	if got := round.UnplacedSummary(rows[:0]); got != "" {
		t.Errorf("UnplacedSummary of a board with nothing unplaced = %q, want none", got)
	}
	view, err := svc.ResidentView(residentWithNightDose(t, st, h).ID, at("08:30"))
	if err != nil || !strings.Contains(view.Unplaced, "night round") || len(view.Due) == 0 {
		t.Errorf("ResidentView of an affected resident = %v, %+v; want their other doses and the unplaced words", err, view)
	}
}

// residentWithNightDose is a resident whose chart gives a dose at the
// night round the home h lacks.
func residentWithNightDose(t *testing.T, st *store.Store, h mar.Home) mar.Resident {
	t.Helper()
	residents, err := st.Residents()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range residents {
		chart, _ := st.Chart(r.ID)
		if _, err := schedule.Day(h, chart, at("12:00")); err != nil {
			return r
		}
	}
	t.Fatal("no demo resident has a night dose")
	return mar.Resident{}
}

// A scan of a dose charted at a round the home lacks stops with words
// that say why and what to do; the resident's other medicines are checked
// as usual.
func TestCheckOfADoseOnARoundTheHomeLacks(t *testing.T) {
	svc, st, _ := newDemoStore(t)
	h, err := svc.Home()
	if err != nil {
		t.Fatal(err)
	}
	full := h
	h.Rounds = slices.DeleteFunc(slices.Clone(h.Rounds), func(r mar.Round) bool { return r.Name == schedule.Night })
	if err := st.PutHome(h); err != nil {
		t.Fatal(err)
	}
	r := residentWithNightDose(t, st, h)
	chart, err := st.Chart(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range chart {
		if e.PRN || e.Status != mar.EntryActive {
			continue
		}
		_, errWithout := schedule.Day(h, []mar.ChartEntry{e}, at("12:00"))
		_, errWith := schedule.Day(full, []mar.ChartEntry{e}, at("12:00"))
		res, err := svc.Check(round.CheckRequest{ResidentScan: r.ID, ResidentChosen: true, EntryID: e.ID, At: at("21:30")})
		if err != nil {
			t.Fatalf("Check(%s): %v", e.ID, err)
		}
		v := res.Verdict
		switch {
		case errWithout != nil && errWith == nil:
			checked++
			if v.Level != mar.LevelStop || !v.Has(check.CannotDecide) {
				t.Errorf("night dose %s without a night round: verdict %v %v, want stop, cannot decide", e.ID, v.Level, v.Reasons)
			}
			for _, reason := range v.Reasons {
				if reason.Code == check.CannotDecide && !strings.Contains(reason.Message, "Do not give. ") ||
					reason.Code == check.CannotDecide && !strings.Contains(reason.Message, "night round, which this home does not have") {
					t.Errorf("night dose %s: reason %q, want do not give and why", e.ID, reason.Message)
				}
			}
		case errWithout == nil:
			if v.Has(check.CannotDecide) {
				t.Errorf("dose %s the home's rounds place: verdict %v %v, want it checked as usual", e.ID, v.Level, v.Reasons)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no night dose was checked")
	}
}

// A chart line whose times fall twice on one round (AFT and EVE are both
// teatime) is on no round: the row says the chart's times do not fit and
// to ask a manager to correct it; the resident's other doses stay on the
// board.
func TestBoardRowWhenTheChartsTimesDoNotFitTheRounds(t *testing.T) {
	svc, st, _ := newDemoStore(t)
	residents, err := st.Residents()
	if err != nil {
		t.Fatal(err)
	}
	chart, err := st.Chart(residents[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	twice := chart[0]
	twice.ID, twice.PRN, twice.Status = "teatime-twice", false, mar.EntryActive
	twice.Timing = mar.Timing{When: []string{"AFT", "EVE"}}
	if _, err := st.ApplyChart(store.ChartUpdate{Entries: []mar.ChartEntry{twice}, At: demoNow.Add(-48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	rows, err := svc.Board(at("08:30"), "morning")
	if err != nil {
		t.Fatalf("Board = %v, want every resident", err)
	}
	r := rows[0]
	if r.Resident.ID != residents[0].ID || r.Due == 0 ||
		!strings.HasSuffix(r.Unplaced, ": on no round (the chart's times do not fit the rounds). Ask a manager to correct the chart.") {
		t.Errorf("row of %s: %q with %d due, want the medicine, why, what to do and the other doses", r.Resident.Name(), r.Unplaced, r.Due)
	}
	for _, other := range rows[1:] {
		if other.Unplaced != "" {
			t.Errorf("row of %s says %q, want nothing", other.Resident.Name(), other.Unplaced)
		}
	}
}

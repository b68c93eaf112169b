package round_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"medround/internal/round"
	"medround/internal/schedule"
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

// A manager removes the night round while residents have night doses: the
// round board says whose medicine needs it and what to do.
func TestBoardWithoutARoundTheChartNeeds(t *testing.T) {
	svc, _ := newDemo(t)
	h, err := svc.Home()
	if err != nil {
		t.Fatal(err)
	}
	h.Rounds = h.Rounds[:len(h.Rounds)-1] // the night round is the last
	if err := svc.PutHome(signIn(t, svc, "meg", "3333"), h); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Board(at("08:30"), "morning")
	var ct *round.ChartTimesError
	if !errors.As(err, &ct) || ct.Resident == "" || len(ct.Entries) == 0 {
		t.Fatalf("Board without a night round = %v, want a ChartTimesError naming a resident", err)
	}
	var te *schedule.TimingError
	if !errors.As(err, &te) {
		t.Errorf("Board error %v does not carry the schedule's TimingError", err)
	}
	got := round.Explain(err)
	if !strings.Contains(got, ct.Resident+"'s chart gives ") || !strings.Contains(got, "night round") || strings.Contains(got, "chart entry") {
		t.Errorf("Explain = %q, want the resident, the night round and no chart entry ID", got)
	}
}

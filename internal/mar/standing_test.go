package mar_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// ids gives the events of a case readable names: "dose", "c1", "c2"...
func ids(names ...string) map[string]uuid.UUID {
	out := map[string]uuid.UUID{}
	for i, n := range names {
		out[n] = uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", i+1))
	}
	return out
}

func TestStanding(t *testing.T) {
	id := ids("dose", "other", "c1", "c2", "c3", "c4")
	at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	dose := mar.Event{ID: id["dose"], Kind: mar.KindAdministration, OccurredAt: at, Outcome: mar.OutcomeGiven}
	other := mar.Event{ID: id["other"], Kind: mar.KindAdministration, OccurredAt: at, Outcome: mar.OutcomeGiven}
	corr := func(name, target string) mar.Event {
		return mar.Event{ID: id[name], Kind: mar.KindCorrection, OccurredAt: at.Add(time.Hour), Corrects: id[target]}
	}
	cases := []struct {
		name      string
		events    []mar.Event
		stands    map[string]bool
		corrected map[string]string // record -> the correction CorrectedBy names, "" for none
	}{
		{"a dose nobody corrected stands",
			[]mar.Event{dose}, map[string]bool{"dose": true}, map[string]string{"dose": ""}},
		{"a record the log does not hold stands",
			nil, map[string]bool{"dose": true}, map[string]string{"dose": ""}},
		{"a dose corrected as entered in error is void",
			[]mar.Event{dose, corr("c1", "dose")}, map[string]bool{"dose": false, "c1": true},
			map[string]string{"dose": "c1"}},
		{"correcting one dose leaves another standing",
			[]mar.Event{dose, other, corr("c1", "dose")}, map[string]bool{"dose": false, "other": true},
			map[string]string{"other": ""}},
		{"a correction corrected in its turn restores the dose",
			[]mar.Event{dose, corr("c1", "dose"), corr("c2", "c1")},
			map[string]bool{"dose": true, "c1": false, "c2": true},
			map[string]string{"dose": "", "c1": "c2"}},
		{"three corrections deep the dose is void again",
			[]mar.Event{dose, corr("c1", "dose"), corr("c2", "c1"), corr("c3", "c2")},
			map[string]bool{"dose": false, "c1": true, "c2": false},
			map[string]string{"dose": "c1"}},
		{"order of the log does not matter: corrections read before the dose",
			[]mar.Event{corr("c3", "c2"), corr("c2", "c1"), corr("c1", "dose"), dose},
			map[string]bool{"dose": false}, map[string]string{"dose": "c1"}},
		{"two corrections of a dose, one withdrawn: the other still voids it",
			[]mar.Event{dose, corr("c1", "dose"), corr("c2", "dose"), corr("c3", "c1")},
			map[string]bool{"dose": false, "c1": false, "c2": true},
			map[string]string{"dose": "c2"}},
		{"two corrections of a dose, both withdrawn: the dose stands",
			[]mar.Event{dose, corr("c1", "dose"), corr("c2", "dose"), corr("c3", "c1"), corr("c4", "c2")},
			map[string]bool{"dose": true, "c1": false, "c2": false},
			map[string]string{"dose": ""}},
		{"corrections naming each other cannot be read: neither is void",
			[]mar.Event{dose, corr("c1", "c2"), corr("c2", "c1")},
			map[string]bool{"dose": true, "c1": true, "c2": true},
			map[string]string{"c1": "", "c2": ""}},
		{"a correction naming itself cannot be read: it stands",
			[]mar.Event{corr("c1", "c1")}, map[string]bool{"c1": true}, map[string]string{"c1": ""}},
		{"a correction repeated in the log counts once",
			[]mar.Event{dose, corr("c1", "dose"), corr("c2", "c1"), corr("c2", "c1")},
			map[string]bool{"dose": true, "c1": false}, map[string]string{"dose": ""}},
		{"a correction naming nothing is ignored",
			[]mar.Event{dose, {ID: id["c1"], Kind: mar.KindCorrection}},
			map[string]bool{"dose": true, "c1": true}, map[string]string{"dose": ""}},
		{"a PRN effect about a dose does not void it",
			[]mar.Event{dose, {ID: id["c1"], Kind: mar.KindPRNEffect, About: id["dose"], Corrects: id["dose"]}},
			map[string]bool{"dose": true}, map[string]string{"dose": ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := mar.NewStanding(tc.events)
			for name, want := range tc.stands {
				if got := s.Stands(id[name]); got != want {
					t.Errorf("Stands(%s) = %v, want %v", name, got, want)
				}
				if got := s.Voided()[id[name]]; got == want {
					t.Errorf("Voided()[%s] = %v, want %v", name, got, !want)
				}
			}
			for name, want := range tc.corrected {
				got := s.CorrectedBy(id[name])
				switch {
				case want == "" && got != nil:
					t.Errorf("CorrectedBy(%s) = %s, want none", name, got.ID)
				case want != "" && (got == nil || got.ID != id[want]):
					t.Errorf("CorrectedBy(%s) = %v, want %s", name, got, want)
				}
			}
		})
	}
}

// A long chain costs its length, without recursion: one hundred thousand
// corrections of corrections, the last standing, leave the dose void.
func TestStandingLongChain(t *testing.T) {
	const n = 100_000
	events := make([]mar.Event, n+1)
	events[0] = mar.Event{ID: uuid.New(), Kind: mar.KindAdministration}
	for i := 1; i <= n; i++ {
		events[i] = mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, Corrects: events[i-1].ID}
	}
	s := mar.NewStanding(events)
	if got, want := s.Stands(events[0].ID), n%2 == 0; got != want {
		t.Errorf("dose under %d corrections: Stands = %v, want %v", n, got, want)
	}
}

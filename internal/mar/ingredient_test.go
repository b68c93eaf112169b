package mar

import (
	"testing"
	"time"
)

func TestSameIngredient(t *testing.T) {
	paraSNOMED := Concept{Text: "Paracetamol", Codings: []Coding{{System: SystemSNOMED, Code: "387517004", Display: "Paracetamol"}}}
	paraVTM := Concept{Codings: []Coding{{System: SystemDMD, Code: "90332006", Display: "Paracetamol"}}}
	tests := []struct {
		name string
		a, b Concept
		want bool
	}{
		{"paracetamol as a SNOMED substance and as a dm+d VTM in co-codamol is one ingredient", paraSNOMED, paraVTM, true},
		{"paracetamol coded in one product and written by hand in another", paraSNOMED, Concept{Text: "PARACETAMOL"}, true},
		{"amlodipine besilate of a brand is the amlodipine of a generic line", Concept{Text: "Amlodipine besilate"}, Concept{Text: "amlodipine"}, true},
		{"codeine phosphate is codeine", Concept{Text: "Codeine phosphate"}, Concept{Text: "Codeine"}, true},
		{"sodium chloride and potassium chloride stay two electrolytes", Concept{Text: "Sodium chloride"}, Concept{Text: "Potassium chloride"}, false},
		{"same code in one system matches whatever the names", Concept{Text: "x", Codings: []Coding{{System: SystemSNOMED, Code: "1"}}}, Concept{Text: "y", Codings: []Coding{{System: SystemSNOMED, Code: "1"}}}, true},
		{"amlodipine and paracetamol differ", Concept{Text: "Amlodipine"}, paraSNOMED, false},
		{"two concepts with no name or code are not taken for one", Concept{}, Concept{}, false},
	}
	for _, tt := range tests {
		if got := SameIngredient(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameIngredient = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestStatusAt(t *testing.T) {
	base := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	change := func(at time.Time, s ResidentStatus) Event {
		return Event{Kind: KindStatusChange, OccurredAt: at, Status: s}
	}
	left := change(base, StatusHospital)
	back := change(base.Add(48*time.Hour), StatusPresent)
	tests := []struct {
		name    string
		current ResidentStatus
		events  []Event
		at      time.Time
		want    ResidentStatus
	}{
		{"a dose a minute before she left for hospital: present", StatusHospital, []Event{left}, base.Add(-time.Minute), StatusPresent},
		{"a dose back-dated into the hospital stay: in hospital", StatusPresent, []Event{left, back}, base.Add(time.Hour), StatusHospital},
		{"after the return: present", StatusPresent, []Event{left, back}, base.Add(49 * time.Hour), StatusPresent},
		{"before a return read in the log: away", StatusPresent, []Event{back}, base, StatusHospital},
		{"no change in the log: the status held now", StatusLeave, nil, base, StatusLeave},
		{"the change at the very time of the dose counts", StatusHospital, []Event{left}, base, StatusHospital},
		{"other kinds and unknown statuses are not status changes", StatusPresent,
			[]Event{{Kind: KindAdministration, OccurredAt: base}, change(base, ResidentStatus(99))}, base.Add(time.Hour), StatusPresent},
	}
	for _, tt := range tests {
		if got := StatusAt(tt.current, tt.events, tt.at); got != tt.want {
			t.Errorf("%s: StatusAt = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPRNInterval(t *testing.T) {
	tests := []struct {
		name        string
		e           ChartEntry
		want        time.Duration
		wantDerived bool
	}{
		{"every 4 hours as written", ChartEntry{MinInterval: 4 * time.Hour}, 4 * time.Hour, false},
		{"up to 4 times a day is 6 hours apart", ChartEntry{Timing: Timing{Frequency: 4, Period: 1, PeriodUnit: "d"}}, 6 * time.Hour, true},
		{"no frequency and no interval: none", ChartEntry{}, 0, false},
		{"a written interval wins over the frequency", ChartEntry{MinInterval: 4 * time.Hour, Timing: Timing{Frequency: 2, Period: 1, PeriodUnit: "d"}}, 4 * time.Hour, false},
	}
	for _, tt := range tests {
		got, derived := tt.e.PRNInterval()
		if got != tt.want || derived != tt.wantDerived {
			t.Errorf("%s: PRNInterval = %v %v, want %v %v", tt.name, got, derived, tt.want, tt.wantDerived)
		}
	}
}

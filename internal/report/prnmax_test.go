package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
)

// Paracetamol in two forms on one chart: 500 mg tablets (at most 8 in 24
// hours) and 250 mg in 5 mL suspension (at most 80 mL in 24 hours), both
// 4 g of paracetamol.
const (
	paraTablets = "MR-para-tablets"
	paraLiquid  = "MR-para-liquid"
)

func twoFormsFixture() *memSource {
	src := fixture().only()
	paracetamol := []mar.Concept{{Text: "Paracetamol"}}
	src.products = append(src.products,
		mar.Product{ID: "P-para-tab", Name: "Paracetamol 500mg tablets", Ingredients: paracetamol,
			Strengths: []mar.Strength{{Amount: mar.Quantity{Value: 500, Unit: "mg"}, Per: mar.Quantity{Value: 1, Unit: "tablet"}}}},
		mar.Product{ID: "P-para-liq", Name: "Paracetamol 250mg/5ml oral suspension", Ingredients: paracetamol,
			Strengths: []mar.Strength{{Amount: mar.Quantity{Value: 250, Unit: "mg"}, Per: mar.Quantity{Value: 5, Unit: "mL"}}}})
	prn := func(id, product string, dose, maxQty float64, unit string) mar.ChartEntry {
		e := entry(id, product)
		e.Timing = mar.Timing{}
		e.PRN, e.MinInterval = true, 4*time.Hour
		e.Dose = mar.Quantity{Value: dose, Unit: unit}
		e.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: maxQty, Unit: unit}, Period: 24 * time.Hour}
		return e
	}
	src.charts[resident] = []mar.ChartEntry{prn(paraTablets, "P-para-tab", 2, 8, "tablet"),
		prn(paraLiquid, "P-para-liq", 10, 80, "mL")}
	return src
}

// TestPRNOverMaximumAgreesWithTheCheck: the PRN report's "over the maximum"
// is true for a row exactly when the check would have stopped one of its
// doses as over a maximum, given the doses before it.
func TestPRNOverMaximumAgreesWithTheCheck(t *testing.T) {
	type given struct {
		entry string
		at    string
		qty   float64
	}
	day := []given{{paraTablets, "08:00", 2}, {paraTablets, "12:00", 2}, {paraTablets, "16:00", 2}}
	tests := []struct {
		name     string
		doses    []given
		wantOver map[string]string // entry -> Over words; absent: not over
	}{
		{
			name:  "eight tablets then 10 mL of suspension at 22:00 is 4.5 g: the suspension row is over",
			doses: append(append(day[:3:3], given{paraTablets, "20:00", 2}), given{paraLiquid, "22:00", 10}),
			wantOver: map[string]string{
				paraLiquid: "paracetamol: 4.5 g in the 24h up to 22:00 Wed 15 Jan, over the 4 g maximum"},
		},
		{
			name:     "six tablets then 10 mL of suspension is 3.5 g: within 4 g",
			doses:    append(day[:3:3], given{paraLiquid, "22:00", 10}),
			wantOver: map[string]string{},
		},
		{
			name:     "eight tablets alone are 4 g: at the maximum, not over",
			doses:    append(day[:3:3], given{paraTablets, "20:00", 2}),
			wantOver: map[string]string{},
		},
		{
			name:  "20 mL of suspension first, then eight tablets: the last tablets take it over",
			doses: append([]given{{paraLiquid, "07:00", 20}}, append(day[:3:3], given{paraTablets, "20:00", 2})...),
			wantOver: map[string]string{
				paraTablets: "paracetamol: 5 g in the 24h up to 20:00 Wed 15 Jan, over the 4 g maximum"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := twoFormsFixture()
			stopped := map[string]bool{}
			for i, d := range tt.doses {
				ev := prnGiven(i+1, d.entry, at(t, "2025-01-15 "+d.at), d.qty)
				if checkStops(t, src, ev) {
					stopped[d.entry] = true
				}
				src.events = append(src.events, ev)
			}
			from := at(t, "2025-01-15 00:00")
			rep := build(t, src, KindPRN, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
			for _, r := range rep.Rows {
				if r.PRN.OverLimit != stopped[r.EntryID] {
					t.Errorf("%s: report over = %v, check stopped a dose = %v", r.EntryID, r.PRN.OverLimit, stopped[r.EntryID])
				}
				if r.PRN.Over != tt.wantOver[r.EntryID] {
					t.Errorf("%s: over = %q, want %q", r.EntryID, r.PRN.Over, tt.wantOver[r.EntryID])
				}
			}
		})
	}
}

// prnGiven is a PRN dose of entry, qty in the entry's unit.
func prnGiven(n int, entryID string, occurred time.Time, qty float64) mar.Event {
	ev := dose(n, entryID, time.Time{}, occurred, mar.OutcomeGiven)
	ev.Quantity, ev.PRNReason = qty, "pain"
	return ev
}

// checkStops runs the check on ev as if it were about to be given, with the
// doses already in src as history, and reports whether it stops it as over
// a maximum.
func checkStops(t *testing.T, src *memSource, ev mar.Event) bool {
	t.Helper()
	products := map[string]mar.Product{}
	for _, p := range src.products {
		products[p.ID] = p
	}
	r := src.residents[0]
	v := check.Check(check.Input{Now: ev.OccurredAt, Home: src.home, ResidentScan: r.ID, ResidentChosen: true,
		Resident: &r, EntryID: ev.EntryID, Quantity: ev.Quantity, Chart: src.charts[resident],
		Products: products, History: src.events})
	return v.Has(check.MaxDoseReached)
}

// A chart the check cannot read (a line naming a product the home does
// not have) leaves the maximum undecided: the report says so in its
// warnings rather than passing the doses as within it.
func TestPRNOverMaximumUndecidedIsAWarning(t *testing.T) {
	src := twoFormsFixture()
	broken := entry("MR-unknown", "P-not-in-the-home", 8*60)
	src.charts[resident] = append(src.charts[resident], broken)
	from := at(t, "2025-01-15 00:00")
	src.events = []mar.Event{prnGiven(1, paraTablets, at(t, "2025-01-15 08:00"), 2)}
	rep := build(t, src, KindPRN, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	if len(rep.Rows) != 1 || rep.Rows[0].PRN.OverLimit {
		t.Fatalf("rows = %+v", rep.Rows)
	}
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, paraTablets) }) {
		t.Errorf("warnings = %q, want one naming %s", rep.Warnings, paraTablets)
	}
}

// A weekly maximum counts the doses of the week before the period's first
// dose, read from before the report's usual margin.
func TestPRNWeeklyMaximumCountsDosesBeforeThePeriod(t *testing.T) {
	week := 7 * 24 * time.Hour
	tests := []struct {
		name   string
		before []string // doses of 2 tablets before the period
		want   string   // the row's Over
	}{
		{"6 tablets three days before and 4 in the period pass 8 a week",
			[]string{"2025-01-12 08:00", "2025-01-12 14:00", "2025-01-12 20:00"},
			"this medicine: 10 tablets in the 7d up to 14:00 Wed 15 Jan, over the 8 tablets maximum"},
		{"6 tablets eight days before are out of the week",
			[]string{"2025-01-07 08:00", "2025-01-07 14:00", "2025-01-07 20:00"}, ""},
		{"2 tablets three days before and 4 in the period are within 8 a week", []string{"2025-01-12 08:00"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture().only(paracetPRN)
			src.charts[resident][0].MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 8, Unit: "tablet"}, Period: week}
			for i, s := range tt.before {
				src.events = append(src.events, prnDoseEvent(i+1, at(t, s), 2))
			}
			src.events = append(src.events, prnDoseEvent(10, at(t, "2025-01-15 08:00"), 2),
				prnDoseEvent(11, at(t, "2025-01-15 14:00"), 2))
			from := at(t, "2025-01-15 00:00")
			rep := build(t, src, KindPRN, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
			if len(rep.Rows) != 1 || rep.Rows[0].PRN.Over != tt.want || rep.Rows[0].PRN.OverLimit != (tt.want != "") {
				t.Fatalf("rows = %d, want one over %q", len(rep.Rows), tt.want)
			}
		})
	}
}

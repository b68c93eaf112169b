package check

import (
	"slices"
	"testing"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// TestPatchesOn: the patches the resident page lists as on are those
// PATCH_NOT_REMOVED asks about (hazard H33).
func TestPatchesOn(t *testing.T) {
	old := given("e-fent-25", on(2026, 1, 11, 8, 5), on(2026, 1, 11, 8, 0))
	newer := given("e-fent", on(2026, 1, 12, 8, 5), on(2026, 1, 12, 8, 0))
	amlo := given("e-amlo", on(2026, 1, 13, 8, 5), on(2026, 1, 13, 8, 0))
	since := on(2026, 1, 1, 0, 0)
	tests := []struct {
		name    string
		history []mar.Event
		want    []uuid.UUID
	}{
		{"a fentanyl patch on the old line still on after re-prescribing on a new line", []mar.Event{old, siteOf(old, "upper-arm-left")}, []uuid.UUID{old.ID}},
		{"the old line's patch taken off", []mar.Event{old, patchOff(old, on(2026, 1, 12, 8, 0))}, nil},
		{"the new line's patch put on after the old one is the one on", []mar.Event{old, newer}, []uuid.UUID{newer.ID}},
		{"the new line's patch taken off leaves none on", []mar.Event{old, newer, patchOff(newer, on(2026, 1, 13, 8, 0))}, nil},
		{"a patch dose entered in error is not on", []mar.Event{old, correction(old, on(2026, 1, 11, 9, 0))}, nil},
		{"a patch put on before the window is not looked at", []mar.Event{given("e-fent-25", on(2025, 12, 30, 8, 5), on(2025, 12, 30, 8, 0))}, nil},
		{"a tablet is no patch", []mar.Event{amlo}, nil},
	}
	for _, tt := range tests {
		in := baseInput()
		fentanyl("upper-arm-right")(&in)
		line := entry("e-fent-25", "p-fent-25", mar.Timing{Frequency: 1, Period: 3, PeriodUnit: "d", TimesOfDay: []mar.ClockTime{8 * 60}})
		line.Status, line.Dose.Unit = mar.EntryStopped, "patch"
		in.Chart = append(in.Chart, line)
		in.Products["p-fent-25"] = mar.Product{ID: "p-fent-25", Name: "Fentanyl 25micrograms/hour transdermal patches",
			Form: "Transdermal patch", CDSchedule: 2, Ingredients: []mar.Concept{{Text: "Fentanyl"}}}
		in.History = tt.history
		var got []uuid.UUID
		for _, p := range PatchesOn(in, since) {
			got = append(got, p.Dose.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: PatchesOn = %v, want %v", tt.name, got, tt.want)
		}
		if v := Check(in); v.Has(PatchNotRemoved) != (len(tt.want) > 0) {
			t.Errorf("%s: the next fentanyl patch warns PATCH_NOT_REMOVED %v, want %v", tt.name, v.Has(PatchNotRemoved), len(tt.want) > 0)
		}
	}
	if got := PatchesOn(Input{Now: at(8, 10)}, since); got != nil {
		t.Errorf("PatchesOn with no resident = %v, want none", got)
	}
}

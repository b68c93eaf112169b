package round_test

import (
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
)

// fentanylPatch is a fentanyl patch product of the given strength, with
// its own GTIN, for charting on a line of its own.
func fentanylPatch(id, strength, gtin string) mar.Product {
	return mar.Product{ID: id, Name: "Fentanyl " + strength + "micrograms/hour transdermal patches", Form: "patch",
		GTINs: []string{gtin}, Codings: []mar.Coding{{System: mar.SystemGTIN, Code: gtin}}, CDSchedule: 2,
		Ingredients: []mar.Concept{{Codings: []mar.Coding{{System: mar.SystemSNOMED, Code: "373492002", Display: "Fentanyl"}}, Text: "Fentanyl"}}}
}

func fentanylLine(id string, p mar.Product, start time.Time) mar.ChartEntry {
	return mar.ChartEntry{ID: id, ResidentID: "res-001", ProductID: p.ID, Status: mar.EntryActive,
		AuthoredOn: start, Start: start, Timing: mar.Timing{Frequency: 1, Period: 3, PeriodUnit: "d", TimesOfDay: []mar.ClockTime{8 * 60}},
		Dose: mar.Quantity{Value: 1, Unit: "patch"}, DoseLow: 1, DoseHigh: 1, Route: "Transdermal route",
		Text: "Apply 1 patch every 72 hours; remove the old one"}
}

// TestPatchesOnFollowTheCheck: the resident page lists as on the patch
// the check's PATCH_NOT_REMOVED asks about, across a re-prescription on a
// new line with the same ingredient (hazard H33).
func TestPatchesOnFollowTheCheck(t *testing.T) {
	day := time.Date(2026, 11, 26, 8, 5, 0, 0, time.UTC)
	fent12, fent25 := fentanylPatch("fentanyl-12", "12", "05000000000913"), fentanylPatch("fentanyl-25", "25", "05000000000920")
	packOf := func(p mar.Product) string { return "(01)" + p.GTINs[0] + "(17)271231(10)F1" }
	tests := []struct {
		name string
		// newLinePatch: a patch of the new line went on the next day, over
		// the old one, and was taken off.
		newLinePatch bool
		oldOff       bool     // the old line's patch was recorded taken off
		wantOn       []string // lines whose patch the page lists
		wantWarn     bool     // the next patch of the new line warns PATCH_NOT_REMOVED
	}{
		{"fentanyl patch on the old line still on after re-prescribing on a new line", false, false, []string{"fent-old"}, true},
		{"the old line's fentanyl patch taken off before the new line starts", false, true, nil, false},
		{"the new line's patch went on in place of the old one and was taken off", true, false, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st, c := newDemoStore(t)
			c.t = day
			amy := signIn(t, svc, "amy", "1111")
			old := fentanylLine("fent-old", fent12, day.Add(-time.Hour))
			if _, err := st.ApplyChart(store.ChartUpdate{Products: []mar.Product{fent12, fent25}, Entries: []mar.ChartEntry{old}, At: day.Add(-time.Hour)}); err != nil {
				t.Fatal(err)
			}
			give := func(p mar.Product, site string) mar.Event {
				t.Helper()
				ev, err := svc.Record(amy, round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: packOf(p), At: c.t, Site: site},
					Outcome: mar.OutcomeGiven, WitnessID: "sam", WitnessPIN: "2222", OverrideReason: "old patch checked"})
				if err != nil {
					t.Fatalf("record %s: %v", p.Name, err)
				}
				return ev
			}
			give(fent12, "upper-arm-left")
			next := day.AddDate(0, 0, 1)
			old.Status = mar.EntryStopped
			if _, err := st.ApplyChart(store.ChartUpdate{Entries: []mar.ChartEntry{old, fentanylLine("fent-new", fent25, next.Add(-time.Hour))}, At: next.Add(-time.Hour)}); err != nil {
				t.Fatal(err)
			}
			c.t = next
			if tt.oldOff {
				if _, err := svc.RemovePatch(amy, "R101", "fent-old"); err != nil {
					t.Fatalf("take the old line's patch off: %v", err)
				}
			}
			if tt.newLinePatch {
				give(fent25, "upper-arm-right")
				if _, err := svc.RemovePatch(amy, "R101", "fent-new"); err != nil {
					t.Fatalf("take the new line's patch off: %v", err)
				}
			}
			v, err := svc.ResidentView("res-001", next.Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			var on []string
			for _, p := range v.Care.Patches {
				on = append(on, p.EntryID)
			}
			if len(on) != len(tt.wantOn) || (len(on) > 0 && on[0] != tt.wantOn[0]) {
				t.Errorf("the page lists patches on %v, want %v", on, tt.wantOn)
			}
			res, err := svc.Check(round.CheckRequest{ResidentScan: "R101", PackScan: packOf(fent25), At: next.Add(time.Minute), Site: "chest-left"})
			if err != nil || res.Verdict.Has(check.PatchNotRemoved) != tt.wantWarn {
				t.Errorf("next patch of the new line = %v, %v; want PATCH_NOT_REMOVED %v", res.Verdict.Codes(), err, tt.wantWarn)
			}
		})
	}
}

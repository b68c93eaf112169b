package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// suspensionID is the paracetamol oral suspension withSuspension charts.
const suspensionID = "paracetamol-250-5"

// suspensionPack is a pack of it, as the scanner sends it.
var suspensionPack = fmt.Sprintf("(01)%s(17)271231(10)S7", storetest.GTINUncharted)

// withSuspension puts the case of issue 8 on R101's chart: beside the
// paracetamol 500 mg tablets (1 to 2 when required, 4 hours apart, at
// most 8 in 24 hours) a paracetamol 250 mg/5 mL oral suspension, also when
// required, 4 hours apart, at most 80 mL in 24 hours. Both carry their
// strength, so the check adds them up in milligrams.
func withSuspension(t *testing.T, h *harness) {
	t.Helper()
	sc, err := h.svc.Identify("R101")
	if err != nil || sc.Resident == nil {
		t.Fatalf("identify R101: %v", err)
	}
	tablets, err := h.st.Product("paracetamol-500")
	if err != nil {
		t.Fatal(err)
	}
	tablets.Strengths = []mar.Strength{{Amount: mar.Quantity{Value: 500, Unit: "mg"}, Per: mar.Quantity{Value: 1, Unit: "tablet"}}}
	liquid := mar.Product{ID: suspensionID, Name: "Paracetamol 250mg/5ml oral suspension", Form: "oral suspension",
		GTINs:       []string{storetest.GTINUncharted},
		Codings:     []mar.Coding{{System: mar.SystemGTIN, Code: storetest.GTINUncharted}},
		Ingredients: tablets.Ingredients,
		Strengths:   []mar.Strength{{Amount: mar.Quantity{Value: 250, Unit: "mg"}, Per: mar.Quantity{Value: 5, Unit: "mL"}}}}
	since := demoNow.Add(-24 * time.Hour)
	e := mar.ChartEntry{ID: sc.Resident.ID + "-rx-90", ResidentID: sc.Resident.ID, ProductID: suspensionID,
		Status: mar.EntryActive, AuthoredOn: since, Start: since, PRN: true, PRNReason: "pain or fever",
		Timing: mar.Timing{Frequency: 1, Period: 4, PeriodUnit: "h"}, MinInterval: 4 * time.Hour,
		MaxDose: &mar.MaxDose{Quantity: mar.Quantity{Value: 80, Unit: "mL"}, Period: 24 * time.Hour},
		Dose:    mar.Quantity{Value: 10, Unit: "mL"}, DoseLow: 5, DoseHigh: 10, Route: "oral"}
	if _, err := h.st.ApplyChart(store.ChartUpdate{Products: []mar.Product{tablets, liquid},
		Entries: []mar.ChartEntry{e}, At: since}); err != nil {
		t.Fatal(err)
	}
}

// prnRowOf is the visible PRN row of the product named name.
func prnRowOf(t *testing.T, h *harness, name string) *prnRow {
	t.Helper()
	for i, r := range h.app.resident.prn.rows {
		if h.app.resident.prn.objs[i].Visible() && r.title.Text == name {
			return r
		}
	}
	t.Fatalf("no when-required row %q; the page shows: %s", name, h.texts())
	return nil
}

// Issue 8: an hour after two paracetamol tablets the page showed the
// suspension "Can be given now" while scanning it stopped with TOO_SOON.
// The page and the check must say the same.
func TestPRNPageAgreesWithTheCheckAcrossProducts(t *testing.T) {
	h := newHarness(t)
	withSuspension(t, h)
	h.clock.set(at("07:05"))
	h.signIn("amy", "1111")
	h.scan("R101")
	if w := prnRowOf(t, h, "Paracetamol 250mg/5ml oral suspension").when.Text; w != "Can be given now" {
		t.Fatalf("before any paracetamol today the suspension says %q, want Can be given now", w)
	}
	h.scan(pack("paracetamol-500"))
	h.sees("OK to give")
	h.app.resident.record.qty.SetText("2")
	h.entry("Why is it needed now?").SetText("pain in left knee")
	h.tap("Given")
	h.sees("Recorded at 07:05: Paracetamol 500mg tablets given.")

	h.clock.set(at("08:05"))
	h.scan("R101") // the page again, an hour later
	row := prnRowOf(t, h, "Paracetamol 250mg/5ml oral suspension")
	if want := "Too soon: can be given from 11:05"; row.when.Text != want {
		t.Errorf("the suspension an hour after two tablets says %q, want %q", row.when.Text, want)
	}
	if row.when.Importance != widget.DangerImportance {
		t.Errorf("the suspension's line is coloured %v, want danger", row.when.Importance)
	}
	// Yesterday's 22:00 tablet and today's two: 1.5 g of the 4 g both lines allow.
	h.sees("Paracetamol: 1.5 g of 4 g in 24 hours")

	h.scan(suspensionPack)
	h.sees("Do not give")
	if v := h.app.resident.record.result.Verdict; !v.Has(check.TooSoon) {
		t.Errorf("scanning the suspension gave %v without TOO_SOON; reasons %+v", v.Level, v.Reasons)
	}
	if h.hasButton("Given") {
		t.Error("Given offered on the suspension the check stops")
	}
}

// The PRN line says what the check says for each verdict, and "Can be given
// now" only when a dose now would pass.
func TestPRNWhenWords(t *testing.T) {
	h := newHarness(t)
	next := at("12:05")
	tooSoon := check.Reason{Code: check.TooSoon, Level: check.Stop, Message: "Do not give. Too soon."}
	away := check.Reason{Code: check.ResidentAway, Level: check.Stop, Message: "Do not give. The resident is in hospital."}
	recent := check.Reason{Code: check.RecentSameIngr, Level: check.Warn, Message: "Paracetamol was given at 07:05 in another medicine."}
	for _, c := range []struct {
		name     string
		st       round.PRNStatus
		wantWhen string
		wantWhy  string
	}{
		{"nothing stands in the way", round.PRNStatus{Level: mar.LevelOK}, "Can be given now", ""},
		{"too soon, clears at noon", round.PRNStatus{Level: mar.LevelStop, Why: []check.Reason{tooSoon}, NextAllowed: next},
			"Too soon: can be given from 12:05", ""},
		{"too soon and the same ingredient recently", round.PRNStatus{Level: mar.LevelStop, Why: []check.Reason{tooSoon, recent}, NextAllowed: next},
			"Too soon: can be given from 12:05", recent.Message},
		{"same ingredient recently: a warning", round.PRNStatus{Level: mar.LevelWarn, Why: []check.Reason{recent}},
			"Give only with a reason", recent.Message},
		{"resident in hospital: no time clears it", round.PRNStatus{Level: mar.LevelStop, Why: []check.Reason{away}},
			"Do not give now", away.Message},
		{"a verdict the screen does not know", round.PRNStatus{}, "Do not give now", ""},
	} {
		when, why, _ := h.app.prnWhen(c.st)
		if when != c.wantWhen || why != c.wantWhy {
			t.Errorf("%s: prnWhen = %q, %q; want %q, %q", c.name, when, why, c.wantWhen, c.wantWhy)
		}
	}
}

func TestIngredientLine(t *testing.T) {
	day := 24 * time.Hour
	for _, c := range []struct {
		name string
		t    check.IngredientTotal
		want string
	}{
		{"three grams of four", check.IngredientTotal{Ingredient: "Paracetamol", GivenMG: 3000, LimitMG: 4000, Period: day, Known: true},
			"Paracetamol: 3 g of 4 g in 24 hours"},
		{"none given yet", check.IngredientTotal{Ingredient: "Paracetamol", LimitMG: 4000, Period: day, Known: true},
			"Paracetamol: 0 g of 4 g in 24 hours"},
		{"milligrams under a gram", check.IngredientTotal{Ingredient: "Oxycodone", GivenMG: 5, LimitMG: 20, Period: day, Known: true},
			"Oxycodone: 5 mg of 20 mg in 24 hours"},
		{"a strength missing", check.IngredientTotal{Ingredient: "Paracetamol", Period: day, Missing: []string{"Calpol"}},
			"Paracetamol: strength not on the chart for Calpol: ask a senior"},
		{"one line counted in its own unit", check.IngredientTotal{Ingredient: "Sodium alginate", Period: day}, ""},
	} {
		got, _, ok := ingredientLine(c.t)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s: ingredientLine = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
}

func TestWording(t *testing.T) {
	h := newHarness(t)
	now := demoNow
	for _, c := range []struct {
		name string
		e    mar.ChartEntry
		want string
	}{
		{"a range of tablets", mar.ChartEntry{Status: mar.EntryActive, Dose: mar.Quantity{Value: 1, Unit: "tablet"}, DoseLow: 1, DoseHigh: 2},
			"1 to 2 tablets"},
		{"one tablet", mar.ChartEntry{Status: mar.EntryActive, Dose: mar.Quantity{Value: 1, Unit: "tablet"}, DoseLow: 1, DoseHigh: 1},
			"1 tablet"},
		{"millilitres take no s", mar.ChartEntry{Status: mar.EntryActive, Dose: mar.Quantity{Value: 15, Unit: "mL"}}, "15 mL"},
		{"a course that ended", mar.ChartEntry{Status: mar.EntryActive, Dose: mar.Quantity{Value: 2, Unit: "capsule"},
			End: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}, "2 capsules (ended on 20 Nov 2026)"},
		{"a course not started", mar.ChartEntry{Status: mar.EntryActive, Dose: mar.Quantity{Value: 1, Unit: "patch"},
			Start: now.Add(48 * time.Hour)}, "1 patch (starts on 27 Nov 2026 08:05)"},
		{"morning and night in words, not codes", mar.ChartEntry{Status: mar.EntryActive, Dose: mar.Quantity{Value: 1, Unit: "tablet"},
			Timing: mar.Timing{When: []string{"MORN", "NIGHT"}}}, "1 tablet · morning, night"},
		{"with breakfast and the evening meal", mar.ChartEntry{Status: mar.EntryActive, Dose: mar.Quantity{Value: 1, Unit: "tablet"},
			Timing: mar.Timing{When: []string{"CM", "CV"}}}, "1 tablet · breakfast, evening meal"},
		{"on hold", mar.ChartEntry{Status: mar.EntryOnHold, Dose: mar.Quantity{Value: 1, Unit: "tablet"}}, "1 tablet (on hold)"},
		{"stopped", mar.ChartEntry{Status: mar.EntryStopped, Dose: mar.Quantity{Value: 1, Unit: "tablet"}}, "1 tablet (stopped)"},
	} {
		if got := entryWhen(c.e, h.app.entryState(c.e)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if got := signInProblem(&round.PINError{Remaining: 1}); !strings.Contains(got, "1 try left") {
		t.Errorf("one try left reads %q", got)
	}
}

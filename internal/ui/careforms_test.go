package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"medround/internal/mar"
	"medround/internal/round"
)

// homeParacetamolRemedy is the home's paracetamol as its list holds it.
func homeParacetamolRemedy() mar.HomelyRemedy {
	return mar.HomelyRemedy{ID: "PARA", GTIN: homeParacetamol, Name: "Paracetamol 500mg tablets (home stock)",
		Ingredient: "387517004", StrengthMG: 500, Dose: mar.Quantity{Value: 2, Unit: "tablet"},
		Interval: 4 * time.Hour, Max: 8, Days: 2}
}

// listHomeParacetamol puts the home's paracetamol on its list, as the
// manager, through the round.
func listHomeParacetamol(t *testing.T, h *harness) {
	t.Helper()
	meg, err := h.svc.SignIn("meg", "3333")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.AddHomelyRemedy(meg, homeParacetamolRemedy()); err != nil {
		t.Fatal(err)
	}
}

// setField replaces the text of the field whose hint is hint.
func (h *harness) setField(hint, text string) {
	h.t.Helper()
	e := h.entry(hint)
	e.SetText("")
	test.Type(e, text)
}

// scanUnfocused scans with no field holding the focus, as a scan made
// after tapping a button is.
func (h *harness) scanUnfocused(code string) {
	h.t.Helper()
	h.win.Canvas().Unfocus()
	h.scan(code)
}

// TestManagerListsAHomelyRemedyByScanningItsPack: the manager opens the
// home's list from a resident's page, scans the stock pack (its number
// fills in), writes the rest and saves; scanning the pack again fills in
// the remedy listed to change its maximum. A field that is not a number
// is named and nothing is saved.
func TestManagerListsAHomelyRemedyByScanningItsPack(t *testing.T) {
	h := newHarness(t)
	h.clock.set(at("23:00"))
	h.signIn("meg", "3333")
	h.scan("R104")
	h.sees("The home has no homely remedies on its list yet.")
	h.tap("Homely remedies")
	h.sees("The home has no homely remedies on its list.")
	h.tap("Add a remedy to the list")
	h.sees("A homely remedy on the home's list")
	h.scanUnfocused(homeParacetamol)
	h.sees("Pack read: fill in the rest.")
	if got := h.entry("Scan the pack").Text; got != homeParacetamol {
		t.Fatalf("pack field after the scan = %q, want %s", got, homeParacetamol)
	}
	for _, f := range []struct{ field, text string }{{"On the list", "PARA"}, {"e.g. Paracetamol", "Paracetamol 500mg tablets (home stock)"},
		{"Active ingredient", "paracetamol"}, {"mg of it", "500"}, {"How many units", "2"}, {"e.g. tablet", "tablet"},
		{"Least hours", "4 hours"}, {"In units", "8"}, {"Days it may", "2"}} {
		h.setField(f.field, f.text)
	}
	h.tap("Save to the home's list")
	h.sees("Write the hours apart as a number")
	if list, _ := h.svc.HomelyRemedies(); len(list) != 0 {
		t.Fatalf("a remedy with its hours in words was listed: %+v", list)
	}
	h.setField("Least hours", "4")
	h.tap("Save to the home's list")
	h.sees("on the home's homely remedies list")
	h.sees("Paracetamol 500mg tablets (home stock)") // the list, open again, has it
	h.sees("Not approved by the GP for")

	h.clock.set(at("23:10"))
	h.tap("Add a remedy to the list")
	h.scanUnfocused(homeParacetamol)
	h.sees("is on the list as PARA")
	if got := h.entry("In units").Text; got != "8" {
		t.Fatalf("the listed remedy's maximum filled in as %q, want 8", got)
	}
	h.setField("In units", "6")
	h.tap("Save to the home's list")
	h.sees("on the home's homely remedies list")
	list, err := h.svc.HomelyRemedies()
	if err != nil || len(list) != 1 || list["PARA"].Max != 6 || list["PARA"].Interval != 4*time.Hour {
		t.Fatalf("home's list = %+v, %v; want PARA with a maximum of 6, 4 hours apart", list, err)
	}
}

// TestSeniorRecordsTheGPsApprovalOnTheDayItWasGiven: from the home's list
// a senior records Dr Shah's approval given last Friday; a date after
// today, and one that is no date, are refused with what to do. The list
// then says who approved it and when, and a scan of the pack no longer
// stops.
func TestSeniorRecordsTheGPsApprovalOnTheDayItWasGiven(t *testing.T) {
	h := newHarness(t)
	listHomeParacetamol(t, h)
	h.clock.set(at("23:00"))
	h.signIn("sam", "2222")
	h.scan("R104")
	h.sees("No homely remedy is approved by the GP for this resident.")
	h.tap("Homely remedies")
	h.tap("Record the GP's approval")
	h.sees("GP approval of a homely remedy for")
	h.setField("The GP who", "Dr Shah")
	h.setField("Day it lapses", "31/01/2027")
	h.setField("Day the GP approved", "26/11/2026")
	h.tap("Record the approval")
	h.sees("Not recorded: the date the GP approved it, 2026-11-26, is after today")
	h.setField("Day the GP approved", "31/02/2026")
	h.tap("Record the approval")
	h.sees("Approved on: write the day as day/month/year")
	h.setField("Day the GP approved", "20/11/2026")
	h.tap("Record the approval")
	h.sees("Recorded: Dr Shah approved Paracetamol 500mg tablets (home stock) on 20/11/2026; review by 31/01/2027.")
	h.sees("Approved by Dr Shah on Fri 20 Nov 2026; review by 31 Jan 2027.")
	h.tap("Close")
	h.sees("Homely remedies the GP approved: Paracetamol 500mg tablets (home stock) (Dr Shah, Fri 20 Nov 2026")
	h.scan(homeParacetamol)
	h.notSees("the GP has not approved it")
}

// TestSeniorWritesACovertPlanThenOneForAMedicine: a senior writes the
// plan for all of a resident's medicines from the page, then a plan for
// amlodipine alone; the form fills in the standing plan to change, a
// decision dated before the capacity assessment is refused, and the page
// shows both plans.
func TestSeniorWritesACovertPlanThenOneForAMedicine(t *testing.T) {
	h := newHarness(t)
	h.signIn("sam", "2222")
	h.scan("R101")
	h.notSees("COVERT ADMINISTRATION")
	h.tap("Covert plan")
	h.sees("Covert administration plan for")
	h.setField("Day of the mental capacity", "03/10/2026")
	h.setField("Day of the best-interests", "01/10/2026")
	h.setField("e.g. Dr Shah (GP)", "Dr Khan (GP), J Patel (pharmacist), son")
	h.setField("How to give it", "crush and mix with a spoon of yoghurt")
	h.setField("Day the plan is due", "03/01/2027")
	h.tap("Save the plan")
	h.sees("Not saved: the best-interests decision is dated before the capacity assessment")
	h.setField("Day of the mental capacity", "01/10/2026")
	h.setField("Day of the best-interests", "03/10/2026")
	h.tap("Save the plan")
	h.sees("Saved: the covert plan for all medicines; review by 03/01/2027.")
	h.sees("All medicines: crush and mix with a spoon of yoghurt. Agreed by Dr Khan (GP), J Patel (pharmacist), son")

	h.tap("Change the plan")
	if got := h.entry("How to give it").Text; got != "crush and mix with a spoon of yoghurt" {
		t.Fatalf("the form for all medicines holds %q, want the standing plan", got)
	}
	h.choose("Choose what it covers", "Amlodipine 5mg tablets")
	if got := h.entry("How to give it").Text; got != "" {
		t.Fatalf("the form for amlodipine, which has no plan, holds %q", got)
	}
	for _, f := range []struct{ field, text string }{{"Day of the mental capacity", "01/10/2026"}, {"Day of the best-interests", "03/10/2026"},
		{"e.g. Dr Shah (GP)", "Dr Khan (GP), J Patel (pharmacist)"}, {"How to give it", "disperse in 10 ml of\nwater"}, {"Day the plan is due", "03/04/2027"}} {
		h.setField(f.field, f.text)
	}
	h.tap("Save the plan")
	h.sees("Saved: the covert plan for Amlodipine 5mg tablets")
	h.sees("Amlodipine 5mg tablets: disperse in 10 ml of water.")
	h.sees("All medicines: crush and mix")
}

// TestCareWorkerIsNotOfferedThePlansToWrite: a care worker sees the GP's
// approval and the covert plan but no button to write either, nor the
// list; were a form reached, it says who writes it and offers no Save. A
// senior is not offered the home's list, which a manager keeps.
func TestCareWorkerIsNotOfferedThePlansToWrite(t *testing.T) {
	h := newHarness(t)
	listHomeParacetamol(t, h)
	sam, err := h.svc.SignIn("sam", "2222")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ApproveHomely(sam, round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA", GP: "Dr Shah", Review: "2027-01-31"}); err != nil {
		t.Fatal(err)
	}
	plan := mar.CovertPlan{ResidentID: "R104", Capacity: "2026-10-01", BestInterests: "2026-10-03",
		AgreedBy: "Dr Shah (GP)", How: "in a spoon of jam", Review: "2027-01-03"}
	if _, err := h.svc.SetCovertPlan(sam, plan); err != nil {
		t.Fatal(err)
	}
	h.signIn("amy", "1111")
	h.scan("R104")
	h.sees("COVERT ADMINISTRATION")
	for _, b := range []string{"Change the plan", "Covert plan"} {
		if h.hasButton(b) {
			t.Errorf("a care worker is offered %q", b)
		}
	}
	h.tap("Homely remedies")
	h.sees("Approved by Dr Shah")
	for _, b := range []string{"Record a new approval", "Record the GP's approval", "Add a remedy", "Change on the list"} {
		if h.hasButton(b) {
			t.Errorf("a care worker is offered %q", b)
		}
	}
	care := h.app.resident.care
	for _, f := range []struct {
		open   func()
		says   string
		noSave string
	}{
		{func() { care.covertForm.open(h.app.resident.rv) }, "A senior or manager writes a covert plan; ask them.", "Save the plan"},
		{func() { care.approvalForm.open(h.app.resident.rv, "PARA") }, "A senior or manager records a GP's approval; ask them.", "Record the approval"},
		{func() { care.remedyForm.open(nil) }, "Only a manager changes the home's homely remedies list; ask them.", "Save to the home's list"},
	} {
		f.open()
		h.sees(f.says)
		if h.hasButton(f.noSave) {
			t.Errorf("a care worker is offered %q", f.noSave)
		}
		h.tap("Back to resident")
	}

	h.tap("Lock") // the senior: approvals, not the list
	h.signIn("sam", "2222")
	h.scan("R104")
	h.tap("Homely remedies")
	if !h.hasButton("Record a new approval") || h.hasButton("Add a remedy") || h.hasButton("Change on the list") {
		t.Errorf("a senior's list offers: %s", h.texts())
	}
}

// TestApprovalNamedByItsRemedy: the page's last 24 hours and the history
// name the approved remedy by its name on the home's list, not its ID.
func TestApprovalNamedByItsRemedy(t *testing.T) {
	h := newHarness(t)
	listHomeParacetamol(t, h)
	sam, err := h.svc.SignIn("sam", "2222")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ApproveHomely(sam, round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA", GP: "Dr Shah", Review: "2027-01-31"}); err != nil {
		t.Fatal(err)
	}
	h.signIn("amy", "1111")
	h.scan("R104")
	h.sees("Homely remedy Paracetamol 500mg tablets (home stock) approved by the GP (Dr Shah)")
	h.notSees("Homely remedy PARA")
	h.tap("History")
	h.sees("Paracetamol 500mg tablets (home stock)")
	h.notSees("Cannot")
}

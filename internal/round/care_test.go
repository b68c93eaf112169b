package round_test

import (
	"errors"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// homeParacetamolPack is the home's own paracetamol stock, a pack no
// resident's chart has.
const homeParacetamolPack = "05000000000142"

func homelyParacetamol() mar.HomelyRemedy {
	return mar.HomelyRemedy{ID: "PARA", GTIN: homeParacetamolPack, Name: "Paracetamol 500mg tablets (home stock)",
		Ingredient: "387517004", StrengthMG: 500, Dose: mar.Quantity{Value: 2, Unit: "tablet"},
		Interval: 4 * time.Hour, Max: 8, Days: 2}
}

// TestHomelyRemedyNeedsTheGPsApproval: a manager lists the home's
// paracetamol; scanned for a resident the GP has not approved it for it
// stops; once a senior records the approval it is checked like any dose,
// recorded and shown on the resident's page.
func TestHomelyRemedyNeedsTheGPsApproval(t *testing.T) {
	svc, c := newDemo(t)
	amy, meg, sam := signIn(t, svc, "amy", "1111"), signIn(t, svc, "meg", "3333"), signIn(t, svc, "sam", "2222")
	var notAllowed *staff.NotAllowedError
	if _, err := svc.AddHomelyRemedy(amy, homelyParacetamol()); !errors.As(err, &notAllowed) {
		t.Fatalf("a care worker changed the homely remedies list: %v", err)
	}
	if _, err := svc.AddHomelyRemedy(meg, homelyParacetamol()); err != nil {
		t.Fatalf("add homely remedy: %v", err)
	}
	req := round.CheckRequest{ResidentScan: "R104", PackScan: homeParacetamolPack, At: at("23:30")}
	c.t = at("23:00")
	res, err := svc.Check(req)
	if err != nil || !res.Verdict.Has(check.NoHomelyApproval) || res.Verdict.Level != mar.LevelStop {
		t.Fatalf("homely paracetamol without approval = %+v, %v; want NO_HOMELY_APPROVAL", res, err)
	}
	if _, err := svc.ApproveHomely(sam, round.ApprovalRequest{ResidentScan: "R104", RemedyID: "NOPE", GP: "Dr Shah", Review: "2027-01-31"}); err == nil {
		t.Error("a remedy not on the list was approved")
	}
	if _, err := svc.ApproveHomely(sam, round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA", GP: "Dr Shah", Review: "2027-01-31"}); err != nil {
		t.Fatalf("approve: %v", err)
	}
	c.t = at("23:31")
	res, err = svc.Check(req)
	if err != nil || res.Verdict.Has(check.NoHomelyApproval) || res.Verdict.Entry == nil || res.Verdict.Entry.ID != "homely:PARA" {
		t.Fatalf("approved homely paracetamol = %+v, %v; want the homely line without NO_HOMELY_APPROVAL", res.Verdict, err)
	}
	rec := round.RecordRequest{CheckRequest: req, Outcome: mar.OutcomeGiven, PRNReason: "headache",
		OverrideReason: "checked with the senior"}
	if _, err := svc.Record(amy, rec); err != nil {
		t.Fatalf("record homely dose: %v", err)
	}
	v, err := svc.ResidentView("res-004", c.t)
	if err != nil || len(v.Care.Homely) != 1 || v.Care.Homely[0].GP != "Dr Shah" {
		t.Fatalf("resident page homely approvals = %+v, %v", v.Care, err)
	}
	req.At, c.t = at("23:50"), at("23:51")
	if res, _ := svc.Check(req); !res.Verdict.Has(check.TooSoon) {
		t.Errorf("a second homely dose 20 minutes later = %+v, want TOO_SOON", res.Verdict.Codes())
	}
}

// TestCovertPlanIsShownAndItsReviewWarned: the plan's how-to is in the
// verdict and on the resident page; past its review date it warns.
func TestCovertPlanIsShownAndItsReviewWarned(t *testing.T) {
	svc, c := newDemo(t)
	sam, amy := signIn(t, svc, "sam", "2222"), signIn(t, svc, "amy", "1111")
	plan := mar.CovertPlan{ResidentID: "R101", Capacity: "2026-10-01", BestInterests: "2026-10-03",
		AgreedBy: "Dr Shah (GP), J Patel (pharmacist), son", How: "crush and mix with a spoon of yoghurt", Review: "2026-12-31"}
	if _, err := svc.SetCovertPlan(amy, plan); err == nil {
		t.Error("a care worker set a covert plan")
	}
	if _, err := svc.SetCovertPlan(sam, plan); err != nil {
		t.Fatalf("set covert plan: %v", err)
	}
	req := round.CheckRequest{ResidentScan: "R101", PackScan: pack("amlodipine-5"), At: demoNow}
	res, err := svc.Check(req)
	if err != nil || !res.Verdict.Has(check.CovertPlan) || res.Verdict.Has(check.CovertReviewDue) {
		t.Fatalf("check under a covert plan = %+v, %v; want COVERT_PLAN only", res, err)
	}
	v, err := svc.ResidentView("res-001", demoNow)
	if err != nil || len(v.Care.Covert) != 1 || v.Care.Covert[0].How != plan.How || v.Care.CovertReviewDue {
		t.Fatalf("resident page covert plan = %+v, %v", v.Care, err)
	}
	late := demoNow.AddDate(0, 1, 10)
	c.t, req.At = late, late
	if res, _ := svc.Check(req); !res.Verdict.Has(check.CovertReviewDue) {
		t.Errorf("check after the review date = %v, want COVERT_REVIEW_DUE", res.Verdict.Codes())
	}
}

// TestPatchSiteIsRecordedAndRotated: a patch is recorded with its site, is
// on the resident's page with when it is due off, comes off, and the next
// one on the same site warns.
func TestPatchSiteIsRecordedAndRotated(t *testing.T) {
	svc, c := newDemo(t)
	amy := signIn(t, svc, "amy", "1111")
	thu := time.Date(2026, 11, 26, 8, 5, 0, 0, time.UTC)
	c.t = thu
	v, err := svc.ResidentView("res-002", thu)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.Care.Patches { // last week's demo patch
		if _, err := svc.RemovePatch(amy, "R102", p.EntryID); err != nil {
			t.Fatalf("remove last week's patch: %v", err)
		}
	}
	req := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R102", PackScan: pack("buprenorphine-5"), At: thu},
		Outcome: mar.OutcomeGiven, WitnessID: "sam", WitnessPIN: "2222"}
	if _, err := svc.Record(amy, req); !errors.Is(err, round.ErrNoSite) {
		t.Fatalf("patch recorded with no site: %v", err)
	}
	req.Site = "upper-arm-left"
	dose, err := svc.Record(amy, req)
	if err != nil {
		t.Fatalf("record patch: %v", err)
	}
	v, err = svc.ResidentView("res-002", thu.Add(time.Hour))
	if err != nil || len(v.Care.Patches) != 1 || v.Care.Patches[0].Site.Word != "upper-arm-left" ||
		!v.Care.Patches[0].DueOff.Equal(dose.OccurredAt.Add(7*24*time.Hour)) {
		t.Fatalf("resident page patches = %+v, %v; want the left upper arm, due off in a week", v.Care.Patches, err)
	}
	next := thu.AddDate(0, 0, 7)
	c.t = next
	res, err := svc.Check(round.CheckRequest{ResidentScan: "R102", PackScan: pack("buprenorphine-5"), At: next, Site: "upper-arm-left"})
	if err != nil || !res.Verdict.Has(check.PatchSiteReused) || !res.Verdict.Has(check.PatchNotRemoved) {
		t.Fatalf("next patch on the same site, old one on = %v, %v; want PATCH_SITE_REUSED and PATCH_NOT_REMOVED", res.Verdict.Codes(), err)
	}
	if _, err := svc.RemovePatch(amy, "R102", dose.EntryID); err != nil {
		t.Fatalf("remove patch: %v", err)
	}
	res, _ = svc.Check(round.CheckRequest{ResidentScan: "R102", PackScan: pack("buprenorphine-5"), At: next, Site: "chest-right"})
	if res.Verdict.Has(check.PatchSiteReused) || res.Verdict.Has(check.PatchNotRemoved) {
		t.Errorf("next patch on a fresh site after removal = %v", res.Verdict.Codes())
	}
	if v, _ := svc.ResidentView("res-002", next); len(v.Care.Patches) != 0 {
		t.Errorf("patches on after removal = %+v", v.Care.Patches)
	}
}

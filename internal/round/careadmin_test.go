package round_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

// listParacetamol puts the home's paracetamol on its list, as the manager.
func listParacetamol(t *testing.T, svc *round.Service) {
	t.Helper()
	if _, err := svc.AddHomelyRemedy(signIn(t, svc, "meg", "3333"), homelyParacetamol()); err != nil {
		t.Fatalf("add homely remedy: %v", err)
	}
}

// TestHomelyApprovalIsDatedTheDayTheGPGaveIt: the approval counts from the
// day the GP approved it, which may be before the day it is recorded but
// never after; its review cannot come before it.
func TestHomelyApprovalIsDatedTheDayTheGPGaveIt(t *testing.T) {
	tests := []struct {
		name, on, review string
		want             time.Time // zero: refused
	}{
		{"approved today, no day given", "", "2027-01-31", demoNow},
		{"approved today, today given", "2026-11-25", "2027-01-31", demoNow},
		{"approved last week at the GP's visit", "2026-11-18", "2027-01-31", time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)},
		{"approval dated tomorrow is refused", "2026-11-26", "2027-01-31", time.Time{}},
		{"approval date in the UK style is refused", "18/11/2026", "2027-01-31", time.Time{}},
		{"review before the approval is refused", "2026-11-18", "2026-11-17", time.Time{}},
		{"review date that cannot be read is refused", "", "31/01/2027", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := newDemo(t)
			listParacetamol(t, svc)
			sam := signIn(t, svc, "sam", "2222")
			ev, err := svc.ApproveHomely(sam, round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA", GP: "Dr Shah",
				ApprovedOn: tt.on, Review: tt.review})
			if tt.want.IsZero() {
				if err == nil {
					t.Fatalf("ApproveHomely(on %q, review %q) recorded, want refused", tt.on, tt.review)
				}
				return
			}
			if err != nil {
				t.Fatalf("ApproveHomely(on %q): %v", tt.on, err)
			}
			if !ev.OccurredAt.Equal(tt.want) || !ev.RecordedAt.Equal(demoNow) {
				t.Errorf("approval dated %v, recorded %v; want dated %v, recorded %v", ev.OccurredAt, ev.RecordedAt, tt.want, demoNow)
			}
			v, err := svc.ResidentView("res-004", demoNow)
			if err != nil || len(v.Care.Homely) != 1 || !v.Care.Homely[0].At.Equal(tt.want) {
				t.Fatalf("resident page approvals = %+v, %v; want one approved %v", v.Care.Homely, err, tt.want)
			}
		})
	}
}

// TestHomelyApprovalByACareWorkerIsRefused: only a senior or manager
// records what the GP approved.
func TestHomelyApprovalByACareWorkerIsRefused(t *testing.T) {
	svc, _ := newDemo(t)
	listParacetamol(t, svc)
	var notAllowed *staff.NotAllowedError
	_, err := svc.ApproveHomely(signIn(t, svc, "amy", "1111"), round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA",
		GP: "Dr Shah", Review: "2027-01-31"})
	if !errors.As(err, &notAllowed) {
		t.Fatalf("a care worker's approval: %v, want not allowed", err)
	}
}

// TestLatestRecordedApprovalStands: an approval recorded today but dated
// at last week's GP visit replaces the one recorded before it, though
// that one carries a later date; the check follows it.
func TestLatestRecordedApprovalStands(t *testing.T) {
	svc, c := newDemo(t)
	listParacetamol(t, svc)
	sam := signIn(t, svc, "sam", "2222")
	first := round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA", GP: "Dr Shah", Review: "2026-11-30"}
	if _, err := svc.ApproveHomely(sam, first); err != nil {
		t.Fatal(err)
	}
	c.t = demoNow.Add(time.Hour)
	second := first
	second.GP, second.ApprovedOn, second.Review = "Dr Okafor", "2026-11-18", "2027-02-28"
	if _, err := svc.ApproveHomely(sam, second); err != nil {
		t.Fatal(err)
	}
	c.t = time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC) // after the first review date
	v, err := svc.ResidentView("res-004", c.t)
	if err != nil || len(v.Care.Homely) != 1 || v.Care.Homely[0].GP != "Dr Okafor" {
		t.Fatalf("standing approval = %+v, %v; want Dr Okafor's, recorded last", v.Care.Homely, err)
	}
	res, err := svc.Check(round.CheckRequest{ResidentScan: "R104", PackScan: homeParacetamolPack, At: c.t})
	if err != nil || res.Verdict.Has(check.NoHomelyApproval) {
		t.Fatalf("check under the later-recorded approval = %v, %v; want no NO_HOMELY_APPROVAL", res.Verdict.Codes(), err)
	}
}

// TestHomelyPackIsAGTINOfOneRemedy: the pack is stored as the GTIN-14 a
// scan gives, whatever length was typed; a number that is no GTIN, or a
// pack already on the list as another remedy, is refused; the same
// remedy may be changed.
func TestHomelyPackIsAGTINOfOneRemedy(t *testing.T) {
	tests := []struct {
		name, id, pack string
		want           string // the GTIN stored; "" refused
	}{
		{"GTIN-13 from the box is padded to 14", "PARA", "5000000000142", homeParacetamolPack},
		{"GTIN-14 as scanned", "PARA", homeParacetamolPack, homeParacetamolPack},
		{"a mistyped check digit is refused", "PARA", "05000000000143", ""},
		{"letters are refused", "PARA", "PARACETAMOL", ""},
		{"the pack of another remedy on the list is refused", "SENNA", homeParacetamolPack, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := newDemo(t)
			meg := signIn(t, svc, "meg", "3333")
			if tt.id != "PARA" {
				listParacetamol(t, svc)
			}
			h := homelyParacetamol()
			h.ID, h.GTIN = tt.id, tt.pack
			_, err := svc.AddHomelyRemedy(meg, h)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("AddHomelyRemedy(%s, pack %q) recorded, want refused", tt.id, tt.pack)
				}
				return
			}
			list, lerr := svc.HomelyRemedies()
			if err != nil || lerr != nil || list[tt.id].GTIN != tt.want {
				t.Fatalf("AddHomelyRemedy(pack %q) = %v, %v; list %+v; want GTIN %s", tt.pack, err, lerr, list, tt.want)
			}
		})
	}
}

// TestCovertPlanDatesMustBeTrue: a plan's capacity assessment comes
// first, then the best-interests decision, both already made, then the
// review.
func TestCovertPlanDatesMustBeTrue(t *testing.T) {
	tests := []struct {
		name, capacity, decision, review string
		ok                               bool
	}{
		{"assessed, decided, review ahead", "2026-10-01", "2026-10-03", "2027-01-03", true},
		{"assessed and decided the same day", "2026-11-25", "2026-11-25", "2027-02-25", true},
		{"review already past is recorded, and warns", "2026-05-01", "2026-05-03", "2026-11-03", true},
		{"decision before the capacity assessment", "2026-10-03", "2026-10-01", "2027-01-03", false},
		{"capacity assessment tomorrow", "2026-11-26", "2026-11-26", "2027-01-03", false},
		{"review before the decision", "2026-10-01", "2026-10-03", "2026-10-02", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := newDemo(t)
			p := mar.CovertPlan{ResidentID: "R101", Capacity: tt.capacity, BestInterests: tt.decision, Review: tt.review,
				AgreedBy: "Dr Shah (GP), J Patel (pharmacist), son", How: "crush and mix with a spoon of yoghurt"}
			_, err := svc.SetCovertPlan(signIn(t, svc, "sam", "2222"), p)
			if (err == nil) != tt.ok {
				t.Fatalf("SetCovertPlan(capacity %s, decision %s, review %s) = %v, want ok %v", tt.capacity, tt.decision, tt.review, err, tt.ok)
			}
		})
	}
}

// TestHistoryNamesHomelyRemedies: a resident's history with a GP's
// approval and a homely dose given reads, and names the remedy from the
// home's list rather than failing on a chart line it has none.
func TestHistoryNamesHomelyRemedies(t *testing.T) {
	svc, c := newDemo(t)
	listParacetamol(t, svc)
	sam := signIn(t, svc, "sam", "2222")
	if _, err := svc.ApproveHomely(sam, round.ApprovalRequest{ResidentScan: "R104", RemedyID: "PARA", GP: "Dr Shah",
		ApprovedOn: "2026-11-24", Review: "2027-01-31"}); err != nil {
		t.Fatal(err)
	}
	c.t = at("23:00")
	req := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R104", PackScan: homeParacetamolPack, At: c.t},
		Outcome: mar.OutcomeGiven, PRNReason: "headache", OverrideReason: "checked with the senior"}
	if _, err := svc.Record(sam, req); err != nil {
		t.Fatalf("record homely dose: %v", err)
	}
	items, err := svc.History("res-004", demoNow.AddDate(0, 0, -2), time.Time{})
	if err != nil {
		t.Fatalf("history with homely remedies: %v", err)
	}
	var approval, dose bool
	for _, it := range items {
		switch {
		case it.Event.Kind == mar.KindHomelyApproval:
			approval = it.Product.Name == homelyParacetamol().Name && strings.Contains(it.Words, "approved homely remedy Paracetamol")
		case mar.IsHomelyEntry(it.Event.EntryID):
			dose = it.Product.Name == homelyParacetamol().Name
		}
	}
	if !approval || !dose {
		t.Errorf("history names the approval %v and the dose %v by the remedy; want both", approval, dose)
	}
}

// TestHomelyDraftFromAScan: a scan of a pack on the list gives that
// remedy to change; of a pack a chart knows, its name, ingredient and
// strength; a wristband is no pack.
func TestHomelyDraftFromAScan(t *testing.T) {
	svc, _ := newDemo(t)
	listParacetamol(t, svc)
	d, err := svc.HomelyDraftFor(homeParacetamolPack)
	if err != nil || !d.Listed || d.Remedy.ID != "PARA" {
		t.Errorf("draft from the listed pack = %+v, %v; want PARA to change", d, err)
	}
	d, err = svc.HomelyDraftFor(pack("amlodipine-5"))
	if err != nil || d.Listed || !d.Known || d.Remedy.Name == "" || d.Remedy.Ingredient == "" || len(d.Remedy.GTIN) != 14 {
		t.Errorf("draft from a charted product's pack = %+v, %v; want its name, ingredient and GTIN", d, err)
	}
	if _, err := svc.HomelyDraftFor("R101"); err == nil {
		t.Error("a wristband gave a homely remedy draft")
	}
}

package round_test

import (
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// The resident page, the check and the recording rules must say the same
// thing about a dose (issue 8): these tests drive a real store through the
// round service and compare what the page shows with what a scan says.

const gtinSuspension = "05012345000077" // Paracetamol 250mg/5ml oral suspension

// paracetamolTwoForms is Margaret's chart with paracetamol tablets (up to 8
// in 24 hours) and paracetamol suspension (10 to 20 mL, up to 80 mL), both
// when required; the clock is 20:00 on the fixture's day.
func paracetamolTwoForms(t *testing.T) (*round.Service, *round.Session, func(time.Time)) {
	svc, sess, setNow, _ := paracetamolHome(t)
	return svc, sess, setNow
}

func paracetamolHome(t *testing.T) (*round.Service, *round.Session, func(time.Time), *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	u := storetest.Chart()
	u.Products = append(u.Products, mar.Product{ID: "P-para-susp", Name: "Paracetamol 250mg/5ml oral suspension",
		GTINs: []string{gtinSuspension}, Ingredients: []mar.Concept{{Text: "Paracetamol"}},
		Strengths: []mar.Strength{{Amount: mar.Quantity{Value: 250, Unit: "mg"}, Per: mar.Quantity{Value: 5, Unit: "mL"}}}})
	susp := mar.ChartEntry{ID: "MR-R001-para-susp", ResidentID: storetest.ResidentMargaret, ProductID: "P-para-susp",
		Status: mar.EntryActive, PRN: true, PRNReason: "pain", MinInterval: 4 * time.Hour,
		Dose: mar.Quantity{Value: 20, Unit: "mL"}, DoseLow: 10, DoseHigh: 20, Route: "oral",
		MaxDose: &mar.MaxDose{Quantity: mar.Quantity{Value: 80, Unit: "mL"}, Period: 24 * time.Hour}}
	u.Entries = append(u.Entries, susp)
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	now := storetest.ChartAt
	svc := round.New(st, round.Options{DeviceID: "test-tablet", Now: func() time.Time { return now }})
	if _, err := svc.AddUser(nil, "meg", "Meg Manager", mar.RoleManager, "3333"); err != nil {
		t.Fatal(err) // a home's first user is a manager
	}
	meg, err := svc.SignIn("meg", "3333")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddUser(meg, "amy", "Amy Carer", mar.RoleCarer, "1111"); err != nil {
		t.Fatal(err)
	}
	sess, err := svc.SignIn("amy", "1111")
	if err != nil {
		t.Fatal(err)
	}
	return svc, sess, func(t time.Time) { now = t }, st
}

func giveTablets(t *testing.T, svc *round.Service, sess *round.Session, at time.Time, n float64) {
	t.Helper()
	_, err := svc.Record(sess, round.RecordRequest{CheckRequest: round.CheckRequest{
		ResidentScan: storetest.NHSMargaret, PackScan: "(01)" + storetest.GTINParacetamol, Quantity: n, At: at},
		Outcome: mar.OutcomeGiven, PRNReason: "knee pain"})
	if err != nil {
		t.Fatalf("give %g tablets at %v: %v", n, at, err)
	}
}

func suspensionStatus(t *testing.T, svc *round.Service, at time.Time) round.PRNStatus {
	t.Helper()
	v, err := svc.ResidentView(storetest.ResidentMargaret, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.PRN {
		if p.Entry.ID == "MR-R001-para-susp" {
			return p
		}
	}
	t.Fatal("the page lists no paracetamol suspension")
	return round.PRNStatus{}
}

func scanSuspension(t *testing.T, svc *round.Service, at time.Time, mL float64) check.Verdict {
	t.Helper()
	res, err := svc.Check(round.CheckRequest{ResidentScan: storetest.NHSMargaret, PackScan: "(01)" + gtinSuspension,
		Quantity: mL, At: at})
	if err != nil {
		t.Fatal(err)
	}
	return res.Verdict
}

func TestPageAndCheckAgreeOnParacetamolInTwoForms(t *testing.T) {
	svc, sess, setNow := paracetamolTwoForms(t)
	day := storetest.ChartAt.Truncate(24 * time.Hour)
	t1 := day.Add(9 * time.Hour)
	setNow(t1)
	giveTablets(t, svc, sess, t1, 2)

	hourLater := t1.Add(time.Hour)
	setNow(hourLater)
	page := suspensionStatus(t, svc, hourLater)
	v := scanSuspension(t, svc, hourLater, 0)
	if page.NextAllowed.IsZero() || !v.Has(check.TooSoon) || page.Level != v.Level {
		t.Errorf("an hour after two tablets: page next %v level %v, scan %v %v; want both stopped as too soon",
			page.NextAllowed, page.Level, v.Level, v.Codes())
	}
	if want := t1.Add(4 * time.Hour); !page.NextAllowed.Equal(want) {
		t.Errorf("page says the suspension may be given from %v, want %v", page.NextAllowed, want)
	}
	if later := scanSuspension(t, svc, page.NextAllowed, 0); later.Has(check.TooSoon) {
		t.Errorf("at the time the page names, the scan still says too soon: %+v", later.Reasons)
	}
}

func TestEightTabletsThenSuspensionIsOverTheIngredientMaximum(t *testing.T) {
	svc, sess, setNow := paracetamolTwoForms(t)
	day := storetest.ChartAt.Truncate(24 * time.Hour)
	for _, h := range []int{0, 5, 10, 15} {
		at := day.Add(time.Duration(h) * time.Hour)
		setNow(at)
		giveTablets(t, svc, sess, at, 2)
	}
	at := day.Add(20 * time.Hour)
	setNow(at)
	v := scanSuspension(t, svc, at, 20)
	if !v.Has(check.MaxDoseReached) || v.Level != mar.LevelStop {
		t.Fatalf("20 mL of suspension after 8 tablets: %v %v, want MAX_DOSE_REACHED", v.Level, v.Codes())
	}
	view, err := svc.ResidentView(storetest.ResidentMargaret, at)
	if err != nil {
		t.Fatal(err)
	}
	var para *check.IngredientTotal
	for i := range view.Ingredients {
		if view.Ingredients[i].Ingredient == "Paracetamol" {
			para = &view.Ingredients[i]
		}
	}
	if para == nil || !para.Known || para.GivenMG != 4000 || para.LimitMG != 4000 {
		t.Errorf("page ingredient totals = %+v, want paracetamol 4000 of 4000 mg", view.Ingredients)
	}
	if page := suspensionStatus(t, svc, at); page.Level != mar.LevelStop || page.NextAllowed.IsZero() {
		t.Errorf("page shows the suspension %v from %v; the check stops it", page.Level, page.NextAllowed)
	}
	_, err = svc.Record(sess, round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: storetest.NHSMargaret,
		PackScan: "(01)" + gtinSuspension, Quantity: 20, At: at}, Outcome: mar.OutcomeGiven, PRNReason: "pain",
		OverrideReason: "she is in pain"})
	if err == nil {
		t.Error("the dose over the maximum was recorded")
	}
}

func TestTabletsMadeSuspensionKeepsWhatWasGiven(t *testing.T) {
	svc, sess, setNow, st := paracetamolHome(t)
	day := storetest.ChartAt.Truncate(24 * time.Hour)
	for _, h := range []int{0, 5, 10, 15} {
		at := day.Add(time.Duration(h) * time.Hour)
		setNow(at)
		giveTablets(t, svc, sess, at, 2)
	}
	// At 16:00 the same request becomes the suspension.
	change := storetest.Chart()
	change.Products = nil
	for _, e := range change.Entries {
		if e.ID == storetest.EntryParacetamolR001 {
			e.ProductID, e.Dose, e.DoseLow, e.DoseHigh = "P-para-susp", mar.Quantity{Value: 20, Unit: "mL"}, 10, 20
			e.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 80, Unit: "mL"}, Period: 24 * time.Hour}
			change.Entries = []mar.ChartEntry{e}
			break
		}
	}
	change.Residents, change.Allergies, change.At = nil, nil, day.Add(16*time.Hour)
	if _, err := st.ApplyChart(change); err != nil {
		t.Fatal(err)
	}
	at := day.Add(20 * time.Hour)
	setNow(at)
	res, err := svc.Check(round.CheckRequest{ResidentScan: storetest.NHSMargaret, PackScan: "(01)" + gtinSuspension,
		EntryID: storetest.EntryParacetamolR001, Quantity: 20, At: at})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verdict.Has(check.MaxDoseReached) {
		t.Errorf("20 mL after 8 tablets under the old version: %v %+v, want MAX_DOSE_REACHED", res.Verdict.Level, res.Verdict.Reasons)
	}
}

// A dose dated a few minutes ahead (the care worker records it as they go
// in to the resident) is a record at once: the history shows it now.
func TestHistoryShowsADoseDatedMinutesAhead(t *testing.T) {
	svc, sess, setNow := paracetamolTwoForms(t)
	now := storetest.ChartAt.Add(3 * time.Hour)
	setNow(now)
	giveTablets(t, svc, sess, now.Add(4*time.Minute), 2)
	items, err := svc.History(storetest.ResidentMargaret, now.Add(-time.Hour), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || !items[0].Event.OccurredAt.Equal(now.Add(4*time.Minute)) {
		t.Errorf("history up to now = %+v, want the dose dated 4 minutes ahead", items)
	}
}

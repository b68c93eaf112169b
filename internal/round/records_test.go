package round_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// correctionChain appends n corrections, each of the one before, the
// first of the dose: what round.Correct refuses to make, but a log synced
// from elsewhere or a later withdrawal may hold.
func correctionChain(t *testing.T, st *store.Store, dose mar.Event, n int) {
	t.Helper()
	target := dose.ID
	for i := range n {
		at := dose.OccurredAt.Add(time.Duration(i+1) * time.Minute)
		c := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, DeviceID: "test-tablet", UserID: "sam",
			ResidentID: dose.ResidentID, OccurredAt: at, RecordedAt: at, EntryID: dose.EntryID,
			Corrects: target, Note: fmt.Sprintf("correction %d", i+1)}
		if err := st.Append(c); err != nil {
			t.Fatal(err)
		}
		target = c.ID
	}
}

// The resident page, the board, the check and the missed report read one
// rule for which records stand (the 14:00 co-careldopa, after the demo's
// history ends): a correction of a correction restores the
// dose for all four, a third correction voids it again for all four.
func TestPageBoardCheckAndReportAgreeOnACorrectionChain(t *testing.T) {
	cases := []struct {
		name        string
		corrections int
		given       bool
	}{
		{"dose given, never corrected", 0, true},
		{"dose corrected as entered in error", 1, false},
		{"correction withdrawn by a correction of it: the dose stands", 2, true},
		{"the withdrawal itself corrected: the dose is void again", 3, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := demotest.Open(t, demo.Options{Residents: 6, Now: demoNow, Hash: round.HashPIN})
			c := &clock{t: at("14:06")}
			svc := round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now})
			req := round.CheckRequest{ResidentScan: "R101", PackScan: pack("co-careldopa-25-100"), At: at("14:05")}
			dose, err := svc.Record(signIn(t, svc, "amy", "1111"), round.RecordRequest{CheckRequest: req, Outcome: mar.OutcomeGiven})
			if err != nil {
				t.Fatal(err)
			}
			correctionChain(t, st, dose, tc.corrections)
			c.t = at("14:10")

			page, err := svc.ResidentView(dose.ResidentID, c.t)
			if err != nil {
				t.Fatal(err)
			}
			if got := pageState(page, dose); (got == round.StateGiven.String()) != tc.given {
				t.Errorf("resident page shows the 14:00 dose %q, want given = %v", got, tc.given)
			}
			if got := boardState(t, svc, c.t, dose); (got == round.StateGiven.String()) != tc.given {
				t.Errorf("board shows the 14:00 dose %q, want given = %v", got, tc.given)
			}
			req.At = c.t
			res, err := svc.Check(req)
			if err != nil {
				t.Fatal(err)
			}
			if got := hasCode(res.Verdict, check.AlreadyGiven); got != tc.given {
				t.Errorf("check at 14:10: ALREADY_GIVEN = %v, want %v", got, tc.given)
			}
			rep, err := report.Build(st, report.KindMissed, at("00:00"), at("16:00"), at("16:00"))
			if err != nil {
				t.Fatal(err)
			}
			if got := missedListed(rep, dose); got == tc.given {
				t.Errorf("missed report lists the 14:00 dose: %v, want %v", got, !tc.given)
			}
		})
	}
}

func pageState(v *round.ResidentView, dose mar.Event) string {
	for _, d := range v.Due {
		if d.Entry.ID == dose.EntryID && d.Slot.Due.Equal(dose.SlotDue) {
			return d.State.String()
		}
	}
	return "not on the page"
}

func boardState(t *testing.T, svc *round.Service, now time.Time, dose mar.Event) string {
	t.Helper()
	items, err := svc.Due(now, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Entry.ID == dose.EntryID && it.Slot.Due.Equal(dose.SlotDue) {
			return it.State.String()
		}
	}
	return "not on the board"
}

func missedListed(rep *report.Report, dose mar.Event) bool {
	for _, r := range rep.Rows {
		if r.EntryID == dose.EntryID && r.Due.Equal(dose.SlotDue) {
			return true
		}
	}
	return false
}

// changeToLiquid re-imports the care home with Margaret's paracetamol
// request changed from 500 mg tablets to a 250 mg/5 mL suspension, under
// the same request ID.
func changeToLiquid(b map[string]any) {
	var liquid map[string]any
	raw, _ := json.Marshal(resource(b, "paracetamol-500"))
	_ = json.Unmarshal(raw, &liquid)
	liquid["id"] = "paracetamol-250-5"
	liquid["code"] = map[string]any{"text": "Paracetamol 250mg/5ml oral suspension"}
	liquid["form"] = map[string]any{"text": "Oral suspension"}
	b["entry"] = append(b["entry"].([]any), map[string]any{"fullUrl": "urn:uuid:paracetamol-250-5", "resource": liquid})
	rx := resource(b, "rx-me-paracetamol")
	rx["medicationReference"] = map[string]any{"reference": "Medication/paracetamol-250-5"}
	d := rx["dosageInstruction"].([]any)[0].(map[string]any)
	d["text"] = "5 to 10 mL every 4 hours when needed for pain, max 80 mL in 24 hours"
	d["doseAndRate"] = []any{map[string]any{"doseRange": map[string]any{
		"low": map[string]any{"value": 5, "unit": "mL"}, "high": map[string]any{"value": 10, "unit": "mL"}}}}
	d["maxDosePerPeriod"].(map[string]any)["numerator"] = map[string]any{"value": 80, "unit": "mL"}
}

// exported is what an export says of one dose.
type exported struct {
	Status     string
	Medication struct{ Text string } `json:"medicationCodeableConcept"`
	Dosage     *struct {
		Dose struct {
			Value float64
			Unit  string
		}
	}
}

func exportOf(t *testing.T, svc *round.Service, from, to time.Time, id uuid.UUID) exported {
	t.Helper()
	data, err := svc.ExportFHIR(from, to)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Entry []struct {
			FullURL  string `json:"fullUrl"`
			Resource exported
		}
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	for _, e := range b.Entry {
		if e.FullURL == "urn:uuid:"+id.String() {
			return e.Resource
		}
	}
	t.Fatalf("dose %s is not in the export", id)
	return exported{}
}

// Two tablets given, then the chart changes the same request to a liquid:
// history and export still say two tablets, for a dose recorded now (which
// keeps its product and unit) and for one recorded before events kept them
// (read from the entry version it names).
func TestChartChangeOfFormDoesNotRewriteDosesGiven(t *testing.T) {
	st := storetest.Open(t)
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	svc := round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now})
	if _, err := svc.Import(nil, "../fhir/testdata/carehome.json"); err != nil {
		t.Fatal(err)
	}
	margaret := mustResident(t, svc, "9434765919")
	if _, err := svc.AddUser(nil, "amy", "Amy", mar.RoleManager, "1111"); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Hour)
	dose, err := svc.Record(signIn(t, svc, "amy", "1111"), round.RecordRequest{
		CheckRequest: round.CheckRequest{ResidentScan: "9434765919", EntryID: "rx-me-paracetamol", Quantity: 2, At: c.t},
		Outcome:      mar.OutcomeGiven, Unscanned: mar.UnscannedDamaged, PRNReason: "pain"})
	if err != nil {
		t.Fatal(err)
	}
	if dose.ProductID != "paracetamol-500" || dose.DoseUnit != "tablet" {
		t.Fatalf("dose recorded as %q in %q, want paracetamol-500 in tablet", dose.ProductID, dose.DoseUnit)
	}
	old := dose
	old.ID, old.ProductID, old.DoseUnit = uuid.New(), "", ""
	old.OccurredAt = dose.OccurredAt.Add(-time.Minute)
	if err := st.Append(old); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Hour)
	if _, err := svc.Import(signIn(t, svc, "amy", "1111"), carehome(t, changeToLiquid)); err != nil {
		t.Fatal(err)
	}
	if e, err := st.Entry("rx-me-paracetamol"); err != nil || e.ProductID != "paracetamol-250-5" || e.Version < 2 {
		t.Fatalf("the chart change did not take: %+v, %v", e, err)
	}
	hist, err := svc.History(margaret.ID, dose.OccurredAt.Add(-time.Hour), c.t)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []mar.Event{dose, old} {
		for _, h := range hist {
			if h.Event.ID == ev.ID && (h.Product.ID != "paracetamol-500" || h.Unit != "tablet") {
				t.Errorf("history shows the dose as %q in %q, want the tablets given", h.Product.Name, h.Unit)
			}
		}
		x := exportOf(t, svc, dose.OccurredAt.Add(-time.Hour), c.t, ev.ID)
		if x.Medication.Text != "Paracetamol 500mg tablets" || x.Dosage == nil ||
			x.Dosage.Dose.Unit != "tablet" || x.Dosage.Dose.Value != 2 {
			t.Errorf("export says %q, %+v; want 2 tablet of Paracetamol 500mg tablets", x.Medication.Text, x.Dosage)
		}
	}
}

// A dose exported for a period is written as known now: corrected as
// entered in error after the period ended, it is entered-in-error; the
// correction withdrawn in its turn, it is completed again.
func TestExportSaysCorrectionsMadeAfterThePeriod(t *testing.T) {
	st := demotest.Open(t, demo.Options{Residents: 6, Now: demoNow, Hash: round.HashPIN})
	c := &clock{t: at("10:06")}
	svc := round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now})
	dose, err := svc.Record(signIn(t, svc, "amy", "1111"), round.RecordRequest{
		CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("co-careldopa-25-100"), At: at("10:05")},
		Outcome:      mar.OutcomeGiven})
	if err != nil {
		t.Fatal(err)
	}
	from, to := at("10:00"), at("11:00")
	if x := exportOf(t, svc, from, to, dose.ID); x.Status != "completed" {
		t.Fatalf("before any correction: status %q", x.Status)
	}
	c.t = at("15:00")
	corr, err := svc.Correct(signIn(t, svc, "sam", "2222"), dose.ID, "scanned for the wrong resident")
	if err != nil {
		t.Fatal(err)
	}
	if x := exportOf(t, svc, from, to, dose.ID); x.Status != "entered-in-error" {
		t.Errorf("corrected at 15:00, exported for 10:00-11:00: status %q, want entered-in-error", x.Status)
	}
	withdraw := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, UserID: "sam", ResidentID: dose.ResidentID,
		OccurredAt: at("15:30"), RecordedAt: at("15:30"), Corrects: corr.ID, Note: "it was the right resident"}
	if err := st.Append(withdraw); err != nil {
		t.Fatal(err)
	}
	c.t = at("16:00")
	if x := exportOf(t, svc, from, to, dose.ID); x.Status != "completed" {
		t.Errorf("correction withdrawn: status %q, want completed", x.Status)
	}
}

// A PRN effect names its dose in About: the dose stands, and nobody is
// asked again whether it worked.
func TestPRNEffectIsAboutTheDoseAndDoesNotVoidIt(t *testing.T) {
	st := storetest.Open(t)
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	svc := round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now})
	if _, err := svc.Import(nil, "../fhir/testdata/carehome.json"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddUser(nil, "amy", "Amy", mar.RoleManager, "1111"); err != nil {
		t.Fatal(err)
	}
	amy := signIn(t, svc, "amy", "1111")
	dose, err := svc.Record(amy, round.RecordRequest{
		CheckRequest: round.CheckRequest{ResidentScan: "9434765919", EntryID: "rx-me-paracetamol", Quantity: 2, At: c.t},
		Outcome:      mar.OutcomeGiven, Unscanned: mar.UnscannedDamaged, PRNReason: "pain"})
	if err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(90 * time.Minute)
	if ups, err := svc.PRNFollowUps(c.t); err != nil || len(ups) != 1 {
		t.Fatalf("follow-ups before the answer = %d, %v; want 1", len(ups), err)
	}
	eff, err := svc.RecordPRNEffect(amy, dose.ID, true, "")
	if err != nil {
		t.Fatal(err)
	}
	if eff.About != dose.ID || eff.Corrects != uuid.Nil {
		t.Errorf("PRN effect about %v, corrects %v; want about the dose, correcting nothing", eff.About, eff.Corrects)
	}
	if ups, err := svc.PRNFollowUps(c.t); err != nil || len(ups) != 0 {
		t.Errorf("follow-ups after the answer = %d, %v; want none", len(ups), err)
	}
	hist, err := svc.History(dose.ResidentID, dose.OccurredAt, c.t)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hist {
		if h.Event.ID == dose.ID && h.CorrectedBy != nil {
			t.Error("the PRN effect reads as correcting its dose")
		}
	}
}

package round_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store/storetest"
)

// london is the demo home's zone; in November it is GMT, so UTC reads the same.
var demoNow = time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newDemo opens a real store in t.TempDir() with the demo home built at
// demoNow and returns the service over it with a settable clock.
func newDemo(t *testing.T) (*round.Service, *clock) {
	t.Helper()
	st := demotest.Open(t, demo.Options{Residents: 6, Now: demoNow, Hash: round.HashPIN})
	c := &clock{t: demoNow}
	return round.New(st, round.Options{DeviceID: "test-tablet", Now: c.now}), c
}

func signIn(t *testing.T, svc *round.Service, id, pin string) *round.Session {
	t.Helper()
	s, err := svc.SignIn(id, pin)
	if err != nil {
		t.Fatalf("SignIn(%s): %v", id, err)
	}
	return s
}

// pack is the demo GS1 code of a product, in date.
func pack(productID string) string {
	return demo.PackCode(productID, time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), "B42")
}

func at(hhmm string) time.Time {
	t, _ := time.Parse("15:04", hhmm)
	return time.Date(2026, 11, 25, t.Hour(), t.Minute(), 0, 0, time.UTC)
}

func TestRecordOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		req     round.RecordRequest
		user    string
		wantErr error
	}{
		{"co-careldopa at 10:05 scanned is recorded given",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("co-careldopa-25-100"), At: at("10:05")},
				Outcome: mar.OutcomeGiven}, "amy", nil},
		{"paracetamol of another resident is refused: wrong resident",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("flucloxacillin-500"), At: at("10:05")},
				Outcome: mar.OutcomeGiven}, "amy", check.ErrNoEntry},
		{"metformin at 13:00 for the 17:00 dose needs an override reason",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("metformin-500"), At: at("13:00")},
				Outcome: mar.OutcomeGiven}, "amy", check.ErrOverrideReason},
		{"metformin at 10:30, 2h25 after the morning dose, is too soon even with a reason",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("metformin-500"), At: at("10:30")},
				Outcome: mar.OutcomeGiven, OverrideReason: "going to hospital appointment"}, "amy", check.ErrStopped},
		{"metformin early with a reason (hospital appointment) is recorded",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("metformin-500"), At: at("13:00")},
				Outcome: mar.OutcomeGiven, OverrideReason: "going to hospital appointment"}, "amy", nil},
		{"morphine schedule 2 without a witness is refused",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("mst-10"), At: at("21:00")},
				Outcome: mar.OutcomeGiven}, "amy", check.ErrWitnessRequired},
		{"morphine schedule 2 with a senior witness is recorded",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("mst-10"), At: at("21:00")},
				Outcome: mar.OutcomeGiven, WitnessID: "sam", WitnessPIN: "2222"}, "amy", nil},
		{"morphine with a witness who typed the wrong PIN is refused",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("mst-10"), At: at("21:00")},
				Outcome: mar.OutcomeGiven, WitnessID: "sam", WitnessPIN: "9999"}, "amy", round.ErrWrongPIN},
		{"entry chosen by hand without saying why the pack was not scanned is refused",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", EntryID: "res-001-rx-05", At: at("10:05")},
				Outcome: mar.OutcomeGiven}, "amy", round.ErrUnscannedReason},
		{"entry chosen by hand with a damaged barcode is recorded",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", EntryID: "res-001-rx-05", At: at("10:05")},
				Outcome: mar.OutcomeGiven, Unscanned: mar.UnscannedDamaged}, "amy", nil},
		{"refused co-careldopa is recorded without a reason code",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("co-careldopa-25-100"), At: at("10:05")},
				Outcome: mar.OutcomeRefused}, "amy", nil},
		{"not given 'other' without a note is refused",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("co-careldopa-25-100"), At: at("10:05")},
				Outcome: mar.OutcomeNotGiven, Reason: mar.ReasonOther}, "amy", check.ErrNote},
		{"expired pack is refused as given even with an override reason",
			round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101",
				PackScan: demo.PackCode("co-careldopa-25-100", time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), "OLD"), At: at("10:05")},
				Outcome: mar.OutcomeGiven, OverrideReason: "none other"}, "amy", check.ErrStopped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, c := newDemo(t)
			c.t = tt.req.At.Add(time.Minute)
			sess := signIn(t, svc, tt.user, pinOf(tt.user))
			before, _ := svc.PendingCount()
			ev, err := svc.Record(sess, tt.req)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Record() error = %v, want %v", err, tt.wantErr)
			}
			after, _ := svc.PendingCount()
			if err != nil {
				if after != before {
					t.Errorf("refused record changed the outbox: %d -> %d", before, after)
				}
				return
			}
			if ev.ID == uuid.Nil || ev.UserID != tt.user || ev.DeviceID != "test-tablet" || ev.Outcome != tt.req.Outcome {
				t.Errorf("event = %+v", ev)
			}
			if after != before+1 {
				t.Errorf("outbox %d -> %d, want one more", before, after)
			}
			if tt.req.PackScan == "" && ev.Unscanned == 0 {
				t.Errorf("dose chosen by hand not marked unscanned")
			}
		})
	}
}

func pinOf(user string) string {
	for _, s := range demo.Staff {
		if s.ID == user {
			return s.PIN
		}
	}
	return ""
}

func TestGivenTwiceIsStopped(t *testing.T) {
	svc, _ := newDemo(t)
	sess := signIn(t, svc, "amy", "1111")
	req := round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("co-careldopa-25-100"), At: at("10:05")},
		Outcome: mar.OutcomeGiven}
	first, err := svc.Record(sess, req)
	if err != nil {
		t.Fatal(err)
	}
	req.At = at("10:10")
	_, err = svc.Record(sess, req)
	var refused *round.RefusedError
	if !errors.As(err, &refused) || !hasCode(refused.Verdict, check.AlreadyGiven) {
		t.Fatalf("second dose: err = %v, want a refusal with ALREADY_GIVEN", err)
	}
	// Corrected as entered in error, the slot is open again.
	senior := signIn(t, svc, "sam", "2222")
	if _, err := svc.Correct(senior, first.ID, "scanned for the wrong resident"); err != nil {
		t.Fatalf("Correct: %v", err)
	}
	if _, err := svc.Correct(senior, first.ID, "again"); err == nil {
		t.Errorf("a second correction of the same record was accepted")
	}
	if _, err := svc.Record(sess, req); err != nil {
		t.Errorf("after correction, recording the dose: %v", err)
	}
	hist, err := svc.History(mustResident(t, svc, "R101").ID, at("00:00"), at("23:59"))
	if err != nil {
		t.Fatal(err)
	}
	var marked bool
	for _, h := range hist {
		if h.Event.ID == first.ID {
			marked = h.CorrectedBy != nil
		}
	}
	if !marked {
		t.Errorf("history does not show the first record as corrected")
	}
}

func TestOnlyASeniorCorrects(t *testing.T) {
	svc, _ := newDemo(t)
	amy := signIn(t, svc, "amy", "1111")
	ev, err := svc.Record(amy, round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101",
		PackScan: pack("co-careldopa-25-100"), At: at("10:05")}, Outcome: mar.OutcomeGiven})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Correct(amy, ev.ID, "wrong resident"); !errors.Is(err, round.ErrNotAllowed) {
		t.Errorf("a care worker correcting her own dose: err = %v, want ErrNotAllowed", err)
	}
	if _, err := svc.Correct(signIn(t, svc, "sam", "2222"), ev.ID, "wrong resident"); err != nil {
		t.Errorf("a senior's correction: %v", err)
	}
}

func TestRecordTime(t *testing.T) {
	tests := []struct {
		name    string
		at      time.Time
		note    string
		wantErr error
	}{
		{"dose recorded three minutes after it was given", demoNow.Add(-3 * time.Minute), "", nil},
		{"dose dated tomorrow is refused: it would hide tomorrow's dose", demoNow.Add(24 * time.Hour), "", round.ErrFutureRecord},
		{"dose entered two hours late without a reason is refused", demoNow.Add(-2 * time.Hour), "", round.ErrLateEntry},
		{"dose entered two hours late with a reason is recorded", demoNow.Add(-2 * time.Hour), "fire alarm during the round", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := newDemo(t)
			_, err := svc.Record(signIn(t, svc, "amy", "1111"), round.RecordRequest{
				CheckRequest: round.CheckRequest{ResidentScan: "R101", PackScan: pack("paracetamol-500"), At: tt.at},
				Outcome:      mar.OutcomeRefused, Note: tt.note})
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Record at %v: err = %v, want %v", tt.at, err, tt.wantErr)
			}
		})
	}
}

func hasCode(v check.Verdict, c check.Code) bool {
	for _, r := range v.Reasons {
		if r.Code == c {
			return true
		}
	}
	return false
}

func mustResident(t *testing.T, svc *round.Service, scan string) mar.Resident {
	t.Helper()
	sc, err := svc.Identify(scan)
	if err != nil || sc.Resident == nil {
		t.Fatalf("Identify(%q) = %+v, %v", scan, sc, err)
	}
	return *sc.Resident
}

func TestPINLockout(t *testing.T) {
	svc, c := newDemo(t)
	for i := 1; i <= 4; i++ {
		_, err := svc.SignIn("amy", "0000")
		var pe *round.PINError
		if !errors.As(err, &pe) || pe.Remaining != 5-i {
			t.Fatalf("wrong PIN %d: err = %v, want %d tries left", i, err, 5-i)
		}
	}
	if _, err := svc.SignIn("amy", "0000"); !errors.Is(err, round.ErrLocked) {
		t.Fatalf("fifth wrong PIN: err = %v, want locked", err)
	}
	if _, err := svc.SignIn("amy", "1111"); !errors.Is(err, round.ErrLocked) {
		t.Fatalf("right PIN while locked: err = %v, want locked", err)
	}
	c.t = c.t.Add(6 * time.Minute)
	if _, err := svc.SignIn("amy", "1111"); err != nil {
		t.Fatalf("right PIN after the lock: %v", err)
	}
	if _, err := svc.SignIn("nobody", "1111"); !errors.Is(err, round.ErrUnknownUser) {
		t.Errorf("unknown user: err = %v", err)
	}
}

func TestIdentify(t *testing.T) {
	svc, _ := newDemo(t)
	tests := []struct {
		name string
		scan string
		want round.ScanKind
		bad  bool
	}{
		{"resident number on a wristband", "R101", round.ScanResident, false},
		{"NHS number typed with spaces", "999 000 0018", round.ScanResident, false},
		{"GS1 DataMatrix pack", pack("amlodipine-5"), round.ScanPack, false},
		{"plain EAN-13 pack", demo.GTIN("amlodipine-5")[1:], round.ScanPack, false},
		{"staff badge", "STAFF:sam", round.ScanStaff, false},
		{"staff badge of nobody", "STAFF:ghost", 0, true},
		{"resident number of no one here", "R999", 0, true},
		{"NHS number with a wrong check digit", "9990000019", 0, true},
		{"free text", "hello", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := svc.Identify(tt.scan)
			if (err != nil) != tt.bad || sc.Kind != tt.want {
				t.Errorf("Identify(%q) = %v, %v; want kind %v, error %v", tt.scan, sc.Kind, err, tt.want, tt.bad)
			}
		})
	}
}

func TestBoardAndResidentView(t *testing.T) {
	svc, _ := newDemo(t)
	rows, err := svc.Board(at("08:30"), "morning")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("board has %d rows, want 6 residents", len(rows))
	}
	first := rows[0]
	if first.Resident.Room != "1" || !first.HasAllergies || first.Due == 0 {
		t.Errorf("first row = %+v, want room 1 with allergies and doses due", first)
	}
	v, err := svc.ResidentView(first.Resident.ID, at("10:30"))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Allergies) != 1 || v.Allergies[0].Substance.Label() != "Penicillin" {
		t.Errorf("allergies = %+v", v.Allergies)
	}
	if len(v.PRN) != 2 || len(v.Due) == 0 || len(v.Chart) != 11 {
		t.Errorf("view has %d PRN, %d due, %d chart entries", len(v.PRN), len(v.Due), len(v.Chart))
	}
}

func TestPRNNextAllowed(t *testing.T) {
	svc, c := newDemo(t)
	sess := signIn(t, svc, "amy", "1111")
	c.t = at("11:00")
	if _, err := svc.Record(sess, round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101",
		PackScan: pack("paracetamol-500"), Quantity: 2, At: at("11:00")}, Outcome: mar.OutcomeGiven, PRNReason: "knee pain"}); err != nil {
		t.Fatal(err)
	}
	v, err := svc.ResidentView(mustResident(t, svc, "R101").ID, at("12:00"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.PRN {
		if p.Entry.ProductID != "paracetamol-500" {
			continue
		}
		if !p.NextAllowed.Equal(at("15:00")) || p.Total24h < 2 {
			t.Errorf("paracetamol next allowed %v with %g in 24h; want 15:00 and at least 2", p.NextAllowed, p.Total24h)
		}
	}
	c.t = at("12:30")
	ups, err := svc.PRNFollowUps(at("12:30"))
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range ups {
		found = found || e.Dose.OccurredAt.Equal(at("11:00"))
	}
	if !found {
		t.Errorf("PRN dose of 11:00 is not asked about at 12:30")
	}
}

func TestSettingsNeedManager(t *testing.T) {
	svc, _ := newDemo(t)
	h, _ := svc.Home()
	if err := svc.PutHome(signIn(t, svc, "sam", "2222"), h); !errors.Is(err, round.ErrNotAllowed) {
		t.Errorf("senior changing settings: %v", err)
	}
	h.Window = 45 * time.Minute
	if err := svc.PutHome(signIn(t, svc, "meg", "3333"), h); err != nil {
		t.Errorf("manager changing settings: %v", err)
	}
	h.TimeZone = "Mars/Olympus"
	if err := svc.PutHome(signIn(t, svc, "meg", "3333"), h); err == nil {
		t.Errorf("unknown time zone accepted")
	}
}

func TestResidentAway(t *testing.T) {
	svc, _ := newDemo(t)
	r := mustResident(t, svc, "R102")
	if _, err := svc.SetResidentStatus(signIn(t, svc, "sam", "2222"), r.ID, mar.StatusHospital, "admitted to Royal Infirmary"); err != nil {
		t.Fatal(err)
	}
	// The status holds from when it was recorded: a dose at 08:05, before
	// she left, is judged as given in the home.
	res, err := svc.Check(round.CheckRequest{ResidentScan: "R102", PackScan: pack("ramipril-2.5")})
	if err != nil {
		t.Fatal(err)
	}
	if !hasCode(res.Verdict, check.ResidentAway) || res.Verdict.Level != mar.LevelStop {
		t.Errorf("resident in hospital: verdict %v %+v", res.Verdict.Level, res.Verdict.Reasons)
	}
	before, err := svc.Check(round.CheckRequest{ResidentScan: "R102", PackScan: pack("ramipril-2.5"), At: at("08:05")})
	if err != nil {
		t.Fatal(err)
	}
	if hasCode(before.Verdict, check.ResidentAway) {
		t.Errorf("dose at 08:05, before she left at %v: %+v", demoNow, before.Verdict.Reasons)
	}
}

func TestReimportKeepsResidentInHospital(t *testing.T) {
	svc := round.New(storetest.Open(t), round.Options{DeviceID: "test-tablet"})
	if _, err := svc.AddUser(nil, "sam", "Sam Patel", mar.RoleManager, "2222"); err != nil {
		t.Fatal(err)
	}
	const file = "../fhir/testdata/carehome.json"
	sam := signIn(t, svc, "sam", "2222")
	if _, err := svc.Import(sam, file); err != nil {
		t.Fatal(err)
	}
	r := mustResident(t, svc, "9434765919")
	if r.Status != mar.StatusPresent {
		t.Fatalf("new resident with no status in the file is %v, want present", r.Status)
	}
	if _, err := svc.SetResidentStatus(sam, r.ID, mar.StatusHospital, ""); err != nil {
		t.Fatal(err)
	}
	res, err := svc.Import(sam, file)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustResident(t, svc, "9434765919").Status; got != mar.StatusHospital {
		t.Errorf("after re-import the resident is %v, want still in hospital", got)
	}
	if s := res.Summary; s.Entries.Added+s.Entries.Changed+s.Residents.Changed != 0 {
		t.Errorf("re-import of the same file changed %+v", s)
	}
}

func TestWrongResidentPackIsAlsoCheckedForAllergy(t *testing.T) {
	svc, _ := newDemo(t)
	res, err := svc.Check(round.CheckRequest{ResidentScan: "R101", PackScan: pack("flucloxacillin-500"), At: at("12:00")})
	if err != nil {
		t.Fatal(err)
	}
	if !hasCode(res.Verdict, check.NotOnChart) || !hasCode(res.Verdict, check.Allergy) {
		t.Errorf("flucloxacillin for penicillin-allergic R101: reasons %v, want NOT_ON_CHART and ALLERGY", res.Verdict.Codes())
	}
}

func TestResidentChosenOnScreenIsRecorded(t *testing.T) {
	svc, c := newDemo(t)
	c.t = at("14:06")
	sess := signIn(t, svc, "amy", "1111")
	r := mustResident(t, svc, "R101")
	ev, err := svc.Record(sess, round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: r.ID, ResidentChosen: true,
		PackScan: pack("co-careldopa-25-100"), At: at("14:05")}, Outcome: mar.OutcomeGiven})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, c := range ev.ReasonCodes {
		found = found || c == string(check.ResidentNotScanned)
	}
	if !found {
		t.Errorf("record of a resident chosen on screen has reasons %v, want RESIDENT_NOT_SCANNED", ev.ReasonCodes)
	}
}

func TestTimedDosesAreOnTheNearestRound(t *testing.T) {
	svc, _ := newDemo(t)
	items, err := svc.Due(at("10:30"), "morning")
	if err != nil {
		t.Fatal(err)
	}
	var times []string
	for _, it := range items {
		if it.Resident.ID == "res-001" && it.Entry.ProductID == "co-careldopa-25-100" {
			times = append(times, it.Slot.Due.Format("15:04"))
		}
	}
	if len(times) != 2 || times[0] != "06:00" || times[1] != "10:00" {
		t.Errorf("co-careldopa on the morning round at %v, want 06:00 and 10:00", times)
	}
}

// carehome returns the FHIR fixture bundle changed by edit, written to a file.
func carehome(t *testing.T, edit func(b map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile("../fhir/testdata/carehome.json")
	if err != nil {
		t.Fatal(err)
	}
	var b map[string]any
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	edit(b)
	out, _ := json.Marshal(b)
	path := filepath.Join(t.TempDir(), "changed.json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// resource finds a resource of the bundle by ID.
func resource(b map[string]any, id string) map[string]any {
	for _, e := range b["entry"].([]any) {
		r := e.(map[string]any)["resource"].(map[string]any)
		if r["id"] == id {
			return r
		}
	}
	return nil
}

func TestImportRefusesIdentityChanges(t *testing.T) {
	tests := []struct {
		name string
		edit func(b map[string]any)
		want string
	}{
		{"a resident's NHS number changed", func(b map[string]any) {
			p := resource(b, "margaret-evans")
			p["identifier"].([]any)[0].(map[string]any)["value"] = "9990000018"
		}, "NHS number differs"},
		{"a new resident with another resident's number", func(b map[string]any) {
			p := resource(b, "doris-patel")
			p["id"] = "doris-twin"
			for _, e := range b["entry"].([]any) {
				r := e.(map[string]any)["resource"].(map[string]any)
				if s, ok := r["subject"].(map[string]any); ok && s["reference"] == "Patient/doris-patel" {
					s["reference"] = "Patient/doris-twin"
				}
				if s, ok := r["patient"].(map[string]any); ok && s["reference"] == "Patient/doris-patel" {
					s["reference"] = "Patient/doris-twin"
				}
			}
		}, "already held by another resident"},
		{"a request moved to another resident", func(b map[string]any) {
			resource(b, "rx-me-amlodipine")["subject"] = map[string]any{"reference": "Patient/arthur-hughes"}
		}, "was for another resident"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := round.New(storetest.Open(t), round.Options{DeviceID: "test-tablet"})
			if _, err := svc.Import(nil, "../fhir/testdata/carehome.json"); err != nil {
				t.Fatal(err)
			}
			_, err := svc.Import(nil, carehome(t, tt.edit))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("import: err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestImportEndsDroppedDosageLines(t *testing.T) {
	svc := round.New(storetest.Open(t), round.Options{DeviceID: "test-tablet"})
	twoLines := carehome(t, func(b map[string]any) {
		rx := resource(b, "rx-me-amlodipine")
		d := rx["dosageInstruction"].([]any)
		night := map[string]any{"timing": map[string]any{"repeat": map[string]any{"when": []any{"NIGHT"}}},
			"doseAndRate": []any{map[string]any{"doseQuantity": map[string]any{"value": 2, "unit": "tablet"}}}}
		rx["dosageInstruction"] = append(d, night)
	})
	if _, err := svc.Import(nil, twoLines); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(nil, "../fhir/testdata/carehome.json"); err != nil {
		t.Fatal(err)
	}
	r := mustResident(t, svc, "9434765919")
	v, err := svc.ResidentView(r.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range v.Chart {
		if e.Entry.ID == "rx-me-amlodipine#2" && e.Entry.Status != mar.EntryCancelled {
			t.Errorf("the dropped night line is %v, want cancelled", e.Entry.Status)
		}
	}
}

func TestCarerCorrectsWithASeniorsApproval(t *testing.T) {
	svc, _ := newDemo(t)
	amy := signIn(t, svc, "amy", "1111")
	ev, err := svc.Record(amy, round.RecordRequest{CheckRequest: round.CheckRequest{ResidentScan: "R101",
		PackScan: pack("co-careldopa-25-100"), At: at("10:05")}, Outcome: mar.OutcomeGiven})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CorrectApproved(amy, ev.ID, "wrong resident", "ben", "4444"); !errors.Is(err, round.ErrNotAllowed) {
		t.Errorf("approved by another carer: err = %v, want ErrNotAllowed", err)
	}
	if _, err := svc.CorrectApproved(amy, ev.ID, "wrong resident", "sam", "0000"); !errors.Is(err, round.ErrWrongPIN) {
		t.Errorf("approved with a wrong PIN: err = %v, want ErrWrongPIN", err)
	}
	c, err := svc.CorrectApproved(amy, ev.ID, "wrong resident", "sam", "2222")
	if err != nil || c.WitnessID != "sam" {
		t.Errorf("approved by a senior: %+v, %v; want a correction witnessed by sam", c, err)
	}
}

package round_test

import (
	"strings"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store/storetest"
)

const gtinAmoxicillin = "05015150099991"

func newEmptyHome(t *testing.T) *round.Service {
	t.Helper()
	svc := round.New(storetest.Open(t), round.Options{DeviceID: "test-tablet"})
	if _, err := svc.AddUser(nil, "sam", "Sam Patel", mar.RoleManager, "2222"); err != nil {
		t.Fatal(err)
	}
	return svc
}

func reviewSays(items []fhir.Unsupported, parts ...string) bool {
	for _, u := range items {
		s := u.String()
		all := true
		for _, p := range parts {
			all = all && strings.Contains(s, p)
		}
		if all {
			return true
		}
	}
	return false
}

// addEntry appends a resource to the bundle.
func addEntry(b map[string]any, r map[string]any) {
	b["entry"] = append(b["entry"].([]any), map[string]any{"resource": r})
}

func medication(id, name, code, ingredient string) map[string]any {
	return map[string]any{"resourceType": "Medication", "id": id,
		"code": map[string]any{"text": name, "coding": []any{map[string]any{"system": mar.SystemGTIN, "code": gtinAmoxicillin}}},
		"ingredient": []any{map[string]any{"itemCodeableConcept": map[string]any{
			"text": ingredient, "coding": []any{map[string]any{"system": mar.SystemSNOMED, "code": code}}}}}}
}

func morningRequest(id, patient, med string) map[string]any {
	return map[string]any{"resourceType": "MedicationRequest", "id": id, "status": "active", "intent": "order",
		"subject": map[string]any{"reference": "Patient/" + patient}, "medicationReference": map[string]any{"reference": "Medication/" + med},
		"dosageInstruction": []any{map[string]any{"timing": map[string]any{"repeat": map[string]any{"when": []any{"MORN"}}},
			"doseAndRate": []any{map[string]any{"doseQuantity": map[string]any{"value": 1, "unit": "capsule"}}}}}}
}

// TestBareCodedPenicillinAllergyStopsAmoxicillin is the harm path of
// issue 15.1: a penicillin allergy sent as a bare SNOMED code let
// amoxicillin through as "OK to give".
func TestBareCodedPenicillinAllergyStopsAmoxicillin(t *testing.T) {
	for _, code := range []string{"764146007", "91936005", "373270004"} {
		svc := newEmptyHome(t)
		file := carehome(t, func(b map[string]any) {
			resource(b, "allergy-me-penicillin")["code"] = map[string]any{"coding": []any{map[string]any{"system": mar.SystemSNOMED, "code": code}}}
			addEntry(b, medication("amoxicillin-500", "Amoxicillin 500mg capsules", "372687004", "Amoxicillin"))
			addEntry(b, morningRequest("rx-me-amoxicillin", "margaret-evans", "amoxicillin-500"))
		})
		res, err := svc.Import(importer(t, svc), file)
		if err != nil {
			t.Fatalf("allergy coded %s: %v", code, err)
		}
		if !reviewSays(res.Review, "AllergyIntolerance/allergy-me-penicillin", "Penicillin", "pharmacist") {
			t.Errorf("allergy coded %s: no review note naming it: %v", code, res.Review)
		}
		v, err := svc.Check(round.CheckRequest{ResidentScan: "9434765919", PackScan: "(01)" + gtinAmoxicillin + "(17)271231(10)B1", At: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if !hasCode(v.Verdict, check.Allergy) || v.Verdict.Level != mar.LevelStop {
			t.Errorf("amoxicillin for a penicillin allergy coded %s: %v %v, want ALLERGY stop", code, v.Verdict.Level, v.Verdict.Codes())
		}
	}
}

func TestImportRefusesAnAllergyNoOneCanName(t *testing.T) {
	svc := newEmptyHome(t)
	file := carehome(t, func(b map[string]any) {
		resource(b, "allergy-me-penicillin")["code"] = map[string]any{"coding": []any{map[string]any{"system": mar.SystemSNOMED, "code": "419511003"}}}
	})
	_, err := svc.Import(importer(t, svc), file)
	if err == nil || !strings.Contains(err.Error(), "AllergyIntolerance/allergy-me-penicillin") || !strings.Contains(err.Error(), "code.text") {
		t.Errorf("import: err = %v, want a refusal naming the allergy and saying what to add", err)
	}
}

func TestImportDerivesTheIntervalOfUpToFourTimesADay(t *testing.T) {
	svc := newEmptyHome(t)
	file := carehome(t, func(b map[string]any) {
		d := resource(b, "rx-me-paracetamol")["dosageInstruction"].([]any)[0].(map[string]any)
		d["timing"] = map[string]any{"repeat": map[string]any{"frequency": 4, "period": 1, "periodUnit": "d"}}
	})
	res, err := svc.Import(importer(t, svc), file)
	if err != nil {
		t.Fatal(err)
	}
	if !reviewSays(res.Review, "MedicationRequest/rx-me-paracetamol", "6 hours") {
		t.Errorf("no review note of the derived interval: %v", res.Review)
	}
	r := mustResident(t, svc, "9434765919")
	v, err := svc.ResidentView(r.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range v.Chart {
		if e.Entry.ID == "rx-me-paracetamol" && e.Entry.MinInterval != 6*time.Hour {
			t.Errorf("paracetamol up to 4 times a day stored with interval %v, want 6h", e.Entry.MinInterval)
		}
	}
	again, err := svc.Import(importer(t, svc), file)
	if err != nil {
		t.Fatal(err)
	}
	if s := again.Summary.Entries; s.Added+s.Changed != 0 {
		t.Errorf("re-import of the same file changed entries: %+v", s)
	}
}

func TestImportFlagsTwoLinesWithAnIngredientInCommon(t *testing.T) {
	tests := []struct {
		name  string
		first func(b map[string]any)
		edit  func(b map[string]any)
		want  []string
	}{
		{"brand and generic amlodipine on two regular lines", func(map[string]any) {}, func(b map[string]any) {
			m := medication("istin-5", "Istin 5mg tablets", "386864001", "Amlodipine")
			m["code"].(map[string]any)["coding"] = []any{}
			addEntry(b, m)
			addEntry(b, morningRequest("rx-me-istin", "margaret-evans", "istin-5"))
		}, []string{"Patient/margaret-evans", "MedicationRequest/rx-me-amlodipine", "MedicationRequest/rx-me-istin", "amlodipine"}},
		{"a re-import under a new request ID leaves the old line beside the new", func(map[string]any) {}, func(b map[string]any) {
			resource(b, "rx-me-amlodipine")["id"] = "rx-me-amlodipine-2025"
		}, []string{"MedicationRequest/rx-me-amlodipine ", "MedicationRequest/rx-me-amlodipine-2025", "amlodipine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := newEmptyHome(t)
			if _, err := svc.Import(importer(t, svc), carehome(t, tt.first)); err != nil {
				t.Fatal(err)
			}
			res, err := svc.Import(importer(t, svc), carehome(t, tt.edit))
			if err != nil {
				t.Fatal(err)
			}
			if !reviewSays(res.Review, tt.want...) {
				t.Errorf("review %v, want a note with %q", res.Review, tt.want)
			}
		})
	}
	svc := newEmptyHome(t)
	res, err := svc.Import(importer(t, svc), "../fhir/testdata/carehome.json")
	if err != nil {
		t.Fatal(err)
	}
	if reviewSays(res.Review, "both in force") {
		t.Errorf("care home with no shared ingredient flagged: %v", res.Review)
	}
}

func TestImportReportsIngredientCodeWithTwoNames(t *testing.T) {
	svc := newEmptyHome(t)
	res, err := svc.Import(importer(t, svc), carehome(t, func(b map[string]any) {
		// Simvastatin's code given to an ingredient named amlodipine.
		m := medication("amlo-x", "Amlodipine 10mg tablets", "387584000", "Amlodipine")
		m["code"].(map[string]any)["coding"] = []any{}
		addEntry(b, m)
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !reviewSays(res.Review, "387584000", "simvastatin", "amlodipine") {
		t.Errorf("review %v, want the code named twice", res.Review)
	}
}

func TestReimportSayingPresentKeepsResidentInHospital(t *testing.T) {
	svc := newEmptyHome(t)
	if _, err := svc.Import(importer(t, svc), "../fhir/testdata/carehome.json"); err != nil {
		t.Fatal(err)
	}
	if got := mustResident(t, svc, "4010232137").Status; got != mar.StatusHospital {
		t.Errorf("a new resident the file puts in hospital is %v", got)
	}
	r := mustResident(t, svc, "9434765919")
	if _, err := svc.SetResidentStatus(signIn(t, svc, "sam", "2222"), r.ID, mar.StatusHospital, ""); err != nil {
		t.Fatal(err)
	}
	res, err := svc.Import(importer(t, svc), carehome(t, func(b map[string]any) {
		p := resource(b, "margaret-evans")
		p["extension"] = append(p["extension"].([]any), map[string]any{"url": "urn:medround:resident-status", "valueCode": "present"})
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got := mustResident(t, svc, "9434765919").Status; got != mar.StatusHospital {
		t.Errorf("after a re-import saying present the resident is %v, want still in hospital", got)
	}
	if !reviewSays(res.Review, "Patient/margaret-evans", "present", "hospital") {
		t.Errorf("review %v, want a note that the file's status was not applied", res.Review)
	}
}

func TestImportRefusesAPatientIDThatIsAnotherResidentsNumber(t *testing.T) {
	svc := newEmptyHome(t)
	if _, err := svc.Import(importer(t, svc), "../fhir/testdata/carehome.json"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"R1001", "9434765919"} {
		newcomer := map[string]any{"resourceType": "Patient", "id": id, "name": []any{map[string]any{"family": "Newcomer"}}}
		_, err := svc.Import(importer(t, svc), carehome(t, func(b map[string]any) { addEntry(b, newcomer) }))
		if err == nil || !strings.Contains(err.Error(), "wristband must open only their chart") {
			t.Errorf("Patient/%s in a file beside Margaret: err = %v, want refused", id, err)
		}
		_, err = svc.Import(importer(t, svc), carehome(t, func(b map[string]any) { b["entry"] = []any{map[string]any{"resource": newcomer}} }))
		if err == nil || !strings.Contains(err.Error(), "already held by another resident") {
			t.Errorf("Patient/%s alone, Margaret stored: err = %v, want refused", id, err)
		}
	}
}

func TestInactivePatientIsLeftOffTheRound(t *testing.T) {
	svc := newEmptyHome(t)
	res, err := svc.Import(importer(t, svc), carehome(t, func(b map[string]any) {
		resource(b, "arthur-hughes")["active"] = false
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !reviewSays(res.Review, "Patient/arthur-hughes", "inactive") {
		t.Errorf("review %v, want the inactive resident named", res.Review)
	}
	rows, err := svc.Board(time.Now(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if row.Resident.ID == "arthur-hughes" {
			t.Errorf("inactive Arthur is on the round with %d doses due", row.Due)
		}
	}
	v, err := svc.Check(round.CheckRequest{ResidentScan: "4857773457", EntryID: "rx-ah-simvastatin", At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if v.Verdict.Level != mar.LevelStop {
		t.Errorf("a dose for inactive Arthur: %v, want stop", v.Verdict.Level)
	}
}

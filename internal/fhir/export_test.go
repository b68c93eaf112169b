package fhir

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// exportChart is the chart the export tests record against: the care home
// fixture, by id.
func exportChart(t *testing.T) (map[string]mar.Resident, map[string]mar.ChartEntry, map[string]mar.Product) {
	c := mustParse(t, readFixture(t, "carehome.json"))
	res, ent, prod := map[string]mar.Resident{}, map[string]mar.ChartEntry{}, map[string]mar.Product{}
	for _, r := range c.Residents {
		res[r.ID] = r
	}
	for _, e := range c.Entries {
		ent[e.ID] = e
	}
	for _, p := range c.Products {
		prod[p.ID] = p
	}
	return res, ent, prod
}

func exportEvents() []mar.Event {
	at := time.Date(2024, 3, 4, 8, 5, 0, 0, time.UTC)
	given := mar.Event{ID: uuid.MustParse("11111111-1111-4111-8111-111111111111"), Kind: mar.KindAdministration,
		DeviceID: "tablet-1", UserID: "carer-anna", WitnessID: "senior-bob", ResidentID: "arthur-hughes",
		OccurredAt: at, RecordedAt: at.Add(time.Minute), EntryID: "rx-ah-zomorph", Outcome: mar.OutcomeGiven, Quantity: 1,
		Verdict: mar.LevelOK, GTIN: "05015150045677", Batch: "B123", Expiry: "2026-05-31"}
	refused := mar.Event{ID: uuid.MustParse("22222222-2222-4222-8222-222222222222"), Kind: mar.KindAdministration,
		UserID: "carer-anna", ResidentID: "margaret-evans", OccurredAt: at, EntryID: "rx-me-amlodipine", Outcome: mar.OutcomeRefused}
	notGiven := mar.Event{ID: uuid.MustParse("33333333-3333-4333-8333-333333333333"), Kind: mar.KindAdministration,
		UserID: "carer-anna", ResidentID: "doris-patel", OccurredAt: at, EntryID: "rx-dp-senna", Outcome: mar.OutcomeNotGiven,
		Reason: mar.ReasonInHospital, Note: "Admitted overnight"}
	prn := mar.Event{ID: uuid.MustParse("44444444-4444-4444-8444-444444444444"), Kind: mar.KindAdministration,
		UserID: "carer-anna", ResidentID: "margaret-evans", OccurredAt: at, EntryID: "rx-me-paracetamol", Outcome: mar.OutcomeGiven,
		Quantity: 2, PRNReason: "Headache", Unscanned: mar.UnscannedDamaged, OverrideReason: "pack label torn"}
	correction := mar.Event{ID: uuid.MustParse("55555555-5555-4555-8555-555555555555"), Kind: mar.KindCorrection,
		UserID: "senior-bob", ResidentID: "margaret-evans", OccurredAt: at, RecordedAt: at.Add(time.Hour),
		Corrects: refused.ID, Note: "recorded against the wrong resident"}
	effect := mar.Event{ID: uuid.MustParse("66666666-6666-4666-8666-666666666666"), Kind: mar.KindPRNEffect, About: prn.ID}
	return []mar.Event{given, refused, notGiven, prn, correction, effect}
}

func TestAdministrationBundle(t *testing.T) {
	res, ent, prod := exportChart(t)
	data, err := AdministrationBundle(exportEvents(), res, ent, prod)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		ResourceType, Type string
		Entry              []struct {
			FullURL  string          `json:"fullUrl"`
			Resource json.RawMessage `json:"resource"`
		}
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if b.ResourceType != "Bundle" || b.Type != "collection" || len(b.Entry) != 4 {
		t.Fatalf("bundle %s/%s with %d entries, want a collection of 4 administrations", b.ResourceType, b.Type, len(b.Entry))
	}
	byID := map[string]string{}
	for _, e := range b.Entry {
		var head resourceHead
		var compact bytes.Buffer
		if json.Unmarshal(e.Resource, &head) != nil || json.Compact(&compact, e.Resource) != nil {
			t.Fatalf("entry %s is not a resource", e.FullURL)
		}
		byID[head.ID] = compact.String()
		if e.FullURL != "urn:uuid:"+head.ID {
			t.Errorf("fullUrl %s for %s", e.FullURL, head.ID)
		}
	}
	tests := []struct {
		name, id string
		want     []string // fragments of the resource's JSON
	}{
		{"morphine given with a witness", "11111111-1111-4111-8111-111111111111", []string{
			`"status":"completed"`, `"effectiveDateTime":"2024-03-04T08:05:00Z"`,
			`"subject":{"reference":"Patient/arthur-hughes","identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"4857773457"}}`,
			`"code":"witness"`, `"value":"senior-bob"`, `"code":"performer"`, `"value":"carer-anna"`,
			`"dose":{"value":1,"unit":"capsule"}`, `"request":{"reference":"MedicationRequest/rx-ah-zomorph"}`,
			`{"system":"https://www.gs1.org/gtin","code":"05015150045677"}`, `"text":"Zomorph 10mg modified-release capsules"`,
			`{"url":"urn:medround:pack-batch","valueString":"B123"}`, `{"url":"urn:medround:pack-expiry","valueDate":"2026-05-31"}`,
			`{"url":"urn:medround:recorded-at","valueDateTime":"2024-03-04T08:06:00Z"}`}},
		{"refusal later corrected", "22222222-2222-4222-8222-222222222222", []string{
			`"status":"entered-in-error"`, `"code":"refused"`, `recorded against the wrong resident`}},
		{"not given: in hospital", "33333333-3333-4333-8333-333333333333", []string{
			`"status":"not-done"`, `"code":"hospital","display":"In hospital"`, `"note":[{"text":"Admitted overnight"}]`}},
		{"PRN paracetamol unscanned", "44444444-4444-4444-8444-444444444444", []string{
			`"reasonCode":[{"text":"Headache"}]`, `"dose":{"value":2,"unit":"tablet"}`, `"valueCode":"barcode-damaged"`,
			`"valueString":"pack label torn"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js, ok := byID[tt.id]
			if !ok {
				t.Fatalf("no MedicationAdministration %s", tt.id)
			}
			for _, w := range tt.want {
				if !strings.Contains(js, w) {
					t.Errorf("%s lacks %s", js, w)
				}
			}
			if tt.id != "11111111-1111-4111-8111-111111111111" && strings.Contains(js, `"witness"`) {
				t.Errorf("a witness appears on a dose without one: %s", js)
			}
		})
	}
	t.Run("valid against the FHIR R4 schema", func(t *testing.T) {
		s := loadSchema(t)
		var v any
		_ = json.Unmarshal(data, &v)
		for _, e := range s.Validate("Bundle", v, "Bundle") {
			t.Error(e)
		}
	})
}

func TestAdministrationBundleRefuses(t *testing.T) {
	res, ent, prod := exportChart(t)
	events := exportEvents()
	tests := []struct {
		name   string
		events []mar.Event
		want   string
	}{
		{"correction without the dose it corrects", events[4:5], "not among the events"},
		{"resident not in the chart", []mar.Event{withResident(events[0], "nobody")}, `resident "nobody"`},
		{"entry not in the chart", []mar.Event{withEntry(events[0], "rx-gone")}, `chart entry "rx-gone"`},
		{"no time it happened", []mar.Event{withTime(events[0], time.Time{})}, "no time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AdministrationBundle(tt.events, res, ent, prod)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if data, err := AdministrationBundle(nil, res, ent, prod); err != nil || !strings.Contains(string(data), `"entry": []`) {
		t.Errorf("no events: %s, %v; want an empty collection", data, err)
	}
}

func withResident(e mar.Event, id string) mar.Event { e.ResidentID = id; return e }
func withEntry(e mar.Event, id string) mar.Event    { e.EntryID = id; return e }
func withTime(e mar.Event, at time.Time) mar.Event  { e.OccurredAt = at; return e }

// statusAndDose exports events and returns the status, medication text and
// dose unit written for the event with this ID.
func statusAndDose(t *testing.T, events []mar.Event, id uuid.UUID) (status, medication, unit string) {
	t.Helper()
	res, ent, prod := exportChart(t)
	data, err := AdministrationBundle(events, res, ent, prod)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Entry []struct {
			Resource struct {
				ID, Status string
				Medication struct{ Text string } `json:"medicationCodeableConcept"`
				Dosage     *struct{ Dose struct{ Unit string } }
			}
		}
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	for _, e := range b.Entry {
		if e.Resource.ID == id.String() {
			if e.Resource.Dosage != nil {
				unit = e.Resource.Dosage.Dose.Unit
			}
			return e.Resource.Status, e.Resource.Medication.Text, unit
		}
	}
	t.Fatalf("event %s not exported", id)
	return "", "", ""
}

// A correction of the correction restores the dose: it is exported as
// completed, not entered in error.
func TestAdministrationBundleReadsCorrectionChains(t *testing.T) {
	events := exportEvents()
	refused, corr := events[1], events[4]
	withdraw := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, UserID: "senior-bob", ResidentID: corr.ResidentID,
		OccurredAt: corr.OccurredAt.Add(time.Hour), Corrects: corr.ID}
	if st, _, _ := statusAndDose(t, events, refused.ID); st != "entered-in-error" {
		t.Errorf("corrected: %q", st)
	}
	if st, _, _ := statusAndDose(t, append(events, withdraw), refused.ID); st != "not-done" {
		t.Errorf("correction withdrawn: %q, want not-done again", st)
	}
}

// A dose is written as the product and unit it was given as, not as the
// chart entry says now (tablets made liquid under the same request).
func TestAdministrationBundleWritesTheProductGiven(t *testing.T) {
	events := exportEvents()
	prn := events[3]
	_, nowMed, nowUnit := statusAndDose(t, events, prn.ID)
	prn.ProductID, prn.DoseUnit = "lactulose", "mL"
	_, med, unit := statusAndDose(t, []mar.Event{prn}, prn.ID)
	if med != "Lactulose 3.35g/5ml oral solution" || unit != "mL" || med == nowMed || unit == nowUnit {
		t.Errorf("dose given as lactulose in mL exported as %q in %q", med, unit)
	}
}

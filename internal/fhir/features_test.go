package fhir

import (
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestParseReads(t *testing.T) {
	withDosage := func(d ...string) []byte {
		return bundleOf(patientJSONText, medJSONText, requestWith(strings.Join(d, ",")))
	}
	london, _ := time.LoadLocation("Europe/London")
	tests := []struct {
		name  string
		data  []byte
		check func(t *testing.T, c *Chart)
	}{
		{"two dosage instructions make rx1 and rx1#2", withDosage(regularDosage, strings.Replace(regularDosage, "08:00", "20:00", 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 2 || c.Entries[0].ID != "rx1" || c.Entries[1].ID != "rx1#2" || c.Entries[1].Timing.TimesOfDay[0] != 20*60 {
					t.Errorf("entries = %+v", c.Entries)
				}
			}},
		{"prednisolone taper in dated steps makes one entry per step", withDosage(
			`{"sequence":1,"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-01-01","end":"2024-01-07"}}},"doseAndRate":[{"doseQuantity":{"value":8}}]}`,
			`{"sequence":2,"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-01-08","end":"2024-01-14"}}},"doseAndRate":[{"doseQuantity":{"value":6}}]}`,
			`{"sequence":3,"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-01-15"}}},"doseAndRate":[{"doseQuantity":{"value":4}}]}`),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 3 || c.Entries[1].Dose.Value != 6 || !c.Entries[1].Start.Equal(time.Date(2024, 1, 8, 0, 0, 0, 0, london)) ||
					!c.Entries[2].End.IsZero() {
					t.Errorf("entries = %+v", c.Entries)
				}
				if warningsContain(c, "sequence") {
					t.Errorf("sequence reported as ignored: %v", c.Unsupported)
				}
			}},
		{"morning and night lines with the same sequence are given together", withDosage(
			`{"sequence":1,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`,
			`{"sequence":1,"timing":{"repeat":{"timeOfDay":["20:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":2}}]}`),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 2 {
					t.Errorf("entries = %+v", c.Entries)
				}
			}},
		{"a completed taper without dates is not refused: nothing of it is given", bundleOf(patientJSONText, medJSONText,
			strings.Replace(requestWith(`{"sequence":1,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":2}}]},`+
				`{"sequence":2,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`), `"active"`, `"completed"`, 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 2 || c.Entries[0].Status != mar.EntryCompleted {
					t.Errorf("entries = %+v", c.Entries)
				}
			}},
		{"course ending on a summer date runs to midnight London time", withDosage(`{"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-07-01","end":"2024-07-31"}}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			func(t *testing.T, c *Chart) {
				e := c.Entries[0]
				if want := time.Date(2024, 7, 1, 0, 0, 0, 0, london); !e.Start.Equal(want) {
					t.Errorf("start %v, want %v", e.Start, want)
				}
				if want := time.Date(2024, 8, 1, 0, 0, 0, 0, london); !e.End.Equal(want) {
					t.Errorf("end %v, want %v (the 31st is still given)", e.End, want)
				}
			}},
		{"PRN up to four times a day reads as a maximum", withDosage(`{"asNeededCodeableConcept":{"text":"Pain"},"timing":{"repeat":{"frequency":4,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseRange":{"low":{"value":1,"unit":"tablet"},"high":{"value":2,"unit":"tablets"}}}]}`),
			func(t *testing.T, c *Chart) {
				e := c.Entries[0]
				if !e.PRN || e.PRNReason != "Pain" || e.MinInterval != 0 || e.MaxDose == nil || e.MaxDose.Quantity.Value != 8 || e.MaxDose.Period != 24*time.Hour {
					t.Errorf("entry = %+v max %+v", e, e.MaxDose)
				}
				if !warningsContain(c, "at most 8 tablet in 1 d") {
					t.Errorf("the derived maximum is not reported: %v", c.Unsupported)
				}
			}},
		{"PRN at least 6 hours apart", withDosage(`{"asNeededBoolean":true,"timing":{"repeat":{"period":6,"periodUnit":"h"}},"doseAndRate":[{"doseQuantity":{"value":5,"unit":"mL"}}],"maxDosePerPeriod":{"numerator":{"value":20,"unit":"mL"},"denominator":{"value":1,"code":"d"}}}`),
			func(t *testing.T, c *Chart) {
				e := c.Entries[0]
				if e.MinInterval != 6*time.Hour || e.MaxDose.Period != 24*time.Hour || e.MaxDose.Quantity != (mar.Quantity{Value: 20, Unit: "mL"}) {
					t.Errorf("min interval %v, max %+v", e.MinInterval, e.MaxDose)
				}
			}},
		{"twice daily by GTS code", withDosage(`{"timing":{"code":{"coding":[{"code":"BID"}]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			func(t *testing.T, c *Chart) {
				if tm := c.Entries[0].Timing; tm.Frequency != 2 || tm.Period != 1 || tm.PeriodUnit != "d" {
					t.Errorf("timing = %+v", tm)
				}
			}},
		{"time-critical on the dosage instruction", withDosage(`{"extension":[{"url":"urn:medround:time-critical","valueBoolean":true}],"timing":{"repeat":{"timeOfDay":["06:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			func(t *testing.T, c *Chart) {
				if !c.Entries[0].TimeCritical {
					t.Error("not time-critical")
				}
			}},
		{"several doses, the ordered one used", withDosage(`{"timing":{"repeat":{"when":["MORN"]}},"doseAndRate":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/dose-rate-type","code":"calculated"}]},"doseQuantity":{"value":3}},{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/dose-rate-type","code":"ordered"}]},"doseQuantity":{"value":2,"unit":"tablet"}}]}`),
			func(t *testing.T, c *Chart) {
				if d := c.Entries[0].Dose; d.Value != 2 {
					t.Errorf("dose = %v, want the ordered 2", d)
				}
			}},
		{"contained Medication", bundleOf(patientJSONText, strings.Replace(strings.Replace(requestWith(regularDosage), `"Medication/m1"`, `"#med"`, 1), `"status"`, `"contained":[{"resourceType":"Medication","id":"med","code":{"text":"Senna 7.5mg tablets"}}],"status"`, 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Products) != 1 || c.Products[0].ID != "rx1#med" || c.Entries[0].ProductID != "rx1#med" || c.Products[0].Name != "Senna 7.5mg tablets" {
					t.Errorf("products %+v, entry product %q", c.Products, c.Entries[0].ProductID)
				}
			}},
		{"same concept in two requests is one product", bundleOf(patientJSONText,
			strings.Replace(requestWith(regularDosage), `"medicationReference":{"reference":"Medication/m1"}`, `"medicationCodeableConcept":{"coding":[{"system":"https://dmd.nhs.uk","code":"123"}],"text":"Senna"}`, 1),
			strings.Replace(strings.Replace(requestWith(regularDosage), `"medicationReference":{"reference":"Medication/m1"}`, `"medicationCodeableConcept":{"coding":[{"system":"https://dmd.nhs.uk","code":"123"}]}`, 1), `"rx1"`, `"rx2"`, 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Products) != 1 || c.Entries[0].ProductID != c.Entries[1].ProductID || c.Products[0].Name != "Senna" {
					t.Errorf("products %+v", c.Products)
				}
			}},
		{"subject by absolute URL with history", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"Patient/p1"`, `"https://gp.example/fhir/Patient/p1/_history/3"`, 1)),
			func(t *testing.T, c *Chart) {
				if c.Entries[0].ResidentID != "p1" {
					t.Errorf("resident %q", c.Entries[0].ResidentID)
				}
			}},
		{"subject by NHS number", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `{"reference":"Patient/p1"}`, `{"identifier":{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"943 476 5919"}}`, 1)),
			func(t *testing.T, c *Chart) {
				if c.Entries[0].ResidentID != "p1" {
					t.Errorf("resident %q", c.Entries[0].ResidentID)
				}
			}},
		{"entered-in-error request is retracted, not charted", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"active"`, `"entered-in-error"`, 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 0 || len(c.Retracted) != 1 || c.Retracted[0] != "rx1" || !warningsContain(c, "entered in error") {
					t.Errorf("entries %v, retracted %v", c.Entries, c.Retracted)
				}
			}},
		{"draft request left off", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"active"`, `"draft"`, 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 0 || !warningsContain(c, "MedicationRequest/rx1: status: a draft") {
					t.Errorf("entries %v, warnings %v", c.Entries, c.Unsupported)
				}
			}},
		{"a plan is not an order", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"order"`, `"plan"`, 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 0 || !warningsContain(c, `intent "plan"`) {
					t.Errorf("entries %v", c.Entries)
				}
			}},
		{"stopped request without dosage still charted", bundleOf(patientJSONText, medJSONText, strings.Replace(strings.Replace(requestWith(""), `"active"`, `"stopped"`, 1), `,"dosageInstruction":[]`, ``, 1)),
			func(t *testing.T, c *Chart) {
				if len(c.Entries) != 1 || c.Entries[0].Status != mar.EntryStopped {
					t.Errorf("entries %+v", c.Entries)
				}
			}},
		{"Observation entry reported", bundleOf(patientJSONText, `{"resourceType":"Observation","id":"o1"}`),
			func(t *testing.T, c *Chart) {
				if !warningsContain(c, "Bundle entry 1: resource type Observation is ignored") {
					t.Errorf("warnings %v", c.Unsupported)
				}
			}},
		{"unknown extension and unread element reported", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"intent"`, `"extension":[{"url":"http://example.org/colour","valueString":"blue"}],"note":[{"text":"take with food"}],"intent"`, 1)),
			func(t *testing.T, c *Chart) {
				if !warningsContain(c, `MedicationRequest/rx1: extension[0]: extension "http://example.org/colour"`) || !warningsContain(c, "MedicationRequest/rx1: note: ignored") {
					t.Errorf("warnings %v", c.Unsupported)
				}
			}},
		{"deceased resident", bundleOf(strings.Replace(patientJSONText, `"name"`, `"deceasedDateTime":"2024-02-01T10:00:00Z","name"`, 1)),
			func(t *testing.T, c *Chart) {
				if c.Residents[0].Status != mar.StatusDeceased {
					t.Errorf("status %s", c.Residents[0].Status)
				}
			}},
		{"official name preferred over nickname, old name skipped", bundleOf(strings.Replace(patientJSONText, `"name":[{"given":["Margaret"],"family":"Evans"}]`,
			`"name":[{"use":"nickname","given":["Peggy"]},{"use":"official","given":["Margaret"],"family":"Jones","period":{"end":"1960-01-01"}},{"use":"official","given":["Margaret"],"family":"Evans"}]`, 1)),
			func(t *testing.T, c *Chart) {
				if n := c.Residents[0].Name(); n != "Margaret Evans" {
					t.Errorf("name %q", n)
				}
			}},
		{"allergy without clinical status counts as active", bundleOf(patientJSONText, `{"resourceType":"AllergyIntolerance","id":"a1","code":{"text":"Penicillin"},"patient":{"reference":"Patient/p1"}}`),
			func(t *testing.T, c *Chart) {
				if !c.Allergies[0].Active {
					t.Error("inactive")
				}
			}},
		{"resolved allergy is inactive", bundleOf(patientJSONText, `{"resourceType":"AllergyIntolerance","id":"a1","clinicalStatus":{"coding":[{"code":"resolved"}]},"code":{"text":"Latex"},"patient":{"reference":"Patient/p1"}}`),
			func(t *testing.T, c *Chart) {
				if c.Allergies[0].Active {
					t.Error("active")
				}
			}},
		{"no known allergy adds nothing", bundleOf(patientJSONText, `{"resourceType":"AllergyIntolerance","id":"a1","code":{"coding":[{"system":"http://snomed.info/sct","code":"716186003"}]},"patient":{"reference":"Patient/p1"}}`),
			func(t *testing.T, c *Chart) {
				if len(c.Allergies) != 0 {
					t.Errorf("allergies %+v", c.Allergies)
				}
			}},
		{"bare Patient", []byte(patientJSONText),
			func(t *testing.T, c *Chart) {
				if len(c.Residents) != 1 || c.Residents[0].ID != "p1" {
					t.Errorf("residents %+v", c.Residents)
				}
			}},
		{"searchset with an outcome entry", []byte(`{"resourceType":"Bundle","type":"searchset","entry":[{"resource":` + patientJSONText + `,"search":{"mode":"match"}},{"resource":{"resourceType":"OperationOutcome"},"search":{"mode":"outcome"}}]}`),
			func(t *testing.T, c *Chart) {
				if len(c.Residents) != 1 || !warningsContain(c, "search outcome") {
					t.Errorf("residents %d, warnings %v", len(c.Residents), c.Unsupported)
				}
			}},
		{"GTIN-13 and GTIN-8 normalised to GTIN-14", bundleOf(strings.Replace(medJSONText, `"code":"`+gtinGood+`"}`, `"code":"`+gtinGood+`"},{"system":"https://www.gs1.org/gtin","code":"96385074"}`, 1)),
			func(t *testing.T, c *Chart) {
				if g := c.Products[0].GTINs; len(g) != 2 || g[0] != "0"+gtinGood || g[1] != "00000096385074" {
					t.Errorf("GTINs %v", g)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, mustParse(t, tt.data))
		})
	}
}

func TestValidNHSNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"9434765919", true},
		{"9000000009", true}, // the PDS sandbox test patient
		{"4010232137", true},
		{"9434765918", false}, // last digit mistyped
		{"9434765991", false}, // two digits swapped
		{"1000000010", false}, // check digit would be 10: never issued
		{"943476591", false},
		{"94347659190", false},
		{"94347659a9", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := validNHSNumber(tt.in); got != tt.want {
			t.Errorf("validNHSNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNormaliseGTIN(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"5015150012341", "05015150012341", true},
		{"05015150012341", "05015150012341", true},
		{"08903819987659", "08903819987659", true}, // a real pack's GTIN from the corpus
		{"96385074", "00000096385074", true},
		{"036000291452", "00036000291452", true}, // UPC-A
		{"5015150012342", "", false},
		{"501515001234", "", false}, // 12 digits: UPC-A whose check digit fails
		{"50151500123", "", false},
		{"5O15150012341", "", false},
	}
	for _, tt := range tests {
		got, err := normaliseGTIN(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("normaliseGTIN(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestTopLevelKeys(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`{"a":1,"b":{"c":[1,{"d":2}]},"e":"}\"{"}`, "a b e"},
		{`{"x\u0079":true, "_z" : [ ] }`, "xy _z"},
		{`{}`, ""},
		{`{"cut`, ""}, // malformed: no name, and no panic
		{`[{"a":1}]`, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(topLevelKeys([]byte(tt.in)), " "); got != tt.want {
			t.Errorf("topLevelKeys(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPRNWithoutLimitsIsReported(t *testing.T) {
	c := mustParse(t, bundleOf(patientJSONText, medJSONText, requestWith(`{"asNeededBoolean":true,"doseAndRate":[{"doseQuantity":{"value":1}}]}`)))
	if !warningsContain(c, "cannot limit how often") {
		t.Errorf("warnings %v", c.Unsupported)
	}
}

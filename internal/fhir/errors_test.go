package fhir

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRefuses(t *testing.T) {
	careHome := string(readFixture(t, "carehome.json"))
	withDosage := func(d string) []byte { return bundleOf(patientJSONText, medJSONText, requestWith(d)) }
	tests := []struct {
		name string
		data []byte
		want []string // each must appear in the error
	}{
		{"file cut short in transfer", []byte(careHome[:len(careHome)/2]), []string{"ends too soon"}},
		{"not JSON at all", []byte("MRN,NAME\n1,Evans"), []string{"not valid JSON"}},
		{"JSON array, not a resource", []byte(`[1,2]`), []string{"file"}},
		{"empty object", []byte(`{}`), []string{"no resourceType"}},
		{"status written as a number", bundleOf(patientJSONText, medJSONText,
			strings.Replace(requestWith(regularDosage), `"status":"active"`, `"status":5`, 1)), []string{"MedicationRequest", "status", "want a string"}},
		{"Bundle entry is a string", []byte(`{"resourceType":"Bundle","type":"collection","entry":["Patient/1"]}`), []string{"Bundle", "entry"}},
		{"NHS number with a wrong check digit", bundleOf(strings.Replace(patientJSONText, nhsMargaret, "9434765918", 1)),
			[]string{"Patient/p1", "identifier[0]", "NHS number is not valid"}},
		{"NHS number too short", bundleOf(strings.Replace(patientJSONText, nhsMargaret, "943476", 1)), []string{"Patient/p1", "NHS number"}},
		{"GTIN with a wrong check digit", bundleOf(strings.Replace(medJSONText, gtinGood, "5015150012342", 1)),
			[]string{"Medication/m1", "code.coding[0]", "check digit"}},
		{"GTIN with letters", bundleOf(strings.Replace(medJSONText, gtinGood, "50151500123AB", 1)), []string{"Medication/m1", "not all digits"}},
		{"request for a Patient not in the file", bundleOf(medJSONText, requestWith(regularDosage)),
			[]string{"MedicationRequest/rx1", "subject", "Patient/p1 is not a Patient in this file"}},
		{"request for a Medication not in the file", bundleOf(patientJSONText, requestWith(regularDosage)),
			[]string{"MedicationRequest/rx1", "Medication/m1 is not a Medication in this file"}},
		{"subject points at a Medication", bundleOf(patientJSONText, medJSONText,
			strings.Replace(requestWith(regularDosage), `"Patient/p1"`, `"Medication/m1"`, 1)), []string{"subject"}},
		{"unknown periodUnit", withDosage(`{"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"fortnight"}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"dosageInstruction[0].timing.repeat.periodUnit", `"fortnight"`}},
		{"period in seconds", withDosage(`{"timing":{"repeat":{"frequency":1,"period":30,"periodUnit":"s"}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"periodUnit"}},
		{"course limited by a count of doses", withDosage(`{"timing":{"repeat":{"count":10,"frequency":3,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"dosageInstruction[0].timing.repeat.count", "not supported"}},
		{"frequency range", withDosage(`{"timing":{"repeat":{"frequency":1,"frequencyMax":2,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"frequencyMax"}},
		{"dose on listed dates", withDosage(`{"timing":{"event":["2024-01-01T08:00:00Z"]},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"timing.event"}},
		{"when code before meals", withDosage(`{"timing":{"repeat":{"when":["ACM"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{`when "ACM" is not supported`}},
		{"both timeOfDay and when", withDosage(`{"timing":{"repeat":{"when":["MORN"],"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"tim-10"}},
		{"twice a day with three times listed", withDosage(`{"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d","timeOfDay":["08:00:00","12:00:00","18:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"2 times a day but lists 3"}},
		{"day of week spelt out", withDosage(`{"timing":{"repeat":{"dayOfWeek":["monday"],"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"dayOfWeek[0]", `"monday"`}},
		{"time of day out of range", withDosage(`{"timing":{"repeat":{"timeOfDay":["25:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"timeOfDay[0]"}},
		{"course ends before it starts", withDosage(`{"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-03-01","end":"2024-02-01"}}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"ends before it starts"}},
		{"bad date", withDosage(`{"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"01/03/2024"}}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`),
			[]string{"boundsPeriod.start", "01/03/2024"}},
		{"two tablets at once then one a day, given as sequence 1 and 2 without dates", bundleOf(patientJSONText, medJSONText, requestWith(
			`{"sequence":1,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":2}}]},`+
				`{"sequence":2,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`)),
			[]string{"MedicationRequest/rx1", "dosageInstruction[1].sequence", "not each limited by a boundsPeriod", "send each step with its own timing.repeat.boundsPeriod"}},
		{"prednisolone taper whose steps share a day", bundleOf(patientJSONText, medJSONText, requestWith(
			`{"sequence":1,"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-01-01","end":"2024-01-07"}}},"doseAndRate":[{"doseQuantity":{"value":8}}]},`+
				`{"sequence":2,"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-01-07","end":"2024-01-14"}}},"doseAndRate":[{"doseQuantity":{"value":6}}]}`)),
			[]string{"MedicationRequest/rx1", "boundsPeriods overlap", "double the dose"}},
		{"taper whose second step has no dates", bundleOf(patientJSONText, medJSONText, requestWith(
			`{"sequence":1,"timing":{"repeat":{"timeOfDay":["08:00:00"],"boundsPeriod":{"start":"2024-01-01","end":"2024-01-07"}}},"doseAndRate":[{"doseQuantity":{"value":8}}]},`+
				`{"sequence":2,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":6}}]}`)),
			[]string{"dosageInstruction[1].sequence", "not each limited"}},
		{"one instruction with a sequence and one without", bundleOf(patientJSONText, medJSONText, requestWith(
			`{"sequence":1,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":2}}]},`+
				`{"timing":{"repeat":{"timeOfDay":["20:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`)),
			[]string{"sequence none", "sequence 1"}},
		{"insulin: two lines at sequence 2 and one at sequence 1, no dates", bundleOf(patientJSONText, medJSONText, requestWith(
			`{"sequence":2,"timing":{"repeat":{"when":["MORN"]}},"doseAndRate":[{"doseQuantity":{"value":10}}]},`+
				`{"sequence":2,"timing":{"repeat":{"when":["NOON"]}},"doseAndRate":[{"doseQuantity":{"value":15}}]},`+
				`{"sequence":1,"timing":{"repeat":{"when":["EVE"]}},"doseAndRate":[{"doseQuantity":{"value":20}}]}`)),
			[]string{"dosageInstruction[2].sequence", "sequence 1 and dosageInstruction[0] sequence 2"}},
		{"sequence written as text", bundleOf(patientJSONText, medJSONText, requestWith(
			`{"sequence":"1","timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`)),
			[]string{"dosageInstruction[0]", "sequence"}},
		{"regular medicine with no dose", withDosage(`{"timing":{"repeat":{"timeOfDay":["08:00:00"]}}}`), []string{"no dose"}},
		{"regular medicine with no time", withDosage(`{"doseAndRate":[{"doseQuantity":{"value":1}}]}`), []string{"no time to give it"}},
		{"zero dose", withDosage(`{"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":0}}]}`), []string{"more than 0"}},
		{"max dose in mg, dose in tablets", withDosage(`{"asNeededBoolean":true,"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}],"maxDosePerPeriod":{"numerator":{"value":4000,"unit":"mg"},"denominator":{"value":24,"unit":"h"}}}`),
			[]string{"maxDosePerPeriod.numerator", "one unit"}},
		{"max dose per month", withDosage(`{"asNeededBoolean":true,"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}],"maxDosePerPeriod":{"numerator":{"value":4,"unit":"tablet"},"denominator":{"value":1,"unit":"mo"}}}`),
			[]string{"maxDosePerPeriod.denominator"}},
		{"active request without instructions", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(""), `"dosageInstruction":[]`, `"note":[]`, 1)),
			[]string{"needs a dosageInstruction"}},
		{"status unknown", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"active"`, `"unknown"`, 1)),
			[]string{"status", `"unknown"`}},
		{"do not give", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"intent"`, `"doNotPerform":true,"intent"`, 1)),
			[]string{"doNotPerform"}},
		{"modifier extension", bundleOf(patientJSONText, medJSONText, strings.Replace(requestWith(regularDosage), `"intent"`, `"modifierExtension":[{"url":"http://example.org/not-really","valueBoolean":true}],"intent"`, 1)),
			[]string{"modifierExtension[0]", "http://example.org/not-really"}},
		{"controlled drug schedule written CD2", bundleOf(strings.Replace(medJSONText, `"code"`, `"extension":[{"url":"urn:medround:controlled-drug-schedule","valueString":"CD2"}],"code"`, 1)),
			[]string{"Medication/m1", "controlled-drug-schedule"}},
		{"resident status away", bundleOf(strings.Replace(patientJSONText, `"name"`, `"extension":[{"url":"urn:medround:resident-status","valueCode":"away"}],"name"`, 1)),
			[]string{"Patient/p1", "away"}},
		{"allergy with no substance", bundleOf(patientJSONText, `{"resourceType":"AllergyIntolerance","id":"a1","patient":{"reference":"Patient/p1"}}`),
			[]string{"AllergyIntolerance/a1", "names no substance"}},
		{"allergy for a Patient not in the file", bundleOf(`{"resourceType":"AllergyIntolerance","id":"a1","code":{"text":"Penicillin"},"patient":{"reference":"Patient/p9"}}`),
			[]string{"AllergyIntolerance/a1", "Patient/p9"}},
		{"delete in a transaction", []byte(`{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"MedicationRequest/rx1"}}]}`),
			[]string{"Bundle entry 0", "DELETE"}},
		{"history bundle", []byte(`{"resourceType":"Bundle","type":"history","entry":[]}`), []string{`"history"`}},
		{"bare Observation", []byte(`{"resourceType":"Observation","id":"o1"}`), []string{"Observation is not a chart"}},
		{"the same Patient twice", bundleOf(patientJSONText, patientJSONText), []string{"Patient/p1", "appears twice"}},
		{"two residents, one NHS number", bundleOf(patientJSONText, strings.Replace(patientJSONText, `"p1"`, `"p2"`, 1)), []string{"same NHS number"}},
		{"Patient with no id or fullUrl", bundleOf(`{"resourceType":"Patient"}`), []string{"no id"}},
		{"ingredient only by unresolvable reference", bundleOf(strings.Replace(medJSONText, `"code"`, `"ingredient":[{"itemReference":{"reference":"Substance/s1"}}],"code"`, 1)),
			[]string{"ingredient[0].itemReference", "allergies"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseBundle(tt.data, "chart.json")
			if err == nil {
				t.Fatalf("ParseBundle accepted it: %d entries, warnings %v", len(c.Entries), c.Unsupported)
			}
			var ferr *Error
			if !errors.As(err, &ferr) {
				t.Fatalf("error %T, want *Error", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "fhir chart.json: ") || strings.Contains(msg, "\n") {
				t.Errorf("error %q is not one line naming the file", msg)
			}
			t.Log(msg)
			all := msg
			for _, p := range ferr.Problems {
				all += "\n" + p.String()
			}
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("error %q does not contain %q", all, w)
				}
			}
		})
	}
}

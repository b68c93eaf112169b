package fhir

import (
	"os"
	"strings"
	"testing"
)

// Valid identifiers for hand-written bundles.
const (
	nhsMargaret = "9434765919"
	gtinGood    = "5015150012341"
)

// bundleOf wraps resources (JSON objects) in a collection Bundle.
func bundleOf(resources ...string) []byte {
	entries := make([]string, len(resources))
	for i, r := range resources {
		entries[i] = `{"resource":` + r + `}`
	}
	return []byte(`{"resourceType":"Bundle","type":"collection","entry":[` + strings.Join(entries, ",") + `]}`)
}

// The smallest chart: one resident, one medicine, one regular request.
const (
	patientJSONText = `{"resourceType":"Patient","id":"p1","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"` + nhsMargaret + `"}],"name":[{"given":["Margaret"],"family":"Evans"}]}`
	medJSONText     = `{"resourceType":"Medication","id":"m1","code":{"coding":[{"system":"https://www.gs1.org/gtin","code":"` + gtinGood + `"}],"text":"Paracetamol 500mg tablets"}}`
)

// requestWith builds an active MedicationRequest for p1 and m1 with the
// given dosageInstruction.
func requestWith(dosage string) string {
	return `{"resourceType":"MedicationRequest","id":"rx1","status":"active","intent":"order","subject":{"reference":"Patient/p1"},"medicationReference":{"reference":"Medication/m1"},"dosageInstruction":[` + dosage + `]}`
}

const regularDosage = `{"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]}`

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustParse(t *testing.T, data []byte) *Chart {
	t.Helper()
	c, err := ParseBundle(data, "test.json")
	if err != nil {
		t.Fatalf("ParseBundle: %v", err)
	}
	return c
}

func warningsContain(c *Chart, want string) bool {
	for _, u := range c.Unsupported {
		if strings.Contains(u.String(), want) {
			return true
		}
	}
	return false
}

package fhir

import (
	"fmt"
	"testing"
	"time"
)

// homeBundle builds a chart of n residents with 12 entries each, like the
// 100-resident home the import budget (2 s including storage) is set for.
func homeBundle(n int) []byte {
	var res []string
	for i := 0; i < 12; i++ {
		res = append(res, fmt.Sprintf(`{"resourceType":"Medication","id":"m%d","code":{"coding":[{"system":"https://dmd.nhs.uk","code":"4210961100000%d"},{"system":"https://www.gs1.org/gtin","code":"%s"}],"text":"Medicine %d"},"ingredient":[{"itemCodeableConcept":{"text":"Ingredient %d"}}]}`, i, i, gtinGood, i, i))
	}
	for p := 0; p < n; p++ {
		res = append(res, fmt.Sprintf(`{"resourceType":"Patient","id":"p%d","identifier":[{"system":"urn:medround:resident-number","value":"R%04d"}],"name":[{"use":"official","given":["Resident"],"family":"Number %d"}],"birthDate":"1940-01-01","extension":[{"url":"urn:medround:room","valueString":"%d"}]}`, p, p, p, p))
		res = append(res, fmt.Sprintf(`{"resourceType":"AllergyIntolerance","id":"a%d","code":{"text":"Penicillin"},"patient":{"reference":"Patient/p%d"}}`, p, p))
		for e := 0; e < 12; e++ {
			dosage := `{"text":"1 tablet twice a day","timing":{"repeat":{"timeOfDay":["08:00:00","20:00:00"],"boundsPeriod":{"start":"2024-01-01"}}},"route":{"text":"Oral"},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]}`
			if e%4 == 0 {
				dosage = `{"asNeededCodeableConcept":{"text":"Pain"},"timing":{"repeat":{"frequency":1,"period":4,"periodUnit":"h"}},"doseAndRate":[{"doseRange":{"low":{"value":1,"unit":"tablet"},"high":{"value":2,"unit":"tablet"}}}],"maxDosePerPeriod":{"numerator":{"value":8,"unit":"tablet"},"denominator":{"value":24,"unit":"h"}}}`
			}
			res = append(res, fmt.Sprintf(`{"resourceType":"MedicationRequest","id":"rx-%d-%d","status":"active","intent":"order","subject":{"reference":"Patient/p%d"},"medicationReference":{"reference":"Medication/m%d"},"authoredOn":"2023-12-20","dosageInstruction":[%s]}`, p, e, p, e, dosage))
		}
	}
	return bundleOf(res...)
}

func TestHomeBundleParsesQuickly(t *testing.T) {
	data := homeBundle(100)
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		c, err := ParseBundle(data, "home.json")
		best = min(best, time.Since(start))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Entries) != 1200 || len(c.Residents) != 100 || len(c.Unsupported) != 0 {
			t.Fatalf("%d entries, %d residents, warnings %v", len(c.Entries), len(c.Residents), c.Unsupported)
		}
	}
	// The whole import, storage included, must take under 2 s. Parsing
	// takes well under 500ms on an idle machine; the ceiling here is looser
	// so that a test run sharing two cores with other packages does not
	// fail, while a parser gone quadratic still does.
	if best > time.Second {
		t.Errorf("parsing 100 residents x 12 entries took %v at best, want well under 1s", best)
	}
	t.Logf("parsed %d bytes, 1200 entries in %v (best of 3)", len(data), best)
}

func BenchmarkParseBundle100x12(b *testing.B) {
	data := homeBundle(100)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseBundle(data, "home.json"); err != nil {
			b.Fatal(err)
		}
	}
}

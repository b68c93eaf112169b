// Package fhirtest makes FHIR R4 bundles for tests and benchmarks of the
// import: a whole care home's chart of any size.
package fhirtest

import (
	"fmt"
	"strings"
)

// gtin is a GTIN-13 with a valid check digit, shared by the bundle's
// medicines (GTINs need not be unique to a product for the importer).
const gtin = "5015150012341"

// HomeBundle returns a collection Bundle of n residents with 12 chart
// entries each (a quarter of them PRN with a 24-hour maximum), 12
// medicines and a penicillin allergy per resident: the 100-resident home
// the import budget (2 s including storage) is set for.
func HomeBundle(n int) []byte {
	var res []string
	for i := 0; i < 12; i++ {
		res = append(res, fmt.Sprintf(`{"resourceType":"Medication","id":"m%d","code":{"coding":[{"system":"https://dmd.nhs.uk","code":"4210961100000%d"},{"system":"https://www.gs1.org/gtin","code":"%s"}],"text":"Medicine %d"},"ingredient":[{"itemCodeableConcept":{"text":"Ingredient %d"},"strength":{"numerator":{"value":%d,"unit":"mg"},"denominator":{"value":1,"unit":"tablet"}}}]}`, i, i, gtin, i, i, 10*(i+1)))
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
	entries := make([]string, len(res))
	for i, r := range res {
		entries[i] = `{"resource":` + r + `}`
	}
	return []byte(`{"resourceType":"Bundle","type":"collection","entry":[` + strings.Join(entries, ",") + `]}`)
}

package fhir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseBundle(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.json")
	for _, name := range []string{"nhs-pds-sandbox/PatientSearch.json", "r4/examples/MedicationRequest-medrx0311.json",
		"r4/examples/Medication-med0301.json", "r4/examples/Patient-example.json"} {
		seeds = append(seeds, filepath.Join(corpusDir, name))
	}
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add(bundleOf(patientJSONText, medJSONText, requestWith(regularDosage)))
	f.Add(bundleOf(patientJSONText, medJSONText, requestWith(`{"asNeededBoolean":true,"timing":{"repeat":{"frequency":4,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseRange":{"low":{"value":1},"high":{"value":2}}}],"maxDosePerPeriod":{"numerator":{"value":8},"denominator":{"value":24,"unit":"h"}}}`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseBundle(data, "fuzz.json")
		if err != nil {
			var ferr *Error
			if !errors.As(err, &ferr) || len(ferr.Problems) == 0 {
				t.Fatalf("error %T %v: want *Error with problems", err, err)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) < 20 {
				t.Fatalf("error %q is not a one-line message", msg)
			}
			return
		}
		residents, products := map[string]bool{}, map[string]bool{}
		for _, r := range c.Residents {
			residents[r.ID] = true
		}
		for _, p := range c.Products {
			products[p.ID] = true
		}
		for _, e := range c.Entries {
			if !residents[e.ResidentID] || !products[e.ProductID] {
				t.Fatalf("entry %s points at resident %q / product %q not in the chart", e.ID, e.ResidentID, e.ProductID)
			}
		}
		for _, u := range c.Unsupported {
			if strings.Contains(u.String(), "\n") {
				t.Fatalf("warning %q spans lines", u)
			}
		}
	})
}

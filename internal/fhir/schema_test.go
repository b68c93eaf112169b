package fhir

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"medround/internal/fhir/fhirtest"
)

// loadSchema is the official FHIR R4 schema, checked by fhirtest's small
// JSON Schema checker (the central record's FHIR endpoint uses the same).
func loadSchema(t *testing.T) *fhirtest.Schema {
	t.Helper()
	return fhirtest.LoadSchema(t, corpusDir)
}

// TestSchemaCheckerOnExamples makes sure the small checker accepts the
// official examples and rejects a broken one, so its verdict on the export
// means something.
func TestSchemaCheckerOnExamples(t *testing.T) {
	s := loadSchema(t)
	for _, name := range []string{"MedicationAdministration-medadmin0301.json", "MedicationAdministration-medadminexample03.json", "MedicationRequest-medrx0311.json"} {
		data, err := os.ReadFile(corpusDir + "/r4/examples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		_ = json.Unmarshal(data, &v)
		if errs := s.Validate(v["resourceType"].(string), v, name); len(errs) > 0 {
			t.Errorf("official example %s fails the checker: %v", name, errs)
		}
		v["status"] = "given"
		v["dosage"] = "one"
		if errs := s.Validate(v["resourceType"].(string), v, name); len(errs) == 0 && strings.HasPrefix(name, "MedicationAdministration") {
			t.Errorf("broken %s passed the checker", name)
		}
	}
}

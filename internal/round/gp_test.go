package round_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store/storetest"
)

// TestResidentViewHasTheGPImported: a chart whose Patient names a
// Practitioner and an Organization in the bundle gives the resident page
// (round.ResidentView) the GP, as the MAR chart shows it; a resident whose
// record names none has none.
func TestResidentViewHasTheGPImported(t *testing.T) {
	data, err := os.ReadFile("../fhir/testdata/carehome.json")
	if err != nil {
		t.Fatal(err)
	}
	var bundle map[string]any
	if err := json.Unmarshal(data, &bundle); err != nil {
		t.Fatal(err)
	}
	entries := bundle["entry"].([]any)
	for _, e := range entries {
		r := e.(map[string]any)["resource"].(map[string]any)
		if r["resourceType"] == "Patient" && r["id"] == "margaret-evans" {
			r["generalPractitioner"] = []any{map[string]any{"reference": "Practitioner/gp-khan"},
				map[string]any{"reference": "Organization/riverside"}}
		}
	}
	bundle["entry"] = append(entries,
		map[string]any{"resource": map[string]any{"resourceType": "Practitioner", "id": "gp-khan",
			"name": []any{map[string]any{"prefix": []any{"Dr"}, "given": []any{"Aisha"}, "family": "Khan"}}}},
		map[string]any{"resource": map[string]any{"resourceType": "Organization", "id": "riverside",
			"name": "Riverside Surgery", "telecom": []any{map[string]any{"system": "phone", "value": "01632 960123"}}}})
	out, err := json.Marshal(bundle)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "carehome-gp.json")
	if err := os.WriteFile(file, out, 0o600); err != nil {
		t.Fatal(err)
	}
	svc := round.New(storetest.Open(t), round.Options{DeviceID: "test-tablet"})
	if _, err := svc.Import(nil, file); err != nil {
		t.Fatalf("import: %v", err)
	}
	tests := []struct {
		resident string
		want     *mar.GP
	}{
		{"margaret-evans", &mar.GP{Name: "Dr Aisha Khan", Practice: "Riverside Surgery", Phone: "01632 960123"}},
		{"arthur-hughes", nil},
	}
	for _, tt := range tests {
		v, err := svc.ResidentView(tt.resident, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		got := v.Resident.GP
		if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
			t.Errorf("%s: GP = %+v, want %+v", tt.resident, got, tt.want)
		}
	}
}

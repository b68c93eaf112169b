package fhir

import (
	"strings"
	"testing"
	"time"
)

// rotationExt is the patch site rotation extension with a valueDuration.
func rotationExt(duration string) string {
	return `"extension":[{"url":"urn:medround:patch-site-rotation","valueDuration":` + duration + `}]`
}

func TestParsePatchRotation(t *testing.T) {
	day := 24 * time.Hour
	dosage := func(ext string) string {
		return `{` + ext + `,"timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"patch"}}]}`
	}
	medication := func(ext string) string { return strings.Replace(medJSONText, `"code"`, ext+`,"code"`, 1) }
	tests := []struct {
		name          string
		dosage, med   string
		entry, leaflt time.Duration
		fail          string // in the error; "" when it imports
	}{
		{"rivastigmine's leaflet rotation of 14 days on the Medication", "", rotationExt(`{"value":14,"unit":"days","system":"http://unitsofmeasure.org","code":"d"}`), 0, 14 * day, ""},
		{"the prescriber's 4 weeks on the dosage instruction", rotationExt(`{"value":4,"code":"wk"}`), "", 28 * day, 0, ""},
		{"a rotation in words", rotationExt(`{"value":3,"unit":"weeks"}`), "", 21 * day, 0, ""},
		{"a rotation with no duration", rotationExt(`{"unit":"d"}`), "", 0, 0, "needs a valueDuration"},
		{"a rotation in months", rotationExt(`{"value":1,"code":"mo"}`), "", 0, 0, "days (d) or weeks (wk)"},
		{"a rotation of no days", rotationExt(`{"value":0,"code":"d"}`), "", 0, 0, "want 1 to 90 days"},
		{"a rotation of a year on the Medication", "", rotationExt(`{"value":365,"code":"d"}`), 0, 0, "want 1 to 90 days"},
	}
	for _, tt := range tests {
		d, m := regularDosage, medJSONText
		if tt.dosage != "" {
			d = dosage(tt.dosage)
		}
		if tt.med != "" {
			m = medication(tt.med)
		}
		c, err := ParseBundle(bundleOf(patientJSONText, m, requestWith(d)), "test.json")
		if tt.fail != "" {
			if err == nil || !strings.Contains(err.Error(), tt.fail) {
				t.Errorf("%s: ParseBundle error = %v, want one saying %q", tt.name, err, tt.fail)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: ParseBundle: %v", tt.name, err)
			continue
		}
		if got := c.Entries[0].PatchRotation; got != tt.entry {
			t.Errorf("%s: entry rotation = %v, want %v", tt.name, got, tt.entry)
		}
		if got := c.Products[0].PatchRotation; got != tt.leaflt {
			t.Errorf("%s: product rotation = %v, want %v", tt.name, got, tt.leaflt)
		}
		if warningsContain(c, "patch-site-rotation") {
			t.Errorf("%s: the rotation extension was reported as not understood: %v", tt.name, c.Unsupported)
		}
	}
}

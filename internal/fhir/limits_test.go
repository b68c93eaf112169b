package fhir

import (
	"strings"
	"testing"
)

func patientWith(field string) string {
	return `{"resourceType":"Patient","id":"p1","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"` + nhsMargaret + `"}],` + field + `}`
}

func careNotes(s string) string {
	return `"name":[{"given":["Margaret"],"family":"Evans"}],"extension":[{"url":"urn:medround:care-notes","valueString":"` + s + `"}]`
}

func TestImportedTextRefused(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []string // in the error
	}{
		{"a 5 MB care note is refused with the field named", bundleOf(patientWith(careNotes(strings.Repeat("a", 5<<20)))),
			[]string{"Patient/p1", "care notes", "more than the 4000"}},
		{"a family name of 101 letters is refused", bundleOf(patientWith(`"name":[{"family":"` + strings.Repeat("x", 101) + `"}]`)),
			[]string{"Patient/p1", "name.family", "more than the 100"}},
		{"a NUL in a family name is refused", bundleOf(patientWith(`"name":[{"family":"Ev\u0000ans"}]`)),
			[]string{"Patient/p1", "name.family", "control character (U+0000)"}},
		{"an escape sequence in a given name is refused", bundleOf(patientWith(`"name":[{"given":["\u001b[2JMargaret"]}]`)),
			[]string{"name.given", "control character (U+001B)"}},
		{"a right-to-left override in a name is refused", bundleOf(patientWith(`"name":[{"family":"Evans\u202eliam"}]`)),
			[]string{"name.family", "bidirectional control character (U+202E)"}},
		{"invalid UTF-8 in a name is refused", bundleOf(patientWith("\"name\":[{\"family\":\"Ev\xffans\"}]")),
			[]string{"name.family", "not valid UTF-8"}},
		{"a room with a NUL is refused", bundleOf(patientWith(`"extension":[{"url":"urn:medround:room","valueString":"1\u0000"}]`)),
			[]string{"room", "control character"}},
		{"an identifier of 65 characters is refused", bundleOf(`{"resourceType":"Patient","id":"p1","identifier":[{"system":"urn:x","value":"` + strings.Repeat("9", 65) + `"}]}`),
			[]string{"identifier.value", "more than the 64"}},
		{"a medicine name with an escape is refused", bundleOf(patientJSONText, strings.Replace(medJSONText, "Paracetamol 500mg", "Paracetamol\\u001b 500mg", 1), requestWith(regularDosage)),
			[]string{"Medication/m1", "control character"}},
		{"an instruction of 1001 characters is refused", bundleOf(patientJSONText, medJSONText, requestWith(`{"text":"`+strings.Repeat("t", 1001)+`","timing":{"repeat":{"timeOfDay":["08:00:00"]}},"doseAndRate":[{"doseQuantity":{"value":1}}]}`)),
			[]string{"MedicationRequest/rx1", "dosageInstruction.text", "more than the 1000"}},
		{"an allergen name with a bidi isolate is refused", bundleOf(patientJSONText, allergyJSONText(`{"text":"Peni\u2067cillin"}`)),
			[]string{"AllergyIntolerance/a1", "code.text", "bidirectional"}},
	}
	for _, tt := range tests {
		_, err := ParseBundle(tt.data, "test.json")
		if err == nil {
			t.Errorf("%s: imported, want refused", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: err = %.300v, want it to say %q", tt.name, err, w)
			}
		}
	}
}

func TestCareNotesCleanedAndReported(t *testing.T) {
	tests := []struct {
		name, notes, want string
		review            bool
	}{
		{"plain notes are kept", "Crush tablets and give in yoghurt", "Crush tablets and give in yoghurt", false},
		{"line breaks are kept", `Crush tablets\nGive in yoghurt`, "Crush tablets\nGive in yoghurt", false},
		{"an escape sequence is removed and reported", `\u001b[31mCrush tablets`, "[31mCrush tablets", true},
		{"a right-to-left override is removed and reported", `Crush\u202e tablets`, "Crush tablets", true},
	}
	for _, tt := range tests {
		c, err := ParseBundle(bundleOf(patientWith(careNotes(tt.notes))), "test.json")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := c.Residents[0].CareNotes; got != tt.want {
			t.Errorf("%s: notes %q, want %q", tt.name, got, tt.want)
		}
		if got := reviewContains(c, "care notes"); got != tt.review {
			t.Errorf("%s: reported %v, want %v", tt.name, got, tt.review)
		}
	}
}

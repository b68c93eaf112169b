package fhir

import (
	"strings"
	"testing"

	"medround/internal/mar"
)

func allergyJSONText(code string) string {
	return `{"resourceType":"AllergyIntolerance","id":"a1","code":` + code + `,"patient":{"reference":"Patient/p1"}}`
}

func reviewContains(c *Chart, want string) bool {
	for _, u := range c.Review {
		if strings.Contains(u.String(), want) {
			return true
		}
	}
	return false
}

func TestAllergyNamedFromCode(t *testing.T) {
	tests := []struct {
		name        string
		code        string
		wantDisplay string // the display stored on the first coding
		wantReview  bool
	}{
		{"allergy to penicillin as bare SNOMED 91936005 is named Penicillin for review",
			`{"coding":[{"system":"http://snomed.info/sct","code":"91936005"}]}`, "Penicillin", true},
		{"penicillin substance 764146007 is named Penicillin",
			`{"coding":[{"system":"http://snomed.info/sct","code":"764146007"}]}`, "Penicillin", true},
		{"penicillin class 373270004 is named Penicillin",
			`{"coding":[{"system":"http://snomed.info/sct","code":"373270004"}]}`, "Penicillin", true},
		{"NSAID substance 372665008 is named as the class",
			`{"coding":[{"system":"http://snomed.info/sct","code":"372665008"}]}`, "Non-steroidal anti-inflammatory drug", true},
		{"amoxicillin as the dm+d VTM is named Amoxicillin",
			`{"coding":[{"system":"https://dmd.nhs.uk","code":"27658006"}]}`, "Amoxicillin", true},
		{"a coded allergy with text keeps its own name, no review",
			`{"coding":[{"system":"http://snomed.info/sct","code":"91936005"}],"text":"Penicillin - anaphylaxis"}`, "", false},
		{"a coded allergy with a display keeps it, no review",
			`{"coding":[{"system":"http://snomed.info/sct","code":"91936005","display":"Allergy to penicillin"}]}`, "Allergy to penicillin", false},
	}
	for _, tt := range tests {
		c, err := ParseBundle(bundleOf(patientJSONText, allergyJSONText(tt.code)), "test.json")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		a := c.Allergies[0]
		if got := a.Substance.Codings[0].Display; got != tt.wantDisplay {
			t.Errorf("%s: display %q, want %q", tt.name, got, tt.wantDisplay)
		}
		if !a.Substance.Named() {
			t.Errorf("%s: stored allergy has no name: %+v", tt.name, a.Substance)
		}
		if got := reviewContains(c, "AllergyIntolerance/a1"); got != tt.wantReview {
			t.Errorf("%s: review %v, want %v (%v)", tt.name, got, tt.wantReview, c.Review)
		}
	}
}

func TestAllergyWithUnnameableCodeRefused(t *testing.T) {
	tests := []struct {
		name string
		code string
	}{
		{"a SNOMED code not in the table, with no text", `{"coding":[{"system":"http://snomed.info/sct","code":"419511003"}]}`},
		{"the penicillin code in a local system", `{"coding":[{"system":"urn:local","code":"91936005"}]}`},
	}
	for _, tt := range tests {
		_, err := ParseBundle(bundleOf(patientJSONText, allergyJSONText(tt.code)), "test.json")
		if err == nil || !strings.Contains(err.Error(), "AllergyIntolerance/a1") || !strings.Contains(err.Error(), "add code.text") {
			t.Errorf("%s: err = %v, want a refusal naming the allergy and what to do", tt.name, err)
		}
	}
}

func TestIngredientNamedFromCode(t *testing.T) {
	med := `{"resourceType":"Medication","id":"m1","code":{"text":"Amoxil 500mg capsules"},"ingredient":[{"itemCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"372687004"}]}}]}`
	c := mustParse(t, bundleOf(patientJSONText, med, requestWith(regularDosage)))
	if got := c.Products[0].Ingredients[0].Label(); got != "Amoxicillin" {
		t.Errorf("ingredient label %q, want Amoxicillin", got)
	}
	if !reviewContains(c, "Medication/m1") {
		t.Errorf("no review note for the named ingredient: %v", c.Review)
	}
}

func TestStrengths(t *testing.T) {
	med := func(ingredients string) []byte {
		return bundleOf(patientJSONText, `{"resourceType":"Medication","id":"m1","code":{"text":"Test"},"ingredient":[`+ingredients+`]}`, requestWith(regularDosage))
	}
	para := `{"itemCodeableConcept":{"text":"Paracetamol"},"strength":{"numerator":{"value":500,"unit":"mg"},"denominator":{"value":1,"unit":"tablet"}}}`
	liquid := `{"itemCodeableConcept":{"text":"Paracetamol"},"strength":{"numerator":{"value":250,"code":"mg"},"denominator":{"value":5,"unit":"mL"}}}`
	codeine := `{"itemCodeableConcept":{"text":"Codeine phosphate"},"strength":{"numerator":{"value":30,"unit":"mg"},"denominator":{"value":1,"unit":"tablet"}}}`
	bare := `{"itemCodeableConcept":{"text":"Senna"}}`
	tests := []struct {
		name string
		ings string
		want []mar.Strength
	}{
		{"paracetamol 500 mg per tablet", para, []mar.Strength{{Amount: mar.Quantity{Value: 500, Unit: "mg"}, Per: mar.Quantity{Value: 1, Unit: "tablet"}}}},
		{"paracetamol 250 mg per 5 mL, unit from its code", liquid, []mar.Strength{{Amount: mar.Quantity{Value: 250, Unit: "mg"}, Per: mar.Quantity{Value: 5, Unit: "mL"}}}},
		{"co-codamol: strengths aligned with ingredients", codeine + "," + para, []mar.Strength{
			{Amount: mar.Quantity{Value: 30, Unit: "mg"}, Per: mar.Quantity{Value: 1, Unit: "tablet"}},
			{Amount: mar.Quantity{Value: 500, Unit: "mg"}, Per: mar.Quantity{Value: 1, Unit: "tablet"}}}},
		{"one ingredient without strength is zero in its place", bare + "," + para, []mar.Strength{
			{}, {Amount: mar.Quantity{Value: 500, Unit: "mg"}, Per: mar.Quantity{Value: 1, Unit: "tablet"}}}},
		{"no strength at all stores none", bare, nil},
		{"a strength with no denominator is unknown", `{"itemCodeableConcept":{"text":"Senna"},"strength":{"numerator":{"value":7.5,"unit":"mg"}}}`, nil},
	}
	for _, tt := range tests {
		c, err := ParseBundle(med(tt.ings), "test.json")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := c.Products[0].Strengths
		if len(got) != len(tt.want) {
			t.Errorf("%s: strengths %+v, want %+v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: strength %d = %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
		if warningsContain(c, "strength: ignored") {
			t.Errorf("%s: strength reported as ignored", tt.name)
		}
	}
	for _, bad := range []string{`{"value":-500,"unit":"mg"}`, `{"value":0,"unit":"mg"}`} {
		ing := `{"itemCodeableConcept":{"text":"Paracetamol"},"strength":{"numerator":` + bad + `,"denominator":{"value":1,"unit":"tablet"}}}`
		if _, err := ParseBundle(med(ing), "test.json"); err == nil || !strings.Contains(err.Error(), "strength") {
			t.Errorf("strength numerator %s: err = %v, want refused", bad, err)
		}
	}
}

func TestCareHomeProductsCarryStrengths(t *testing.T) {
	for _, file := range []string{"carehome.json", "transaction-uuid.json"} {
		c := mustParse(t, readFixture(t, file))
		for _, p := range c.Products {
			for i := range p.Ingredients {
				if _, ok := p.StrengthOf(i); !ok {
					t.Errorf("%s: %s ingredient %d has no strength", file, p.Name, i)
				}
			}
		}
	}
}

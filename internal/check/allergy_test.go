package check

import (
	"testing"

	"medround/internal/mar"
)

func TestAllergyMatch(t *testing.T) {
	penV := products()["p-penv"]
	coCodamol := mar.Product{ID: "p-cc", Name: "Co-codamol 30mg/500mg tablets",
		Ingredients: []mar.Concept{{Text: "Codeine phosphate"}, paracetamolIngredient}}
	eggFree := mar.Product{ID: "p-x", Name: "Eggplant extract", Ingredients: []mar.Concept{{Text: "Solanum"}}}
	eggy := mar.Product{ID: "p-y", Name: "Influenza vaccine (egg protein)"}
	tests := []struct {
		name     string
		allergen mar.Concept
		product  mar.Product
		want     bool
	}{
		{"penicillin matches phenoxymethylpenicillin inside the word", mar.Concept{Text: "Penicillin"}, penV, true},
		{"PENICILLINS. with punctuation still matches", mar.Concept{Text: "PENICILLIN."}, penV, true},
		{"code of the ingredient matches", mar.Concept{Codings: []mar.Coding{{System: mar.SystemSNOMED, Code: "56723006"}}}, penV, true},
		{"same code in another system does not match", mar.Concept{Codings: []mar.Coding{{System: "urn:other", Code: "56723006"}}}, penV, false},
		{"coding display names the ingredient", mar.Concept{Codings: []mar.Coding{{System: "urn:x", Code: "1", Display: "Penicillin"}}}, penV, true},
		{"codeine allergy stops co-codamol by ingredient", mar.Concept{Text: "codeine"}, coCodamol, true},
		{"paracetamol allergy coded stops co-codamol", mar.Concept{Codings: paracetamolIngredient.Codings}, coCodamol, true},
		{"amoxicillin allergy does not stop penicillin V", mar.Concept{Text: "Amoxicillin"}, penV, false},
		{"egg allergy matches egg as a word", mar.Concept{Text: "Egg"}, eggy, true},
		{"egg allergy does not match eggplant: short names match whole words", mar.Concept{Text: "egg"}, eggFree, false},
		{"empty allergen matches nothing", mar.Concept{}, penV, false},
	}
	for _, tt := range tests {
		_, got := allergyMatch(tt.allergen, tt.product)
		if got != tt.want {
			t.Errorf("%s: allergyMatch = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSharesIngredient(t *testing.T) {
	ps := products()
	coCodamol := mar.Product{ID: "p-cc", Ingredients: []mar.Concept{{Text: "Codeine phosphate"}, paracetamolIngredient}}
	tests := []struct {
		name string
		a, b mar.Product
		want bool
	}{
		{"paracetamol tablets and liquid share paracetamol by name", ps["p-para"], ps["p-para-liq"], true},
		{"co-codamol shares paracetamol by code", coCodamol, ps["p-para"], true},
		{"amlodipine and paracetamol share nothing", ps["p-amlo"], ps["p-para"], false},
		{"a product shares with itself even without ingredients", ps["p-levo"], ps["p-levo"], true},
	}
	for _, tt := range tests {
		if got := sharesIngredient(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: sharesIngredient = %v, want %v", tt.name, got, tt.want)
		}
	}
}

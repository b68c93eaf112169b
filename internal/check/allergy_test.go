package check

import (
	"strings"
	"testing"

	"medround/internal/mar"
)

func TestAllergyMatch(t *testing.T) {
	penV := products()["p-penv"]
	coCodamol := mar.Product{ID: "p-cc", Name: "Co-codamol 30mg/500mg tablets",
		Ingredients: []mar.Concept{{Text: "Codeine phosphate"}, paracetamolIngredient}}
	eggFree := mar.Product{ID: "p-x", Name: "Eggplant extract", Ingredients: []mar.Concept{{Text: "Solanum"}}}
	eggy := mar.Product{ID: "p-y", Name: "Influenza vaccine (egg protein)"}
	fluclox := flucloxacillin()
	ibuprofen := mar.Product{ID: "p-ibu", Name: "Ibuprofen 200mg tablets", Ingredients: []mar.Concept{{Text: "Ibuprofen"}}}
	amoxicillin := mar.Product{ID: "p-amox", Name: "Amoxicillin 500mg capsules", Ingredients: []mar.Concept{{Text: "Amoxicillin"}}}
	amoxilBrand := mar.Product{ID: "p-amoxil", Name: "Amoxil 500mg capsules", Ingredients: []mar.Concept{sct("372687004")}}
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
		{"amoxicillin allergy stops penicillin V: one penicillin is all", mar.Concept{Text: "Amoxicillin"}, penV, true},
		{"egg allergy matches egg as a word", mar.Concept{Text: "Egg"}, eggy, true},
		{"egg allergy does not match eggplant: short names match whole words", mar.Concept{Text: "egg"}, eggFree, false},
		{"empty allergen matches nothing", mar.Concept{}, penV, false},
		{"penicillin allergy stops flucloxacillin: a penicillin without the word", mar.Concept{Text: "Penicillin"}, fluclox, true},
		{"penicillin allergy coded for the class stops flucloxacillin by its display",
			mar.Concept{Codings: []mar.Coding{{System: snomed, Code: "764146007", Display: "Penicillin"}}}, fluclox, true},
		{"PENICILLINS in the plural stops penicillin V", mar.Concept{Text: "PENICILLINS"}, penV, true},
		{"penicillin allergy stops co-amoxiclav named without its ingredients", mar.Concept{Text: "penicillin"}, mar.Product{Name: "Co-amoxiclav 500mg/125mg tablets"}, true},
		{"flucloxacillin allergy is a penicillin allergy: stops penicillin V", mar.Concept{Text: "Flucloxacillin"}, penV, true},
		{"penicillin allergy does not stop penicillamine", mar.Concept{Text: "Penicillin"}, mar.Product{Name: "Penicillamine 250mg tablets"}, false},
		{"NSAIDs allergy stops ibuprofen", mar.Concept{Text: "NSAIDs"}, ibuprofen, true},
		{"non-steroidal anti-inflammatory drugs allergy stops ibuprofen", mar.Concept{Text: "Non-steroidal anti-inflammatory drugs"}, ibuprofen, true},
		{"aspirin allergy stops a product named acetylsalicylic acid", mar.Concept{Text: "Aspirin"}, mar.Product{Name: "Acetylsalicylic acid 75mg dispersible tablets"}, true},
		{"NSAID allergy does not stop paracetamol", mar.Concept{Text: "NSAID"}, products()["p-para"], false},
		{"ibuprofen allergy stops naproxen: an allergy to one NSAID is to all", mar.Concept{Text: "Ibuprofen"}, mar.Product{Name: "Naproxen 250mg tablets"}, true},
		{"aspirin allergy stops ibuprofen", mar.Concept{Text: "Aspirin"}, ibuprofen, true},
		{"amoxicillin allergy does not stop paracetamol", mar.Concept{Text: "Amoxicillin"}, products()["p-para"], false},

		// Allergies and ingredients sent as bare codes are matched by what
		// the code means (mar.CodeName), never by the code alone.
		{"allergy to penicillin sent as bare SNOMED 91936005 stops amoxicillin", sct("91936005"), amoxicillin, true},
		{"penicillin substance sent as bare SNOMED 764146007 stops amoxicillin", sct("764146007"), amoxicillin, true},
		{"penicillin class substance 373270004 stops flucloxacillin", sct("373270004"), fluclox, true},
		{"penicillin class substance 373270004 stops co-amoxiclav named without ingredients", sct("373270004"), mar.Product{Name: "Co-amoxiclav 500mg/125mg tablets"}, true},
		{"amoxicillin allergy as the dm+d VTM 27658006 stops penicillin V", mar.Concept{Codings: []mar.Coding{{System: mar.SystemDMD, Code: "27658006"}}}, penV, true},
		{"NSAID substance sent as bare 372665008 stops ibuprofen", sct("372665008"), ibuprofen, true},
		{"allergy to aspirin sent as bare 293586001 stops naproxen", sct("293586001"), mar.Product{Name: "Naproxen 250mg tablets"}, true},
		{"penicillin allergy sent as a bare code does not stop paracetamol", sct("91936005"), products()["p-para"], false},
		{"NSAID allergy sent as a bare code does not stop paracetamol", sct("372665008"), products()["p-para"], false},
		{"penicillin allergy in words stops a brand whose amoxicillin is coded without a name", mar.Concept{Text: "Penicillin"}, amoxilBrand, true},
		{"the penicillin code in an unknown system means nothing", mar.Concept{Codings: []mar.Coding{{System: "urn:other", Code: "91936005"}}}, amoxicillin, false},
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

// sct is a bare SNOMED CT code with no text and no display, as some GP
// systems send an allergy.
func sct(code string) mar.Concept {
	return mar.Concept{Codings: []mar.Coding{{System: snomed, Code: code}}}
}

func TestAllergyVerdictFromCodes(t *testing.T) {
	amoxil := mar.Product{ID: "p-amoxil", Name: "Amoxil 500mg capsules", GTINs: []string{gtinUnknown},
		Ingredients: []mar.Concept{sct("372687004")}}
	tests := []struct {
		name    string
		allergy mar.Concept
		pack    mar.Product
		want    Code
		says    string
	}{
		{"penicillin allergy coded 91936005 stops Amoxil and names amoxicillin, not the brand",
			sct("91936005"), amoxil, Allergy, "allergy to Penicillin, and Amoxil 500mg capsules contains Amoxicillin"},
		{"codeine allergy stops co-codamol naming the ingredient",
			mar.Concept{Text: "Codeine"}, coCodamol(), Allergy, "contains Codeine phosphate"},
		{"an allergy known only by a code no one can name cannot decide",
			sct("999999999"), amoxil, CannotDecide, "recorded only as a code (999999999)"},
	}
	for _, tt := range tests {
		in := baseInput()
		in.Pack.GTIN = gtinUnknown
		in.PackProducts = []mar.Product{tt.pack}
		in.Allergies = []mar.Allergy{{ID: "a1", ResidentID: "R001", Active: true, Substance: tt.allergy}}
		v := Check(in)
		if v.Level != mar.LevelStop {
			t.Errorf("%s: level %v, want stop", tt.name, v.Level)
		}
		found := false
		for _, r := range v.Reasons {
			if r.Code == tt.want && strings.Contains(r.Message, tt.says) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: reasons %+v, want %s saying %q", tt.name, v.Reasons, tt.want, tt.says)
		}
	}
}

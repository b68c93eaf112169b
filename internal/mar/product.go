package mar

import (
	"strings"
	"time"
)

// Coding systems the chart uses.
const (
	SystemGTIN   = "https://www.gs1.org/gtin"
	SystemSNOMED = "http://snomed.info/sct"
	SystemDMD    = "https://dmd.nhs.uk"
)

// Coding is a code from a terminology, as FHIR gives it.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// Concept is a coded or free-text concept: an ingredient, an allergen.
type Concept struct {
	Codings []Coding `json:"codings,omitempty"`
	Text    string   `json:"text,omitempty"`
}

// Label is the concept's text, else its first coding's display.
func (c Concept) Label() string {
	if c.Text != "" {
		return c.Text
	}
	for _, cd := range c.Codings {
		if cd.Display != "" {
			return cd.Display
		}
	}
	if len(c.Codings) > 0 {
		return c.Codings[0].Code
	}
	return ""
}

// NormaliseText folds a free-text name for comparison: lower case, single
// spaces, no punctuation. Used to match allergies written by hand.
func NormaliseText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// Product is a medicine as supplied: a FHIR Medication.
type Product struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Codings     []Coding  `json:"codings,omitempty"` // dm+d / SNOMED
	GTINs       []string  `json:"gtins,omitempty"`   // GTIN-14, one per pack size or supplier
	Form        string    `json:"form,omitempty"`
	Ingredients []Concept `json:"ingredients,omitempty"`
	// Strengths are the amounts of the active ingredients in one unit of
	// the product (FHIR Medication.ingredient.strength): Strengths[i] is
	// that of Ingredients[i]. Shorter than Ingredients, or zero, where the
	// chart gave none.
	Strengths []Strength `json:"strengths,omitempty"`
	// CDSchedule is the Misuse of Drugs Regulations schedule, 0 when the
	// product is not a controlled drug.
	CDSchedule int `json:"cdSchedule,omitempty"`
	// PatchRotation is how long a site rests between two of this patch,
	// as its leaflet says; 0 when the chart gave none (PatchRotation).
	PatchRotation time.Duration `json:"patchRotation,omitempty"`
}

// NeedsWitness reports whether giving this product needs a second person:
// schedule 2 and 3 controlled drugs.
func (p Product) NeedsWitness() bool { return p.CDSchedule == 2 || p.CDSchedule == 3 }

// HasGTIN reports whether the product has this GTIN-14.
func (p Product) HasGTIN(gtin string) bool {
	for _, g := range p.GTINs {
		if g == gtin {
			return true
		}
	}
	return false
}

// Strength is how much of an ingredient a unit of a product holds: 500 mg
// per 1 tablet, 250 mg per 5 mL.
type Strength struct {
	Amount Quantity `json:"amount"` // numerator, e.g. 500 mg
	Per    Quantity `json:"per"`    // denominator, e.g. 1 tablet or 5 mL
}

// Known reports whether the strength has a positive amount per a positive
// quantity.
func (s Strength) Known() bool { return s.Amount.Value > 0 && s.Per.Value > 0 }

// StrengthOf returns the strength of the product's i-th ingredient.
func (p Product) StrengthOf(i int) (Strength, bool) {
	if i < 0 || i >= len(p.Strengths) || !p.Strengths[i].Known() {
		return Strength{}, false
	}
	return p.Strengths[i], true
}

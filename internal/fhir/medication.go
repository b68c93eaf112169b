package fhir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strings"

	"medround/internal/mar"
)

// readMedication reads a Medication, in the Bundle or contained, into the
// product it describes; nil after an error.
func (p *parser) readMedication(n *node) *mar.Product {
	var m medicationJSON
	if !p.decode(n.where, "", n.raw, &m) {
		return nil
	}
	medicationElements.check(&p.problems, n.where, "", n.raw)
	failModifiers(&p.problems, n.where, "", m.ModifierExtension)
	warnExtensions(&p.problems, n.where, "", m.Extension, extCDSchedule, extPatchRotation)

	prod := mar.Product{ID: n.id, Form: m.Form.concept().Label()}
	if !p.readCodes(n.where, "code", m.Code, &prod) {
		return nil
	}
	var raws struct {
		Ingredient []json.RawMessage `json:"ingredient"`
	}
	_ = p.decode(n.where, "", n.raw, &raws)
	for i, ing := range m.Ingredient {
		path := index("ingredient", i)
		if i < len(raws.Ingredient) {
			ingredientElements.check(&p.problems, n.where, path, raws.Ingredient[i])
		}
		if c, ok := p.ingredient(n, path, ing.ItemCodeableConcept, ing.ItemReference); ok {
			prod.Ingredients = append(prod.Ingredients, c)
			prod.Strengths = append(prod.Strengths, p.strength(n.where, join(path, "strength"), ing.Strength))
		}
	}
	if !slices.ContainsFunc(prod.Strengths, mar.Strength.Known) {
		prod.Strengths = nil // none given: stored as before strengths were read
	}
	if prod.Name == "" {
		prod.Name = ingredientNames(prod.Ingredients)
	}
	if prod.Name == "" {
		p.fail(n.where, "code", "the medicine has no name: give code.text or a coding with a display")
	}
	for _, x := range m.Extension {
		switch x.URL {
		case extCDSchedule:
			prod.CDSchedule = p.cdSchedule(n.where, x)
		case extPatchRotation:
			prod.PatchRotation = p.patchRotation(n.where, "extension", x)
		}
	}
	return &prod
}

// strength reads an ingredient's strength (500 mg per 1 tablet, 250 mg per
// 5 mL), so that doses of one ingredient given as different products can
// be added up. A missing strength, or one without a denominator, is zero
// (unknown): the check then says it cannot add the doses up. A strength
// that is not a positive number is refused: it would make the sum wrong.
func (p *parser) strength(where, path string, r *ratio) mar.Strength {
	if r == nil || r.Numerator == nil || r.Numerator.Value == nil {
		return mar.Strength{}
	}
	num := *r.Numerator.Value
	if !(num > 0) || math.IsInf(num, 0) {
		p.fail(where, join(path, "numerator"), "strength %g is not a positive amount; correct it in the source system", num)
		return mar.Strength{}
	}
	if r.Denominator == nil || r.Denominator.Value == nil {
		p.warn(where, join(path, "denominator"), "strength has no denominator (per tablet, per 5 mL): it is not known, so doses of this ingredient cannot be added up")
		return mar.Strength{}
	}
	den := *r.Denominator.Value
	if !(den > 0) || math.IsInf(den, 0) {
		p.fail(where, join(path, "denominator"), "strength per %g is not a positive amount; correct it in the source system", den)
		return mar.Strength{}
	}
	return mar.Strength{
		Amount: mar.Quantity{Value: num, Unit: r.Numerator.unitName()},
		Per:    mar.Quantity{Value: den, Unit: r.Denominator.unitName()},
	}
}

// readCodes fills the product's name, codes and GTINs from code.
func (p *parser) readCodes(where, path string, code *codeableConcept, prod *mar.Product) bool {
	ok := true
	if code == nil {
		return true
	}
	for i, cd := range code.Coding {
		if cd.System != mar.SystemGTIN {
			prod.Codings = append(prod.Codings, mar.Coding{System: cd.System, Code: cd.Code, Display: cd.Display})
			continue
		}
		g, err := normaliseGTIN(cd.Code)
		if err != nil {
			p.fail(where, index(join(path, "coding"), i), "%v; correct it in the source system", err)
			ok = false
			continue
		}
		if !prod.HasGTIN(g) {
			prod.GTINs = append(prod.GTINs, g)
		}
	}
	prod.Name = strings.TrimSpace(code.Text)
	for _, cd := range code.Coding {
		if prod.Name == "" && cd.System != mar.SystemGTIN {
			prod.Name = strings.TrimSpace(cd.Display)
		}
	}
	prod.Name = oneLine(prod.Name)
	return ok
}

// ingredient reads one ingredient. A referenced ingredient is read from the
// code of the resource it points at, else its display; one the allergy check
// could not see is an error, as it could hide an allergen.
func (p *parser) ingredient(n *node, path string, cc *codeableConcept, ref *reference) (mar.Concept, bool) {
	if cc != nil {
		c := cc.concept()
		if c.Label() == "" {
			p.fail(n.where, join(path, "itemCodeableConcept"), "ingredient has no code and no text, so allergies could not be checked against it; name it")
			return c, false
		}
		return p.nameIngredient(n, join(path, "itemCodeableConcept"), c), true
	}
	if ref == nil {
		p.fail(n.where, path, "ingredient has no item; give itemCodeableConcept")
		return mar.Concept{}, false
	}
	if target := p.resolve(n, ref); target != nil {
		var coded struct {
			Code *codeableConcept `json:"code"`
		}
		if p.decode(target.where, "code", target.raw, &coded) && coded.Code != nil {
			return p.nameIngredient(n, join(path, "itemReference"), coded.Code.concept()), true
		}
	}
	if d := strings.TrimSpace(ref.Display); d != "" {
		return mar.Concept{Text: d}, true
	}
	p.fail(n.where, join(path, "itemReference"), "ingredient %s cannot be read, so allergies could not be checked against it; give itemCodeableConcept", ref.label())
	return mar.Concept{}, false
}

// nameIngredient gives an ingredient sent as a bare code the name the table
// of common substances has for it (mar.CodeName), for a pharmacist to
// confirm. An ingredient nobody can name is kept but reported: allergies
// are then matched against it by code and by the product's name only.
func (p *parser) nameIngredient(n *node, path string, c mar.Concept) mar.Concept {
	if c.Named() {
		return c
	}
	named, ok := c.WithNames()
	if !ok {
		p.warn(n.where, path, "the ingredient is given only as code %s, which medround cannot name: allergies are matched against it by code and by the medicine's name only; add its name in the source system", codeList(c))
		return c
	}
	p.review(n.where, path, "ingredient %s: named from its code %s, as the source gave no text; a pharmacist should confirm it", named.Label(), codeList(c))
	return named
}

func ingredientNames(ings []mar.Concept) string {
	var names []string
	for _, c := range ings {
		if l := c.Label(); l != "" {
			names = append(names, l)
		}
	}
	return strings.Join(names, " + ")
}

// cdSchedule reads the controlled-drug schedule. Only "2" to "5" are
// schedules a care home gives; anything else is refused because a schedule
// 2 or 3 drug read wrongly would lose its witness.
func (p *parser) cdSchedule(where string, x extension) int {
	if x.ValueString != nil {
		switch v := strings.TrimSpace(*x.ValueString); v {
		case "2", "3", "4", "5":
			return int(v[0] - '0')
		}
	}
	p.fail(where, "extension", "extension %s needs valueString \"2\", \"3\", \"4\" or \"5\"", extCDSchedule)
	return 0
}

// conceptProductID derives a product id from a medicationCodeableConcept: a
// hash of its sorted system|code pairs, or of its normalised text when it
// has no codes. The same medicine prescribed twice is then one product, and
// a re-import gives the same id.
func conceptProductID(c *codeableConcept) string {
	var keys []string
	for _, cd := range c.Coding {
		if cd.Code != "" {
			keys = append(keys, cd.System+"|"+cd.Code)
		}
	}
	if len(keys) == 0 {
		keys = []string{"text|" + mar.NormaliseText(c.Text)}
	}
	sort.Strings(keys)
	sum := sha256.Sum256([]byte(strings.Join(keys, "\n")))
	return "concept-" + hex.EncodeToString(sum[:8])
}

// productFromConcept makes the product a medicationCodeableConcept names.
func (p *parser) productFromConcept(where string, c *codeableConcept) *mar.Product {
	if c.firstCode() == "" && mar.NormaliseText(c.Text) == "" {
		p.fail(where, "medicationCodeableConcept", "the medicine has no code and no text; name it")
		return nil
	}
	prod := mar.Product{ID: conceptProductID(c)}
	if !p.readCodes(where, "medicationCodeableConcept", c, &prod) {
		return nil
	}
	if prod.Name == "" {
		prod.Name = c.firstCode()
	}
	return &prod
}

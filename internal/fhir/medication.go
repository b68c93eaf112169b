package fhir

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
	warnExtensions(&p.problems, n.where, "", m.Extension, extCDSchedule)

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
		}
	}
	if prod.Name == "" {
		prod.Name = ingredientNames(prod.Ingredients)
	}
	if prod.Name == "" {
		p.fail(n.where, "code", "the medicine has no name: give code.text or a coding with a display")
	}
	for _, x := range m.Extension {
		if x.URL == extCDSchedule {
			prod.CDSchedule = p.cdSchedule(n.where, x)
		}
	}
	return &prod
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
		return c, true
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
			return coded.Code.concept(), true
		}
	}
	if d := strings.TrimSpace(ref.Display); d != "" {
		return mar.Concept{Text: d}, true
	}
	p.fail(n.where, join(path, "itemReference"), "ingredient %s cannot be read, so allergies could not be checked against it; give itemCodeableConcept", ref.label())
	return mar.Concept{}, false
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

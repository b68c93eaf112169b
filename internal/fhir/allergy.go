package fhir

import (
	"strings"

	"medround/internal/mar"
)

const (
	systemClinicalStatus     = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
	systemVerificationStatus = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
)

// noKnownAllergy holds the SNOMED CT codes that say a resident has no
// allergy rather than naming one.
var noKnownAllergy = []string{"716186003", "409137002", "428607008", "429625007"}

func (p *parser) readAllergy(n *node) {
	var a allergyJSON
	if !p.decode(n.where, "", n.raw, &a) {
		return
	}
	allergyElements.check(&p.problems, n.where, "", n.raw)
	failModifiers(&p.problems, n.where, "", a.ModifierExtension)
	var exts struct {
		Extension []extension `json:"extension"`
	}
	_ = p.decode(n.where, "", n.raw, &exts)
	warnExtensions(&p.problems, n.where, "", exts.Extension)

	for _, code := range noKnownAllergy {
		if a.Code.hasCode(mar.SystemSNOMED, code) {
			p.warn(n.where, "code", "records no known allergy; nothing was added")
			return
		}
	}
	al := mar.Allergy{ID: n.id, ResidentID: p.subject(n, a.Patient), Substance: a.Code.concept()}
	if !p.nameAllergen(n, &al.Substance) {
		return
	}
	al.Active = p.allergyActive(n, a)
	p.chart.Allergies = append(p.chart.Allergies, al)
}

// allergyActive reads clinicalStatus. A missing status counts as active:
// wrongly stopping a dose is safer than giving an allergen.
func (p *parser) allergyActive(n *node, a allergyJSON) bool {
	for _, code := range []string{"refuted", "entered-in-error"} {
		if a.VerificationStatus.hasCode(systemVerificationStatus, code) {
			return false
		}
	}
	if a.ClinicalStatus == nil {
		return true
	}
	switch code := a.ClinicalStatus.firstCode(); code {
	case "active", "":
		return true
	case "inactive", "resolved":
		return false
	default:
		p.fail(n.where, "clinicalStatus", "clinical status %q: use active, inactive or resolved", code)
		return true
	}
}

// nameAllergen makes sure the allergy says what it is to. The check
// matches an allergy by its name and class (a penicillin allergy stops
// amoxicillin), so a bare code would stop only a medicine coded the same:
// a code the table of common allergens names (mar.CodeName) gets that name
// as its display, for a pharmacist to confirm; any other bare code is
// refused.
func (p *parser) nameAllergen(n *node, c *mar.Concept) bool {
	if c.Named() {
		return true
	}
	if len(c.Codings) == 0 {
		p.fail(n.where, "code", "the allergy names no substance, so it could not be checked; give code.coding or code.text")
		return false
	}
	named, ok := c.WithNames()
	if !ok {
		p.fail(n.where, "code", "the allergy is given only as code %s, which medround cannot name, so medicines could not be checked against it: add code.text (e.g. \"Penicillin\") in the source system and import again", codeList(*c))
		return false
	}
	*c = named
	p.review(n.where, "code", "allergy to %s: named from its code %s, as the source gave no text; a pharmacist should confirm it", named.Label(), codeList(*c))
	return true
}

// codeList names a concept's codings as "system|code", for messages.
func codeList(c mar.Concept) string {
	var out []string
	for _, cd := range c.Codings {
		out = append(out, cd.System+"|"+cd.Code)
	}
	return strings.Join(out, ", ")
}

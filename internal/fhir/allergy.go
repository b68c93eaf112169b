package fhir

import (
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
	if al.Substance.Label() == "" {
		p.fail(n.where, "code", "the allergy names no substance, so it could not be checked; give code.coding or code.text")
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

package fhir

import "medround/internal/mar"

// validate checks the chart holds together: every entry's resident and
// product, and every allergy's resident, is in the file; no two entries or
// residents share an id; no two residents share an NHS number.
func (p *parser) validate() {
	residents := map[string]bool{}
	nhs := map[string]string{}
	for _, r := range p.chart.Residents {
		if r.NHSNumber != "" {
			if other, dup := nhs[r.NHSNumber]; dup {
				p.fail("Patient/"+r.ID, "identifier", "has the same NHS number as Patient/%s; merge them in the source system", other)
			}
			nhs[r.NHSNumber] = r.ID
		}
		residents[r.ID] = true
	}
	products := map[string]bool{}
	for _, prod := range p.chart.Products {
		products[prod.ID] = true
	}
	for _, e := range p.chart.Entries {
		p.checkEntry(e, residents, products)
	}
	for _, a := range p.chart.Allergies {
		if !residents[a.ResidentID] {
			p.fail("AllergyIntolerance/"+a.ID, "patient", "resident %q is not in this file", a.ResidentID)
		}
	}
}

func (p *parser) checkEntry(e mar.ChartEntry, residents, products map[string]bool) {
	where := "MedicationRequest/" + e.ID
	if !residents[e.ResidentID] {
		p.fail(where, "subject", "resident %q is not in this file", e.ResidentID)
	}
	if !products[e.ProductID] {
		p.fail(where, "medication[x]", "medicine %q is not in this file", e.ProductID)
	}
}

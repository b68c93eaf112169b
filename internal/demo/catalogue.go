package demo

import (
	"fmt"
	"time"

	"medround/internal/mar"
)

// med is a medicine in the demo formulary with how it is usually charted.
type med struct {
	id, name, form, ingredient, snomed string
	cd                                 int
	route                              string
	dose                               mar.Quantity
	doseHigh                           float64
	when                               []string
	times                              []string
	prn                                bool
	prnReason                          string
	minInterval                        time.Duration
	maxDose                            float64
	critical                           bool
	days                               []time.Weekday
	text                               string
}

// formulary: GTINs are made from the demo company prefix with a valid check
// digit (see gtin), so the same codes can be printed with zint and scanned.
var formulary = []med{
	{id: "paracetamol-500", name: "Paracetamol 500mg tablets", form: "tablet", ingredient: "Paracetamol", snomed: "387517004",
		route: "oral", dose: q(1, "tablet"), doseHigh: 2, prn: true, prnReason: "pain or fever",
		minInterval: 4 * time.Hour, maxDose: 8, text: "1 to 2 tablets when required for pain, at least 4 hours apart, no more than 8 in 24 hours"},
	{id: "amlodipine-5", name: "Amlodipine 5mg tablets", form: "tablet", ingredient: "Amlodipine", snomed: "386864001",
		route: "oral", dose: q(1, "tablet"), when: []string{"MORN"}, text: "1 tablet each morning"},
	{id: "metformin-500", name: "Metformin 500mg tablets", form: "tablet", ingredient: "Metformin", snomed: "372567009",
		route: "oral", dose: q(1, "tablet"), when: []string{"CM", "CV"}, text: "1 tablet twice a day with breakfast and evening meal"},
	{id: "atorvastatin-20", name: "Atorvastatin 20mg tablets", form: "tablet", ingredient: "Atorvastatin", snomed: "373444002",
		route: "oral", dose: q(1, "tablet"), when: []string{"NIGHT"}, text: "1 tablet at night"},
	{id: "ramipril-2.5", name: "Ramipril 2.5mg capsules", form: "capsule", ingredient: "Ramipril", snomed: "386872004",
		route: "oral", dose: q(1, "capsule"), when: []string{"MORN"}, text: "1 capsule each morning"},
	{id: "levothyroxine-50", name: "Levothyroxine 50microgram tablets", form: "tablet", ingredient: "Levothyroxine", snomed: "710809001",
		route: "oral", dose: q(1, "tablet"), when: []string{"MORN"}, text: "1 tablet each morning, 30 minutes before breakfast"},
	{id: "co-careldopa-25-100", name: "Co-careldopa 25mg/100mg tablets", form: "tablet", ingredient: "Levodopa", snomed: "387086006",
		route: "oral", dose: q(1, "tablet"), times: []string{"06:00", "10:00", "14:00", "18:00", "22:00"}, critical: true,
		text: "1 tablet five times a day at exact times (Parkinson's: time-critical)"},
	{id: "mst-10", name: "Morphine sulfate 10mg modified-release tablets", form: "tablet", ingredient: "Morphine", snomed: "373529000",
		cd: 2, route: "oral", dose: q(1, "tablet"), when: []string{"MORN", "NIGHT"}, text: "1 tablet twice a day (controlled drug: witness needed)"},
	{id: "oxycodone-5", name: "Oxycodone 5mg capsules", form: "capsule", ingredient: "Oxycodone", snomed: "55452001",
		cd: 2, route: "oral", dose: q(1, "capsule"), prn: true, prnReason: "breakthrough pain", minInterval: 4 * time.Hour, maxDose: 4,
		text: "1 capsule when required for breakthrough pain, at least 4 hours apart, no more than 4 in 24 hours"},
	{id: "lorazepam-1", name: "Lorazepam 1mg tablets", form: "tablet", ingredient: "Lorazepam", snomed: "387106007",
		cd: 4, route: "oral", dose: q(1, "tablet"), prn: true, prnReason: "agitation", minInterval: 8 * time.Hour, maxDose: 2,
		text: "1 tablet when required for severe agitation, no more than 2 in 24 hours"},
	{id: "alendronic-70", name: "Alendronic acid 70mg tablets", form: "tablet", ingredient: "Alendronic acid", snomed: "391730008",
		route: "oral", dose: q(1, "tablet"), when: []string{"MORN"}, days: []time.Weekday{time.Monday},
		text: "1 tablet on Monday mornings, with a full glass of water, sitting upright"},
	{id: "furosemide-40", name: "Furosemide 40mg tablets", form: "tablet", ingredient: "Furosemide", snomed: "387475002",
		route: "oral", dose: q(1, "tablet"), when: []string{"MORN"}, text: "1 tablet each morning"},
	{id: "senna-7.5", name: "Senna 7.5mg tablets", form: "tablet", ingredient: "Sennosides", snomed: "412085005",
		route: "oral", dose: q(2, "tablet"), when: []string{"NIGHT"}, text: "2 tablets at night"},
	{id: "lactulose", name: "Lactulose 3.35g/5ml oral solution", form: "oral solution", ingredient: "Lactulose", snomed: "273945008",
		route: "oral", dose: q(15, "mL"), when: []string{"MORN", "EVE"}, text: "15 mL twice a day"},
	{id: "sertraline-50", name: "Sertraline 50mg tablets", form: "tablet", ingredient: "Sertraline", snomed: "372594008",
		route: "oral", dose: q(1, "tablet"), when: []string{"MORN"}, text: "1 tablet each morning"},
	{id: "donepezil-10", name: "Donepezil 10mg tablets", form: "tablet", ingredient: "Donepezil", snomed: "349968009",
		route: "oral", dose: q(1, "tablet"), when: []string{"NIGHT"}, text: "1 tablet at night"},
	{id: "omeprazole-20", name: "Omeprazole 20mg gastro-resistant capsules", form: "capsule", ingredient: "Omeprazole", snomed: "387137007",
		route: "oral", dose: q(1, "capsule"), when: []string{"MORN"}, text: "1 capsule each morning before breakfast"},
	{id: "bisoprolol-2.5", name: "Bisoprolol 2.5mg tablets", form: "tablet", ingredient: "Bisoprolol", snomed: "386868003",
		route: "oral", dose: q(1, "tablet"), when: []string{"MORN"}, text: "1 tablet each morning"},
	{id: "flucloxacillin-500", name: "Flucloxacillin 500mg capsules", form: "capsule", ingredient: "Flucloxacillin", snomed: "387544009",
		route: "oral", dose: q(1, "capsule"), times: []string{"06:00", "12:00", "18:00", "23:00"},
		text: "1 capsule four times a day on an empty stomach for 7 days"},
	{id: "buprenorphine-5", name: "Buprenorphine 5micrograms/hour transdermal patches", form: "patch", ingredient: "Buprenorphine", snomed: "387173000",
		cd: 3, route: "transdermal", dose: q(1, "patch"), when: []string{"MORN"}, days: []time.Weekday{time.Thursday},
		text: "Apply 1 patch every Thursday morning; remove the old one (controlled drug: witness needed)"},
	{id: "gaviscon", name: "Gaviscon Advance oral suspension", form: "oral suspension", ingredient: "Sodium alginate", snomed: "395876004",
		route: "oral", dose: q(10, "mL"), prn: true, prnReason: "indigestion", minInterval: 4 * time.Hour, maxDose: 40,
		text: "10 mL when required for indigestion, up to 4 times a day"},
}

func q(v float64, unit string) mar.Quantity { return mar.Quantity{Value: v, Unit: unit} }

// strengths are the amounts of each formulary item's ingredient per unit,
// so that the check can add up an ingredient given as tablets and liquid.
var strengths = map[string]mar.Strength{
	"paracetamol-500":     per(500, "mg", 1, "tablet"),
	"amlodipine-5":        per(5, "mg", 1, "tablet"),
	"metformin-500":       per(500, "mg", 1, "tablet"),
	"atorvastatin-20":     per(20, "mg", 1, "tablet"),
	"ramipril-2.5":        per(2.5, "mg", 1, "capsule"),
	"levothyroxine-50":    per(50, "microgram", 1, "tablet"),
	"co-careldopa-25-100": per(100, "mg", 1, "tablet"), // its levodopa
	"mst-10":              per(10, "mg", 1, "tablet"),
	"oxycodone-5":         per(5, "mg", 1, "capsule"),
	"lorazepam-1":         per(1, "mg", 1, "tablet"),
	"alendronic-70":       per(70, "mg", 1, "tablet"),
	"furosemide-40":       per(40, "mg", 1, "tablet"),
	"senna-7.5":           per(7.5, "mg", 1, "tablet"),
	"lactulose":           per(3.35, "g", 5, "mL"),
	"sertraline-50":       per(50, "mg", 1, "tablet"),
	"donepezil-10":        per(10, "mg", 1, "tablet"),
	"omeprazole-20":       per(20, "mg", 1, "capsule"),
	"bisoprolol-2.5":      per(2.5, "mg", 1, "tablet"),
	"flucloxacillin-500":  per(500, "mg", 1, "capsule"),
	"buprenorphine-5":     per(5, "microgram/hour", 1, "patch"),
	"gaviscon":            per(500, "mg", 5, "mL"), // its sodium alginate
}

func per(amount float64, unit string, n float64, of string) mar.Strength {
	return mar.Strength{Amount: q(amount, unit), Per: q(n, of)}
}

// gtin returns the demo GTIN-14 of formulary item i: indicator 0, the
// demo prefix 50000456, the item number and a valid check digit.
func gtin(i int) string {
	body := fmt.Sprintf("050000456%04d", i+1)
	return body + checkDigit(body)
}

// checkDigit is the GS1 mod-10 check digit of the digits in body.
func checkDigit(body string) string {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return fmt.Sprint((10 - sum%10) % 10)
}

func (m med) product(i int) mar.Product {
	return mar.Product{
		ID: m.id, Name: m.name, Form: m.form, CDSchedule: m.cd, GTINs: []string{gtin(i)},
		Codings:     []mar.Coding{{System: mar.SystemGTIN, Code: gtin(i)}},
		Ingredients: []mar.Concept{{Codings: []mar.Coding{{System: mar.SystemSNOMED, Code: m.snomed, Display: m.ingredient}}, Text: m.ingredient}},
		Strengths:   []mar.Strength{strengths[m.id]},
	}
}

// PackCode returns a GS1 element string for a demo pack of the product with
// this ID, as a wedge scanner sends it after the human-readable form:
// "(01)GTIN(17)EXPIRY(10)BATCH". It returns "" for an unknown product.
func PackCode(productID string, expiry time.Time, batch string) string {
	for i, m := range formulary {
		if m.id == productID {
			return fmt.Sprintf("(01)%s(17)%s(10)%s", gtin(i), expiry.Format("060102"), batch)
		}
	}
	return ""
}

// GTIN returns the demo GTIN-14 of the product with this ID, or "".
func GTIN(productID string) string {
	for i, m := range formulary {
		if m.id == productID {
			return gtin(i)
		}
	}
	return ""
}

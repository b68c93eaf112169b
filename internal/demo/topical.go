package demo

import (
	"time"

	"medround/internal/mar"
	"medround/internal/store"
)

// barrierCream is a cream for the body map's examples. It is not in the
// formulary, so the demo home's charts stay as documented; tests and
// screenshots chart it for a resident with BarrierCream.
var barrierCream = mar.Product{ID: "barrier-cream", Name: "Cavilon barrier cream", Form: "cream",
	GTINs:       []string{gtin(899)},
	Codings:     []mar.Coding{{System: mar.SystemGTIN, Code: gtin(899)}},
	Ingredients: []mar.Concept{{Text: "Dimeticone"}}}

// BarrierCream charts the barrier cream for a resident, morning and night
// to the pressure areas, from start.
func BarrierCream(residentID string, start time.Time) store.ChartUpdate {
	e := mar.ChartEntry{ID: residentID + "-cream", ResidentID: residentID, ProductID: barrierCream.ID,
		Status: mar.EntryActive, AuthoredOn: start, Start: start, Timing: mar.Timing{When: []string{"MORN", "NIGHT"}},
		Dose: mar.Quantity{Value: 1, Unit: "application"}, DoseLow: 1, DoseHigh: 1, Route: "Topical route",
		Text: "Apply thinly to the sacrum and buttocks morning and night"}
	return store.ChartUpdate{Products: []mar.Product{barrierCream}, Entries: []mar.ChartEntry{e}, At: start}
}

// rivastigmine is a daily patch whose leaflet rests a site 14 days, for
// the body map's examples, kept out of the formulary as barrierCream is.
var rivastigmine = mar.Product{ID: "rivastigmine-4.6", Name: "Rivastigmine 4.6mg/24hours transdermal patches",
	Form: "patch", GTINs: []string{gtin(898)}, Codings: []mar.Coding{{System: mar.SystemGTIN, Code: gtin(898)}},
	Ingredients:   []mar.Concept{{Codings: []mar.Coding{{System: mar.SystemSNOMED, Code: "349949009", Display: "Rivastigmine"}}, Text: "Rivastigmine"}},
	PatchRotation: 14 * 24 * time.Hour}

// RivastigminePatch charts the rivastigmine patch for a resident, one each
// morning (the last one taken off), from start.
func RivastigminePatch(residentID string, start time.Time) store.ChartUpdate {
	e := mar.ChartEntry{ID: residentID + "-riva", ResidentID: residentID, ProductID: rivastigmine.ID,
		Status: mar.EntryActive, AuthoredOn: start, Start: start, Timing: mar.Timing{When: []string{"MORN"}},
		Dose: mar.Quantity{Value: 1, Unit: "patch"}, DoseLow: 1, DoseHigh: 1, Route: "Transdermal route",
		Text: "Apply 1 patch each morning; remove the old one. Do not use the same site within 14 days"}
	return store.ChartUpdate{Products: []mar.Product{rivastigmine}, Entries: []mar.ChartEntry{e}, At: start}
}

// RivastigminePack is the rivastigmine patch's GS1 pack code.
func RivastigminePack(expiry time.Time, batch string) string {
	return "(01)" + gtin(898) + "(17)" + expiry.Format("060102") + "(10)" + batch
}

// BarrierCreamPack is the barrier cream's GS1 pack code.
func BarrierCreamPack(expiry time.Time, batch string) string {
	return "(01)" + gtin(899) + "(17)" + expiry.Format("060102") + "(10)" + batch
}

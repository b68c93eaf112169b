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

// BarrierCreamPack is the barrier cream's GS1 pack code.
func BarrierCreamPack(expiry time.Time, batch string) string {
	return "(01)" + gtin(899) + "(17)" + expiry.Format("060102") + "(10)" + batch
}

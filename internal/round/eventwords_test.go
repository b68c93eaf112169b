package round_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/round"
)

// TestEventWords: each stock, recall, homely remedy, covert plan and patch
// record reads as what happened, not as its kind's name.
func TestEventWords(t *testing.T) {
	mst := "Morphine sulfate 10mg MR tablets"
	remedy := mar.HomelyRemedy{ID: "para", GTIN: "05000000000011", Name: "Paracetamol 500mg", Ingredient: "paracetamol",
		Dose: mar.Quantity{Value: 2, Unit: "tablet"}, Interval: 4 * time.Hour, Max: 8, Days: 3}
	homely := mar.Event{Kind: mar.KindHomelyRemedy}
	remedy.Fill(&homely)
	plan := mar.CovertPlan{ResidentID: "res-001", Capacity: "2026-10-01", BestInterests: "2026-10-02",
		AgreedBy: "Dr Shah (GP)", How: "crush into yoghurt", Review: "2027-01-01"}
	covert := mar.Event{Kind: mar.KindCovertPlan, ResidentID: "res-001"}
	plan.Fill(&covert)
	tests := []struct {
		name    string
		e       mar.Event
		product string
		want    string
	}{
		{"a controlled drug received from the pharmacy with its batch and expiry",
			mar.Event{Kind: mar.KindReceipt, Quantity: 28, Note: "Boots pharmacy", Batch: "B42", Expiry: "2027-12-31"}, mst,
			"received 28 of " + mst + " from Boots pharmacy (batch B42, expiry 2027-12-31)"},
		{"stock returned to the pharmacy says why",
			mar.Event{Kind: mar.KindStockReturn, Quantity: 5, Note: "discontinued"}, mst, "returned 5 of " + mst + " to the pharmacy: discontinued"},
		{"a dropped tablet destroyed says why",
			mar.Event{Kind: mar.KindDestruction, Quantity: 1, Note: "dropped on the floor"}, mst, "destroyed 1 of " + mst + ": dropped on the floor"},
		{"a count says what was found", mar.Event{Kind: mar.KindStockCount, Quantity: 0}, mst, "counted 0 of " + mst + " in stock"},
		{"a recall names the batch and what to do",
			mar.Event{Kind: mar.KindRecall, GTIN: "05000000000011", Batch: "B1", Note: "return to Boots"}, "",
			"batch B1 of GTIN 05000000000011 recalled: return to Boots"},
		{"a recall lifted says why",
			mar.Event{Kind: mar.KindRecallLifted, GTIN: "05000000000011", Batch: "B1", Note: "alert withdrawn", About: uuid.New()}, "",
			"recall of batch B1 of GTIN 05000000000011 lifted: alert withdrawn"},
		{"a fentanyl patch put on names the body site", mar.Event{Kind: mar.KindPatchSite, Note: "upper-arm-left"},
			"Fentanyl 12micrograms/hour transdermal patches", "patch put on the left upper arm"},
		{"a barrier cream on the sacrum is applied, not a patch", mar.Event{Kind: mar.KindPatchSite, Note: "sacrum"},
			"Cavilon barrier cream", "Cavilon barrier cream applied to the base of the spine (sacrum)"},
		{"a cream on a patch site is applied, not a patch", mar.Event{Kind: mar.KindPatchSite, Note: "chest-left"},
			"Diprobase cream", "Diprobase cream applied to the left upper chest"},
		{"a site of an unknown medicine says only where", mar.Event{Kind: mar.KindPatchSite, Note: "heel-right"}, "",
			"put on the right heel"},
		{"a site word no longer on the body map is shown as stored", mar.Event{Kind: mar.KindPatchSite, Note: "elbow"},
			"Diprobase cream", "Diprobase cream applied to the elbow"},
		{"a patch taken off", mar.Event{Kind: mar.KindPatchRemoved}, "", "patch taken off"},
		{"a homely remedy on the home's list with its limits", homely, "",
			"homely remedy Paracetamol 500mg on the home's list: 2 tablets at least 4 hours apart, at most 8 in 24 hours, for up to 3 days"},
		{"a covert plan says how and who agreed", covert, "",
			"covert administration plan for all medicines, agreed by Dr Shah (GP): crush into yoghurt; review by 2027-01-01"},
		{"a dose is worded by the screens", mar.Event{Kind: mar.KindAdministration, Outcome: mar.OutcomeGiven}, mst, ""},
	}
	for _, tt := range tests {
		if got := round.EventWords(tt.e, mar.Product{Name: tt.product}); got != tt.want {
			t.Errorf("%s: EventWords = %q, want %q", tt.name, got, tt.want)
		}
	}
}

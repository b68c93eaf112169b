package check

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// TestIsPRNDose shows what the one rule says of each record, the PRN
// report and the managers' PRN summary alike. The rows marked "used to"
// are where the PRN report (the chart version given under is PRN) and the
// summary (the record names no slot) disagreed before both asked this.
func TestIsPRNDose(t *testing.T) {
	withVersion := func(ev mar.Event, v int) mar.Event { ev.EntryVersion = v; return ev }
	homely := prnGiven(homelyParaEntry, at(14, 0), 2)
	homely.ProductID, homely.DoseUnit = homelyParaEntry, "tablet"
	var terms mar.Event
	homelyPara().Fill(&terms)
	terms.ID, terms.ResidentID, terms.OccurredAt = uuid.New(), "R001", at(9, 0).UTC()
	worked := true
	dose := prnGiven("e-para", at(14, 0), 2)
	asleep := record("e-para", at(14, 0), time.Time{}, mar.OutcomeNotGiven, 0)
	asleep.Reason = mar.ReasonAsleep
	for _, c := range []struct {
		name string
		ev   *mar.Event
		want bool
	}{
		{"paracetamol given when required, naming no dose slot, is a PRN dose",
			&dose, true},
		{"amlodipine given at its 08:00 dose is not a PRN dose",
			ptr(given("e-amlo", at(8, 5), at(8, 0))), false},
		// The record names version 1, when-required then; version 2 made the
		// line regular. Both reports counted it, and still do.
		{"paracetamol given when required under a chart version since made regular is a PRN dose",
			ptr(withVersion(prnGiven("e-para", at(10, 0), 2), 1)), true},
		// The PRN report used to read the latest version (regular) when the
		// record named none, and left the dose out; the summary counted it.
		{"paracetamol given when required on a record naming no chart version, the line since made regular, is a PRN dose",
			ptr(withVersion(prnGiven("e-para", at(10, 0), 2), 0)), true},
		// The PRN report used to count it (its version is PRN); the summary
		// did not. It is the dose of the slot it names, where the missed and
		// late reports place it, and the round never asks whether it worked.
		{"PRN paracetamol on a record naming a dose slot is the dose of that slot, not a PRN dose",
			ptr(given("e-para", at(8, 5), at(8, 0))), false},
		// The PRN report used to leave it out (its version is regular); the
		// summary counted it. The check reads it as a when-required dose of
		// the line (checkRecentIngredient), and the round asks whether it
		// worked.
		{"regular amlodipine given with no dose slot named is a PRN dose",
			ptr(prnGiven("e-amlo", at(14, 0), 1)), true},
		{"homely paracetamol from the home's stock given when required is a PRN dose",
			&homely, true},
		{"homely remedy's terms recorded for the home are not a dose",
			&terms, false},
		{"PRN paracetamol offered and refused is not a PRN dose given",
			ptr(record("e-para", at(14, 0), time.Time{}, mar.OutcomeRefused, 0)), false},
		{"PRN paracetamol not given because she was asleep is not a PRN dose given",
			ptr(asleep), false},
		{"answer that a PRN dose worked is not a dose",
			&mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, ResidentID: "R001", EntryID: "e-para",
				About: dose.ID, Effective: &worked, OccurredAt: at(15, 0).UTC()}, false},
		{"correction of a PRN dose entered in error is not a dose",
			ptr(correction(dose, at(14, 10))), false},
		{"no record at all is not a PRN dose",
			nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := IsPRNDose(c.ev); got != c.want {
				t.Errorf("IsPRNDose(%+v) = %v, want %v", c.ev, got, c.want)
			}
		})
	}
}

func ptr(ev mar.Event) *mar.Event { return &ev }

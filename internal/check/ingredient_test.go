package check

import (
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

// paraLiquidRange makes Mary's paracetamol suspension 10 to 20 mL, up to
// 80 mL (4 g) in 24 hours.
func paraLiquidRange(in *Input) {
	liq := &in.Chart[2]
	liq.Dose, liq.DoseLow, liq.DoseHigh = mar.Quantity{Value: 20, Unit: "mL"}, 10, 20
	liq.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 80, Unit: "mL"}, Period: 24 * time.Hour}
}

// eightTablets are 4 g of paracetamol as tablets over the day before 20:00.
func eightTablets(entryID string) func(in *Input) {
	return withHistory(prnGiven(entryID, at(1, 0), 2), prnGiven(entryID, at(6, 0), 2),
		prnGiven(entryID, at(11, 0), 2), prnGiven(entryID, at(15, 0), 2))
}

func noStrength(productID string) func(in *Input) {
	return func(in *Input) {
		p := in.Products[productID]
		p.Strengths = nil
		in.Products[productID] = p
	}
}

// ingredientRows are the rows of the ingredient rules: the maximum per
// ingredient across lines, products and chart versions.
func ingredientRows() []checkRow {
	liquidAt20 := all(pack(gtinParaLiquid), now(at(20, 0)), paraLiquidRange, func(in *Input) { in.Quantity = 20 })
	return []checkRow{
		{name: "8 paracetamol tablets over 20 hours, then 20 mL of suspension: 5 g of paracetamol is over 4 g",
			mod:  all(liquidAt20, eightTablets("e-para")),
			want: []Code{MaxDoseReached}, level: stop,
			also: says(MaxDoseReached, "4 g of paracetamol has been given since Tue 13 Jan at 20:00, and this dose (20 mL, 1 g) would take it to 5 g")},
		{name: "6 paracetamol tablets, then 20 mL of suspension: exactly 4 g is allowed",
			mod: all(liquidAt20, withHistory(prnGiven("e-para", at(6, 0), 2),
				prnGiven("e-para", at(11, 0), 2), prnGiven("e-para", at(15, 0), 2))),
			want: nil, level: ok},
		{name: "paracetamol tablets made suspension by a chart change: 8 tablets under the old version, then 20 mL is over",
			mod: all(pack(gtinParaLiquid), now(at(20, 0)), eightTablets("e-para"), func(in *Input) {
				old := in.Chart[1]
				old.ValidTo = at(16, 0)
				liq := in.Chart[1]
				liq.ProductID, liq.Version, liq.ValidFrom = "p-para-liq", 2, at(16, 0)
				liq.Dose, liq.DoseLow, liq.DoseHigh = mar.Quantity{Value: 20, Unit: "mL"}, 10, 20
				liq.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 80, Unit: "mL"}, Period: 24 * time.Hour}
				in.Chart[1] = liq
				in.Chart = append(in.Chart, old)
				in.EntryID, in.Quantity = "e-para", 20
			}),
			want: []Code{MaxDoseReached, PRNProtocolOld}, level: stop, also: says(MaxDoseReached, "would take it to 5 g")},
		{name: "paracetamol suspension of no known strength after tablets: the doses cannot be added up",
			mod:  all(liquidAt20, noStrength("p-para-liq"), eightTablets("e-para")),
			want: []Code{StrengthUnknown}, level: warn, also: says(StrengthUnknown, "Paracetamol 250mg/5ml oral suspension")},
		{name: "paracetamol given as a homely remedy since taken off the home's list, then PRN paracetamol: the check says it cannot count that dose",
			mod: all(paraAt(14, 0), withHistory(func() mar.Event {
				ev := prnGiven("homely-para", at(10, 0), 2)
				ev.ProductID, ev.DoseUnit = "homely-para", "tablet"
				return ev
			}())),
			want: []Code{UnknownRecord}, level: warn, also: says(UnknownRecord, "(10:00)")},
		{name: "a dose of an unknown line two days ago does not trouble today's paracetamol",
			mod:  all(paraAt(14, 0), withHistory(prnGiven("gone-line", at(14, 0).Add(-48*time.Hour), 2))),
			want: nil, level: ok},
		{name: "a dose of an unknown line does not hide a stop: paracetamol 3 minutes after paracetamol",
			mod:  all(paraAt(14, 3), withHistory(prnGiven("gone-line", at(10, 0), 2), prnGiven("e-para", at(14, 0), 2))),
			want: []Code{TooSoon}, level: stop},
		{name: "PRN maximum in grams with the strength known is added up in milligrams",
			mod: all(pack(gtinParacetamol), now(at(20, 0)), eightTablets("e-para"), func(in *Input) {
				in.Chart[1].MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 4, Unit: "g"}, Period: 24 * time.Hour}
			}),
			want: []Code{MaxDoseReached}, level: stop},
		{name: "co-codamol coded as a dm+d VTM ten minutes after paracetamol tablets is too soon",
			mod: all(now(at(14, 10)), withHistory(prnGiven("e-para", at(14, 0), 2)), func(in *Input) {
				cc := coCodamol()
				cc.Ingredients = []mar.Concept{{Text: "Codeine phosphate"},
					{Codings: []mar.Coding{{System: mar.SystemDMD, Code: "90332006", Display: "Paracetamol"}}}}
				in.Products[cc.ID] = cc
				e := entry("e-cc", cc.ID, mar.Timing{})
				e.PRN, e.MinInterval = true, 4*time.Hour
				in.Chart = append(in.Chart, e)
				in.Pack.GTIN = gtinUnknown
			}),
			want: []Code{TooSoon, NoPRNProtocol}, level: stop, also: says(TooSoon, "same ingredient")},
		{name: "PRN paracetamol up to 4 times a day, no interval written: a second dose 3 minutes later is too soon",
			mod: all(paraAt(14, 3), withHistory(prnGiven("e-para", at(14, 0), 2)), func(in *Input) {
				in.Chart[1].MinInterval = 0
				in.Chart[1].Timing = mar.Timing{Frequency: 4, Period: 1, PeriodUnit: "d"}
			}),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "At least 6 hours must pass")},
		{name: "amlodipine whose 08:00 record was corrected as entered in error: who corrected it and why",
			mod: func(in *Input) {
				g := given("e-amlo", at(8, 2), at(8, 0))
				c := correction(g, at(8, 5))
				c.UserID, c.Note = "sam", "recorded for the wrong resident"
				in.History = []mar.Event{g, c}
			},
			want: []Code{RecordCorrected}, level: ok,
			also: says(RecordCorrected, "at 08:05 by sam: recorded for the wrong resident")},
		{name: "MR morphine given at 08:00, the night dose at 09:01 is too soon",
			mod:  all(pack(gtinMST), now(at(9, 1)), withHistory(given("e-mst", at(8, 0), at(8, 0)))),
			want: []Code{WitnessRequired, TooEarly, TooSoon}, level: stop, also: says(TooSoon, "half the time between its doses")},
		{name: "Madopar at 06:00 and again at 06:16 is too soon",
			mod:  all(pack(gtinMadopar), now(at(6, 16)), withHistory(given("e-madopar", at(6, 0), at(6, 0)))),
			want: []Code{TimeCritical, TooEarly, TooSoon}, level: stop, also: says(TooSoon, "so not before 08:00")},
		{name: "Madopar on time at 10:00 after the 06:00 dose is the chart's own rhythm",
			mod:  all(pack(gtinMadopar), now(at(10, 0)), withHistory(given("e-madopar", at(6, 0), at(6, 0)))),
			want: []Code{TimeCritical}, level: ok},
		{name: "PRN paracetamol made regular four times a day twenty minutes after two tablets is too soon",
			mod: all(paraAt(8, 0), withHistory(prnGiven("e-para", at(7, 40), 2)), func(in *Input) {
				in.Chart[1].PRN, in.Chart[1].MaxDose, in.Chart[1].MinInterval = false, nil, 0
				in.Chart[1].Timing = mar.Timing{When: []string{"MORN", "NOON", "EVE", "NIGHT"}}
			}),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "The last dose of Paracetamol 500mg tablets was given at 07:40")},
		{name: "PRN paracetamol made regular: a PRN dose 2h30 before the lunchtime dose is recent",
			mod: all(paraAt(12, 0), withHistory(prnGiven("e-para", at(9, 30), 2)), func(in *Input) {
				in.Chart[1].PRN, in.Chart[1].MaxDose, in.Chart[1].MinInterval = false, nil, 0
				in.Chart[1].Timing = mar.Timing{When: []string{"MORN", "NOON", "EVE", "NIGHT"}}
			}),
			want: []Code{RecentSameIngr}, level: warn, also: says(RecentSameIngr, "09:30")},
		{name: "amlodipine at 06:30 the day after its last dose: too early, and says when the last dose was given",
			mod:  all(now(at(6, 30)), withHistory(given("e-amlo", at(8, 0).Add(-24*time.Hour), at(8, 0).Add(-24*time.Hour)))),
			want: []Code{TooEarly}, level: warn, also: both(says(TooEarly, "The last dose was given at Tue 13 Jan at 08:00."), saysOnce(TooEarly, "The last dose was given"))},
		{name: "amlodipine given a minute before Mary left for hospital may be recorded",
			mod: all(now(at(8, 10)), func(in *Input) {
				in.Resident.Status = mar.StatusHospital
				in.History = []mar.Event{{Kind: mar.KindStatusChange, ResidentID: "R001", OccurredAt: at(8, 11).UTC(), Status: mar.StatusHospital}}
			}),
			want: nil, level: ok},
		{name: "amlodipine back-dated into a hospital stay is stopped though Mary is back now",
			mod: all(now(at(8, 10)), func(in *Input) {
				in.History = []mar.Event{
					{Kind: mar.KindStatusChange, ResidentID: "R001", OccurredAt: at(7, 0).UTC(), Status: mar.StatusHospital},
					{Kind: mar.KindStatusChange, ResidentID: "R001", OccurredAt: at(9, 0).UTC(), Status: mar.StatusPresent}}
			}),
			want: []Code{ResidentAway}, level: stop, also: says(ResidentAway, "record their return on their page first")},
		{name: "homely paracetamol given an hour before, its pack now prescribed: PRN paracetamol is too soon",
			mod: all(paraAt(14, 0), func(in *Input) {
				in.Products["homely:para"] = mar.Product{ID: "homely:para", Name: "Paracetamol 500mg tablets (homely remedy)",
					Ingredients: []mar.Concept{paracetamolIngredient}, Strengths: []mar.Strength{mg(500, 1, "tablet")}}
				ev := prnGiven("homely:para", at(13, 0), 2)
				ev.ProductID, ev.DoseUnit = "homely:para", "tablet"
				in.History = append(in.History, ev)
			}),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "homely remedy")},
	}
}

// paraAt is Mary's paracetamol tablets scanned at hh:mm.
func paraAt(hh, mm int) func(in *Input) { return all(pack(gtinParacetamol), now(at(hh, mm))) }

func TestIngredientTotals(t *testing.T) {
	in := baseInput()
	in.Now = at(20, 0).UTC()
	paraLiquidRange(&in)
	eightTablets("e-para")(&in)
	in.History = append(in.History, prnGiven("e-para-liq", at(19, 0), 10))
	got := IngredientTotals(in)
	if len(got) != 1 {
		t.Fatalf("IngredientTotals = %+v, want paracetamol only", got)
	}
	p := got[0]
	if !p.Known || p.GivenMG != 4500 || p.LimitMG != 4000 || p.Period != 24*time.Hour {
		t.Errorf("paracetamol total = %+v, want 4500 mg of 4000 mg in 24h", p)
	}
}

func TestNextPRN(t *testing.T) {
	tests := []struct {
		name      string
		mod       func(in *Input)
		wantNext  time.Time
		wantCodes []Code
	}{
		{"paracetamol suspension an hour after two tablets: not before 4 hours after the tablets",
			all(now(at(13, 0)), withHistory(prnGiven("e-para", at(12, 0), 2))), at(16, 0), []Code{TooSoon}},
		{"paracetamol suspension with nothing given: now", now(at(13, 0)), time.Time{}, nil},
		{"8 tablets since 01:00: suspension when the first two are 24 hours old",
			all(now(at(20, 0)), paraLiquidRange, eightTablets("e-para")), at(1, 0).Add(24 * time.Hour), []Code{MaxDoseReached}},
	}
	for _, tt := range tests {
		in := baseInput()
		tt.mod(&in)
		st := NextPRN(in, "e-para-liq")
		if !st.NextAllowed.Equal(tt.wantNext) {
			t.Errorf("%s: NextAllowed = %v, want %v", tt.name, st.NextAllowed.In(london), tt.wantNext.In(london))
		}
		var codes []Code
		for _, r := range st.Why {
			codes = append(codes, r.Code)
		}
		if !slices.Equal(codes, tt.wantCodes) {
			t.Errorf("%s: Why = %v, want %v", tt.name, codes, tt.wantCodes)
		}
		// The page and the check agree: a dose at NextAllowed passes the
		// timing rules, a minute before it does not.
		if !tt.wantNext.IsZero() {
			in.Now, in.EntryID, in.Pack = tt.wantNext.Add(-time.Minute).UTC(), "e-para-liq", nil
			if v := Check(in); !hasAny(v, timingCodes) {
				t.Errorf("%s: a minute before NextAllowed the check passes: %+v", tt.name, v.Reasons)
			}
		}
	}
}

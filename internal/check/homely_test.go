package check

import (
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

const (
	gtinHomelyPara  = "05000000000141" // the home's own paracetamol stock
	gtinFentanyl    = "05000000000158"
	homelyParaEntry = mar.HomelyPrefix + "PARA"
)

func homelyPara() mar.HomelyRemedy {
	return mar.HomelyRemedy{ID: "PARA", GTIN: gtinHomelyPara, Name: "Paracetamol 500mg tablets (home stock)",
		Ingredient: "387517004", StrengthMG: 500, Dose: mar.Quantity{Value: 2, Unit: "tablet"},
		Interval: 4 * time.Hour, Max: 8, Days: 2}
}

// homely puts the home's paracetamol on Mary's chart as round does, with
// her GP's approval when review is not empty, and scans its pack.
func homely(review string) func(in *Input) {
	return func(in *Input) {
		h := homelyPara()
		in.Chart = append(in.Chart, h.Entry("R001"))
		in.Products[h.EntryID()] = h.Product()
		in.Care.Homely = map[string]mar.HomelyRemedy{h.ID: h}
		if review != "" {
			in.Care.Approvals = map[string]mar.HomelyApproval{h.ID: {ResidentID: "R001", RemedyID: h.ID,
				GP: "Dr Shah", At: on(2025, 12, 1, 10, 0).UTC(), Review: review}}
		}
		p := *in.Pack
		p.GTIN = gtinHomelyPara
		in.Pack = &p
	}
}

func allergicTo(c mar.Concept) func(in *Input) {
	return func(in *Input) {
		in.Allergies = append(in.Allergies, mar.Allergy{ID: "a1", ResidentID: "R001", Substance: c, Active: true})
	}
}

// homelyRows are the rows of the homely remedy rules (hazard H31).
func homelyRows() []checkRow {
	approved := homely("2026-06-30")
	return []checkRow{
		{name: "homely paracetamol approved by the GP may be given",
			mod: approved, want: []Code{}, level: ok, also: entryIs(homelyParaEntry)},
		{name: "homely paracetamol for a resident the GP has not approved it for stops",
			mod: homely(""), want: []Code{NoHomelyApproval}, level: stop,
			also: says(NoHomelyApproval, "has not approved it")},
		{name: "homely paracetamol whose GP approval is past its review date stops",
			mod: homely("2026-01-13"), want: []Code{NoHomelyApproval}, level: stop,
			also: says(NoHomelyApproval, "2026-01-13")},
		{name: "homely paracetamol on its review date may still be given",
			mod: homely("2026-01-14"), want: []Code{}, level: ok},
		{name: "homely paracetamol two hours after PRN paracetamol from the chart is too soon",
			mod:  all(approved, withHistory(prnGiven("e-para", at(6, 10), 2))),
			want: []Code{TooSoon}, level: stop, also: says(TooSoon, "same ingredient")},
		{name: "homely paracetamol two hours after the last homely dose is too soon",
			mod:  all(approved, withHistory(prnGiven(homelyParaEntry, at(6, 10), 2))),
			want: []Code{TooSoon}, level: stop},
		{name: "homely paracetamol for a resident allergic to paracetamol stops",
			mod:  all(approved, allergicTo(paracetamolIngredient)),
			want: []Code{Allergy}, level: stop},
		{name: "homely paracetamol after 8 tablets of chart paracetamol today passes the maximum",
			mod: all(approved, now(at(23, 0)), withHistory(prnGiven("e-para", at(1, 0), 2), prnGiven("e-para", at(6, 0), 2),
				prnGiven("e-para", at(11, 0), 2), prnGiven("e-para", at(16, 0), 2))),
			want: []Code{MaxDoseReached}, level: stop},
		{name: "three tablets of homely paracetamol is more than its dose",
			mod: all(approved, quantity(3)), want: []Code{DoseTooHigh}, level: stop},
		{name: "homely paracetamol given for three days running: tell the GP",
			mod: all(approved, withHistory(prnGiven(homelyParaEntry, on(2026, 1, 12, 8, 0), 2),
				prnGiven(homelyParaEntry, on(2026, 1, 12, 20, 0), 2), prnGiven(homelyParaEntry, on(2026, 1, 13, 8, 0), 2),
				prnGiven(homelyParaEntry, on(2026, 1, 13, 20, 0), 2))),
			want: []Code{HomelyTimeLimit}, level: warn, also: says(HomelyTimeLimit, "Tell the GP")},
		{name: "homely paracetamol given last week and again today is a new course",
			mod: all(approved, withHistory(prnGiven(homelyParaEntry, on(2026, 1, 7, 8, 0), 2),
				prnGiven(homelyParaEntry, on(2026, 1, 8, 8, 0), 2), prnGiven(homelyParaEntry, on(2026, 1, 13, 20, 0), 2))),
			want: []Code{}, level: ok},
	}
}

// covert is a plan to give Mary's amlodipine (or all her medicines, with
// entry empty) crushed in yoghurt.
func covert(entry, review string) func(in *Input) {
	return func(in *Input) {
		in.Care.Covert = append(in.Care.Covert, mar.CovertPlan{ResidentID: "R001", EntryID: entry,
			Capacity: "2025-11-01", BestInterests: "2025-11-03", AgreedBy: "Dr Shah (GP), J Patel (pharmacist), daughter",
			How: "crush and mix with a spoon of yoghurt", Review: review})
	}
}

// fentanyl puts a 72-hour fentanyl patch on Mary's chart and scans it,
// with the site chosen.
func fentanyl(site string, hist ...mar.Event) func(in *Input) {
	return func(in *Input) {
		e := entry("e-fent", "p-fent", mar.Timing{Frequency: 1, Period: 3, PeriodUnit: "d", TimesOfDay: []mar.ClockTime{8 * 60}})
		e.Start, e.AuthoredOn, e.ValidFrom = on(2026, 1, 11, 0, 0), on(2026, 1, 11, 0, 0), on(2026, 1, 11, 0, 0)
		e.Dose.Unit = "patch"
		in.Chart = append(in.Chart, e)
		in.Products["p-fent"] = mar.Product{ID: "p-fent", Name: "Fentanyl 12micrograms/hour transdermal patches",
			Form: "Transdermal patch", GTINs: []string{gtinFentanyl}, CDSchedule: 2, Ingredients: []mar.Concept{{Text: "Fentanyl"}}}
		p := *in.Pack
		p.GTIN = gtinFentanyl
		in.Pack = &p
		in.Care.Site = site
		in.History = append(in.History, hist...)
	}
}

func siteOf(dose mar.Event, site string) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindPatchSite, ResidentID: "R001", OccurredAt: dose.OccurredAt,
		About: dose.ID, EntryID: dose.EntryID, Note: site}
}

func patchOff(dose mar.Event, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindPatchRemoved, ResidentID: "R001", OccurredAt: at.UTC(),
		About: dose.ID, EntryID: dose.EntryID}
}

// careRows are the rows of the covert plan and patch rules (hazards H32
// and H33).
func careRows() []checkRow {
	last := given("e-fent", on(2026, 1, 11, 8, 5), on(2026, 1, 11, 8, 0))
	older := given("e-fent", on(2025, 12, 30, 8, 5), on(2025, 12, 30, 8, 0))
	return append(skinRows(), []checkRow{
		{name: "amlodipine under a covert plan shows how to give it",
			mod: covert("e-amlo", "2026-05-01"), want: []Code{CovertPlan}, level: ok,
			also: says(CovertPlan, "crush and mix with a spoon of yoghurt")},
		{name: "a covert plan for all medicines covers amlodipine",
			mod: covert("", "2026-05-01"), want: []Code{CovertPlan}, level: ok},
		{name: "a covert plan for another medicine says nothing about amlodipine",
			mod: covert("e-mst", "2026-05-01"), want: []Code{}, level: ok},
		{name: "amlodipine under a covert plan past its review date: review due",
			mod: covert("e-amlo", "2026-01-01"), want: []Code{CovertPlan, CovertReviewDue}, level: warn,
			also: says(CovertReviewDue, "2026-01-01")},
		{name: "fentanyl patch on a fresh site after the last one was taken off",
			mod:  fentanyl("upper-arm-right", last, siteOf(last, "upper-arm-left"), patchOff(last, at(8, 0))),
			want: []Code{WitnessRequired}, level: ok},
		{name: "fentanyl patch on the site used three days ago: site reused",
			mod:  fentanyl("upper-arm-left", last, siteOf(last, "upper-arm-left"), patchOff(last, at(8, 0))),
			want: []Code{WitnessRequired, PatchSiteReused}, level: warn, also: says(PatchSiteReused, "left upper arm")},
		{name: "fentanyl patch on a site last used 15 days ago is still too soon",
			mod:  fentanyl("chest-left", older, siteOf(older, "chest-left"), patchOff(older, on(2026, 1, 2, 8, 0))),
			want: []Code{WitnessRequired, PatchSiteReused}, level: warn},
		{name: "fentanyl patch while the last one is not recorded as taken off: check the skin",
			mod:  fentanyl("upper-arm-right", last, siteOf(last, "upper-arm-left")),
			want: []Code{WitnessRequired, PatchNotRemoved}, level: warn,
			also: says(PatchNotRemoved, "Check the resident's skin (the left upper arm)")},
		{name: "fentanyl patch re-prescribed on a new line while the old line's patch is still on: check the skin",
			mod: all(fentanyl("upper-arm-right"), func(in *Input) {
				old := entry("e-fent-25", "p-fent-25", mar.Timing{Frequency: 1, Period: 3, PeriodUnit: "d", TimesOfDay: []mar.ClockTime{8 * 60}})
				old.Status, old.Dose.Unit = mar.EntryStopped, "patch"
				in.Chart = append(in.Chart, old)
				in.Products["p-fent-25"] = mar.Product{ID: "p-fent-25", Name: "Fentanyl 25micrograms/hour transdermal patches",
					Form: "Transdermal patch", CDSchedule: 2, Ingredients: []mar.Concept{{Text: "Fentanyl"}}}
				prev := given("e-fent-25", on(2026, 1, 11, 8, 5), on(2026, 1, 11, 8, 0))
				in.History = append(in.History, prev, siteOf(prev, "upper-arm-left"))
			}),
			want: []Code{WitnessRequired, PatchNotRemoved}, level: warn},
		{name: "fentanyl patch whose last dose was corrected as entered in error is no old patch",
			mod:  fentanyl("upper-arm-left", last, siteOf(last, "upper-arm-left"), correction(last, at(7, 0))),
			want: []Code{WitnessRequired}, level: ok},
	}...)
}

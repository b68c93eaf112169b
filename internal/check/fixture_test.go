package check

import (
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
)

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at is a local time in the home on Wednesday 14 January 2026 (GMT) unless
// another date is given with on.
func at(hh, mm int) time.Time { return time.Date(2026, 1, 14, hh, mm, 0, 0, london) }

func on(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, london)
}

const snomed = mar.SystemSNOMED

// GTINs of the packs in the fixture.
const (
	gtinAmlodipine  = "05000000000011"
	gtinParacetamol = "05000000000028"
	gtinParaLiquid  = "05000000000035"
	gtinMST         = "05000000000042"
	gtinMadopar     = "05000000000059"
	gtinLevo        = "05000000000066"
	gtinWarfarin    = "05000000000073"
	gtinPenV        = "05000000000080"
	gtinAlendronic  = "05000000000097"
	gtinTrimeth     = "05000000000103"
	gtinFurosemide  = "05000000000110"
	gtinSenna       = "05000000000127"
	gtinUnknown     = "05099999999994"
	gtinPenVLiquid  = "05000000000134" // on John's chart, not Mary's
)

var paracetamolIngredient = mar.Concept{Text: "Paracetamol", Codings: []mar.Coding{{System: snomed, Code: "387517004", Display: "Paracetamol"}}}

func products() map[string]mar.Product {
	ps := []mar.Product{
		{ID: "p-amlo", Name: "Amlodipine 5mg tablets", GTINs: []string{gtinAmlodipine},
			Ingredients: []mar.Concept{{Text: "Amlodipine"}}},
		{ID: "p-para", Name: "Paracetamol 500mg tablets", GTINs: []string{gtinParacetamol},
			Ingredients: []mar.Concept{paracetamolIngredient}, Strengths: []mar.Strength{mg(500, 1, "tablet")}},
		{ID: "p-para-liq", Name: "Paracetamol 250mg/5ml oral suspension", GTINs: []string{gtinParaLiquid},
			Ingredients: []mar.Concept{{Text: "paracetamol"}}, Strengths: []mar.Strength{mg(250, 5, "mL")}},
		{ID: "p-mst", Name: "MST Continus 10mg tablets", GTINs: []string{gtinMST}, CDSchedule: 2,
			Ingredients: []mar.Concept{{Text: "Morphine sulfate"}}},
		{ID: "p-madopar", Name: "Madopar 62.5mg capsules", GTINs: []string{gtinMadopar},
			Ingredients: []mar.Concept{{Text: "Levodopa"}, {Text: "Benserazide"}}},
		{ID: "p-levo", Name: "Levothyroxine 50microgram tablets", GTINs: []string{gtinLevo}},
		{ID: "p-warf", Name: "Warfarin 1mg tablets", GTINs: []string{gtinWarfarin}},
		{ID: "p-penv", Name: "Phenoxymethylpenicillin 250mg tablets", GTINs: []string{gtinPenV},
			Ingredients: []mar.Concept{{Text: "Phenoxymethylpenicillin potassium",
				Codings: []mar.Coding{{System: snomed, Code: "56723006", Display: "Phenoxymethylpenicillin"}}}}},
		{ID: "p-alen", Name: "Alendronic acid 70mg tablets", GTINs: []string{gtinAlendronic}},
		{ID: "p-trim", Name: "Trimethoprim 100mg tablets", GTINs: []string{gtinTrimeth}},
		{ID: "p-furo", Name: "Furosemide 40mg tablets", GTINs: []string{gtinFurosemide}},
		{ID: "p-senna", Name: "Senna 7.5mg tablets", GTINs: []string{gtinSenna}},
	}
	m := map[string]mar.Product{}
	for _, p := range ps {
		m[p.ID] = p
	}
	return m
}

// mg is a strength of so many milligrams per so many units.
func mg(amount, per float64, unit string) mar.Strength {
	return mar.Strength{Amount: mar.Quantity{Value: amount, Unit: "mg"}, Per: mar.Quantity{Value: per, Unit: unit}}
}

// coCodamol is a product of the home on no chart in the fixture.
func coCodamol() mar.Product {
	return mar.Product{ID: "p-cc", Name: "Co-codamol 30mg/500mg tablets", GTINs: []string{gtinUnknown},
		Ingredients: []mar.Concept{{Text: "Codeine phosphate"}, paracetamolIngredient}}
}

// flucloxacillin is a penicillin on no chart in the fixture, coded as the
// demo home codes it.
func flucloxacillin() mar.Product {
	return mar.Product{ID: "p-fluclox", Name: "Flucloxacillin 500mg capsules", GTINs: []string{gtinUnknown},
		Ingredients: []mar.Concept{{Text: "Flucloxacillin", Codings: []mar.Coding{{System: snomed, Code: "387544009", Display: "Flucloxacillin"}}}}}
}

func entry(id, product string, t mar.Timing) mar.ChartEntry {
	return mar.ChartEntry{ID: id, ResidentID: "R001", ProductID: product, Status: mar.EntryActive,
		AuthoredOn: on(2025, 12, 1, 9, 0), Timing: t, Dose: mar.Quantity{Value: 1, Unit: "tablet"},
		Route: "oral", Version: 1, ValidFrom: on(2025, 12, 1, 9, 0)}
}

// chart is Mary Jones's MAR chart: twelve entries of every kind.
func chart() []mar.ChartEntry {
	amlo := entry("e-amlo", "p-amlo", mar.Timing{When: []string{"MORN"}})
	para := entry("e-para", "p-para", mar.Timing{})
	para.PRN, para.PRNReason = true, "pain"
	para.Dose, para.DoseLow, para.DoseHigh = mar.Quantity{Value: 2, Unit: "tablet"}, 1, 2
	para.MinInterval = 4 * time.Hour
	para.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 8, Unit: "tablets"}, Period: 24 * time.Hour}
	liq := entry("e-para-liq", "p-para-liq", mar.Timing{})
	liq.PRN, liq.Dose, liq.MinInterval = true, mar.Quantity{Value: 10, Unit: "mL"}, 4*time.Hour
	mst := entry("e-mst", "p-mst", mar.Timing{Frequency: 2, Period: 1, PeriodUnit: "d"})
	madopar := entry("e-madopar", "p-madopar", mar.Timing{TimesOfDay: []mar.ClockTime{6 * 60, 10 * 60, 14 * 60, 18 * 60}})
	madopar.TimeCritical = true
	levo := entry("e-levo", "p-levo", mar.Timing{When: []string{"MORN"}})
	levo.Status = mar.EntryStopped
	warf := entry("e-warf", "p-warf", mar.Timing{When: []string{"EVE"}})
	warf.Status = mar.EntryOnHold
	penv := entry("e-penv", "p-penv", mar.Timing{Frequency: 4, Period: 1, PeriodUnit: "d"})
	alen := entry("e-alen", "p-alen", mar.Timing{TimesOfDay: []mar.ClockTime{7 * 60}, DaysOfWeek: []time.Weekday{time.Wednesday}})
	trim := entry("e-trim", "p-trim", mar.Timing{When: []string{"NIGHT"}})
	trim.End = at(0, 0)
	furo1 := entry("e-furo#1", "p-furo", mar.Timing{When: []string{"MORN"}})
	furo2 := entry("e-furo#2", "p-furo", mar.Timing{When: []string{"NOON"}})
	return []mar.ChartEntry{amlo, para, liq, mst, madopar, levo, warf, penv, alen, trim, furo1, furo2}
}

func mary() *mar.Resident {
	return &mar.Resident{ID: "R001", NHSNumber: "9434765919", GivenName: "Mary", FamilyName: "Jones",
		Room: "4", Status: mar.StatusPresent, Active: true}
}

// baseInput is Mary's amlodipine pack scanned at 08:10 on a Wednesday.
func baseInput() Input {
	return Input{
		Now: at(8, 10).UTC(), Home: mar.DefaultHome(), ResidentScan: "9434765919", Resident: mary(),
		Pack:     &mar.PackScan{GTIN: gtinAmlodipine, Expiry: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), Batch: "B1"},
		Chart:    chart(),
		Products: products(),
		Care:     Care{Protocols: protocols()},
	}
}

// protocols are the PRN protocols of Mary's when-required lines, written
// after the lines were imported.
func protocols() map[string]mar.PRNProtocol {
	out := map[string]mar.PRNProtocol{}
	for _, id := range []string{"e-para", "e-para-liq"} {
		out[id] = mar.PRNProtocol{ResidentID: "R001", EntryID: id, Signs: []string{"Says she has pain"},
			IfNoEffect: "Tell the senior", CallGP: "Pain for 3 days", By: "u-sam", At: on(2025, 12, 1, 10, 0)}
	}
	return out
}

// record returns a standing administration record.
func record(entryID string, occurred time.Time, due time.Time, outcome mar.Outcome, qty float64) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, ResidentID: "R001", UserID: "u-anna",
		OccurredAt: occurred.UTC(), RecordedAt: occurred.UTC(), EntryID: entryID, SlotDue: due.UTC(),
		Outcome: outcome, Quantity: qty}
}

func given(entryID string, occurred, due time.Time) mar.Event {
	return record(entryID, occurred, due, mar.OutcomeGiven, 1)
}

func prnGiven(entryID string, occurred time.Time, qty float64) mar.Event {
	return record(entryID, occurred, time.Time{}, mar.OutcomeGiven, qty)
}

func correction(of mar.Event, occurred time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, ResidentID: "R001", OccurredAt: occurred.UTC(), Corrects: of.ID}
}

func scheduleSlots(in Input, e mar.ChartEntry, from, to time.Time) ([]schedule.Slot, error) {
	return schedule.Between(in.Home, []mar.ChartEntry{e}, from, to)
}

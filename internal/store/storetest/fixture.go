package storetest

import (
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/store"
)

// IDs in the WithChart fixture. NHS numbers pass the modulus-11 check and
// GTINs their GS1 check digit; both are in ranges no real person or product
// uses (the GS1 company prefix 5012345 is the one GS1 UK uses in examples).
const (
	ResidentMargaret = "R001" // regular metformin, PRN paracetamol
	ResidentArthur   = "R002" // PRN paracetamol, allergic to penicillin
	ResidentEdith    = "R003" // Parkinson's: time-critical co-careldopa; oral morphine (CD)

	NHSMargaret = "9434765919"
	NHSArthur   = "4857773457"
	NHSEdith    = "9450012539"

	ProductMetformin   = "P-metformin-500"
	ProductParacetamol = "P-paracetamol-500"
	ProductMorphine    = "P-morphine-oral-10-5"
	ProductCoCareldopa = "P-co-careldopa-25-100"

	GTINMetformin    = "05012345000015"
	GTINParacetamol  = "05012345000022"
	GTINParacetamol2 = "05012345000039" // a second pack size
	GTINMorphine     = "05012345000046"
	GTINCoCareldopa  = "05012345000053"
	// GTINUncharted is a valid GTIN on no product.
	GTINUncharted = "05012345000060"

	EntryMetformin       = "MR-R001-metformin"
	EntryParacetamolR001 = "MR-R001-paracetamol"
	EntryParacetamolR002 = "MR-R002-paracetamol"
	EntryMorphine        = "MR-R003-morphine"
	EntryCoCareldopa     = "MR-R003-co-careldopa"

	AllergyPenicillin = "AI-R002-penicillin"
)

// ChartAt is when the fixture chart is imported: a winter Monday morning.
var ChartAt = time.Date(2025, 1, 6, 6, 0, 0, 0, time.UTC)

// Fixture is the chart WithChart stored.
type Fixture struct {
	Update store.ChartUpdate
}

// Chart returns the fixture's chart update, for tests that apply it
// themselves or change it.
func Chart() store.ChartUpdate {
	return store.ChartUpdate{
		Residents: residents(),
		Products:  products(),
		Entries:   entries(),
		Allergies: []mar.Allergy{{
			ID: AllergyPenicillin, ResidentID: ResidentArthur, Active: true,
			Substance: mar.Concept{
				Codings: []mar.Coding{{System: mar.SystemSNOMED, Code: "764146007", Display: "Penicillin"}},
				Text:    "Penicillin",
			},
		}},
		At: ChartAt,
	}
}

// WithChart stores the fixture chart: three residents, four products and
// five entries covering a regular tablet, a PRN dose range with a minimum
// interval and 24-hour maximum, a schedule 2 controlled drug and a
// time-critical medicine, and one allergy.
func WithChart(t testing.TB, st *store.Store) Fixture {
	t.Helper()
	u := Chart()
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatalf("store fixture chart: %v", err)
	}
	return Fixture{Update: u}
}

func residents() []mar.Resident {
	r := func(id, nhs, local, given, family, born, room string) mar.Resident {
		return mar.Resident{
			ID: id, NHSNumber: nhs, GivenName: given, FamilyName: family, BirthDate: born,
			Room: room, Status: mar.StatusPresent, Active: true,
			Identifiers: []mar.Identifier{
				{System: mar.SystemNHSNumber, Value: nhs},
				{System: "urn:medround:resident", Value: local},
			},
		}
	}
	edith := r(ResidentEdith, NHSEdith, "R0003", "Edith", "Clarke", "1938-11-02", "3")
	edith.CareNotes = "Parkinson's: give co-careldopa on time"
	return []mar.Resident{
		r(ResidentMargaret, NHSMargaret, "R0001", "Margaret", "Hughes", "1936-04-17", "1"),
		r(ResidentArthur, NHSArthur, "R0002", "Arthur", "Bennett", "1941-08-30", "2"),
		edith,
	}
}

func ingredient(name string) []mar.Concept { return []mar.Concept{{Text: name}} }

// strength is amount mg of an ingredient per n of a unit of the product.
func strength(mg, n float64, unit string) mar.Strength {
	return mar.Strength{Amount: mar.Quantity{Value: mg, Unit: "mg"}, Per: mar.Quantity{Value: n, Unit: unit}}
}

func products() []mar.Product {
	return []mar.Product{
		{ID: ProductMetformin, Name: "Metformin 500mg tablets", Form: "tablet",
			GTINs: []string{GTINMetformin}, Ingredients: ingredient("Metformin hydrochloride"),
			Strengths: []mar.Strength{strength(500, 1, "tablet")}},
		{ID: ProductParacetamol, Name: "Paracetamol 500mg tablets", Form: "tablet",
			GTINs: []string{GTINParacetamol, GTINParacetamol2}, Ingredients: ingredient("Paracetamol"),
			Strengths: []mar.Strength{strength(500, 1, "tablet")}},
		{ID: ProductMorphine, Name: "Morphine sulfate 10mg/5ml oral solution", Form: "oral solution",
			GTINs: []string{GTINMorphine}, Ingredients: ingredient("Morphine sulfate"), CDSchedule: 2,
			Strengths: []mar.Strength{strength(10, 5, "mL")}},
		{ID: ProductCoCareldopa, Name: "Co-careldopa 25mg/100mg tablets", Form: "tablet",
			GTINs:       []string{GTINCoCareldopa},
			Ingredients: []mar.Concept{{Text: "Carbidopa"}, {Text: "Levodopa"}},
			Strengths:   []mar.Strength{strength(25, 1, "tablet"), strength(100, 1, "tablet")}},
	}
}

func entries() []mar.ChartEntry {
	authored := ChartAt.Add(-72 * time.Hour)
	base := func(id, resident, product string) mar.ChartEntry {
		return mar.ChartEntry{ID: id, ResidentID: resident, ProductID: product,
			Status: mar.EntryActive, AuthoredOn: authored, Route: "oral"}
	}
	metformin := base(EntryMetformin, ResidentMargaret, ProductMetformin)
	metformin.Timing = mar.Timing{TimesOfDay: []mar.ClockTime{8 * 60, 21 * 60}}
	metformin.Dose = mar.Quantity{Value: 1, Unit: "tablet"}
	metformin.Text = "One tablet in the morning and one at night, with food"

	para := func(id, resident string) mar.ChartEntry {
		e := base(id, resident, ProductParacetamol)
		e.PRN, e.PRNReason = true, "pain or fever"
		e.Timing = mar.Timing{Frequency: 1, Period: 4, PeriodUnit: "h"}
		e.MinInterval = 4 * time.Hour
		e.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 8, Unit: "tablet"}, Period: 24 * time.Hour}
		e.Dose, e.DoseLow, e.DoseHigh = mar.Quantity{Value: 1, Unit: "tablet"}, 1, 2
		e.Text = "One or two tablets every 4 hours when needed for pain; no more than 8 in 24 hours"
		return e
	}

	morphine := base(EntryMorphine, ResidentEdith, ProductMorphine)
	morphine.PRN, morphine.PRNReason = true, "breakthrough pain"
	morphine.Timing = mar.Timing{Frequency: 1, Period: 4, PeriodUnit: "h"}
	morphine.MinInterval = 4 * time.Hour
	morphine.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 15, Unit: "mL"}, Period: 24 * time.Hour}
	morphine.Dose = mar.Quantity{Value: 2.5, Unit: "mL"}
	morphine.Text = "2.5 mL (5 mg) every 4 hours when needed for breakthrough pain"

	careldopa := base(EntryCoCareldopa, ResidentEdith, ProductCoCareldopa)
	careldopa.Timing = mar.Timing{TimesOfDay: []mar.ClockTime{7 * 60, 11 * 60, 15 * 60, 19 * 60}}
	careldopa.Dose = mar.Quantity{Value: 1, Unit: "tablet"}
	careldopa.TimeCritical = true
	careldopa.Text = "One tablet at 07:00, 11:00, 15:00 and 19:00; time-critical"

	return []mar.ChartEntry{metformin, para(EntryParacetamolR001, ResidentMargaret),
		para(EntryParacetamolR002, ResidentArthur), morphine, careldopa}
}

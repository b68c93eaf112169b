package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"medround/internal/mar"
	"medround/internal/store"
)

// fixedCharts are the first residents' charts, which tests, screenshots and
// the README rely on. Other residents get a seeded mix.
var fixedCharts = [][]string{
	{"paracetamol-500", "amlodipine-5", "metformin-500", "atorvastatin-20", "co-careldopa-25-100",
		"mst-10", "senna-7.5", "lactulose", "alendronic-70", "omeprazole-20", "gaviscon"},
	{"paracetamol-500", "flucloxacillin-500", "oxycodone-5", "ramipril-2.5", "levothyroxine-50",
		"sertraline-50", "donepezil-10", "buprenorphine-5", "senna-7.5", "lorazepam-1"},
	{"paracetamol-500", "amlodipine-5", "bisoprolol-2.5", "furosemide-40", "atorvastatin-20",
		"omeprazole-20", "lactulose", "metformin-500"},
}

// allergies of the first residents; R101's penicillin allergy is the one
// the tests use (flucloxacillin is a penicillin).
var fixedAllergies = map[int][]mar.Concept{
	0: {{Text: "Penicillin", Codings: []mar.Coding{{System: mar.SystemSNOMED, Code: "764146007", Display: "Penicillin"}}}},
	3: {{Text: "Aspirin"}},
	6: {{Text: "Codeine", Codings: []mar.Coding{{System: mar.SystemSNOMED, Code: "387494007", Display: "Codeine"}}}},
}

func chart(opt Options) store.ChartUpdate {
	rng := rand.New(rand.NewPCG(uint64(opt.Residents), 42))
	// The chart was imported when its entries started, a month ago, so today's
	// early doses are on it.
	u := store.ChartUpdate{At: chartStart(opt)}
	for i, m := range formulary {
		u.Products = append(u.Products, m.product(i))
	}
	for n := 0; n < opt.Residents; n++ {
		r := resident(n, rng)
		if n == 2 {
			r.Status = mar.StatusHospital
		}
		u.Residents = append(u.Residents, r)
		for k, c := range fixedAllergies[n] {
			u.Allergies = append(u.Allergies, mar.Allergy{ID: fmt.Sprintf("%s-allergy-%d", r.ID, k+1),
				ResidentID: r.ID, Substance: c, Active: true})
		}
		for k, id := range medsFor(n, rng) {
			if m, ok := medByID(id); ok {
				u.Entries = append(u.Entries, entry(r.ID, k+1, m, n, opt.Now, u.At))
			}
		}
	}
	return u
}

// chartStart is when the demo chart was imported and its entries started:
// a month before the history begins.
func chartStart(opt Options) time.Time {
	return opt.Now.AddDate(0, 0, -opt.HistoryDays-30).UTC()
}

func medsFor(n int, rng *rand.Rand) []string {
	if n < len(fixedCharts) {
		return fixedCharts[n]
	}
	ids := []string{"paracetamol-500"}
	perm := rng.Perm(len(formulary))
	for _, i := range perm {
		m := formulary[i]
		// Penicillins and controlled drugs stay on the fixed charts, so the
		// demo's allergy and witness cases are the documented ones.
		if len(ids) >= 8+n%4 || m.id == "paracetamol-500" || m.id == "flucloxacillin-500" || m.cd == 2 || m.cd == 3 {
			continue
		}
		ids = append(ids, m.id)
	}
	return ids
}

func medByID(id string) (med, bool) {
	for _, m := range formulary {
		if m.id == id {
			return m, true
		}
	}
	return med{}, false
}

func entry(residentID string, k int, m med, n int, now, start time.Time) mar.ChartEntry {
	e := mar.ChartEntry{
		ID: fmt.Sprintf("%s-rx-%02d", residentID, k), ResidentID: residentID, ProductID: m.id,
		Status: mar.EntryActive, AuthoredOn: start, Start: start,
		Timing: mar.Timing{When: m.when, DaysOfWeek: m.days}, PRN: m.prn, PRNReason: m.prnReason,
		MinInterval: m.minInterval, Dose: m.dose, DoseLow: m.dose.Value, DoseHigh: m.dose.Value,
		Route: m.route, Text: m.text, TimeCritical: m.critical,
	}
	if m.doseHigh > 0 {
		e.DoseHigh = m.doseHigh
	}
	for _, t := range m.times {
		c, _ := mar.ParseClockTime(t) // the formulary's times are literals
		e.Timing.TimesOfDay = append(e.Timing.TimesOfDay, c)
	}
	if m.prn {
		e.Timing = mar.Timing{Frequency: 1, Period: m.minInterval.Hours(), PeriodUnit: "h"}
		e.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: m.maxDose, Unit: m.dose.Unit}, Period: 24 * time.Hour}
	}
	if m.id == "flucloxacillin-500" {
		e.Start = now.AddDate(0, 0, -2).UTC()
		e.End = now.AddDate(0, 0, 5).UTC()
	}
	switch {
	case n == 3 && m.id == "furosemide-40":
		e.Status = mar.EntryOnHold
		e.Text += " (on hold: GP review of kidney function)"
	case n == 4 && m.id == "donepezil-10":
		e.Status = mar.EntryStopped
	}
	return e
}

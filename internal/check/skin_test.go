package check

import (
	"testing"
	"time"

	"medround/internal/mar"
)

const (
	gtinRivastigmine = "05000000000166"
	gtinBarrierCream = "05000000000173"
)

const day = 24 * time.Hour

// rivastigmine puts a daily rivastigmine patch on Mary's chart, its
// leaflet's 14-day site rotation on the product and the chart's own
// rotation (0: none) on the entry, and scans it with the site chosen.
func rivastigmine(site string, chartRotation time.Duration, hist ...mar.Event) func(in *Input) {
	return func(in *Input) {
		e := entry("e-riva", "p-riva", mar.Timing{TimesOfDay: []mar.ClockTime{8 * 60}})
		e.Dose.Unit, e.PatchRotation = "patch", chartRotation
		in.Chart = append(in.Chart, e)
		in.Products["p-riva"] = mar.Product{ID: "p-riva", Name: "Rivastigmine 4.6mg/24hours transdermal patches",
			Form: "Transdermal patch", GTINs: []string{gtinRivastigmine}, Ingredients: []mar.Concept{{Text: "Rivastigmine"}},
			PatchRotation: 14 * day}
		in.Pack.GTIN = gtinRivastigmine
		in.Care.Site = site
		in.History = append(in.History, hist...)
	}
}

// rivaOn is a rivastigmine patch put on the site days ago and taken off
// the next day.
func rivaOn(site string, daysAgo int) []mar.Event {
	t := at(8, 0).AddDate(0, 0, -daysAgo)
	dose := given("e-riva", t, t)
	return []mar.Event{dose, siteOf(dose, site), patchOff(dose, t.Add(day))}
}

// barrierCream puts a barrier cream twice a day on Mary's chart and scans
// it, with the areas chosen.
func barrierCream(areas string, hist ...mar.Event) func(in *Input) {
	return func(in *Input) {
		e := entry("e-cream", "p-cream", mar.Timing{TimesOfDay: []mar.ClockTime{8 * 60, 20 * 60}})
		e.Dose, e.Route = mar.Quantity{Value: 1, Unit: "application"}, "Topical route"
		in.Chart = append(in.Chart, e)
		in.Products["p-cream"] = mar.Product{ID: "p-cream", Name: "Cavilon barrier cream", Form: "cream",
			GTINs: []string{gtinBarrierCream}, Ingredients: []mar.Concept{{Text: "Dimeticone"}}}
		in.Pack.GTIN = gtinBarrierCream
		in.Care.Site = areas
		in.History = append(in.History, hist...)
	}
}

// skinRows are the rows of the patch site rotation a chart or product
// sets, and of creams on the body map (hazards H33 and H34).
func skinRows() []checkRow {
	creamYesterday := given("e-cream", at(8, 0).AddDate(0, 0, -1), at(8, 0).AddDate(0, 0, -1))
	return []checkRow{
		{name: "rivastigmine patch on the same site after 10 days with a 14-day rotation warns",
			mod: rivastigmine("chest-left", 0, rivaOn("chest-left", 10)...), want: []Code{PatchSiteReused}, level: warn,
			also: both(says(PatchSiteReused, "less than 14 days ago"), rests("chest-left", 4))},
		{name: "rivastigmine patch on the same site after 15 days with a 14-day rotation passes",
			mod: rivastigmine("chest-left", 0, rivaOn("chest-left", 15)...), want: []Code{}, level: ok, also: rests("", 0)},
		{name: "rivastigmine patch with no site chosen yet: the body map marks the site used 10 days ago",
			mod: rivastigmine("", 0, append(rivaOn("chest-left", 10), rivaOn("upper-arm-left", 20)...)...), want: []Code{}, level: ok,
			also: rests("chest-left", 4)},
		{name: "rivastigmine patch after 20 days where the prescriber charted a 28-day rotation warns",
			mod: rivastigmine("chest-left", 28*day, rivaOn("chest-left", 20)...), want: []Code{PatchSiteReused}, level: warn,
			also: says(PatchSiteReused, "less than 28 days ago")},
		{name: "rivastigmine patch on another site the day after its last came off passes",
			mod: rivastigmine("chest-right", 0, rivaOn("chest-left", 1)...), want: []Code{}, level: ok},
		{name: "barrier cream on the sacrum and both buttocks passes",
			mod: barrierCream("sacrum,buttock-left,buttock-right"), want: []Code{}, level: ok},
		{name: "barrier cream on an area the body map does not have cannot decide",
			mod: barrierCream("sacrum,elbow"), want: []Code{CannotDecide}, level: stop},
		{name: "barrier cream not yet placed on the body map is checked as any dose",
			mod: barrierCream(""), want: []Code{}, level: ok},
		{name: "fentanyl patch on the left upper arm where a cream went yesterday: a cream does not rest the site",
			mod:  all(barrierCream(""), fentanyl("upper-arm-left", creamYesterday, siteOf(creamYesterday, "upper-arm-left"))),
			want: []Code{WitnessRequired}, level: ok},
	}
}

// rests checks the verdict's resting sites: only word, which may be used
// again in the days given ("" for none resting).
func rests(word string, daysLeft int) func(t *testing.T, v Verdict) {
	return func(t *testing.T, v Verdict) {
		t.Helper()
		if word == "" {
			if len(v.RestingSites) != 0 {
				t.Errorf("resting sites = %+v, want none", v.RestingSites)
			}
			return
		}
		want := at(8, 0).AddDate(0, 0, daysLeft)
		if len(v.RestingSites) != 1 || v.RestingSites[0].Site.Word != word || !v.RestingSites[0].Until.Equal(want) {
			t.Errorf("resting sites = %+v, want %s until %v", v.RestingSites, word, want)
		}
	}
}

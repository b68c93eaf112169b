package check

import (
	"time"

	"medround/internal/mar"
)

// MaxPassed is a maximum in force that the standing doses given in its
// period, up to and including a moment, went over.
type MaxPassed struct {
	// Ingredient is the active ingredient limited, as IngredientTotals
	// names it; empty for the own maximum of a line whose product names no
	// ingredient, which EntryID then names.
	Ingredient string        `json:"ingredient,omitempty"`
	EntryID    string        `json:"entryId,omitempty"`
	Period     time.Duration `json:"period"`
	// Given and Limit are milligrams of the ingredient, or for a line's
	// own maximum amounts in Unit, the line's unit.
	Given float64 `json:"given"`
	Limit float64 `json:"limit"`
	Unit  string  `json:"unit"`
}

// MaximaPassed says, at each of times, which maxima in force then the
// doses given in their period up to that moment went over: the sums the
// check makes before a dose (checkMaxDose) and the resident page shows
// (IngredientTotals), read after the fact. Per active ingredient in
// milligrams against the strictest maximum in force on a line holding it;
// for a line whose product names no ingredient, that line's doses in its
// own unit. A report asks it at each dose: the check stops a dose over a
// maximum, so one found here was given on paper, on two tablets that did
// not see each other's records, or over a stop. in is the resident's check
// input; in.Now is replaced by each time. It returns nil when the check
// cannot read the chart or the home's zone.
func MaximaPassed(in Input, times []time.Time) [][]MaxPassed {
	if in.Resident == nil {
		return nil
	}
	c := &checker{in: in, v: Verdict{Level: mar.LevelOK}}
	if in.Now.IsZero() && len(times) > 0 {
		c.in.Now = times[0] // setup refuses a zero time
	}
	if !c.setup() {
		return nil
	}
	c.history = newHistory(in.Resident.ID, in.History)
	out := make([][]MaxPassed, len(times))
	for i, t := range times {
		prev := c.in.Now
		c.in.Now = t
		if i == 0 || versionChanged(in.Chart, prev, t) {
			chart, ok := c.currentChart()
			if !ok {
				return nil
			}
			c.chart = chart
		}
		out[i] = c.maximaPassed()
	}
	return out
}

// versionChanged reports whether a chart version came into or went out of
// force between a and b (either order): only then does the chart in force
// need working out again, which a year of doses would otherwise do for
// each.
func versionChanged(chart []mar.ChartEntry, a, b time.Time) bool {
	if b.Before(a) {
		a, b = b, a
	}
	for _, e := range chart {
		for _, x := range [2]time.Time{e.ValidFrom, e.ValidTo} {
			if !x.IsZero() && x.After(a) && !x.After(b) {
				return true
			}
		}
	}
	return false
}

// maximaPassed lists the maxima passed at c.in.Now.
func (c *checker) maximaPassed() []MaxPassed {
	const eps = 1e-9
	var totals []IngredientTotal
	var out []MaxPassed
	for _, e := range c.chart {
		if e.MaxDose == nil || e.MaxDose.Period <= 0 || !c.inForce(e) {
			continue
		}
		line := c.in.Products[e.ProductID]
		for _, ing := range line.Ingredients {
			c.addTotal(&totals, maxRule{entry: e, ing: ing, product: e.ProductID})
		}
		if len(line.Ingredients) > 0 {
			continue
		}
		r := maxRule{entry: e, product: line.ID}
		t := c.totalFor(r, c.pastDoses(r))
		if t.comparable && t.total > t.limit+eps {
			out = append(out, MaxPassed{EntryID: e.ID, Period: e.MaxDose.Period, Given: t.total, Limit: t.limit,
				Unit: e.Dose.Unit})
		}
	}
	for _, t := range totals {
		if t.Known && t.GivenMG > t.LimitMG+eps {
			out = append(out, MaxPassed{Ingredient: t.Ingredient, Period: t.Period, Given: t.GivenMG,
				Limit: t.LimitMG, Unit: "mg"})
		}
	}
	return out
}

// pastDoses are the doses the rule counts in its period up to Now, the
// dose at Now included.
func (c *checker) pastDoses(r maxRule) []ingredientDose {
	doses, _ := c.ingredientDosesTo(r, c.in.Now.Add(-r.entry.MaxDose.Period), c.in.Now)
	return doses
}

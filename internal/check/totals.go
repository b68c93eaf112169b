package check

import (
	"time"

	"medround/internal/mar"
)

// IngredientTotal is how much of an active ingredient a resident was given
// in the period of its strictest maximum, for the resident page: the same
// sum checkMaxDose makes before a dose.
type IngredientTotal struct {
	Ingredient string        `json:"ingredient"`
	Period     time.Duration `json:"period"`
	// GivenMG and LimitMG are milligrams when Known; LimitMG is the
	// strictest maximum in force on a line holding the ingredient.
	GivenMG float64 `json:"givenMg"`
	LimitMG float64 `json:"limitMg"`
	// Known is false when a strength is missing, so the doses could not be
	// added up; Missing names the products.
	Known   bool     `json:"known"`
	Missing []string `json:"missing,omitempty"`
}

// IngredientTotals lists, for each ingredient with a maximum in force on
// the resident's chart, what was given in its period before in.Now against
// the strictest maximum. in is the resident's check input.
func IngredientTotals(in Input) []IngredientTotal {
	c := &checker{in: in, match: &mar.IngredientMatcher{}, v: Verdict{Level: mar.LevelOK}}
	if in.Resident == nil || !c.setup() {
		return nil
	}
	chart, ok := c.currentChart()
	if !ok {
		return nil
	}
	c.chart = chart
	c.history = newHistory(in.Resident.ID, in.History)
	var out []IngredientTotal
	for _, e := range c.chart {
		if e.MaxDose == nil || e.MaxDose.Period <= 0 || !c.inForce(e) {
			continue
		}
		for _, ing := range c.in.Products[e.ProductID].Ingredients {
			c.addTotal(&out, maxRule{entry: e, ing: ing, product: e.ProductID, m: c.match})
		}
	}
	return out
}

// addTotal folds one maximum into the list: a new ingredient, or a
// stricter limit for one already there.
func (c *checker) addTotal(out *[]IngredientTotal, r maxRule) {
	past := c.pastDoses(r)
	line := c.in.Products[r.entry.ProductID]
	unit := r.entry.MaxDose.Quantity.Unit
	if unit == "" {
		unit = r.entry.Dose.Unit
	}
	t, known := totalMG(r, line, unit, past)
	it := IngredientTotal{Ingredient: r.ing.Label(), Period: r.entry.MaxDose.Period, Known: known}
	if known {
		it.GivenMG, it.LimitMG = t.total, t.limit
	} else {
		it.Missing = c.totalFor(r, past).missing
	}
	for i, x := range *out {
		if c.match.Same(mar.Concept{Text: x.Ingredient}, r.ing) {
			if known && (!x.Known || it.LimitMG < x.LimitMG) {
				(*out)[i] = it
			}
			return
		}
	}
	*out = append(*out, it)
}

package check

import (
	"math"
	"sort"
	"strings"
	"time"

	"medround/internal/mar"
)

// The 24-hour maximum is a limit on an active ingredient, not on a chart
// line: paracetamol tablets (8 in 24 hours) and paracetamol suspension
// (80 mL in 24 hours) are 4 g each, and 8 tablets then 20 mL of suspension
// is 5 g. Every dose of the ingredient counts, whatever line, product or
// chart version it was given under, against the strictest maximum in force
// on any line that holds the ingredient. Doses are added up in milligrams
// with the strengths the chart carries; where a strength is missing the
// doses cannot be added, and the check says so (STRENGTH_UNKNOWN, a
// warning for a senior) rather than passing in silence.

// maxRule is a maximum in force on a chart line that limits an ingredient.
type maxRule struct {
	entry mar.ChartEntry // the line whose maximum it is
	// ing is the ingredient, as the line's product names it; zero for the
	// line's own maximum when its product lists no ingredients, which then
	// limits that product alone.
	ing     mar.Concept
	product string
	m       *mar.IngredientMatcher
}

// holds reports whether doses of p count against the rule.
func (r maxRule) holds(p mar.Product) bool {
	return p.ID == r.product || productHolds(r.m, p, r.ing)
}

// ingredientDose is one dose of a product holding the ingredient.
type ingredientDose struct {
	at      time.Time
	product mar.Product
	unit    string
	qty     float64
	this    bool // the dose being checked
}

// massFactor converts a mass unit to milligrams.
var massFactor = map[string]float64{"mg": 1, "g": 1000, "kg": 1e6, "mcg": 1e-3, "ug": 1e-3,
	"µg": 1e-3, "microgram": 1e-3, "milligram": 1, "gram": 1000, "ng": 1e-6, "nanogram": 1e-6}

// milligrams reads a quantity in a mass unit as milligrams.
func milligrams(q mar.Quantity) (float64, bool) {
	f, ok := massFactor[normUnit(q.Unit)]
	return q.Value * f, ok
}

// ingredientMG is how many milligrams of ingredient ing one dose of qty
// unit of product p holds: the strength per unit, or the amount itself
// when a single-ingredient product's dose is written as a mass.
func ingredientMG(m *mar.IngredientMatcher, p mar.Product, ing mar.Concept, qty float64, unit string) (float64, bool) {
	for i, x := range p.Ingredients {
		if !m.Same(x, ing) {
			continue
		}
		if mg, ok := milligrams(mar.Quantity{Value: qty, Unit: unit}); ok && len(p.Ingredients) == 1 {
			return mg, true
		}
		s, ok := p.StrengthOf(i)
		if !ok || normUnit(s.Per.Unit) != normUnit(unit) {
			return 0, false
		}
		per, ok := milligrams(s.Amount)
		if !ok {
			return 0, false
		}
		return qty / s.Per.Value * per, true
	}
	return 0, false
}

// ingredientRules are the maxima in force on lines whose product shares an
// ingredient with p, each with the shared ingredient.
func (c *checker) ingredientRules(p mar.Product) []maxRule {
	var out []maxRule
	for _, e := range c.chart {
		if e.MaxDose == nil || !c.inForce(e) {
			continue
		}
		line := c.in.Products[e.ProductID]
		if e.ID == c.v.Entry.ID && len(line.Ingredients) == 0 {
			out = append(out, maxRule{entry: e, product: line.ID, m: c.match})
			continue
		}
		for _, x := range line.Ingredients {
			if productHolds(c.match, p, x) {
				out = append(out, maxRule{entry: e, ing: x, product: line.ID, m: c.match})
			}
		}
	}
	return out
}

// ingredientDoses are the standing given doses of any product the rule holds
// since t (those recorded after Now too), read as the product and unit they
// were given as, oldest first.
func (c *checker) ingredientDoses(r maxRule, since time.Time) (doses []ingredientDose, unreadable bool) {
	return c.ingredientDosesTo(r, since, time.Time{})
}

// ingredientDosesTo is ingredientDoses up to until (all when zero).
func (c *checker) ingredientDosesTo(r maxRule, since, until time.Time) (doses []ingredientDose, unreadable bool) {
	given := c.givenDoses()
	// Oldest first: start after since, stop after until.
	start := sort.Search(len(given), func(i int) bool { return given[i].ev.OccurredAt.After(since) })
	for _, g := range given[start:] {
		if !until.IsZero() && g.ev.OccurredAt.After(until) {
			break
		}
		if !g.known || !r.holds(g.product) {
			continue
		}
		if g.qty <= 0 || math.IsNaN(g.qty) || math.IsInf(g.qty, 0) {
			unreadable = true
			continue
		}
		doses = append(doses, ingredientDose{at: g.ev.OccurredAt, product: g.product, unit: g.unit, qty: g.qty})
	}
	return doses, unreadable
}

func productHolds(m *mar.IngredientMatcher, p mar.Product, ing mar.Concept) bool {
	if ing.Text == "" && len(ing.Codings) == 0 {
		return false
	}
	for _, x := range p.Ingredients {
		if m.Same(x, ing) {
			return true
		}
	}
	return false
}

// givenAs is the product, unit and amount a given record was recorded as:
// the event's own product and unit when it carries them, else the chart
// version it names (a later change of form must not rewrite it), else the
// entry's current version. It reports false for a record of no known line.
func (c *checker) givenAs(ev *mar.Event) (mar.Product, string, float64, bool) {
	version, ok := c.entryVersion(ev.EntryID, ev.EntryVersion, ev.OccurredAt)
	if !ok && ev.ProductID == "" {
		return mar.Product{}, "", 0, false
	}
	pid, unit := version.ProductID, version.Dose.Unit
	if ev.ProductID != "" {
		pid = ev.ProductID
	}
	if ev.DoseUnit != "" {
		unit = ev.DoseUnit
	}
	p, known := c.in.Products[pid]
	if !known {
		return mar.Product{}, "", 0, false
	}
	qty := ev.Quantity
	if qty == 0 {
		qty = version.Dose.Value // recorded as "the prescribed dose"
	}
	return p, unit, qty, true
}

// entryVersion finds the chart version a record names; for a record that
// names none, the version in force when it happened; else the newest
// version of that entry the input holds.
func (c *checker) entryVersion(id string, version int, at time.Time) (mar.ChartEntry, bool) {
	var best, then mar.ChartEntry
	found, foundThen := false, false
	for _, e := range c.in.Chart {
		if e.ID != id {
			continue
		}
		if version > 0 && e.Version == version {
			return e, true
		}
		if !e.ValidFrom.After(at) && (e.ValidTo.IsZero() || at.Before(e.ValidTo)) {
			then, foundThen = e, true
		}
		if !found || e.Version > best.Version {
			best, found = e, true
		}
	}
	if foundThen {
		return then, true
	}
	return best, found
}

// thisDose is the dose being checked, as an ingredientDose.
func (c *checker) thisDose() ingredientDose {
	q := c.in.Quantity
	if q <= 0 {
		q = c.v.Entry.Dose.Value
	}
	return ingredientDose{at: c.in.Now, product: *c.v.Product, unit: c.v.Entry.Dose.Unit, qty: q, this: true}
}

// ruleTotal adds up the doses against one maximum: in milligrams when every
// strength is known; otherwise in the line's own unit over the doses of its
// own product in that unit, reporting which products could not be added.
type ruleTotal struct {
	total, limit float64
	mg           bool     // total and limit are milligrams, else the line's unit
	missing      []string // products whose doses could not be added
	comparable   bool     // the limit could be compared at all
}

func (c *checker) totalFor(r maxRule, doses []ingredientDose) ruleTotal {
	m := r.entry.MaxDose
	limitUnit := m.Quantity.Unit
	if limitUnit == "" {
		limitUnit = r.entry.Dose.Unit
	}
	lineProduct := c.in.Products[r.entry.ProductID]
	if t, ok := totalMG(r, lineProduct, limitUnit, doses); ok {
		return t
	}
	t := ruleTotal{}
	if _, mass := milligrams(mar.Quantity{Unit: limitUnit}); mass || normUnit(limitUnit) != normUnit(r.entry.Dose.Unit) {
		return t // the line's maximum is in another unit than its dose
	}
	t.comparable, t.limit = true, m.Quantity.Value
	others := false // doses of another product or unit, which need strengths
	for _, d := range doses {
		if d.product.ID == lineProduct.ID && normUnit(d.unit) == normUnit(limitUnit) {
			t.total += d.qty
			continue
		}
		others = true
		if _, ok := ingredientMG(r.m, d.product, r.ing, d.qty, d.unit); !ok {
			t.missing = append(t.missing, d.product.Name)
		}
	}
	if _, ok := ingredientMG(r.m, lineProduct, r.ing, 1, r.entry.Dose.Unit); others && !ok {
		t.missing = append(t.missing, lineProduct.Name)
	}
	return t
}

// totalMG adds every dose and the limit up in milligrams of the ingredient.
func totalMG(r maxRule, line mar.Product, limitUnit string, doses []ingredientDose) (ruleTotal, bool) {
	limit, ok := ingredientMG(r.m, line, r.ing, r.entry.MaxDose.Quantity.Value, limitUnit)
	if !ok {
		return ruleTotal{}, false
	}
	t := ruleTotal{limit: limit, mg: true, comparable: true}
	for _, d := range doses {
		mg, ok := ingredientMG(r.m, d.product, r.ing, d.qty, d.unit)
		if !ok {
			return ruleTotal{}, false
		}
		t.total += mg
	}
	return t, true
}

// overMax is a maximum the dose would go over.
type overMax struct {
	rule  maxRule
	total ruleTotal
	this  ingredientDose
}

// checkMaxDose controls a dose over a maximum (H17): every maximum in force
// on a line holding an ingredient of this product, this line's own
// included, is checked against every dose of the ingredient in its period.
// The line's own maximum that cannot be compared at all (grams against
// tablets with no strength) cannot decide; another line's, or doses of
// other products whose strength is missing, are a warning for a senior.
func (c *checker) checkMaxDose() {
	const eps = 1e-9
	var worst *overMax
	var missing []string
	for _, r := range c.ingredientRules(*c.v.Product) {
		m, own := r.entry.MaxDose, r.entry.ID == c.v.Entry.ID
		if m.Quantity.Value <= 0 || m.Period <= 0 {
			if own {
				c.cannotCompareMax()
				return
			}
			continue
		}
		doses, unreadable := c.ingredientDoses(r, c.in.Now.Add(-m.Period))
		if unreadable {
			c.v.add(newReason(CannotDecide,
				"Do not give. A recent dose of %s has no readable amount, so the check cannot tell whether the maximum of %s in %s is reached. Ask a senior to check the records.",
				c.in.Products[r.entry.ProductID].Name, m.Quantity, span(m.Period)))
			return
		}
		this := c.thisDose()
		t := c.totalFor(r, append(doses, this))
		switch {
		case !t.comparable && own:
			c.cannotCompareMax()
			return
		case !t.comparable:
			missing = append(missing, c.in.Products[r.entry.ProductID].Name)
			continue
		}
		missing = append(missing, t.missing...)
		if t.total > t.limit+eps && (worst == nil || t.total/t.limit > worst.total.total/worst.total.limit) {
			worst = &overMax{rule: r, total: t, this: this}
		}
	}
	if worst != nil {
		c.maxReached(*worst)
		return
	}
	// On a stop the warning would only add noise: the dose is not given.
	if len(missing) > 0 && c.v.Level != mar.LevelStop {
		c.strengthUnknown(missing)
	}
}

func (c *checker) cannotCompareMax() {
	e := c.v.Entry
	c.v.add(newReason(CannotDecide,
		"Do not give. The chart's maximum for %s (%s in %s) cannot be compared with its dose (%s). Ask a senior to check the chart.",
		c.v.Product.Name, e.MaxDose.Quantity, span(e.MaxDose.Period), e.Dose))
}

func (c *checker) maxReached(o overMax) {
	m, line := o.rule.entry.MaxDose, c.in.Products[o.rule.entry.ProductID]
	since := c.when(c.in.Now.Add(-m.Period))
	if !o.total.mg {
		unit := o.rule.entry.Dose.Unit
		c.v.add(newReason(MaxDoseReached,
			"Do not give. %s may be given up to %s in %s; %s has been given since %s, and this dose of %s would go over. The next dose can be given when earlier doses are %s old; if the resident still needs relief, ask a senior or the GP.",
			line.Name, m.Quantity, span(m.Period), mar.Quantity{Value: o.total.total - o.this.qty, Unit: unit}, since,
			mar.Quantity{Value: o.this.qty, Unit: unit}, span(m.Period)))
		return
	}
	ing := o.rule.ing.Label()
	thisMG, _ := ingredientMG(o.rule.m, o.this.product, o.rule.ing, o.this.qty, o.this.unit)
	c.v.add(newReason(MaxDoseReached,
		"Do not give. No more than %s of %s may be given in %s (the chart's maximum for %s: %s). %s of %s has been given since %s, and this dose (%s, %s) would take it to %s. The next dose can be given when earlier doses are %s old; if the resident still needs relief, ask a senior or the GP.",
		mgText(o.total.limit), strings.ToLower(ing), span(m.Period), line.Name, m.Quantity,
		mgText(o.total.total-thisMG), strings.ToLower(ing), since, amount(o.this.qty, o.this.unit), mgText(thisMG),
		mgText(o.total.total), span(m.Period)))
}

func (c *checker) strengthUnknown(products []string) {
	seen := map[string]bool{}
	var names []string
	for _, n := range products {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	c.v.add(newReason(StrengthUnknown,
		"The chart does not give the strength of %s, so the check cannot add up every dose of the same ingredient against its maximum. Ask a senior to check the total given in the last 24 hours before giving; the reason is recorded.",
		strings.Join(names, ", ")))
}

// mgText writes milligrams for a care worker: "500 mg", "4 g", "4.5 g".
func mgText(mg float64) string { return mar.MilligramText(mg) }

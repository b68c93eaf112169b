package check

import (
	"strings"

	"medround/internal/mar"
)

// chooseEntry controls the wrong medicine: it finds the chart entry the
// scanned pack (or the chosen entry) is for. It reports false when there is
// none or it cannot tell which.
func (c *checker) chooseEntry() bool {
	if c.in.Pack == nil && c.in.EntryID == "" {
		return false
	}
	chart, ok := c.currentChart()
	if !ok {
		return false
	}
	c.chart = chart
	cands := c.candidates(chart)
	if len(cands) == 0 {
		c.notOnChart()
		c.checkPackAllergy()
		return false
	}
	e, ok := c.pick(cands)
	if !ok {
		c.checkPackAllergy()
		return false
	}
	p := c.in.Products[e.ProductID]
	c.v.Entry, c.v.Product = &e, &p
	return true
}

// currentChart returns the version of each entry in force at Now, and
// refuses a chart that belongs to someone else or names unknown products:
// either would let a pack match, or fail to match, by mistake.
func (c *checker) currentChart() ([]mar.ChartEntry, bool) {
	byID := make(map[string]int, len(c.in.Chart))
	out := make([]mar.ChartEntry, 0, len(c.in.Chart))
	for _, e := range c.in.Chart {
		if e.ResidentID != "" && e.ResidentID != c.in.Resident.ID {
			c.v.add(newReason(CannotDecide,
				"Do not give. The chart loaded is not this resident's. Scan the resident again; if this happens again, tell the manager."))
			return nil, false
		}
		if _, ok := c.in.Products[e.ProductID]; !ok {
			c.v.add(newReason(CannotDecide,
				"Do not give. A medicine on this chart (entry %s) is missing from the tablet's medicine list, so the pack cannot be matched safely. Tell the manager so the chart is imported again.",
				e.ID))
			return nil, false
		}
		if !e.ValidTo.IsZero() && !c.in.Now.Before(e.ValidTo) {
			continue // superseded before Now
		}
		if i, ok := byID[e.ID]; ok {
			if c.preferVersion(e, out[i]) {
				out[i] = e
			}
			continue
		}
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	return out, true
}

// preferVersion reports whether version a, rather than b, is in force at Now.
func (c *checker) preferVersion(a, b mar.ChartEntry) bool {
	aIn := !a.ValidFrom.After(c.in.Now)
	bIn := !b.ValidFrom.After(c.in.Now)
	if aIn != bIn {
		return aIn
	}
	return a.Version > b.Version
}

// candidates are the entries the pack or the chosen entry can be.
func (c *checker) candidates(chart []mar.ChartEntry) []mar.ChartEntry {
	var out []mar.ChartEntry
	for _, e := range chart {
		if c.in.Pack != nil && !c.in.Products[e.ProductID].HasGTIN(c.in.Pack.GTIN) {
			continue
		}
		if c.in.EntryID != "" && e.ID != c.in.EntryID {
			continue
		}
		out = append(out, e)
	}
	return out
}

func (c *checker) notOnChart() {
	name := c.in.Resident.Name()
	if name == "" {
		name = "this resident"
	}
	what := "This medicine"
	switch {
	case c.in.Pack != nil && c.in.EntryID != "":
		c.v.add(newReason(NotOnChart,
			"Do not give. This pack is not the medicine chosen from %s's chart. Check you have the right pack.", name))
		return
	case c.in.Pack == nil:
		what = "The chosen medicine"
	}
	if len(c.in.OtherResidents) > 0 {
		c.v.add(newReason(NotOnChart,
			"Do not give. %s is not on %s's chart. It is on the chart of %s: check you have the right resident.",
			what, name, strings.Join(c.in.OtherResidents, ", ")))
		return
	}
	c.v.add(newReason(NotOnChart,
		"Do not give. %s is not on %s's chart. Check you have the right pack and the right resident; if the chart is wrong, ask a senior.",
		what, name))
}

// pick chooses among candidates: the one entry in force, or, when the same
// pack is on the chart more than once, the one regular entry with a dose
// in its window now. Otherwise it cannot tell and says so. With nothing in
// force it picks the entry whose status best explains why (held, not yet
// started, stopped) for checkEntryStatus to report.
func (c *checker) pick(cands []mar.ChartEntry) (mar.ChartEntry, bool) {
	var inForce []mar.ChartEntry
	for _, e := range cands {
		if c.inForce(e) {
			inForce = append(inForce, e)
		}
	}
	switch len(inForce) {
	case 0:
		best := cands[0]
		for _, e := range cands[1:] {
			if statusRank(c, e) < statusRank(c, best) {
				best = e
			}
		}
		return best, true
	case 1:
		return inForce[0], true
	}
	if e, ok := c.onlyOneDueNow(inForce); ok {
		return e, true
	}
	var names []string
	for _, e := range inForce {
		names = append(names, doseText(e)+" "+timingText(e))
	}
	c.v.add(newReason(ChartAmbiguous,
		"Do not give yet. %s is on the chart %d times (%s) and the check cannot tell which this dose is. Choose the chart entry by hand.",
		c.in.Products[inForce[0].ProductID].Name, len(inForce), strings.Join(names, "; ")))
	return mar.ChartEntry{}, false
}

// inForce reports whether the entry may be given at Now by its status and
// dates.
func (c *checker) inForce(e mar.ChartEntry) bool {
	now := c.in.Now
	return e.Status == mar.EntryActive && !e.Start.After(now) && (e.End.IsZero() || now.Before(e.End))
}

// statusRank orders entries not in force by how close they are to being
// given, so the message names the most useful one.
func statusRank(c *checker, e mar.ChartEntry) int {
	switch {
	case e.Status == mar.EntryOnHold:
		return 0
	case e.Status == mar.EntryActive && e.Start.After(c.in.Now):
		return 1
	case e.Status == mar.EntryActive:
		return 2 // ended
	case e.Status >= mar.EntryStopped && e.Status <= mar.EntryCancelled:
		return 3
	}
	return 4
}

// checkEntryStatus controls giving a stopped, held or not yet started
// medicine. It reports whether the entry is in force.
func (c *checker) checkEntryStatus() bool {
	e, now := c.v.Entry, c.in.Now
	name := c.v.Product.Name
	switch {
	case e.Status == mar.EntryOnHold:
		c.v.add(newReason(OnHold,
			"Do not give. %s is on hold on the chart. Record it as not given (withheld) and ask a senior if you are unsure.", name))
	case e.Status == mar.EntryActive && e.Start.After(now):
		c.v.add(newReason(NotStarted,
			"Do not give. %s does not start until %s. Check the chart with a senior.", name, c.when(e.Start)))
	case e.Status == mar.EntryActive && !e.End.IsZero() && !now.Before(e.End):
		c.v.add(newReason(Discontinued,
			"Do not give. %s ended on %s. Put the pack aside for the pharmacy and check the chart with a senior.", name, c.when(e.End)))
	case e.Status == mar.EntryStopped || e.Status == mar.EntryCompleted || e.Status == mar.EntryCancelled:
		c.v.add(newReason(Discontinued,
			"Do not give. %s has been %s on the chart. Put the pack aside for the pharmacy and check the chart with a senior.", name, e.Status))
	case e.Status != mar.EntryActive:
		c.v.add(newReason(CannotDecide,
			"Do not give. The chart entry for %s has a status the check does not know (%s). Ask a senior to check the chart.", name, e.Status))
	default:
		return true
	}
	return false
}

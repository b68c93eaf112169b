package incident

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"medround/internal/central"
	"medround/internal/check"
	"medround/internal/mar"
)

// overEps is the check's own tolerance on a maximum (checkMaxDose): a sum
// of doses that equals the limit in milligrams is not over it.
const overEps = 1e-9

// overMaximum asks check.IngredientTotals, the sums the tablet's check
// and resident page make, at each standing dose near the new records: an
// ingredient the dose holds whose total up to it is over the strictest
// maximum in force was given over its maximum, by doses no one tablet saw
// together. One incident per dose and ingredient.
func (rd *resident) overMaximum(homeID string, sp *span, now time.Time) []mar.Event {
	reach := rd.longestPeriod()
	from, to := sp.from.Add(-reach), sp.to.Add(reach)
	in := check.Input{Home: rd.home, ResidentScan: rd.r.ID, ResidentChosen: true, Resident: &rd.r,
		Chart: rd.versions, Products: rd.products, History: rd.events}
	var out []mar.Event
	for _, ev := range rd.standing {
		if ev.Outcome != mar.OutcomeGiven || ev.OccurredAt.Before(from) || ev.OccurredAt.After(to) {
			continue
		}
		p, ok := rd.productOf(ev)
		if !ok {
			continue
		}
		in.Now = ev.OccurredAt
		for _, t := range check.IngredientTotals(in) {
			if !t.Known || t.GivenMG <= t.LimitMG+overEps || !holds(p, t.Ingredient) {
				continue
			}
			id := central.IncidentID(homeID, central.IncidentPRNMaxExceeded, ev.ID.String(), strings.ToLower(t.Ingredient))
			out = append(out, rd.incident(id, central.IncidentPRNMaxExceeded, ev, now, rd.overNote(t, ev)))
		}
	}
	return out
}

// longestPeriod is the longest maximum's period on the chart, at least a
// day: a dose counts towards the totals that far after it.
func (rd *resident) longestPeriod() time.Duration {
	d := 24 * time.Hour
	for _, v := range rd.versions {
		if v.MaxDose != nil && v.MaxDose.Period > d {
			d = v.MaxDose.Period
		}
	}
	return d
}

// productOf is the product a dose was given as: the one it recorded, else
// its chart entry version's.
func (rd *resident) productOf(ev *mar.Event) (mar.Product, bool) {
	id := ev.ProductID
	if id == "" {
		for _, v := range rd.versions {
			if v.ID == ev.EntryID && v.Version == ev.EntryVersion {
				id = v.ProductID
			}
		}
	}
	p, ok := rd.products[id]
	return p, ok
}

func holds(p mar.Product, ingredient string) bool {
	for _, x := range p.Ingredients {
		if mar.SameIngredient(x, mar.Concept{Text: ingredient}) {
			return true
		}
	}
	return false
}

// overNote says the total and names the tablets whose doses made it.
func (rd *resident) overNote(t check.IngredientTotal, ev *mar.Event) string {
	devices := map[string]bool{}
	for _, d := range rd.standing {
		if d.Outcome != mar.OutcomeGiven || d.OccurredAt.After(ev.OccurredAt) || !d.OccurredAt.After(ev.OccurredAt.Add(-t.Period)) {
			continue
		}
		if p, ok := rd.productOf(d); ok && holds(p, t.Ingredient) {
			devices[d.DeviceID] = true
		}
	}
	names := make([]string, 0, len(devices))
	for d := range devices {
		names = append(names, d)
	}
	sort.Strings(names)
	return fmt.Sprintf("%s of %s was given in the %s up to %s, over the maximum of %s: the doses were recorded on tablets %s. Check the resident now, ask the GP or 111 for advice, and report it as the home's medication incident policy says.",
		mar.MilligramText(t.GivenMG), strings.ToLower(t.Ingredient), periodWords(t.Period),
		ev.OccurredAt.In(rd.loc).Format("15:04 Mon 2 Jan"), mar.MilligramText(t.LimitMG), strings.Join(names, ", "))
}

func periodWords(d time.Duration) string {
	if d%(24*time.Hour) == 0 && d > 24*time.Hour {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	return d.String()
}

package check

import (
	"sort"
	"time"

	"medround/internal/mar"
)

// history is the resident's administration records that still stand
// (mar.Standing): an event a standing correction names does not count.
// It is built once per check; the rules that look across lines read given,
// every standing "given" record in time order, rather than walking each
// line's records and sorting again.
type history struct {
	byEntry map[string][]*mar.Event
	given   []*mar.Event // standing given records of every line, oldest first
}

func newHistory(residentID string, events []mar.Event) *history {
	standing := mar.NewStanding(events)
	h := &history{byEntry: map[string][]*mar.Event{}}
	for i := range events {
		ev := &events[i]
		if ev.Kind != mar.KindAdministration || (ev.ResidentID != "" && ev.ResidentID != residentID) {
			continue
		}
		if !standing.Stands(ev.ID) {
			continue
		}
		h.byEntry[ev.EntryID] = append(h.byEntry[ev.EntryID], ev)
		if ev.Outcome == mar.OutcomeGiven {
			h.given = append(h.given, ev)
		}
	}
	sort.SliceStable(h.given, func(i, j int) bool { return h.given[i].OccurredAt.Before(h.given[j].OccurredAt) })
	return h
}

// givenSince returns the standing "given" records of an entry that
// happened after t, including any recorded as happening after Now.
func (h *history) givenSince(entryID string, t time.Time) []*mar.Event {
	var out []*mar.Event
	for _, ev := range h.byEntry[entryID] {
		if ev.Outcome == mar.OutcomeGiven && ev.OccurredAt.After(t) {
			out = append(out, ev)
		}
	}
	return out
}

// givenDose is a standing given record with the product, unit and amount
// it was given as (givenAs), worked out once per check.
type givenDose struct {
	ev      *mar.Event
	product mar.Product
	unit    string
	qty     float64
	known   bool // givenAs found the product
}

// givenDoses are the history's standing given records, oldest first, each
// read as what it was given as. The maximum per ingredient and the gap
// rules ask for them once per rule; the chart versions are searched once.
func (c *checker) givenDoses() []givenDose {
	if c.doses != nil {
		return c.doses
	}
	c.doses = make([]givenDose, len(c.history.given))
	for i, ev := range c.history.given {
		p, unit, qty, ok := c.givenAs(ev)
		c.doses[i] = givenDose{ev: ev, product: p, unit: unit, qty: qty, known: ok}
	}
	return c.doses
}

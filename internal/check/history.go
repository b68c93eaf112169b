package check

import (
	"time"

	"medround/internal/mar"
)

// history is the resident's administration records that still stand
// (mar.Standing): an event a standing correction names does not count.
type history struct {
	byEntry map[string][]*mar.Event
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
	}
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

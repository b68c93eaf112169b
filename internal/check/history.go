package check

import (
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// history is the resident's administration records that still stand: an
// event named by a correction that itself stands does not count.
type history struct {
	byEntry map[string][]*mar.Event
}

func newHistory(residentID string, events []mar.Event) *history {
	corrections := map[uuid.UUID][]uuid.UUID{} // corrected -> corrections
	for _, ev := range events {
		if ev.Kind == mar.KindCorrection && ev.Corrects != uuid.Nil {
			corrections[ev.Corrects] = append(corrections[ev.Corrects], ev.ID)
		}
	}
	v := voider{corrections: corrections, memo: map[uuid.UUID]bool{}, busy: map[uuid.UUID]bool{}}
	h := &history{byEntry: map[string][]*mar.Event{}}
	for i := range events {
		ev := &events[i]
		if ev.Kind != mar.KindAdministration || (ev.ResidentID != "" && ev.ResidentID != residentID) {
			continue
		}
		if _, corrected := corrections[ev.ID]; corrected && v.void(ev.ID) {
			continue
		}
		h.byEntry[ev.EntryID] = append(h.byEntry[ev.EntryID], ev)
	}
	return h
}

// voider decides whether an event is void: some correction of it stands.
// A correction can itself be corrected, which restores the original.
type voider struct {
	corrections map[uuid.UUID][]uuid.UUID
	memo, busy  map[uuid.UUID]bool
}

func (v voider) void(id uuid.UUID) bool {
	if r, ok := v.memo[id]; ok {
		return r
	}
	if v.busy[id] {
		// A loop of corrections cannot be read; keeping the record counts
		// the dose, the side that errs towards not giving it twice.
		return false
	}
	v.busy[id] = true
	r := false
	for _, c := range v.corrections[id] {
		if !v.void(c) {
			r = true
			break
		}
	}
	delete(v.busy, id)
	v.memo[id] = r
	return r
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

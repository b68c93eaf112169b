package mar

import "github.com/google/uuid"

// Standing says which records of an event log still stand after
// corrections. It is the one place the rule is decided: the check (a dose
// given already), the resident page, the board, history, the reports and
// the export all read it, so none can count a dose another has voided.
//
// A correction voids the record it names unless it is itself voided; a
// correction of a correction therefore restores the original record. A
// record whose corrections are all voided stands. Where the corrections go
// round in a loop (only a damaged or foreign log can hold one: the store
// refuses a correction of a record it does not hold yet), nothing in the
// loop can be decided, and the record it names is kept: a dose counted as
// given when it may not have been errs towards not giving it twice.
type Standing struct {
	state map[uuid.UUID]standing
	// by lists each corrected record's corrections, in the order given.
	by map[uuid.UUID][]*Event
}

type standing uint8

const (
	undecided standing = iota // in or behind a loop of corrections
	stands
	voided
)

// NewStanding works out which records stand, from every correction among
// events. Only corrections are read, so events may be a whole log or only
// its corrections. Records a correction outside events voids are not seen:
// callers read corrections up to now, not only up to the end of the period
// they show. CorrectedBy returns pointers into events.
func NewStanding(events []Event) *Standing {
	s := &Standing{}
	var target map[uuid.UUID]uuid.UUID // correction -> the record it names
	for i := range events {
		c := &events[i]
		if c.Kind != KindCorrection || c.Corrects == uuid.Nil {
			continue
		}
		if target == nil {
			// Most logs a check reads hold no correction: allocate
			// nothing for them.
			target, s.by, s.state = map[uuid.UUID]uuid.UUID{}, map[uuid.UUID][]*Event{}, map[uuid.UUID]standing{}
		}
		if _, dup := target[c.ID]; dup {
			continue
		}
		target[c.ID] = c.Corrects
		s.by[c.Corrects] = append(s.by[c.Corrects], c)
	}
	if target != nil {
		s.solve(target)
	}
	return s
}

// solve decides from the leaves up, as a game is solved backwards from its
// end: a correction nobody corrects stands; a record with a standing
// correction is void; a record whose corrections are all void stands.
// What is never reached is in or behind a loop and stays undecided. Each
// record is decided once, so a chain of any length costs its length.
func (s *Standing) solve(target map[uuid.UUID]uuid.UUID) {
	left := make(map[uuid.UUID]int, len(s.by)) // corrections not yet known void
	for id, cs := range s.by {
		left[id] = len(cs)
	}
	var queue []uuid.UUID
	for c := range target {
		if left[c] == 0 {
			s.state[c] = stands
			queue = append(queue, c)
		}
	}
	for len(queue) > 0 {
		c := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		t, ok := target[c]
		if !ok || s.state[t] != undecided {
			continue
		}
		if s.state[c] == stands {
			s.state[t] = voided
			queue = append(queue, t)
			continue
		}
		if left[t]--; left[t] == 0 {
			s.state[t] = stands
			queue = append(queue, t)
		}
	}
}

// Stands reports whether the record with this ID still stands: no
// correction of it stands. A record nothing corrects stands.
func (s *Standing) Stands(id uuid.UUID) bool { return s.state[id] != voided }

// CorrectedBy returns the standing correction that voids the record, the
// first of them in the order given, or nil when the record stands.
func (s *Standing) CorrectedBy(id uuid.UUID) *Event {
	if s.state[id] != voided {
		return nil
	}
	for _, c := range s.by[id] {
		if s.state[c.ID] == stands {
			return c
		}
	}
	return nil
}

// Voided returns the IDs of every record a standing correction voids, for
// readers that keep a set.
func (s *Standing) Voided() map[uuid.UUID]bool {
	out := map[uuid.UUID]bool{}
	for id, st := range s.state {
		if st == voided {
			out[id] = true
		}
	}
	return out
}

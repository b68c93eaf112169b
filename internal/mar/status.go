package mar

import "time"

// StatusAt is where a resident was at t, read from the status-change events
// among events (any order; other kinds are skipped) and, when none of them
// is at or before t, from current, the status held now. A dose is judged
// by where the resident was when it was given, not where they are when it
// is recorded: a dose given a minute before leaving for hospital may be
// recorded, one back-dated into a hospital stay may not. The log says what
// each change went to, not from: before a change to "away" the resident was
// present, before a return they were away (StatusHospital stands for
// "away" then). Pass only standing events: a status change is never
// corrected, but callers filter corrections once for every rule.
func StatusAt(current ResidentStatus, events []Event, t time.Time) ResidentStatus {
	var last, first *Event
	for i := range events {
		ev := &events[i]
		if ev.Kind != KindStatusChange || !ev.Status.Valid() {
			continue
		}
		if !ev.OccurredAt.After(t) {
			if last == nil || ev.OccurredAt.After(last.OccurredAt) {
				last = ev
			}
		} else if first == nil || ev.OccurredAt.Before(first.OccurredAt) {
			first = ev
		}
	}
	switch {
	case last != nil:
		return last.Status
	case first == nil:
		return current
	case first.Status.Away():
		return StatusPresent
	}
	return StatusHospital
}

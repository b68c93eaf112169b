package report

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// statusEvent is a KindStatusChange event.
type statusEvent struct {
	id         uuid.UUID
	residentID string
	at         time.Time
	status     mar.ResidentStatus
}

// scanned is what every report keeps from the event log besides what its
// own kind needs.
type scanned struct {
	corrections []mar.Event // only what mar.Standing reads: ID, kind, Corrects
	statuses    []statusEvent
}

// scan reads the event log over the report's scan range, keeping the
// corrections and status changes and handing every other event to fn.
func (b *builder) scan(fn func(ev mar.Event)) (*scanned, error) {
	from, to := b.scanRange()
	s := &scanned{}
	err := b.eachEvent(from, to, func(ev mar.Event) error {
		switch ev.Kind {
		case mar.KindCorrection:
			s.corrections = append(s.corrections, mar.Event{ID: ev.ID, Kind: ev.Kind, Corrects: ev.Corrects})
		case mar.KindStatusChange:
			s.statuses = append(s.statuses, statusEvent{
				id: ev.ID, residentID: ev.ResidentID, at: ev.OccurredAt, status: ev.Status,
			})
		case mar.KindReview:
			b.noteReview(&ev)
		default:
			fn(ev)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	b.void = s.voided()
	return s, nil
}

// voided returns the IDs of the records a standing correction voids
// (mar.Standing, the rule the check and the round's screens use).
func (s *scanned) voided() map[uuid.UUID]bool {
	if len(s.corrections) == 0 {
		return nil
	}
	return mar.NewStanding(s.corrections).Voided()
}

// timeline is where one resident was over the scan range.
type timeline struct {
	before  mar.ResidentStatus // status before the first change
	changes []statusEvent      // sorted by time
}

// timelines builds each resident's timeline from the status changes that
// were not voided. Residents with no change in the scan range have none:
// their current status holds throughout.
func (b *builder) timelines(s *scanned, void map[uuid.UUID]bool) map[string]*timeline {
	out := map[string]*timeline{}
	for _, ev := range s.statuses {
		if void[ev.id] {
			continue
		}
		tl := out[ev.residentID]
		if tl == nil {
			tl = &timeline{}
			out[ev.residentID] = tl
		}
		tl.changes = append(tl.changes, ev)
	}
	for _, tl := range out {
		slices.SortStableFunc(tl.changes, func(a, b statusEvent) int { return a.at.Compare(b.at) })
		// The log says what each change went to, not from: before a return
		// the resident was away, before a departure present.
		if tl.changes[0].status.Away() {
			tl.before = mar.StatusPresent
		} else {
			tl.before = mar.StatusHospital
		}
	}
	return out
}

// statusAt returns the resident's status at t, and the word a report shows
// for it: "away" when the log only tells that the resident was not present.
func (b *builder) statusAt(tls map[string]*timeline, residentID string, t time.Time) (mar.ResidentStatus, string) {
	tl := tls[residentID]
	if tl == nil {
		st := mar.StatusPresent
		if r, ok := b.residents[residentID]; ok && r.Status != 0 {
			st = r.Status
		}
		return st, st.String()
	}
	i, _ := slices.BinarySearchFunc(tl.changes, t, func(e statusEvent, t time.Time) int {
		if e.at.After(t) {
			return 1
		}
		return -1
	})
	if i == 0 {
		if tl.before.Away() {
			return tl.before, "away"
		}
		return tl.before, tl.before.String()
	}
	st := tl.changes[i-1].status
	return st, st.String()
}

// awayThroughout reports whether the resident was away for the whole of
// [opens, closes]: away at opens, and no return before closes.
func (b *builder) awayThroughout(tls map[string]*timeline, residentID string, opens, closes time.Time) bool {
	if st, _ := b.statusAt(tls, residentID, opens); !st.Away() {
		return false
	}
	tl := tls[residentID]
	if tl == nil {
		return true
	}
	for _, c := range tl.changes {
		if c.at.After(opens) && !c.at.After(closes) && !c.status.Away() {
			return false
		}
	}
	return true
}

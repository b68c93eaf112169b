package check

import (
	"sort"
	"time"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// Placement is the one answer to "which record does this dose slot have",
// shared by the check, the round board, the resident page and the reports,
// so that none of them can say a dose is due that another says was given.

// Placed is a dose slot with the standing records placed on it.
type Placed struct {
	Slot schedule.Slot
	// Given is the latest standing "given" record of the slot; Declined the
	// latest refused or not-given one. Either may be nil.
	Given    *mar.Event
	Declined *mar.Event
}

// Record is the record a MAR shows for the slot: the dose given, else the
// latest refusal or not-given record, else nil.
func (p Placed) Record() *mar.Event {
	if p.Given != nil {
		return p.Given
	}
	return p.Declined
}

// PlacementMargin is how far beyond the validity of a chart entry version
// its timing is expanded to place records (see ForPlacement). Two days
// holds the slots either side of a change of a daily timing, so a record of
// the old timing finds the new slot nearest it, not one a day away.
const PlacementMargin = 48 * time.Hour

// ForPlacement returns the entry version with its validity widened by
// PlacementMargin either side, for expanding the slots records are placed
// on. Keep only the slots InVersion afterwards: the widened ones are there
// only so that each record is placed on its nearest slot.
func ForPlacement(e mar.ChartEntry) mar.ChartEntry {
	if !e.ValidFrom.IsZero() {
		e.ValidFrom = e.ValidFrom.Add(-PlacementMargin)
	}
	if !e.ValidTo.IsZero() {
		e.ValidTo = e.ValidTo.Add(PlacementMargin)
	}
	return e
}

// InVersion reports whether a slot is due while the entry version was in
// force.
func InVersion(e mar.ChartEntry, s schedule.Slot) bool {
	return (e.ValidFrom.IsZero() || !s.Due.Before(e.ValidFrom)) &&
		(e.ValidTo.IsZero() || s.Due.Before(e.ValidTo))
}

// SlotFor returns the index of the slot a record naming the due time `due`
// is placed on, among one entry version's slots sorted by due time, or -1.
// It is the slot due at that time; else, for a record of an earlier timing
// (the chart moved the morning dose from 08:00 to 09:00 after the 08:00
// dose was given), the nearest slot, when the due time lies within the
// slots' windows. This controls a dose given twice across a change of
// timing: the 09:00 slot is the 08:00 dose moved, and it was given. It errs
// towards stopping: a senior settles a wrong stop, no one can take back a
// dose. Of two slots equally near, the earlier takes the record.
func SlotFor(slots []schedule.Slot, due time.Time) int {
	n := len(slots)
	if n == 0 || due.IsZero() {
		return -1
	}
	i := sort.Search(n, func(i int) bool { return !slots[i].Due.Before(due) })
	switch {
	case i < n && slots[i].Due.Equal(due):
		return i
	case due.Before(slots[0].Opens) || due.After(slots[n-1].Closes):
		return -1
	case i == 0:
		return 0
	case i == n:
		return n - 1
	case due.Sub(slots[i-1].Due) <= slots[i].Due.Sub(due):
		return i - 1
	}
	return i
}

// Place places standing administration records on dose slots. The slots
// may be of several entries and versions (a version's slots must be sorted
// by due time, as schedule returns them); records whose entry has no slot,
// and PRN records, are left out. Records must be those that stand after
// corrections: placement does not read corrections. The result has one
// Placed per slot, in the order of slots.
//
// A record is placed on one slot of each version's run (SlotFor), so the
// dose given at 08:00 under the old timing closes both the old 08:00 slot
// and the new 09:00 one.
func Place(slots []schedule.Slot, records []*mar.Event) []Placed {
	out := make([]Placed, len(slots))
	type runKey struct {
		entry   string
		version int
	}
	type run struct {
		idx   []int // into slots
		slots []schedule.Slot
	}
	runs := map[runKey]*run{}
	byEntry := map[string][]*run{}
	for i, s := range slots {
		out[i].Slot = s
		k := runKey{s.EntryID, s.Version}
		r := runs[k]
		if r == nil {
			r = &run{}
			runs[k] = r
			byEntry[s.EntryID] = append(byEntry[s.EntryID], r)
		}
		r.idx, r.slots = append(r.idx, i), append(r.slots, s)
	}
	for _, ev := range records {
		if ev == nil || ev.Kind != mar.KindAdministration || ev.SlotDue.IsZero() {
			continue
		}
		for _, r := range byEntry[ev.EntryID] {
			if j := SlotFor(r.slots, ev.SlotDue); j >= 0 {
				out[r.idx[j]].add(ev)
			}
		}
	}
	return out
}

// add keeps the latest record of each kind.
func (p *Placed) add(ev *mar.Event) {
	slot := &p.Declined
	if ev.Outcome == mar.OutcomeGiven {
		slot = &p.Given
	}
	if *slot == nil || ev.OccurredAt.After((*slot).OccurredAt) {
		*slot = ev
	}
}

// Placements expands the entries' slots due in [from, to) and places the
// standing records on them. Each version is expanded ForPlacement and its
// slots kept only InVersion, so a record of an earlier timing is placed on
// the nearest slot of the timing that replaced it.
func Placements(cal *schedule.Calendar, entries []mar.ChartEntry, records []*mar.Event, from, to time.Time) ([]Placed, error) {
	wide := make([]mar.ChartEntry, len(entries))
	for i, e := range entries {
		wide[i] = ForPlacement(e)
	}
	slots, err := cal.Between(wide, from.Add(-PlacementMargin), to.Add(PlacementMargin))
	placed := Place(slots, records)
	type versionKey struct {
		id      string
		version int
	}
	byVersion := make(map[versionKey]mar.ChartEntry, len(entries))
	for _, e := range entries {
		byVersion[versionKey{e.ID, e.Version}] = e
	}
	kept := placed[:0]
	for _, p := range placed {
		e := byVersion[versionKey{p.Slot.EntryID, p.Slot.Version}]
		if !p.Slot.Due.Before(from) && p.Slot.Due.Before(to) && InVersion(e, p.Slot) {
			kept = append(kept, p)
		}
	}
	return kept, err
}

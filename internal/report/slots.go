package report

import (
	"slices"
	"time"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/schedule"
)

// slotSet is the regular dose slots of a report with the runs placement
// reads. Each version of each entry is expanded on its own, widened by
// check.ForPlacement, so its slots are one run sorted by due time and a
// record of an earlier timing is placed on the nearest slot of the timing
// that replaced it, as the check and the round board place it.
type slotSet struct {
	slots []schedule.Slot
	flags []slotFlags
	runs  map[string][]run // entry ID -> its versions' runs
}

// slotFlags say what a slot of the widened expansion is to the report.
type slotFlags uint8

const (
	// ofPeriod: due in the period while its version was in force.
	ofPeriod slotFlags = 1 << iota
	// counted: of the period, with a window opened by the report's now.
	// Only these are due, pending, missed or away: a slot not yet open can
	// be none of them.
	counted
)

func (x *slotSet) counted(i int) bool { return x.flags[i]&counted != 0 }

// run is one entry version's slots: slots[start:end].
type run struct{ start, end int32 }

// place calls fn with the index of each slot a record of the entry naming
// due is placed on: one per version's run (check.SlotFor).
func (x *slotSet) place(entryID string, due time.Time, fn func(i int)) {
	for _, r := range x.runs[entryID] {
		if j := check.SlotFor(x.slots[r.start:r.end], due); j >= 0 {
			fn(int(r.start) + j)
		}
	}
}

// slotOf returns the slot of the period a record is for: the slot due when the record
// says, else the one placement ties it to after a change of timing.
// placed reports whether placement found any slot, of the period or not.
func (x *slotSet) slotOf(entryID string, due time.Time) (i int, placed bool) {
	i = -1
	x.place(entryID, due, func(j int) {
		placed = true
		switch {
		case x.flags[j]&ofPeriod == 0:
		case i < 0 || x.slots[j].Due.Equal(due):
			i = j
		}
	})
	return i, placed
}

// slots expands the chart into the slots of the period (see slotSet). An
// entry whose timing cannot be expanded is named in the report's warnings:
// its doses are not in the report, and a manager must know that.
func (b *builder) slots() (*slotSet, error) {
	if x, ok := b.memoSlots(); ok {
		return x, nil
	}
	cal, err := schedule.NewCalendar(b.home)
	if err != nil {
		return nil, err
	}
	end := b.slotEnd()
	type part struct {
		version int
		slots   []schedule.Slot
	}
	parts := make([]part, 0, len(b.entries))
	n := 0
	for i := range b.entries {
		e := &b.entries[i]
		if e.PRN || e.Status != mar.EntryActive || !b.from.Before(end) {
			continue
		}
		s, err := cal.Between([]mar.ChartEntry{check.ForPlacement(*e)},
			b.from.Add(-check.PlacementMargin), end.Add(check.PlacementMargin))
		if err := b.timingWarnings(err); err != nil {
			return nil, err
		}
		if len(s) > 0 {
			parts = append(parts, part{i, s})
			n += len(s)
		}
	}
	x := &slotSet{slots: make([]schedule.Slot, 0, n), flags: make([]slotFlags, 0, n), runs: map[string][]run{}}
	for _, p := range parts {
		e := &b.entries[p.version]
		start := int32(len(x.slots))
		for _, s := range p.slots {
			x.slots = append(x.slots, s)
			var f slotFlags
			if b.inPeriod(s.Due) && check.InVersion(*e, s) {
				f = ofPeriod
				if !s.Opens.After(b.now) {
					f |= counted
				}
			}
			x.flags = append(x.flags, f)
		}
		x.runs[e.ID] = append(x.runs[e.ID], run{start, int32(len(x.slots))})
	}
	slices.Sort(b.rep.Warnings)
	b.rep.Warnings = slices.Compact(b.rep.Warnings)
	b.keepSlots(x)
	return x, nil
}

// slotEnd is where the report stops expanding slots: the end of the period,
// or sooner the report's now and the widest window after it, since a slot
// whose window has not opened can be neither missed nor late. It bounds the
// work of a period that runs into the future (issue 9: --to 2100 once took
// minutes and gigabytes).
func (b *builder) slotEnd() time.Time {
	w := max(b.home.Window, b.home.CriticalWindow, time.Hour)
	if soon := b.now.Add(w); soon.Before(b.to) {
		return soon
	}
	return b.to
}

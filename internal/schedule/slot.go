package schedule

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"medround/internal/mar"
)

// Slot is one dose of a regular chart entry that is due at a time. A record
// refers to it by EntryID and Due.
type Slot struct {
	EntryID    string `json:"entryId"`
	ResidentID string `json:"residentId"`
	// Version is the version of the entry that produced the slot.
	Version int `json:"version"`
	// Due is when the dose is due; Opens and Closes bound the window in
	// which giving it is on time. All UTC.
	Due    time.Time `json:"due"`
	Opens  time.Time `json:"opens"`
	Closes time.Time `json:"closes"`
	// Round is the name of the home's round at the due time, or "" when the
	// time matches no round.
	Round        string `json:"round,omitempty"`
	TimeCritical bool   `json:"timeCritical,omitempty"`
}

// InWindow reports whether t is within the slot's window, both ends
// included.
func (s Slot) InWindow(t time.Time) bool {
	return !t.Before(s.Opens) && !t.After(s.Closes)
}

// Calendar expands charts for one home. Loading the home's time zone costs
// more than expanding a resident's day, so callers that expand often (the
// check, reports) make one Calendar and reuse it.
type Calendar struct {
	home mar.Home
	loc  *time.Location
}

// NewCalendar loads the home's time zone.
func NewCalendar(h mar.Home) (*Calendar, error) {
	loc, err := h.Location()
	if err != nil {
		return nil, err
	}
	return &Calendar{home: h, loc: loc}, nil
}

// NewCalendarIn is NewCalendar with the home's zone already loaded, for a
// caller that keeps it (round loads it once per home, not at every scan).
// A location of another zone than the home's is refused.
func NewCalendarIn(h mar.Home, loc *time.Location) (*Calendar, error) {
	if loc == nil || loc.String() != h.ZoneName() {
		return nil, fmt.Errorf("calendar: location %v is not the home's zone %q", loc, h.ZoneName())
	}
	return &Calendar{home: h, loc: loc}, nil
}

// Location is the home's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Between returns every slot of the regular entries due in [from, to),
// sorted by due time, then resident and entry.
//
// An entry whose timing cannot be expanded contributes no slots and an error
// (*TimingError) naming it; the errors are joined. The slots of the other
// entries are returned all the same, so one bad entry does not empty a due
// list, but a caller must show the error: those doses are not scheduled.
func (c *Calendar) Between(entries []mar.ChartEntry, from, to time.Time) ([]Slot, error) {
	if !from.Before(to) {
		return nil, nil
	}
	plans, errs := compileAll(c.home, c.loc, entries, from, to)
	first, last := dayOf(from, c.loc), dayOf(to, c.loc)
	out := make([]Slot, 0, capacity(plans, last.num-first.num+1))
	for d := first; d.num <= last.num; d = d.next() {
		n := len(out)
		for _, p := range plans {
			out = p.appendDay(out, d, from, to)
		}
		slices.SortFunc(out[n:], compareSlots)
	}
	// Days are sorted one by one; a dose moved past midnight by a
	// daylight-saving jump could break the order between them.
	if !slices.IsSortedFunc(out, compareSlots) {
		slices.SortFunc(out, compareSlots)
	}
	return out, errors.Join(errs...)
}

// Day returns the slots due on the local calendar day that contains day.
func (c *Calendar) Day(entries []mar.ChartEntry, day time.Time) ([]Slot, error) {
	d := dayOf(day, c.loc)
	return c.Between(entries, d.at(0), d.next().at(0))
}

// Between is Calendar.Between for a home, loading its zone each call.
func Between(h mar.Home, entries []mar.ChartEntry, from, to time.Time) ([]Slot, error) {
	c, err := NewCalendar(h)
	if err != nil {
		return nil, err
	}
	return c.Between(entries, from, to)
}

// Day returns the slots due on the local calendar day, in the home's zone,
// that contains day.
func Day(h mar.Home, entries []mar.ChartEntry, day time.Time) ([]Slot, error) {
	c, err := NewCalendar(h)
	if err != nil {
		return nil, err
	}
	return c.Day(entries, day)
}

// capacity estimates how many slots the plans give over days, so a year of
// a whole home is not built by repeated doubling.
func capacity(plans []*plan, days int64) int {
	n := int64(0)
	for _, p := range plans {
		every := int64(1)
		if p.cycle == everyNDays {
			every = p.every
		}
		n += int64(len(p.times)) * (days/every + 1)
	}
	return int(min(n, 1<<24))
}

// compileAll compiles the entries that can have slots in [from, to).
func compileAll(h mar.Home, loc *time.Location, entries []mar.ChartEntry, from, to time.Time) ([]*plan, []error) {
	var plans []*plan
	var errs []error
	for i := range entries {
		e := &entries[i]
		if e.PRN || e.Status != mar.EntryActive {
			continue
		}
		lo, hi := bounds(e)
		if (!hi.IsZero() && !hi.After(from)) || (!lo.IsZero() && !lo.Before(to)) {
			continue
		}
		p, err := compile(h, loc, e)
		if err != nil {
			errs = append(errs, &TimingError{EntryID: e.ID, Err: err})
			continue
		}
		plans = append(plans, p)
	}
	return plans, errs
}

// appendDay appends the plan's slots on local date d that are due in
// [from, to).
func (p *plan) appendDay(out []Slot, d localDay, from, to time.Time) []Slot {
	if !p.onDay(d) {
		return out
	}
	for _, t := range p.times {
		due := d.at(t.at)
		if due.Before(from) || !due.Before(to) || !p.inBounds(due) {
			continue
		}
		out = append(out, Slot{
			EntryID: p.entry.ID, ResidentID: p.entry.ResidentID, Version: p.entry.Version,
			Due: due, Opens: due.Add(-p.window), Closes: due.Add(p.window),
			Round: t.round, TimeCritical: p.entry.TimeCritical,
		})
	}
	return out
}

func compareSlots(a, b Slot) int {
	if c := a.Due.Compare(b.Due); c != 0 {
		return c
	}
	if a.ResidentID != b.ResidentID {
		return cmpString(a.ResidentID, b.ResidentID)
	}
	if a.EntryID != b.EntryID {
		return cmpString(a.EntryID, b.EntryID)
	}
	return a.Version - b.Version
}

func cmpString(a, b string) int {
	if a < b {
		return -1
	}
	return 1
}

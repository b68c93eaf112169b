package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"medround/internal/schedule"
)

// Completeness is the review's resident × day grid: for each resident and
// each local day of the period, how their regular doses stand. It is
// counted in the missed report's own pass over the slots, by the same
// rules, so a cell's Missed is exactly the missed rows of that resident
// and day, and the grid never disagrees with the list.
type Completeness struct {
	// Days are the local calendar days of the period, YYYY-MM-DD in the
	// home's zone, oldest first.
	Days      []string       `json:"days"`
	Residents []ResidentDays `json:"residents"`
}

// ResidentDays is one resident's line of the grid.
type ResidentDays struct {
	ResidentID string `json:"residentId"`
	Resident   string `json:"resident"`
	Room       string `json:"room,omitempty"`
	// Days has one cell per Completeness.Days.
	Days []DayDoses `json:"days"`
}

// DayDoses counts one resident's regular dose slots due on one day:
// Due = Recorded + Missed + Pending + Away. Recorded is any outcome
// (given, refused, not given with a reason); Pending is a window still
// open with nothing recorded; Away is a slot with nothing recorded while
// the resident was away for its whole window.
type DayDoses struct {
	Due      int `json:"due"`
	Recorded int `json:"recorded"`
	Missed   int `json:"missed"`
	Pending  int `json:"pending"`
	Away     int `json:"away"`
}

// Expected is the doses that should have a record by now: due, window
// closed or recorded, resident present.
func (d DayDoses) Expected() int { return d.Recorded + d.Missed }

// slotState is what became of a counted slot.
type slotState uint8

const (
	slotRecorded slotState = iota + 1
	slotPending
	slotAway
	slotMissed
)

// dayTally collects the grid while the missed report reads the slots.
type dayTally struct {
	days  []string
	index map[string]int
	cells map[string][]DayDoses // resident ID -> one cell per day
}

func (b *builder) newDayTally() *dayTally {
	t := &dayTally{index: map[string]int{}, cells: map[string][]DayDoses{}}
	t.days = localDays(b.from, b.to, b.loc)
	for i, d := range t.days {
		t.index[d] = i
	}
	return t
}

// localDays lists the local calendar days that [from, to) touches.
func localDays(from, to time.Time, loc *time.Location) []string {
	f := from.In(loc)
	day := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc)
	var out []string
	for ; day.Before(to); day = day.AddDate(0, 0, 1) {
		out = append(out, day.Format(time.DateOnly))
	}
	return out
}

// add counts a slot in its resident's cell of its due day.
func (t *dayTally) add(sl *schedule.Slot, st slotState, loc *time.Location) {
	i, ok := t.index[sl.Due.In(loc).Format(time.DateOnly)]
	if !ok {
		return
	}
	row := t.cells[sl.ResidentID]
	if row == nil {
		row = make([]DayDoses, len(t.days))
		t.cells[sl.ResidentID] = row
	}
	c := &row[i]
	c.Due++
	switch st {
	case slotRecorded:
		c.Recorded++
	case slotPending:
		c.Pending++
	case slotAway:
		c.Away++
	case slotMissed:
		c.Missed++
	}
}

// completeness turns the tally into the grid, residents in room order.
func (b *builder) completeness(t *dayTally) *Completeness {
	c := &Completeness{Days: t.days, Residents: []ResidentDays{}}
	if c.Days == nil {
		c.Days = []string{}
	}
	for id, days := range t.cells {
		rd := ResidentDays{ResidentID: id, Resident: b.residentLabel(id), Days: days}
		if r, ok := b.residents[id]; ok {
			rd.Room = r.Room
		}
		c.Residents = append(c.Residents, rd)
	}
	slices.SortFunc(c.Residents, func(x, y ResidentDays) int {
		if n := compareRooms(x.Room, y.Room); n != 0 {
			return n
		}
		if n := strings.Compare(strings.ToLower(x.Resident), strings.ToLower(y.Resident)); n != 0 {
			return n
		}
		return strings.Compare(x.ResidentID, y.ResidentID)
	})
	return c
}

// compareRooms orders rooms as a corridor does: room 2 before room 10,
// numbered rooms before named ones, no room last.
func compareRooms(a, b string) int {
	if (a == "") != (b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	na, ea := strconv.Atoi(a)
	nb, eb := strconv.Atoi(b)
	switch {
	case ea == nil && eb == nil:
		return cmp.Compare(na, nb)
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	return strings.Compare(a, b)
}

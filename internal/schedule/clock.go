package schedule

import (
	"time"

	"medround/internal/mar"
)

// localDay is one calendar date in the home's zone, with what is needed to
// turn a wall-clock time on it into an instant cheaply.
type localDay struct {
	loc *time.Location
	// wall is midnight of the date read as if it were UTC: adding a clock
	// time and subtracting the zone offset gives the instant.
	wall   time.Time
	num    int64 // days since 1970-01-01, for cycles
	dow    time.Weekday
	offA   int // zone offset in seconds before the day starts
	offB   int // zone offset in seconds after the day ends
	year   int
	month  time.Month
	dayNum int // day of the month
}

func newLocalDay(y int, m time.Month, d int, loc *time.Location) localDay {
	wall := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	ld := localDay{loc: loc, wall: wall, num: wall.Unix() / 86400, dow: wall.Weekday()}
	ld.year, ld.month, ld.dayNum = wall.Date()
	// 14 hours covers every real zone offset, so these instants lie before
	// the local day begins and after it ends.
	_, ld.offA = wall.Add(-14 * time.Hour).In(loc).Zone()
	_, ld.offB = wall.Add(38 * time.Hour).In(loc).Zone()
	return ld
}

// dayOf returns the local calendar date that contains t.
func dayOf(t time.Time, loc *time.Location) localDay {
	y, m, d := t.In(loc).Date()
	return newLocalDay(y, m, d, loc)
}

// next returns the following calendar date.
func (d localDay) next() localDay {
	return newLocalDay(d.year, d.month, d.dayNum+1, d.loc)
}

// at returns the instant the wall clock shows c on this date. A time the
// clocks skip is read with the offset before the jump (so it lands just as
// far after the jump); a time shown twice is its first occurrence.
func (d localDay) at(c mar.ClockTime) time.Time {
	w := d.wall.Add(time.Duration(c) * time.Minute)
	if d.offA == d.offB {
		return w.Add(-time.Duration(d.offA) * time.Second).UTC()
	}
	t1 := w.Add(-time.Duration(d.offA) * time.Second).UTC()
	t2 := w.Add(-time.Duration(d.offB) * time.Second).UTC()
	ok1, ok2 := d.shows(t1, w), d.shows(t2, w)
	switch {
	case ok1 && ok2:
		if t2.Before(t1) {
			return t2
		}
		return t1
	case ok2:
		return t2
	default: // ok1 alone, or a skipped time
		return t1
	}
}

// shows reports whether the local clock reads wall at instant t.
func (d localDay) shows(t, wall time.Time) bool {
	_, off := t.In(d.loc).Zone()
	return t.Unix()+int64(off) == wall.Unix()
}

// DayBounds returns the start of the local calendar day in the home's zone
// that contains t, and the start of the next one, both in UTC. The day is 23
// or 25 hours long on the daylight-saving days.
func DayBounds(h mar.Home, t time.Time) (start, end time.Time, err error) {
	loc, err := h.Location()
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	d := dayOf(t, loc)
	return d.at(0), d.next().at(0), nil
}

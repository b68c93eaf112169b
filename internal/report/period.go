package report

import "time"

// ReviewPeriod is one of the spans the managers' review offers. Not
// persisted: the screen keeps its choice only while open.
type ReviewPeriod uint8

// The review's periods, in the order offered; the first is the default.
const (
	// SinceYesterdayMorning is what a manager reads first thing: from
	// 07:00 yesterday, when the morning round began, to now.
	SinceYesterdayMorning ReviewPeriod = iota
	Today
	Yesterday
	Last7Days  // today and the 6 days before
	Last14Days // today and the 13 days before
)

var periodLabels = []string{"Since yesterday 07:00", "Today", "Yesterday", "Last 7 days", "Last 14 days"}

// ReviewPeriods lists the periods in the order offered.
func ReviewPeriods() []ReviewPeriod {
	return []ReviewPeriod{SinceYesterdayMorning, Today, Yesterday, Last7Days, Last14Days}
}

// Label is how the screen offers the period.
func (p ReviewPeriod) Label() string {
	if int(p) < len(periodLabels) {
		return periodLabels[p]
	}
	return periodLabels[0]
}

// Bounds returns the period [from, to) as at now, in days of the home's
// zone loc: a day is midnight to midnight on the clock (23 or 25 hours on
// the days the clocks change), and "07:00 yesterday" is 07:00 on the clock.
// Adding seven hours to midnight instead made it 06:00 the day after the
// clocks went back and 08:00 the day after they went forward, so the
// default review hid an hour of doses. An unknown period is the default.
func (p ReviewPeriod) Bounds(now time.Time, loc *time.Location) (from, to time.Time) {
	n := now.In(loc)
	day := func(d, hour int) time.Time {
		return time.Date(n.Year(), n.Month(), n.Day()+d, hour, 0, 0, 0, loc)
	}
	switch p {
	case Today:
		return day(0, 0), day(1, 0)
	case Yesterday:
		return day(-1, 0), day(0, 0)
	case Last7Days:
		return day(-6, 0), day(1, 0)
	case Last14Days:
		return day(-13, 0), day(1, 0)
	}
	return day(-1, 7), now
}

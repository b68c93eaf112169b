package schedule

import (
	"fmt"
	"math"
	"slices"
	"time"

	"medround/internal/mar"
)

// Round names the default home uses, and that when codes and frequencies map
// to. A home may rename its rounds only by keeping these names for the four
// daily rounds.
const (
	Morning   = "morning"
	Lunchtime = "lunchtime"
	Teatime   = "teatime"
	Night     = "night"
)

// TimingError says why an entry's timing could not be expanded into slots.
// The entry's doses cannot be scheduled, so whatever relies on them (the due
// list, the check, the missed-dose report) must say so rather than pass.
type TimingError struct {
	EntryID string
	Err     error
}

func (e *TimingError) Error() string {
	return fmt.Sprintf("chart entry %s: cannot work out when doses are due: %v", e.EntryID, e.Err)
}

func (e *TimingError) Unwrap() error { return e.Err }

// MissingRoundError is a chart time that needs a round the home does not
// have (a night dose in a home without a night round). It is told apart
// from a chart that is wrong because the fix differs: a manager adds the
// round's time in the home's settings, or the chart is changed.
type MissingRoundError struct {
	Round string // the round needed: Morning, Lunchtime, Teatime or Night
	Need  string // what needs it, e.g. `when code "NIGHT" needs a`
}

func (e *MissingRoundError) Error() string {
	return fmt.Sprintf("%s %s round, and this home has none", e.Need, e.Round)
}

// whenRounds maps FHIR event codes to the round that gives them a time.
var whenRounds = map[string]string{
	"MORN": Morning, "MORN.early": Morning, "MORN.late": Morning, "WAKE": Morning,
	"C": Morning, "CM": Morning, "ACM": Morning, "PCM": Morning,
	"NOON": Lunchtime, "CD": Lunchtime, "ACD": Lunchtime, "PCD": Lunchtime,
	"AFT": Teatime, "AFT.early": Teatime, "AFT.late": Teatime,
	"EVE": Teatime, "EVE.early": Teatime, "EVE.late": Teatime,
	"CV": Teatime, "ACV": Teatime, "PCV": Teatime,
	"NIGHT": Night, "HS": Night, "PHS": Night,
}

// perDayRounds gives the rounds for "N times a day" without times.
var perDayRounds = map[int][]string{
	1: {Morning},
	2: {Morning, Night},
	3: {Morning, Lunchtime, Teatime},
	4: {Morning, Lunchtime, Teatime, Night},
}

// dueTime is one time of day a dose is due, with the round it belongs to.
type dueTime struct {
	at    mar.ClockTime
	round string
}

type cycleKind uint8

const (
	everyDay cycleKind = iota
	everyNDays
	everyNWeeks
	everyNMonths
)

// plan is an entry's timing compiled once, so expanding many days is cheap.
type plan struct {
	entry    *mar.ChartEntry
	loc      *time.Location
	times    []dueTime
	weekdays uint8 // bit per time.Weekday; 0 means every day
	cycle    cycleKind
	every    int64
	anchor   localDay
	from, to time.Time // bounds of the version and the prescription; zero is open
	window   time.Duration
}

// onDay reports whether doses are due on this local date.
func (p *plan) onDay(d localDay) bool {
	if p.weekdays != 0 && p.weekdays&(1<<d.dow) == 0 {
		return false
	}
	switch p.cycle {
	case everyNDays:
		return floorMod(d.num-p.anchor.num, p.every) == 0
	case everyNWeeks:
		if p.weekdays == 0 && d.dow != p.anchor.dow {
			return false
		}
		weeks := floorDiv(mondayOf(d)-mondayOf(p.anchor), 7)
		return floorMod(weeks, p.every) == 0
	case everyNMonths:
		months := int64(d.year-p.anchor.year)*12 + int64(d.month-p.anchor.month)
		if floorMod(months, p.every) != 0 {
			return false
		}
		last := time.Date(d.year, d.month+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return d.dayNum == min(p.anchor.dayNum, last)
	}
	return true
}

// inBounds reports whether a dose due at t falls within the entry's bounds.
func (p *plan) inBounds(t time.Time) bool {
	return (p.from.IsZero() || !t.Before(p.from)) && (p.to.IsZero() || t.Before(p.to))
}

func mondayOf(d localDay) int64 { return d.num - int64((d.dow+6)%7) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// compile turns an entry's timing into a plan, or says why it cannot.
func compile(h mar.Home, loc *time.Location, e *mar.ChartEntry) (*plan, error) {
	p := &plan{entry: e, loc: loc, window: window(h, e)}
	p.from, p.to = bounds(e)
	for _, wd := range e.Timing.DaysOfWeek {
		if wd < time.Sunday || wd > time.Saturday {
			return nil, fmt.Errorf("day of week %d is not a weekday", int(wd))
		}
		p.weekdays |= 1 << wd
	}
	explicit, err := explicitTimes(h, e.Timing)
	if err != nil {
		return nil, err
	}
	perDay, err := p.setCycle(h, e.Timing)
	if err != nil {
		return nil, err
	}
	switch {
	case len(explicit) > 0:
		p.times = explicit
	case len(p.times) == 0: // not already spaced by an interval
		if p.times, err = frequencyTimes(h, perDay); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// The windows of mar.DefaultHome, for a home saved without any.
const (
	defaultWindow         = 60 * time.Minute
	defaultCriticalWindow = 15 * time.Minute
)

// window is how far either side of the due time a dose is on time. A home
// saved without windows gets the defaults, never a zero-width window that
// would make every dose late.
func window(h mar.Home, e *mar.ChartEntry) time.Duration {
	if e.TimeCritical {
		if h.CriticalWindow > 0 {
			return h.CriticalWindow
		}
		return defaultCriticalWindow
	}
	if h.Window > 0 {
		return h.Window
	}
	return defaultWindow
}

// bounds intersects the prescription's [Start, End) with the version's
// validity [ValidFrom, ValidTo).
func bounds(e *mar.ChartEntry) (from, to time.Time) {
	from = e.Start
	if e.ValidFrom.After(from) {
		from = e.ValidFrom
	}
	to = e.End
	if !e.ValidTo.IsZero() && (to.IsZero() || e.ValidTo.Before(to)) {
		to = e.ValidTo
	}
	return from, to
}

// explicitTimes collects TimesOfDay and when codes, sorted. Two that fall
// at the same clock time are an error, not one dose: "AFT, EVE" are both
// teatime, and a silent merge would drop a dose the prescriber meant.
func explicitTimes(h mar.Home, t mar.Timing) ([]dueTime, error) {
	var out []dueTime
	for _, c := range t.TimesOfDay {
		if c < 0 || c >= 24*60 {
			return nil, fmt.Errorf("time of day %d minutes is not within a day", int(c))
		}
		out = append(out, dueTime{at: c, round: roundNamed(h, c)})
	}
	for _, code := range t.When {
		name, ok := whenRounds[code]
		if !ok {
			return nil, fmt.Errorf("when code %q is not one this home can place in a round", code)
		}
		r, ok := h.RoundAt(name)
		if !ok {
			return nil, &MissingRoundError{Round: name, Need: fmt.Sprintf("when code %q needs a", code)}
		}
		out = append(out, dueTime{at: r.At, round: r.Name})
	}
	return distinctTimes(out)
}

// distinctTimes sorts the times and refuses two at the same clock time: the
// schedule has one slot per time a day, so the second dose would vanish.
func distinctTimes(ts []dueTime) ([]dueTime, error) {
	slices.SortFunc(ts, func(a, b dueTime) int { return int(a.at) - int(b.at) })
	for i := 1; i < len(ts); i++ {
		a, b := ts[i-1], ts[i]
		if a.at != b.at {
			continue
		}
		switch {
		case a.round != "" && a.round == b.round:
			return nil, fmt.Errorf("two of this entry's times fall on the same round (%s): the chart must say two different times", a.round)
		case a.round != "" && b.round != "":
			return nil, fmt.Errorf("two of this entry's times fall on the %s and %s rounds, which this home has at the same time (%s): the chart must say two different times, or the home's rounds must differ", a.round, b.round, a.at)
		}
		return nil, fmt.Errorf("two of this entry's times are the same (%s): the chart must say two different times", a.at)
	}
	return ts, nil
}

// roundNamed returns the name of the round at clock time c, or "".
func roundNamed(h mar.Home, c mar.ClockTime) string {
	for _, r := range h.Rounds {
		if r.At == c {
			return r.Name
		}
	}
	return ""
}

// frequencyTimes places perDay doses in the home's day: in the named rounds
// up to four a day, evenly from the morning round beyond that.
func frequencyTimes(h mar.Home, perDay int) ([]dueTime, error) {
	if names, ok := perDayRounds[perDay]; ok {
		out := make([]dueTime, 0, len(names))
		for _, n := range names {
			r, ok := h.RoundAt(n)
			if !ok {
				return nil, &MissingRoundError{Round: n, Need: fmt.Sprintf("%d doses a day need a", perDay)}
			}
			out = append(out, dueTime{at: r.At, round: r.Name})
		}
		return distinctTimes(out)
	}
	if perDay <= 0 || (24*60)%perDay != 0 {
		return nil, fmt.Errorf("%d doses a day do not divide the day into whole minutes", perDay)
	}
	return spaced(h, time.Duration(24*60/perDay)*time.Minute)
}

// spaced returns times every interval, starting at the morning round.
func spaced(h mar.Home, interval time.Duration) ([]dueTime, error) {
	r, ok := h.RoundAt(Morning)
	if !ok {
		return nil, &MissingRoundError{Round: Morning, Need: fmt.Sprintf("doses every %v are counted from the", interval)}
	}
	n := int(24 * time.Hour / interval)
	out := make([]dueTime, 0, n)
	for k := range n {
		c := (r.At + mar.ClockTime(k)*mar.ClockTime(interval/time.Minute)) % (24 * 60)
		out = append(out, dueTime{at: c, round: roundNamed(h, c)})
	}
	return distinctTimes(out)
}

// setCycle reads frequency, period and unit: which days doses fall on, and
// how many a day when no times are given (0 when the times come from an
// interval and are already set).
func (p *plan) setCycle(h mar.Home, t mar.Timing) (perDay int, err error) {
	f := t.Frequency
	if f == 0 && t.Period > 0 {
		f = 1
	}
	if f < 0 || t.Period < 0 {
		return 0, fmt.Errorf("frequency %d per %g %s is negative", t.Frequency, t.Period, t.PeriodUnit)
	}
	if t.Period == 0 {
		if f > 0 {
			return 0, fmt.Errorf("frequency %d has no period", f)
		}
		if len(t.TimesOfDay) == 0 && len(t.When) == 0 {
			return 0, fmt.Errorf("no times of day, when codes or frequency")
		}
		return 1, nil
	}
	switch t.PeriodUnit {
	case "s", "min", "h":
		return p.subDaily(h, t, f)
	case "d":
		if t.Period < 1 {
			return p.subDaily(h, t, f)
		}
		return p.daily(t, f)
	case "wk":
		return p.weekly(t, f)
	case "mo":
		return p.monthly(t, f)
	}
	return 0, fmt.Errorf("period unit %q is not supported: use min, h, d, wk or mo", t.PeriodUnit)
}

// subDaily handles "every 6 hours" and "4 per 1 d"-like intervals.
func (p *plan) subDaily(h mar.Home, t mar.Timing, f int) (int, error) {
	interval := t.PeriodDuration() / time.Duration(f)
	if interval >= 24*time.Hour && interval%(24*time.Hour) == 0 {
		p.cycle, p.every = everyNDays, int64(interval/(24*time.Hour))
		if err := p.setAnchor(); err != nil {
			return 0, err
		}
		return 1, nil
	}
	if interval <= 0 || interval%time.Minute != 0 || (24*time.Hour)%interval != 0 {
		return 0, fmt.Errorf("%d per %g %s does not divide the day into whole minutes", f, t.Period, t.PeriodUnit)
	}
	if len(t.TimesOfDay) == 0 && len(t.When) == 0 {
		times, err := spaced(h, interval)
		p.times = times
		return 0, err
	}
	return 0, nil
}

func (p *plan) daily(t mar.Timing, f int) (int, error) {
	days, frac := math.Modf(t.Period)
	if frac != 0 {
		return 0, fmt.Errorf("period %g d is not a whole number of days", t.Period)
	}
	if days == 1 {
		return f, nil
	}
	if int64(days)%int64(f) != 0 {
		return 0, fmt.Errorf("%d doses every %g days do not fall on whole days", f, days)
	}
	p.cycle, p.every = everyNDays, int64(days)/int64(f)
	if p.every == 1 {
		p.cycle = everyDay
		return 1, nil
	}
	return 1, p.setAnchor()
}

func (p *plan) weekly(t mar.Timing, f int) (int, error) {
	weeks, frac := math.Modf(t.Period)
	if frac != 0 {
		return 0, fmt.Errorf("period %g wk is not a whole number of weeks", t.Period)
	}
	if p.weekdays != 0 || f == 1 {
		p.cycle, p.every = everyNWeeks, int64(weeks)
		return 1, p.setAnchor()
	}
	days := int64(weeks) * 7
	if days%int64(f) != 0 {
		return 0, fmt.Errorf("%d doses every %g weeks need days of the week", f, weeks)
	}
	p.cycle, p.every = everyNDays, days/int64(f)
	return 1, p.setAnchor()
}

func (p *plan) monthly(t mar.Timing, f int) (int, error) {
	months, frac := math.Modf(t.Period)
	if frac != 0 || f != 1 {
		return 0, fmt.Errorf("%d per %g mo: only a whole number of months between single doses is supported", f, t.Period)
	}
	p.cycle, p.every = everyNMonths, int64(months)
	return 1, p.setAnchor()
}

// setAnchor picks the date cycles are counted from: the prescription's
// start, else when it was written, else when this version was imported.
func (p *plan) setAnchor() error {
	if p.every < 1 {
		return fmt.Errorf("a cycle of %d days is too short", p.every)
	}
	e := p.entry
	for _, t := range []time.Time{e.Start, e.AuthoredOn, e.ValidFrom} {
		if !t.IsZero() {
			p.anchor = dayOf(t, p.loc)
			return nil
		}
	}
	return fmt.Errorf("a dose every few days or weeks needs a start date to count from")
}

package check

import (
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
)

// when formats t in the home's time for a message: the clock time today,
// the day and time otherwise.
func (c *checker) when(t time.Time) string {
	l, now := t.In(c.loc), c.in.Now.In(c.loc)
	ly, lm, ld := l.Date()
	ny, nm, nd := now.Date()
	switch {
	case ly == ny && lm == nm && ld == nd:
		return l.Format("15:04")
	case ly == ny:
		return l.Format("Mon 2 Jan at 15:04")
	}
	return l.Format("Mon 2 Jan 2006 at 15:04")
}

// span formats a duration in hours and minutes: "3 hours 10 minutes".
func span(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	if h > 0 {
		parts = append(parts, plural(h, "hour"))
	}
	if m > 0 || h == 0 {
		parts = append(parts, plural(m, "minute"))
	}
	return strings.Join(parts, " ")
}

func minutes(d time.Duration) string { return plural(int(d/time.Minute), "minute") }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func unitOr(unit, def string) string {
	if unit == "" {
		return def
	}
	return unit
}

// doseText is the prescribed dose: "1 tablet" or "1 to 2 tablets".
func doseText(e mar.ChartEntry) string { return e.DoseText() }

// amount writes a quantity for a message: "8 tablets", "10 mL".
func amount(v float64, unit string) string { return mar.Amount(v, unit) }

// timingText says briefly when an entry is given, to tell two apart.
func timingText(e mar.ChartEntry) string {
	switch {
	case e.PRN:
		return "when needed"
	case e.Text != "":
		return e.Text
	case len(e.Timing.When) > 0:
		return strings.Join(e.Timing.When, ", ")
	case len(e.Timing.TimesOfDay) > 0:
		var ts []string
		for _, t := range e.Timing.TimesOfDay {
			ts = append(ts, t.String())
		}
		return "at " + strings.Join(ts, ", ")
	}
	return fmt.Sprintf("%d per %g %s", e.Timing.Frequency, e.Timing.Period, e.Timing.PeriodUnit)
}

package ledger

import (
	"math"
	"time"

	"medround/internal/mar"
)

// DailyUse is how much of a regular chart entry is given in a day: its
// dose times its doses a day. It reports false for a PRN entry and for a
// timing it cannot read as a daily amount; days left are then not known
// rather than guessed.
func DailyUse(e mar.ChartEntry) (float64, bool) {
	if e.PRN || e.Dose.Value <= 0 {
		return 0, false
	}
	perDay := float64(len(e.Timing.TimesOfDay) + len(e.Timing.When))
	if perDay == 0 && e.Timing.Frequency > 0 {
		if p := e.Timing.PeriodDuration(); p > 0 {
			perDay = float64(e.Timing.Frequency) * float64(24*time.Hour) / float64(p)
		}
	}
	if perDay == 0 {
		return 0, false
	}
	if n := len(e.Timing.DaysOfWeek); n > 0 {
		perDay *= float64(n) / 7
	}
	return e.Dose.Value * perDay, true
}

// DaysLeft is how many whole days the stock lasts at the chart's daily use;
// false when the use is not known.
func DaysLeft(inStock float64, e mar.ChartEntry) (int, bool) {
	use, ok := DailyUse(e)
	if !ok {
		return 0, false
	}
	if inStock <= 0 {
		return 0, true
	}
	return int(math.Floor(inStock/use + eps)), true
}

// RunsOutBefore reports whether the stock runs out before the next cycle
// date, so the home orders in time; false when days left are not known,
// and false for a course (an antibiotic for a week) whose stock lasts to
// its end: an order it does not need teaches the home to ignore the flag.
func RunsOutBefore(inStock float64, e mar.ChartEntry, now, next time.Time) bool {
	days, ok := DaysLeft(inStock, e)
	if !ok {
		return false
	}
	until := next
	if !e.End.IsZero() && e.End.Before(next) {
		until = e.End
	}
	return now.AddDate(0, 0, days).Before(until)
}

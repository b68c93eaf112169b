package schedule

import (
	"testing"
	"time"

	"medround/internal/mar"
)

// FuzzBetween expands arbitrary timings over arbitrary spans around the
// daylight-saving changes: it must not panic, and every slot must lie in the
// span, in order, with its window around its due time.
func FuzzBetween(f *testing.F) {
	f.Add(1, 1.0, "d", 90, uint8(0), int64(0), 48)
	f.Add(1, 6.0, "h", -1, uint8(1<<3), int64(-30), 24)
	f.Add(2, 3.0, "d", 0, uint8(0), int64(200), 400)
	f.Add(1, 1.0, "mo", 0, uint8(0), int64(5), 1000)
	f.Add(3, 1.0, "wk", 0, uint8(0x2a), int64(0), 200)
	f.Fuzz(func(t *testing.T, freq int, period float64, unit string, tod int, days uint8, startHours int64, spanHours int) {
		timing := mar.Timing{Frequency: freq, Period: period, PeriodUnit: unit}
		if tod >= 0 {
			timing.TimesOfDay = []mar.ClockTime{mar.ClockTime(tod)}
		}
		for d := range 7 {
			if days&(1<<d) != 0 {
				timing.DaysOfWeek = append(timing.DaysOfWeek, time.Weekday(d))
			}
		}
		e := regular("e", timing)
		e.Start = local(2026, 3, 1, 0, 0)
		from := local(2026, 3, 28, 0, 0).Add(time.Duration(startHours%(24*400)) * time.Hour)
		to := from.Add(time.Duration(spanHours%(24*100)) * time.Hour)
		slots, _ := Between(mar.DefaultHome(), []mar.ChartEntry{e}, from, to)
		for i, s := range slots {
			if s.Due.Before(from) || !s.Due.Before(to) || s.Due.Before(e.Start) {
				t.Fatalf("slot due %v outside [%v, %v)", s.Due, from, to)
			}
			if i > 0 && s.Due.Before(slots[i-1].Due) {
				t.Fatalf("slots out of order at %d", i)
			}
			if !s.InWindow(s.Due) || s.Due.Sub(s.Opens) != s.Closes.Sub(s.Due) {
				t.Fatalf("window %v..%v not around %v", s.Opens, s.Closes, s.Due)
			}
		}
	})
}

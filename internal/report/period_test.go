package report

import (
	"testing"
	"time"
)

func TestReviewPeriodBounds(t *testing.T) {
	tests := []struct {
		name     string
		period   ReviewPeriod
		now      string
		from, to string
	}{
		{"since yesterday 07:00 on an ordinary morning", SinceYesterdayMorning,
			"2026-11-25 09:30 +00:00", "2026-11-24 07:00 +00:00", "2026-11-25 09:30 +00:00"},
		{"since yesterday 07:00 the day after the clocks went back is 07:00 GMT, not 06:00", SinceYesterdayMorning,
			"2026-10-26 09:30 +00:00", "2026-10-25 07:00 +00:00", "2026-10-26 09:30 +00:00"},
		{"since yesterday 07:00 the day after the clocks went forward is 07:00 BST, not 08:00", SinceYesterdayMorning,
			"2026-03-30 09:30 +01:00", "2026-03-29 07:00 +01:00", "2026-03-30 09:30 +01:00"},
		{"since yesterday 07:00 on the day the clocks go back, in the repeated hour", SinceYesterdayMorning,
			"2026-10-25 01:30 +00:00", "2026-10-24 07:00 +01:00", "2026-10-25 01:30 +00:00"},
		{"today is the 25-hour day the clocks go back", Today,
			"2026-10-25 12:00 +00:00", "2026-10-25 00:00 +01:00", "2026-10-26 00:00 +00:00"},
		{"yesterday is the 23-hour day the clocks went forward", Yesterday,
			"2026-03-30 09:30 +01:00", "2026-03-29 00:00 +00:00", "2026-03-30 00:00 +01:00"},
		{"last 7 days: today and the 6 before, across the change", Last7Days,
			"2026-10-28 10:00 +00:00", "2026-10-22 00:00 +01:00", "2026-10-29 00:00 +00:00"},
		{"last 14 days: today and the 13 before", Last14Days,
			"2026-11-01 10:00 +00:00", "2026-10-19 00:00 +01:00", "2026-11-02 00:00 +00:00"},
		{"a period the screen does not know is the default", ReviewPeriod(99),
			"2026-11-25 09:30 +00:00", "2026-11-24 07:00 +00:00", "2026-11-25 09:30 +00:00"},
	}
	for _, tt := range tests {
		from, to := tt.period.Bounds(wall(tt.now), london)
		if !from.Equal(wall(tt.from)) || !to.Equal(wall(tt.to)) {
			t.Errorf("%s: %s.Bounds(%s) = %s to %s, want %s to %s", tt.name, tt.period.Label(), tt.now,
				from.In(london).Format(time.RFC3339), to.In(london).Format(time.RFC3339), tt.from, tt.to)
		}
	}
}

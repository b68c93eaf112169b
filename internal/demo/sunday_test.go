package demo

import (
	"testing"
	"time"
)

func TestNextSunday(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hh, mm int) time.Time { return time.Date(2026, 11, day, hh, mm, 0, 0, london) }
	tests := []struct {
		name string
		t    time.Time
		want time.Time
	}{
		{"a Sunday morning counts that evening", at(29, 0, 0), at(29, 20, 30)},
		{"a Sunday after the count waits a week", at(29, 21, 0), time.Date(2026, 12, 6, 20, 30, 0, 0, london)},
		{"a Sunday at the count's minute waits a week", at(29, 20, 30), time.Date(2026, 12, 6, 20, 30, 0, 0, london)},
		{"a Monday counts the Sunday after", at(23, 8, 0), at(29, 20, 30)},
		{"a Saturday counts the next day", at(28, 23, 0), at(29, 20, 30)},
	}
	for _, tt := range tests {
		if got := nextSunday(tt.t); !got.Equal(tt.want) {
			t.Errorf("%s: nextSunday(%v) = %v, want %v", tt.name, tt.t, got, tt.want)
		}
	}
}

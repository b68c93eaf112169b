package ui

import (
	"testing"
	"time"
)

func TestWhenSaysTheDayUnlessToday(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 8, 5, 0, 0, time.UTC) // a Wednesday
	a := &App{loc: london, now: func() time.Time { return now }}
	for _, c := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"dose given this morning", time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), "06:00"},
		{"PRN dose given yesterday afternoon", time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC), "yesterday 11:00"},
		{"PRN dose given just before midnight", time.Date(2026, 11, 24, 23, 59, 0, 0, time.UTC), "yesterday 23:59"},
		{"next PRN dose allowed tomorrow", time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC), "tomorrow 02:00"},
		{"record from three days ago", time.Date(2026, 11, 22, 20, 0, 0, 0, time.UTC), "Sun 20:00"},
		{"record from weeks ago", time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC), "Fri 30 Oct 09:00"},
		{"summer time: 23:30 UTC is after midnight in London", time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), "Wed 1 Jul 00:30"},
	} {
		if got := a.when(c.at); got != c.want {
			t.Errorf("%s: when(%v) = %q, want %q", c.name, c.at, got, c.want)
		}
	}
}

func TestWhenAcrossTheClocksGoingBack(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// 25 Oct 2026 is the day the clocks go back: 25 hours long.
	now := time.Date(2026, 10, 25, 23, 30, 0, 0, time.UTC) // 23:30 GMT, still the 25th
	a := &App{loc: london, now: func() time.Time { return now }}
	if got, want := a.when(time.Date(2026, 10, 24, 23, 30, 0, 0, time.UTC)), "00:30"; got != want {
		t.Errorf("00:30 BST on the day the clocks go back = %q, want %q", got, want)
	}
	if got, want := a.when(time.Date(2026, 10, 24, 22, 30, 0, 0, time.UTC)), "yesterday 23:30"; got != want {
		t.Errorf("23:30 BST the evening before = %q, want %q", got, want)
	}
}

package ui

import (
	"testing"
	"time"

	"medround/internal/mar"
)

func TestAge(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name      string
		born, now string
		want      int
	}{
		{"the day before the birthday", "1940-06-15", "2026-06-14", 85},
		{"on the birthday", "1940-06-15", "2026-06-15", 86},
		{"born 1 March of a leap year, on the birthday in a common year", "1940-03-01", "2026-03-01", 86},
		{"born 1 March of a leap year, the day before in a common year", "1940-03-01", "2026-02-28", 85},
		{"born 1 March of a common year, 29 February of a leap year", "1941-03-01", "2028-02-29", 86},
		{"born 1 March of a common year, on the birthday in a leap year", "1941-03-01", "2028-03-01", 87},
		{"born 31 December of a leap year, the day before", "1940-12-31", "2026-12-30", 85},
		{"born 31 December of a leap year, on the birthday", "1940-12-31", "2026-12-31", 86},
		{"born 29 February, 28 February of a common year", "1940-02-29", "2026-02-28", 85},
		{"born 29 February, 1 March of a common year", "1940-02-29", "2026-03-01", 86},
		{"born 29 February, 28 February of a leap year", "1940-02-29", "2028-02-28", 87},
		{"born 29 February, 29 February of a leap year", "1940-02-29", "2028-02-29", 88},
		{"born 29 February, 2100 is no leap year", "2000-02-29", "2100-02-28", 99},
		{"born 29 February, 1 March 2100", "2000-02-29", "2100-03-01", 100},
		{"born today", "2026-11-25", "2026-11-25", 0},
	}
	for _, tt := range tests {
		if got := age(day(tt.born), day(tt.now)); got != tt.want {
			t.Errorf("%s: age(%s, %s) = %d, want %d", tt.name, tt.born, tt.now, got, tt.want)
		}
	}
}

// TestResidentDetailsAgeIsTheHomesDay: at 23:30 UTC on 14 July it is
// already 15 July in London, the resident's birthday.
func TestResidentDetailsAgeIsTheHomesDay(t *testing.T) {
	h := newHarness(t)
	h.clock.set(time.Date(2026, 7, 14, 23, 30, 0, 0, time.UTC))
	r := mar.Resident{BirthDate: "1940-07-15"}
	if got, want := residentDetails(r, h.app.now().In(h.app.loc)), "Born 15 Jul 1940 (86)"; got != want {
		t.Errorf("residentDetails = %q, want %q", got, want)
	}
}

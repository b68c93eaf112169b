package fhir

import (
	"fmt"
	"time"
)

// parseDate reads a FHIR date or dateTime: "2024", "2024-03", "2024-03-31"
// or an RFC 3339 time. It returns the first instant the value covers and
// the first instant after it, so a date-only end still includes its whole
// day. Dates without a time are days in loc, the home's zone.
func parseDate(s string, loc *time.Location) (first, after time.Time, err error) {
	layouts := []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	}
	if len(s) > len("2006-01-02") {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("date-time %q: want e.g. 2024-03-31T08:00:00Z with a zone", s)
		}
		return t.UTC(), t.UTC(), nil
	}
	for _, l := range layouts {
		if len(s) != len(l.layout) {
			continue
		}
		t, err := time.ParseInLocation(l.layout, s, loc)
		if err != nil {
			break
		}
		return t.UTC(), l.next(t).UTC(), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
}

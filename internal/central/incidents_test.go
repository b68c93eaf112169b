package central_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
)

func TestClockSkew(t *testing.T) {
	at := time.Date(2026, 3, 29, 9, 0, 0, 0, time.UTC)
	rec := func(recorded time.Time) mar.Event {
		return mar.Event{ID: uuid.New(), ResidentID: "R001", OccurredAt: recorded, RecordedAt: recorded}
	}
	cases := []struct {
		name   string
		events []mar.Event
		sent   time.Time
		want   bool
	}{
		{"clock right, records made now", []mar.Event{rec(at.Add(-time.Second))}, at, false},
		{"records made offline three days ago", []mar.Event{rec(at.Add(-72 * time.Hour))}, at, false},
		{"request dated 4 minutes behind", []mar.Event{rec(at)}, at.Add(-4 * time.Minute), false},
		{"request dated 6 minutes behind", []mar.Event{rec(at.Add(-6 * time.Minute))}, at.Add(-6 * time.Minute), true},
		{"request dated 6 minutes ahead", []mar.Event{rec(at)}, at.Add(6 * time.Minute), true},
		{"a record stored 10 minutes after it reached the centre, no Date", []mar.Event{rec(at), rec(at.Add(10 * time.Minute))}, time.Time{}, true},
		{"a record stored 5 minutes ahead exactly", []mar.Event{rec(at.Add(5 * time.Minute))}, time.Time{}, false},
		{"nothing pushed", nil, at.Add(time.Hour), false},
	}
	for _, tc := range cases {
		inc, got := central.ClockSkew("willow", "tab-a", tc.events, tc.sent, at)
		if got != tc.want {
			t.Errorf("%s: ClockSkew = %v, want %v", tc.name, got, tc.want)
			continue
		}
		if !got {
			continue
		}
		if err := central.ValidateIncident(inc); err != nil {
			t.Errorf("%s: incident not valid: %v", tc.name, err)
		}
		again, _ := central.ClockSkew("willow", "tab-a", tc.events, tc.sent, at.Add(time.Second))
		if again.ID != inc.ID {
			t.Errorf("%s: a second push the same day names another incident", tc.name)
		}
	}
}

package report

import (
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestDaylightSavingDays(t *testing.T) {
	tests := []struct {
		name    string
		day     string
		events  func(t *testing.T) []mar.Event
		kind    Kind
		want    []string // rows as "entry due-local-with-offset"
		wantDue int
	}{
		{
			name: "spring forward: 08:00 BST morning dose with no record is missed at 08:00, not 07:00",
			day:  "2025-03-30", kind: KindMissed,
			events: func(t *testing.T) []mar.Event { return nil },
			want: []string{
				morningMed + " 08:00+01:00", nightMed + " 21:00+01:00",
			},
			wantDue: 2,
		},
		{
			name: "spring forward: dose given 08:30 BST is on time, so only night is missed",
			day:  "2025-03-30", kind: KindMissed,
			events: func(t *testing.T) []mar.Event {
				return []mar.Event{dose(1, morningMed, at(t, "2025-03-30 08:00"), at(t, "2025-03-30 08:30"), mar.OutcomeGiven)}
			},
			want:    []string{nightMed + " 21:00+01:00"},
			wantDue: 2,
		},
		{
			name: "fall back: night dose given 22:30 GMT on the 25-hour day is 90 minutes late",
			day:  "2025-10-26", kind: KindLate,
			events: func(t *testing.T) []mar.Event {
				return []mar.Event{dose(1, nightMed, at(t, "2025-10-26 21:00"), at(t, "2025-10-26 22:30"), mar.OutcomeGiven)}
			},
			want:    []string{nightMed + " 21:00+00:00"},
			wantDue: 2,
		},
		{
			name: "fall back: morning dose given 07:30 GMT on the 25-hour day is on time",
			day:  "2025-10-26", kind: KindLate,
			events: func(t *testing.T) []mar.Event {
				return []mar.Event{dose(1, morningMed, at(t, "2025-10-26 08:00"), at(t, "2025-10-26 07:30"), mar.OutcomeGiven)}
			},
			want:    []string{},
			wantDue: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture().only(morningMed, nightMed)
			src.events = tt.events(t)
			from := at(t, tt.day+" 00:00")
			next, _ := time.ParseInLocation(time.DateOnly, tt.day, london)
			to := next.AddDate(0, 0, 1).UTC()
			rep := build(t, src, tt.kind, from, to, to.Add(24*time.Hour))
			got := []string{}
			for _, r := range rep.Rows {
				got = append(got, r.EntryID+" "+r.Due.Format("15:04-07:00"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rows = %q, want %q", got, tt.want)
			}
			if rep.Total.Due != tt.wantDue {
				t.Errorf("due = %d, want %d", rep.Total.Due, tt.wantDue)
			}
		})
	}
}

func TestPRNDayTotalsFollowLocalDaysAcrossTheClockChange(t *testing.T) {
	// 23:30 BST on 29 March is 22:30 UTC: it belongs to the 29th locally.
	src := fixture()
	src.events = []mar.Event{
		prnDoseEvent(1, at(t, "2025-03-29 23:30"), 2),
		prnDoseEvent(2, at(t, "2025-03-30 03:30"), 2), // BST, 02:30 UTC
	}
	from := at(t, "2025-03-29 00:00")
	rep := build(t, src, KindPRN, from, from.Add(72*time.Hour), from.Add(96*time.Hour))
	if len(rep.Rows) != 1 {
		t.Fatalf("rows = %d, want 1", len(rep.Rows))
	}
	want := []DayTotal{{"2025-03-29", 1, 2}, {"2025-03-30", 1, 2}}
	if got := rep.Rows[0].PRN.Days; !slices.Equal(got, want) {
		t.Errorf("days = %+v, want %+v", got, want)
	}
	// 23:30 GMT to 03:30 BST is three hours.
	if got := rep.Rows[0].PRN.Max24h; got != 4 {
		t.Errorf("max in 24h = %v, want 4", got)
	}
}

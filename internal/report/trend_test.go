package report

import (
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestTrendCountsMissedAndLatePerRoundAndDay(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	day2 := func(s string) time.Time { return at(t, "2025-01-16 "+s) }
	type line struct {
		round        string
		missed, late []int
	}
	tests := []struct {
		name    string
		entries []string
		events  []mar.Event
		now     time.Time
		want    []line
	}{
		{
			name: "nothing recorded for two days: each round's dose missed each day", entries: []string{morningMed, nightMed},
			now: day2("23:00"),
			want: []line{{"morning", []int{1, 1}, []int{0, 0}}, {"lunchtime", []int{0, 0}, []int{0, 0}},
				{"teatime", []int{0, 0}, []int{0, 0}}, {"night", []int{1, 1}, []int{0, 0}}},
		},
		{
			name: "morning dose given at 10:30 is late on its day", entries: []string{morningMed},
			events: []mar.Event{
				dose(1, morningMed, d("08:00"), d("10:30"), mar.OutcomeGiven),
				dose(2, morningMed, day2("08:00"), day2("08:10"), mar.OutcomeGiven),
			},
			now: day2("23:00"),
			want: []line{{"morning", []int{0, 0}, []int{1, 0}}, {"lunchtime", []int{0, 0}, []int{0, 0}},
				{"teatime", []int{0, 0}, []int{0, 0}}, {"night", []int{0, 0}, []int{0, 0}}},
		},
		{
			name: "night dose given at 19:00 is early and counted with the late", entries: []string{nightMed},
			events: []mar.Event{
				dose(1, nightMed, d("21:00"), d("19:00"), mar.OutcomeGiven),
				dose(2, nightMed, day2("21:00"), day2("21:00"), mar.OutcomeGiven),
			},
			now: day2("23:00"),
			want: []line{{"morning", []int{0, 0}, []int{0, 0}}, {"lunchtime", []int{0, 0}, []int{0, 0}},
				{"teatime", []int{0, 0}, []int{0, 0}}, {"night", []int{0, 0}, []int{1, 0}}},
		},
		{
			name: "time-critical doses at no round's time are counted once, under other times", entries: []string{levodopa},
			events: []mar.Event{dose(1, levodopa, d("06:00"), d("06:40"), mar.OutcomeGiven)},
			now:    d("23:00"),
			want: []line{{"morning", []int{0, 0}, []int{0, 0}}, {"lunchtime", []int{0, 0}, []int{0, 0}},
				{"teatime", []int{0, 0}, []int{0, 0}}, {"night", []int{0, 0}, []int{0, 0}},
				{"", []int{1, 0}, []int{1, 0}}},
		},
		{
			name: "refused and PRN doses are neither missed nor late", entries: []string{morningMed, paracetPRN},
			events: []mar.Event{
				dose(1, morningMed, d("08:00"), d("08:05"), mar.OutcomeRefused),
				dose(2, morningMed, day2("08:00"), day2("08:05"), mar.OutcomeGiven),
				prnDoseEvent(3, d("13:00"), 2),
			},
			now: day2("23:00"),
			want: []line{{"morning", []int{0, 0}, []int{0, 0}}, {"lunchtime", []int{0, 0}, []int{0, 0}},
				{"teatime", []int{0, 0}, []int{0, 0}}, {"night", []int{0, 0}, []int{0, 0}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture().only(tt.entries...)
			src.events = tt.events
			rv, err := BuildReview(src, d("00:00"), day2("00:00").Add(24*time.Hour), tt.now)
			if err != nil {
				t.Fatal(err)
			}
			tr := TrendOf(rv)
			if !slices.Equal(tr.Days, []string{"2025-01-15", "2025-01-16"}) {
				t.Fatalf("days = %q", tr.Days)
			}
			var got []line
			most := 0
			for _, r := range tr.Rounds {
				got = append(got, line{r.Round, r.Missed, r.Late})
				most = max(most, slices.Max(r.Missed), slices.Max(r.Late))
			}
			if !slices.EqualFunc(got, tt.want, func(a, b line) bool {
				return a.round == b.round && slices.Equal(a.missed, b.missed) && slices.Equal(a.late, b.late)
			}) {
				t.Errorf("trend = %+v, want %+v", got, tt.want)
			}
			if tr.Most != most {
				t.Errorf("most = %d, want %d", tr.Most, most)
			}
		})
	}
}

func TestTrendOfAnEmptyReviewHasTheHomesRounds(t *testing.T) {
	rv := &Review{TimeZone: "Europe/London", From: at(t, "2025-01-15 00:00"), To: at(t, "2025-01-15 12:00"),
		Rounds: []string{"morning", "night"}}
	tr := TrendOf(rv)
	if len(tr.Days) != 1 || len(tr.Rounds) != 2 || tr.Most != 0 {
		t.Errorf("trend = %+v, want one day, two empty rounds", tr)
	}
}

package report

import (
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestLate(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	morning, night, levo := d("08:00"), d("21:00"), d("14:00")
	type lateRow struct {
		timing  string
		minutes int
	}
	tests := []struct {
		name   string
		events []mar.Event
		want   []lateRow
	}{
		{
			name:   "night dose given at 22:30 with window 60 min is late",
			events: []mar.Event{dose(1, nightMed, night, d("22:30"), mar.OutcomeGiven)},
			want:   []lateRow{{"late", 90}},
		},
		{
			name:   "night dose given at 22:00 exactly is on time",
			events: []mar.Event{dose(1, nightMed, night, d("22:00"), mar.OutcomeGiven)},
		},
		{
			name:   "morning dose given at 06:30 before an appointment is early",
			events: []mar.Event{dose(1, morningMed, morning, d("06:30"), mar.OutcomeGiven)},
			want:   []lateRow{{"early", -90}},
		},
		{
			name:   "time-critical levodopa given 20 minutes after due is late",
			events: []mar.Event{dose(1, levodopa, levo, d("14:20"), mar.OutcomeGiven)},
			want:   []lateRow{{"late", 20}},
		},
		{
			name:   "time-critical levodopa given 15 minutes after due is on time",
			events: []mar.Event{dose(1, levodopa, levo, d("14:15"), mar.OutcomeGiven)},
		},
		{
			name:   "refusal recorded after the window is not a late dose",
			events: []mar.Event{dose(1, nightMed, night, d("23:00"), mar.OutcomeRefused)},
		},
		{
			name: "late dose corrected as entered in error is not listed",
			events: []mar.Event{
				dose(1, nightMed, night, d("22:30"), mar.OutcomeGiven),
				correct(2, 1, d("22:40")),
			},
		},
		{
			name:   "night dose given after midnight, after the period, is late",
			events: []mar.Event{dose(1, nightMed, night, at(t, "2025-01-16 00:15"), mar.OutcomeGiven)},
			want:   []lateRow{{"late", 195}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture()
			src.events = tt.events
			rep := build(t, src, KindLate, d("00:00"), at(t, "2025-01-16 00:00"), at(t, "2025-01-16 09:00"))
			var got []lateRow
			for _, r := range rep.Rows {
				got = append(got, lateRow{r.Timing, r.Minutes})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rows = %v, want %v", got, tt.want)
			}
			// The fixture's regular slots that day: morning, night and two
			// levodopa doses.
			if rep.Total.Due != 4 {
				t.Errorf("due = %d, want 4", rep.Total.Due)
			}
		})
	}
}

func TestLateRowCarriesTheOverrideReason(t *testing.T) {
	src := fixture()
	ev := dose(1, nightMed, at(t, "2025-01-15 21:00"), at(t, "2025-01-15 22:30"), mar.OutcomeGiven)
	ev.OverrideReason = "resident was at the hairdresser's"
	src.events = []mar.Event{ev}
	from := at(t, "2025-01-15 00:00")
	rep := build(t, src, KindLate, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	if len(rep.Rows) != 1 {
		t.Fatalf("rows = %d, want 1", len(rep.Rows))
	}
	r := rep.Rows[0]
	if r.OverrideReason != ev.OverrideReason || r.UserID != "U-carer" || r.Round != "night" ||
		r.OccurredAt.Format("15:04") != "22:30" || r.EventID != eventID(1).String() {
		t.Errorf("row = %+v", r)
	}
	if rep.ByRound[0].Key != "morning" || rep.ByRound[len(rep.ByRound)-1].Label != "other times" {
		t.Errorf("rounds = %+v, want the home's rounds first and levodopa's times last", rep.ByRound)
	}
}

func TestNotGiven(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	morning, night := d("08:00"), d("21:00")
	prnRefused := prnDoseEvent(4, d("15:00"), 0)
	prnRefused.Outcome = mar.OutcomeRefused
	src := fixture()
	src.events = []mar.Event{
		dose(1, morningMed, morning, d("08:10"), mar.OutcomeRefused),
		notGiven(2, nightMed, night, d("21:05"), mar.ReasonNausea, "vomited at 20:45, GP informed"),
		dose(3, nightMed, night.Add(-24*time.Hour), at(t, "2025-01-14 21:00"), mar.OutcomeRefused),
		prnRefused,
		notGiven(5, levodopa, d("06:00"), d("06:05"), mar.ReasonOutOfStock, ""),
		correct(6, 5, d("06:30")),
		dose(7, levodopa, d("14:00"), d("14:00"), mar.OutcomeGiven),
	}
	from := d("00:00")
	rep := build(t, src, KindNotGiven, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	var got []string
	for _, r := range rep.Rows {
		got = append(got, r.EntryID+" "+r.Reason+" "+r.Round)
	}
	want := []string{
		morningMed + " refused morning",
		paracetPRN + " refused ",
		nightMed + " nausea night",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows = %q, want %q", got, want)
	}
	if rep.Rows[2].Note != "vomited at 20:45, GP informed" {
		t.Errorf("note = %q", rep.Rows[2].Note)
	}
	var reasons []string
	for _, s := range rep.ByReason {
		reasons = append(reasons, s.Label)
	}
	if !slices.Equal(reasons, []string{"Refused", "Nausea or vomiting"}) {
		t.Errorf("reasons = %q", reasons)
	}
	var rounds []string
	for _, s := range rep.ByRound {
		rounds = append(rounds, s.Label)
	}
	if !slices.Equal(rounds, []string{"morning", "night", "PRN (when required)"}) {
		t.Errorf("rounds = %q, want the home's rounds, then PRN", rounds)
	}
	if rep.ByReason[0].Count != 2 || rep.Total.Count != 3 {
		t.Errorf("refused %d, total %d; want 2 and 3", rep.ByReason[0].Count, rep.Total.Count)
	}
}

func TestPRN(t *testing.T) {
	day := func(s string) time.Time { return at(t, s) }
	type want struct {
		count      int
		total      float64
		max24h     float64
		over       bool
		days       []DayTotal
		withEffect int
		effective  int
	}
	tests := []struct {
		name   string
		events []mar.Event
		want   *want // nil: no row
	}{
		{
			name: "PRN paracetamol 4 doses in 24h totals 8 tablets",
			events: []mar.Event{
				prnDoseEvent(1, day("2025-01-15 08:00"), 2), prnDoseEvent(2, day("2025-01-15 12:00"), 2),
				prnDoseEvent(3, day("2025-01-15 16:00"), 2), prnDoseEvent(4, day("2025-01-15 20:00"), 2),
			},
			want: &want{count: 4, total: 8, max24h: 8, days: []DayTotal{{"2025-01-15", 4, 8}}},
		},
		{
			name: "fifth dose at 04:00 next day goes over 8 tablets in 24 hours",
			events: []mar.Event{
				prnDoseEvent(1, day("2025-01-15 08:00"), 2), prnDoseEvent(2, day("2025-01-15 12:00"), 2),
				prnDoseEvent(3, day("2025-01-15 16:00"), 2), prnDoseEvent(4, day("2025-01-15 20:00"), 2),
				prnDoseEvent(5, day("2025-01-16 04:00"), 2),
			},
			want: &want{count: 5, total: 10, max24h: 10, over: true,
				days: []DayTotal{{"2025-01-15", 4, 8}, {"2025-01-16", 1, 2}}},
		},
		{
			name: "doses 24 hours apart are never in the same 24 hours",
			events: []mar.Event{
				prnDoseEvent(1, day("2025-01-15 08:00"), 2), prnDoseEvent(2, day("2025-01-16 08:00"), 2),
			},
			want: &want{count: 2, total: 4, max24h: 2,
				days: []DayTotal{{"2025-01-15", 1, 2}, {"2025-01-16", 1, 2}}},
		},
		{
			name:   "dose recorded without a quantity counts as the prescribed 2 tablets",
			events: []mar.Event{prnDoseEvent(1, day("2025-01-15 08:00"), 0)},
			want:   &want{count: 1, total: 2, max24h: 2, days: []DayTotal{{"2025-01-15", 1, 2}}},
		},
		{
			name: "effect asked an hour later: one of two worked",
			events: []mar.Event{
				prnDoseEvent(1, day("2025-01-15 08:00"), 1), prnDoseEvent(2, day("2025-01-15 14:00"), 1),
				effect(3, 1, day("2025-01-15 09:00"), true), effect(4, 2, day("2025-01-15 15:00"), false),
			},
			want: &want{count: 2, total: 2, max24h: 2, days: []DayTotal{{"2025-01-15", 2, 2}},
				withEffect: 2, effective: 1},
		},
		{
			name: "effect corrected as entered in error is not counted",
			events: []mar.Event{
				prnDoseEvent(1, day("2025-01-15 08:00"), 1),
				effect(2, 1, day("2025-01-15 09:00"), true), correct(3, 2, day("2025-01-15 09:05")),
			},
			want: &want{count: 1, total: 1, max24h: 1, days: []DayTotal{{"2025-01-15", 1, 1}}},
		},
		{
			name: "PRN dose corrected as entered in error is not counted",
			events: []mar.Event{
				prnDoseEvent(1, day("2025-01-15 08:00"), 2), correct(2, 1, day("2025-01-15 08:10")),
			},
		},
		{
			name:   "PRN dose before the period is not counted",
			events: []mar.Event{prnDoseEvent(1, day("2025-01-14 23:00"), 2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture()
			src.events = tt.events
			from := day("2025-01-15 00:00")
			rep := build(t, src, KindPRN, from, from.Add(48*time.Hour), from.Add(72*time.Hour))
			if tt.want == nil {
				if len(rep.Rows) != 0 {
					t.Fatalf("rows = %+v, want none", rep.Rows)
				}
				return
			}
			if len(rep.Rows) != 1 {
				t.Fatalf("rows = %d, want 1", len(rep.Rows))
			}
			u := rep.Rows[0].PRN
			got := want{u.Count, u.Total, u.Max24h, u.OverLimit, u.Days, u.WithEffect, u.Effective}
			w := *tt.want
			if got.count != w.count || got.total != w.total || got.max24h != w.max24h || got.over != w.over ||
				!slices.Equal(got.days, w.days) || got.withEffect != w.withEffect || got.effective != w.effective {
				t.Errorf("use = %+v, want %+v", got, w)
			}
			if u.Limit != "8 tablet per 24h" || u.Unit != "tablet" || len(u.Times) != u.Count {
				t.Errorf("limit %q unit %q times %d", u.Limit, u.Unit, len(u.Times))
			}
			if rep.ByRound != nil || rep.ByResident[0].Count != w.count {
				t.Errorf("summaries: by round %v, by resident %+v", rep.ByRound, rep.ByResident)
			}
		})
	}
}

func TestLateRecordOfASlotTheScheduleCannotProduceUsesTheHomeWindow(t *testing.T) {
	// The night entry's timing cannot be expanded, so it has no slots; a dose
	// recorded against 21:00 at 22:30 is still judged against 20:00-22:00.
	src := fixture().only(nightMed)
	src.charts[resident][0].Timing = mar.Timing{When: []string{"SOMETIME"}}
	src.events = []mar.Event{dose(1, nightMed, at(t, "2025-01-15 21:00"), at(t, "2025-01-15 22:30"), mar.OutcomeGiven)}
	from := at(t, "2025-01-15 00:00")
	rep := build(t, src, KindLate, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	if len(rep.Warnings) != 1 {
		t.Errorf("warnings = %q, want one naming the night entry", rep.Warnings)
	}
	if len(rep.Rows) != 1 || rep.Rows[0].Minutes != 90 || rep.Rows[0].Round != "night" {
		t.Fatalf("rows = %+v, want the dose 90 minutes late in the night round", rep.Rows)
	}
}

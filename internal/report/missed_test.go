package report

import (
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestMissed(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	morning, night := d("08:00"), d("21:00")
	type want struct {
		rows               []string
		due, pending, away int
		awayWord           string
	}
	tests := []struct {
		name    string
		entries []string
		events  []mar.Event
		status  mar.ResidentStatus
		now     time.Time
		want    want
	}{
		{
			name: "morning dose with no record by 09:01 is missed", entries: []string{morningMed},
			now:  d("09:01"),
			want: want{rows: []string{morningMed + "@01-15 08:00"}, due: 1},
		},
		{
			name: "morning dose with no record at 09:00 is still pending", entries: []string{morningMed},
			now:  d("09:00"),
			want: want{rows: []string{}, due: 1, pending: 1},
		},
		{
			name: "morning dose given at 08:05 is not missed", entries: []string{morningMed},
			events: []mar.Event{dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven)},
			now:    d("23:00"),
			want:   want{rows: []string{}, due: 1},
		},
		{
			name: "refused counts as recorded, not missed", entries: []string{morningMed},
			events: []mar.Event{dose(1, morningMed, morning, d("08:05"), mar.OutcomeRefused)},
			now:    d("23:00"),
			want:   want{rows: []string{}, due: 1},
		},
		{
			name: "not given because asleep counts as recorded", entries: []string{morningMed},
			events: []mar.Event{notGiven(1, morningMed, morning, d("08:05"), mar.ReasonAsleep, "")},
			now:    d("23:00"),
			want:   want{rows: []string{}, due: 1},
		},
		{
			name: "not given in hospital counts as recorded", entries: []string{morningMed},
			events: []mar.Event{notGiven(1, morningMed, morning, d("08:05"), mar.ReasonInHospital, "")},
			now:    d("23:00"),
			want:   want{rows: []string{}, due: 1},
		},
		{
			name: "dose recorded then corrected as entered in error is missed again", entries: []string{morningMed},
			events: []mar.Event{
				dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven),
				correct(2, 1, d("10:00")),
			},
			now:  d("23:00"),
			want: want{rows: []string{morningMed + "@01-15 08:00"}, due: 1},
		},
		{
			name: "correction corrected in turn leaves the dose recorded", entries: []string{morningMed},
			events: []mar.Event{
				dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven),
				correct(2, 1, d("10:00")),
				correct(3, 2, d("10:05")),
			},
			now:  d("23:00"),
			want: want{rows: []string{}, due: 1},
		},
		{
			name: "correction made days after the period still counts", entries: []string{morningMed},
			events: []mar.Event{
				dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven),
				correct(2, 1, at(t, "2025-01-20 10:00")),
			},
			now:  at(t, "2025-01-21 09:00"),
			want: want{rows: []string{morningMed + "@01-15 08:00"}, due: 1},
		},
		{
			name: "record for yesterday's slot does not cover today's", entries: []string{morningMed},
			events: []mar.Event{dose(1, morningMed, morning.Add(-24*time.Hour), d("08:05"), mar.OutcomeGiven)},
			now:    d("23:00"),
			want:   want{rows: []string{morningMed + "@01-15 08:00"}, due: 1},
		},
		{
			name: "night dose recorded after the period ends is not missed", entries: []string{nightMed},
			events: []mar.Event{dose(1, nightMed, night, at(t, "2025-01-16 00:30"), mar.OutcomeGiven)},
			now:    at(t, "2025-01-16 09:00"),
			want:   want{rows: []string{}, due: 1},
		},
		{
			name: "no record while in hospital all window is away, not missed", entries: []string{morningMed},
			events: []mar.Event{
				status(1, at(t, "2025-01-14 15:00"), mar.StatusHospital),
				status(2, d("12:00"), mar.StatusPresent),
			},
			now:  d("23:00"),
			want: want{rows: []string{}, due: 1, away: 1},
		},
		{
			name: "back from hospital at 08:30 within the window is missed", entries: []string{morningMed},
			events: []mar.Event{
				status(1, at(t, "2025-01-14 15:00"), mar.StatusHospital),
				status(2, d("08:30"), mar.StatusPresent),
			},
			now:  d("23:00"),
			want: want{rows: []string{morningMed + "@01-15 08:00"}, due: 1, awayWord: "hospital"},
		},
		{
			name: "returned from leave with the departure before the log read is away", entries: []string{morningMed},
			events: []mar.Event{status(1, d("12:00"), mar.StatusPresent)},
			now:    d("23:00"),
			want:   want{rows: []string{}, due: 1, away: 1},
		},
		{
			name: "went on leave at 10:00 after a missed morning dose is missed", entries: []string{morningMed},
			events: []mar.Event{status(1, d("10:00"), mar.StatusLeave)},
			now:    d("23:00"),
			want:   want{rows: []string{morningMed + "@01-15 08:00"}, due: 1},
		},
		{
			name: "hospital stay corrected as entered in error leaves the dose missed", entries: []string{morningMed},
			events: []mar.Event{
				status(1, at(t, "2025-01-14 15:00"), mar.StatusHospital),
				correct(2, 1, at(t, "2025-01-14 15:05")),
			},
			now:  d("23:00"),
			want: want{rows: []string{morningMed + "@01-15 08:00"}, due: 1},
		},
		{
			name: "resident in hospital now with no status change read is away", entries: []string{morningMed},
			status: mar.StatusHospital, now: d("23:00"),
			want: want{rows: []string{}, due: 1, away: 1},
		},
		{
			name: "PRN entry has no slots to miss", entries: []string{paracetPRN},
			now:  d("23:00"),
			want: want{rows: []string{}},
		},
		{
			name: "time-critical 06:00 dose with no record by 06:16 is missed; the 14:00 dose not yet open is not counted", entries: []string{levodopa},
			now:  d("06:16"),
			want: want{rows: []string{levodopa + "@01-15 06:00"}, due: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture().only(tt.entries...)
			src.events = tt.events
			if tt.status != 0 {
				src.residents[0].Status = tt.status
			}
			rep := build(t, src, KindMissed, d("00:00"), at(t, "2025-01-16 00:00"), tt.now)
			if got := brief(rep); !slices.Equal(got, tt.want.rows) {
				t.Errorf("rows = %q, want %q", got, tt.want.rows)
			}
			tot := rep.Total
			if tot.Count != len(tt.want.rows) || tot.Due != tt.want.due || tot.Pending != tt.want.pending || tot.Away != tt.want.away {
				t.Errorf("total = %+v, want count %d due %d pending %d away %d",
					tot, len(tt.want.rows), tt.want.due, tt.want.pending, tt.want.away)
			}
			for _, r := range rep.Rows {
				if r.TimeCritical != (r.EntryID == levodopa) {
					t.Errorf("%s time-critical = %v", r.EntryID, r.TimeCritical)
				}
			}
			if len(rep.Rows) > 0 && rep.Rows[0].Away != tt.want.awayWord {
				t.Errorf("away = %q, want %q", rep.Rows[0].Away, tt.want.awayWord)
			}
		})
	}
}

func TestMissedRowSaysWhoWhatAndWhen(t *testing.T) {
	src := fixture().only(morningMed, nightMed)
	from := at(t, "2025-01-15 00:00")
	rep := build(t, src, KindMissed, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	if len(rep.Rows) != 2 {
		t.Fatalf("rows = %d, want the morning and night doses", len(rep.Rows))
	}
	r := rep.Rows[0]
	if r.Resident != "Mary Smith" || r.Room != "3" || r.Medicine != "Amlodipine 5mg tablets" ||
		r.Dose != "1 tablet" || r.Round != "morning" {
		t.Errorf("row = %+v", r)
	}
	if r.Due.Location() != london && r.Due.Location().String() != "Europe/London" {
		t.Errorf("due in zone %s, want Europe/London", r.Due.Location())
	}
	if got := r.Opens.Format("15:04") + "-" + r.Closes.Format("15:04"); got != "07:00-09:00" {
		t.Errorf("window = %s, want 07:00-09:00", got)
	}
	var rounds []string
	for _, s := range rep.ByRound {
		rounds = append(rounds, s.Key)
	}
	if !slices.Equal(rounds, []string{"morning", "night"}) {
		t.Errorf("rounds = %q, want morning then night", rounds)
	}
	if len(rep.ByResident) != 1 || rep.ByResident[0].Label != "Mary Smith" || rep.ByResident[0].Count != 2 {
		t.Errorf("by resident = %+v", rep.ByResident)
	}
}

func TestMissedFollowsChartVersions(t *testing.T) {
	// The morning dose moved to lunchtime at 10:00 on the 15th: the old
	// version's morning slot that day is still due, the new one's from the
	// 15th's lunchtime on.
	src := fixture().only(morningMed)
	old := src.charts[resident][0]
	changed := at(t, "2025-01-15 10:00")
	old.ValidTo = changed
	moved := old
	moved.Version, moved.ValidFrom, moved.ValidTo = 2, changed, time.Time{}
	moved.Timing.TimesOfDay = []mar.ClockTime{12 * 60}
	src.charts[resident] = []mar.ChartEntry{old, moved}
	from := at(t, "2025-01-14 00:00")
	rep := build(t, src, KindMissed, from, from.Add(72*time.Hour), from.Add(96*time.Hour))
	want := []string{
		morningMed + "@01-14 08:00", morningMed + "@01-15 08:00",
		morningMed + "@01-15 12:00", morningMed + "@01-16 12:00",
	}
	if got := brief(rep); !slices.Equal(got, want) {
		t.Errorf("rows = %q, want %q", got, want)
	}
}

func TestMissedWarnsOfEntriesThatCannotBeScheduled(t *testing.T) {
	src := fixture().only(morningMed, nightMed)
	src.charts[resident][1].Timing = mar.Timing{When: []string{"SOMETIME"}}
	from := at(t, "2025-01-15 00:00")
	rep := build(t, src, KindMissed, from, from.Add(24*time.Hour), from.Add(48*time.Hour))
	if len(rep.Warnings) != 1 {
		t.Fatalf("warnings = %q, want one naming the night entry", rep.Warnings)
	}
	if got := brief(rep); !slices.Equal(got, []string{morningMed + "@01-15 08:00"}) {
		t.Errorf("rows = %q, want the morning dose still reported", got)
	}
}

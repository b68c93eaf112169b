package report

import (
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestCompletenessCountsEachResidentsDay(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	day2 := func(s string) time.Time { return at(t, "2025-01-16 "+s) }
	morning, night := d("08:00"), d("21:00")
	tests := []struct {
		name    string
		entries []string
		events  []mar.Event
		status  mar.ResidentStatus
		now     time.Time
		want    []DayDoses // one per day of the 15th and 16th
	}{
		{
			name: "morning given and night missed is one of two recorded", entries: []string{morningMed, nightMed},
			events: []mar.Event{dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven)},
			now:    d("23:00"),
			want:   []DayDoses{{Due: 2, Recorded: 1, Missed: 1}, {}},
		},
		{
			name: "refusal counts as recorded", entries: []string{morningMed},
			events: []mar.Event{dose(1, morningMed, morning, d("08:05"), mar.OutcomeRefused)},
			now:    d("23:00"),
			want:   []DayDoses{{Due: 1, Recorded: 1}, {}},
		},
		{
			name: "night window still open is pending, not missed", entries: []string{morningMed, nightMed},
			events: []mar.Event{dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven)},
			now:    d("21:30"),
			want:   []DayDoses{{Due: 2, Recorded: 1, Pending: 1}, {}},
		},
		{
			name: "night dose given early is counted once its window opens, as the missed report counts it", entries: []string{nightMed},
			events: []mar.Event{dose(1, nightMed, night, d("19:00"), mar.OutcomeGiven)},
			now:    d("20:30"),
			want:   []DayDoses{{Due: 1, Recorded: 1}, {}},
		},
		{
			name: "dose corrected as entered in error is missed again", entries: []string{morningMed},
			events: []mar.Event{
				dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven),
				correct(2, 1, d("10:00")),
			},
			now:  d("23:00"),
			want: []DayDoses{{Due: 1, Missed: 1}, {}},
		},
		{
			name: "correction of a correction leaves the dose recorded", entries: []string{morningMed},
			events: []mar.Event{
				dose(1, morningMed, morning, d("08:05"), mar.OutcomeGiven),
				correct(2, 1, d("10:00")),
				correct(3, 2, d("10:05")),
			},
			now:  d("23:00"),
			want: []DayDoses{{Due: 1, Recorded: 1}, {}},
		},
		{
			name: "in hospital both days is away, not missed", entries: []string{morningMed},
			status: mar.StatusHospital, now: day2("23:00"),
			want: []DayDoses{{Due: 1, Away: 1}, {Due: 1, Away: 1}},
		},
		{
			name: "back from hospital on the 16th: away then missed", entries: []string{morningMed},
			events: []mar.Event{
				status(1, at(t, "2025-01-14 15:00"), mar.StatusHospital),
				status(2, d("12:00"), mar.StatusPresent),
			},
			now:  day2("23:00"),
			want: []DayDoses{{Due: 1, Away: 1}, {Due: 1, Missed: 1}},
		},
		{
			name: "late entry at 15:00 for the morning dose counts on its day", entries: []string{morningMed},
			events: []mar.Event{dose(1, morningMed, morning, d("15:00"), mar.OutcomeGiven)},
			now:    day2("09:30"),
			want:   []DayDoses{{Due: 1, Recorded: 1}, {Due: 1, Missed: 1}},
		},
		{
			name: "slot not yet open is not counted", entries: []string{nightMed},
			now:  d("12:00"),
			want: []DayDoses{{}, {}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture().only(tt.entries...)
			src.events = tt.events
			if tt.status != 0 {
				src.residents[0].Status = tt.status
			}
			rv, err := BuildReview(src, d("00:00"), day2("00:00").Add(24*time.Hour), tt.now)
			if err != nil {
				t.Fatal(err)
			}
			c := rv.Completeness
			if !slices.Equal(c.Days, []string{"2025-01-15", "2025-01-16"}) {
				t.Fatalf("days = %q, want the 15th and 16th", c.Days)
			}
			var got []DayDoses
			if len(c.Residents) == 1 {
				got = c.Residents[0].Days
			} else if len(c.Residents) == 0 {
				got = []DayDoses{{}, {}}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("cells = %+v, want %+v", got, tt.want)
			}
			missed := 0
			for _, cell := range got {
				missed += cell.Missed
			}
			if n := len(section(rv, SectionMissed).Rows); n != missed {
				t.Errorf("grid has %d missed, the missed list %d", missed, n)
			}
		})
	}
}

func section(rv *Review, id SectionID) *Section {
	for i := range rv.Sections {
		if rv.Sections[i].ID == id {
			return &rv.Sections[i]
		}
	}
	return nil
}

func TestCompletenessDaysAcrossTheClockChanges(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{"spring forward: the 23-hour day is one day", "2025-03-29 00:00", "2025-04-01 00:00",
			[]string{"2025-03-29", "2025-03-30", "2025-03-31"}},
		{"fall back: the 25-hour day is one day", "2025-10-25 00:00", "2025-10-28 00:00",
			[]string{"2025-10-25", "2025-10-26", "2025-10-27"}},
		{"since yesterday 07:00 touches two days", "2025-01-14 07:00", "2025-01-15 08:05",
			[]string{"2025-01-14", "2025-01-15"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := localDays(at(t, tt.from), at(t, tt.to), london); !slices.Equal(got, tt.want) {
				t.Errorf("localDays = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCompletenessOnTheClockChangeDay(t *testing.T) {
	// 30 March 2025: clocks go forward at 01:00. The morning dose is due
	// at 08:00 BST, missed, and sits on the 30th.
	src := fixture().only(morningMed)
	rv, err := BuildReview(src, at(t, "2025-03-30 00:00"), at(t, "2025-03-31 00:00"), at(t, "2025-03-30 23:00"))
	if err != nil {
		t.Fatal(err)
	}
	c := rv.Completeness
	if len(c.Residents) != 1 || !slices.Equal(c.Residents[0].Days, []DayDoses{{Due: 1, Missed: 1}}) {
		t.Errorf("grid = %+v, want one missed morning dose on the 30th", c)
	}
}

func TestCompareRooms(t *testing.T) {
	rooms := []string{"", "Garden", "10", "2", "1", "Annexe"}
	slices.SortFunc(rooms, compareRooms)
	want := []string{"1", "2", "10", "Annexe", "Garden", ""}
	if !slices.Equal(rooms, want) {
		t.Errorf("rooms sorted = %q, want %q", rooms, want)
	}
}

func TestIncidentsSectionListsWhatTheCentreFound(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	src := fixture().only(morningMed)
	inc := mar.Event{ID: eventID(5), Kind: mar.KindIncident, DeviceID: "central", ResidentID: resident,
		EntryID: morningMed, EntryVersion: 1, OccurredAt: d("08:00"), RecordedAt: d("09:00"),
		ReasonCodes: []string{"DOUBLE_DOSE"}, About: eventID(1), Note: "Two doses recorded for the 08:00 dose."}
	clockInc := mar.Event{ID: eventID(6), Kind: mar.KindIncident, DeviceID: "central",
		OccurredAt: d("10:00"), RecordedAt: d("10:00"), ReasonCodes: []string{"CLOCK_SKEW"}, Note: "A tablet's clock is 9 minutes slow."}
	followUp := mar.Event{ID: eventID(7), Kind: mar.KindReview, UserID: "U-manager", ResidentID: resident,
		OccurredAt: d("11:00"), RecordedAt: d("11:00"), About: eventID(5), Note: "GP informed"}
	before := inc
	before.ID, before.OccurredAt = eventID(8), at(t, "2025-01-13 08:00")
	src.events = []mar.Event{before, inc, clockInc, followUp}
	rv, err := BuildReview(src, d("00:00"), d("23:59"), d("12:00"))
	if err != nil {
		t.Fatal(err)
	}
	rows := section(rv, SectionIncidents).Rows
	if len(rows) != 2 {
		t.Fatalf("incident rows = %d, want the two of the period", len(rows))
	}
	if rows[0].Codes[0] != "CLOCK_SKEW" || rows[0].Resident != "" {
		t.Errorf("newest first: row 0 = %+v, want the tablet clock, naming no resident", rows[0])
	}
	r := rows[1]
	if r.Resident != "Mary Smith" || r.Medicine != "Amlodipine 5mg tablets" || r.Note == "" {
		t.Errorf("double dose row = %+v", r)
	}
	if r.Reviewed == nil || r.Reviewed.Action != "GP informed" {
		t.Errorf("follow-up = %+v, want GP informed", r.Reviewed)
	}
}

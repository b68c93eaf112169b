package schedule

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

var london = mustLoc("Europe/London")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// local builds a time in the home's zone.
func local(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, london)
}

func clock(s string) mar.ClockTime {
	c, err := mar.ParseClockTime(s)
	if err != nil {
		panic(err)
	}
	return c
}

func regular(id string, t mar.Timing) mar.ChartEntry {
	return mar.ChartEntry{ID: id, ResidentID: "R001", ProductID: "P1", Status: mar.EntryActive,
		Timing: t, Dose: mar.Quantity{Value: 1, Unit: "tablet"}, Version: 1}
}

func dues(slots []Slot) []string {
	out := make([]string, len(slots))
	for i, s := range slots {
		out[i] = s.Due.In(london).Format(time.RFC3339)
	}
	return out
}

func TestDay(t *testing.T) {
	winter := local(2026, 1, 14, 10, 0)
	summer := local(2026, 7, 14, 10, 0)
	springForward := local(2026, 3, 29, 12, 0)
	autumnBack := local(2026, 10, 25, 12, 0)
	start := func(e mar.ChartEntry, t time.Time) mar.ChartEntry { e.Start = t; return e }
	tests := []struct {
		name  string
		entry mar.ChartEntry
		day   time.Time
		want  []string
	}{
		{"morning when code on a winter day is 08:00 GMT",
			regular("e", mar.Timing{When: []string{"MORN"}}), winter,
			[]string{"2026-01-14T08:00:00Z"}},
		{"morning when code on a summer day is 08:00 BST",
			regular("e", mar.Timing{When: []string{"MORN"}}), summer,
			[]string{"2026-07-14T08:00:00+01:00"}},
		{"with meals C CD CV map to morning, lunchtime, teatime",
			regular("e", mar.Timing{When: []string{"CV", "C", "CD"}}), winter,
			[]string{"2026-01-14T08:00:00Z", "2026-01-14T12:00:00Z", "2026-01-14T17:00:00Z"}},
		{"at bedtime HS is the night round",
			regular("e", mar.Timing{When: []string{"HS"}}), winter,
			[]string{"2026-01-14T21:00:00Z"}},
		{"once daily without times is the morning round",
			regular("e", mar.Timing{Frequency: 1, Period: 1, PeriodUnit: "d"}), winter,
			[]string{"2026-01-14T08:00:00Z"}},
		{"twice daily without times is morning and night",
			regular("e", mar.Timing{Frequency: 2, Period: 1, PeriodUnit: "d"}), winter,
			[]string{"2026-01-14T08:00:00Z", "2026-01-14T21:00:00Z"}},
		{"three times daily without times is with meals",
			regular("e", mar.Timing{Frequency: 3, Period: 1, PeriodUnit: "d"}), winter,
			[]string{"2026-01-14T08:00:00Z", "2026-01-14T12:00:00Z", "2026-01-14T17:00:00Z"}},
		{"four times daily without times is every round",
			regular("e", mar.Timing{Frequency: 4, Period: 1, PeriodUnit: "d"}), winter,
			[]string{"2026-01-14T08:00:00Z", "2026-01-14T12:00:00Z", "2026-01-14T17:00:00Z", "2026-01-14T21:00:00Z"}},
		{"six-hourly counts from the morning round",
			regular("e", mar.Timing{Frequency: 1, Period: 6, PeriodUnit: "h"}), winter,
			[]string{"2026-01-14T02:00:00Z", "2026-01-14T08:00:00Z", "2026-01-14T14:00:00Z", "2026-01-14T20:00:00Z"}},
		{"six times a day is every four hours from morning",
			regular("e", mar.Timing{Frequency: 6, Period: 1, PeriodUnit: "d"}), winter,
			[]string{"2026-01-14T00:00:00Z", "2026-01-14T04:00:00Z", "2026-01-14T08:00:00Z",
				"2026-01-14T12:00:00Z", "2026-01-14T16:00:00Z", "2026-01-14T20:00:00Z"}},
		{"explicit times of day win over the frequency",
			regular("e", mar.Timing{TimesOfDay: []mar.ClockTime{clock("22:00"), clock("06:30")}, Frequency: 2, Period: 1, PeriodUnit: "d"}), winter,
			[]string{"2026-01-14T06:30:00Z", "2026-01-14T22:00:00Z"}},
		{"01:30 on the spring-forward day is due at 02:30 BST",
			regular("e", mar.Timing{TimesOfDay: []mar.ClockTime{clock("01:30")}}), springForward,
			[]string{"2026-03-29T02:30:00+01:00"}},
		{"00:30 before the spring jump is still GMT",
			regular("e", mar.Timing{TimesOfDay: []mar.ClockTime{clock("00:30")}}), springForward,
			[]string{"2026-03-29T00:30:00Z"}},
		{"01:30 on the autumn day is the first 01:30, in BST",
			regular("e", mar.Timing{TimesOfDay: []mar.ClockTime{clock("01:30")}}), autumnBack,
			[]string{"2026-10-25T01:30:00+01:00"}},
		{"six-hourly on the 23-hour day still gives four doses",
			regular("e", mar.Timing{Frequency: 1, Period: 6, PeriodUnit: "h"}), springForward,
			[]string{"2026-03-29T02:00:00+01:00", "2026-03-29T08:00:00+01:00", "2026-03-29T14:00:00+01:00", "2026-03-29T20:00:00+01:00"}},
		{"six-hourly on the 25-hour day still gives four doses",
			regular("e", mar.Timing{Frequency: 1, Period: 6, PeriodUnit: "h"}), autumnBack,
			[]string{"2026-10-25T02:00:00Z", "2026-10-25T08:00:00Z", "2026-10-25T14:00:00Z", "2026-10-25T20:00:00Z"}},
		{"night round on the autumn day is 21:00 GMT",
			regular("e", mar.Timing{When: []string{"NIGHT"}}), autumnBack,
			[]string{"2026-10-25T21:00:00Z"}},
		{"every other day on a day counted from the start",
			start(regular("e", mar.Timing{Frequency: 1, Period: 2, PeriodUnit: "d"}), local(2026, 1, 12, 0, 0)), winter,
			[]string{"2026-01-14T08:00:00Z"}},
		{"every other day off day has no dose",
			start(regular("e", mar.Timing{Frequency: 1, Period: 2, PeriodUnit: "d"}), local(2026, 1, 13, 0, 0)), winter,
			nil},
		{"weekly on the start's weekday",
			start(regular("e", mar.Timing{Frequency: 1, Period: 1, PeriodUnit: "wk"}), local(2026, 1, 7, 9, 0)), winter,
			[]string{"2026-01-14T08:00:00Z"}},
		{"weekly, not on another weekday",
			start(regular("e", mar.Timing{Frequency: 1, Period: 1, PeriodUnit: "wk"}), local(2026, 1, 8, 9, 0)), winter,
			nil},
		{"alendronic acid on Wednesdays at 06:00",
			regular("e", mar.Timing{TimesOfDay: []mar.ClockTime{clock("06:00")}, DaysOfWeek: []time.Weekday{time.Wednesday}}), winter,
			[]string{"2026-01-14T06:00:00Z"}},
		{"days of the week exclude other days",
			regular("e", mar.Timing{When: []string{"MORN"}, DaysOfWeek: []time.Weekday{time.Monday, time.Friday}}), winter,
			nil},
		{"monthly on the 31st falls on the last day of February",
			start(regular("e", mar.Timing{Frequency: 1, Period: 1, PeriodUnit: "mo"}), local(2026, 1, 31, 8, 0)), local(2026, 2, 28, 9, 0),
			[]string{"2026-02-28T08:00:00Z"}},
		{"three-monthly injection not due in the month between",
			start(regular("e", mar.Timing{Frequency: 1, Period: 3, PeriodUnit: "mo"}), local(2026, 1, 14, 8, 0)), local(2026, 2, 14, 9, 0),
			nil},
		{"entry starting at noon has no morning dose that day",
			start(regular("e", mar.Timing{Frequency: 2, Period: 1, PeriodUnit: "d"}), local(2026, 1, 14, 12, 0)), winter,
			[]string{"2026-01-14T21:00:00Z"}},
	}
	h := mar.DefaultHome()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slots, err := Day(h, []mar.ChartEntry{tt.entry}, tt.day)
			if err != nil {
				t.Fatalf("Day: %v", err)
			}
			got := dues(slots)
			if fmt.Sprint(got) != fmt.Sprint(normalise(t, tt.want)) {
				t.Errorf("Day(%s) = %v, want %v", tt.day.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

// normalise rewrites wanted times in the form dues prints.
func normalise(t *testing.T, want []string) []string {
	out := make([]string, len(want))
	for i, w := range want {
		tm, err := time.Parse(time.RFC3339, w)
		if err != nil {
			t.Fatalf("bad want %q: %v", w, err)
		}
		out[i] = tm.In(london).Format(time.RFC3339)
	}
	return out
}

func TestEntriesWithoutSlots(t *testing.T) {
	day := local(2026, 1, 14, 10, 0)
	base := regular("e", mar.Timing{When: []string{"MORN"}})
	mod := func(f func(*mar.ChartEntry)) mar.ChartEntry { e := base; f(&e); return e }
	tests := []struct {
		name  string
		entry mar.ChartEntry
	}{
		{"PRN paracetamol is never due", mod(func(e *mar.ChartEntry) { e.PRN = true })},
		{"entry on hold has no due doses", mod(func(e *mar.ChartEntry) { e.Status = mar.EntryOnHold })},
		{"stopped entry has no due doses", mod(func(e *mar.ChartEntry) { e.Status = mar.EntryStopped })},
		{"completed course has no due doses", mod(func(e *mar.ChartEntry) { e.Status = mar.EntryCompleted })},
		{"cancelled entry has no due doses", mod(func(e *mar.ChartEntry) { e.Status = mar.EntryCancelled })},
		{"course ended yesterday", mod(func(e *mar.ChartEntry) { e.End = local(2026, 1, 14, 0, 0) })},
		{"course starts tomorrow", mod(func(e *mar.ChartEntry) { e.Start = local(2026, 1, 15, 0, 0) })},
		{"end exactly at the due time excludes that dose", mod(func(e *mar.ChartEntry) { e.End = local(2026, 1, 14, 8, 0) })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slots, err := Day(mar.DefaultHome(), []mar.ChartEntry{tt.entry}, day)
			if err != nil || len(slots) != 0 {
				t.Errorf("Day = %v, %v; want no slots", dues(slots), err)
			}
		})
	}
}

func TestVersionsSplitTheDay(t *testing.T) {
	change := local(2026, 1, 14, 10, 0)
	v1 := regular("e", mar.Timing{Frequency: 4, Period: 1, PeriodUnit: "d"})
	v1.ValidFrom, v1.ValidTo = local(2026, 1, 1, 0, 0), change
	v2 := v1
	v2.Version, v2.ValidFrom, v2.ValidTo = 2, change, time.Time{}
	slots, err := Day(mar.DefaultHome(), []mar.ChartEntry{v2, v1}, change)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range slots {
		got = append(got, fmt.Sprintf("%s v%d", s.Due.In(london).Format("15:04"), s.Version))
	}
	want := "[08:00 v1 12:00 v2 17:00 v2 21:00 v2]"
	if fmt.Sprint(got) != want {
		t.Errorf("slots = %v, want %s: each version owns the slots due in its validity", got, want)
	}
}

func TestWindowsAndRounds(t *testing.T) {
	h := mar.DefaultHome()
	e := regular("e", mar.Timing{TimesOfDay: []mar.ClockTime{clock("08:00"), clock("10:00")}})
	crit := regular("c", mar.Timing{When: []string{"MORN"}})
	crit.TimeCritical = true
	slots, err := Day(h, []mar.ChartEntry{e, crit}, local(2026, 1, 14, 0, 0))
	if err != nil || len(slots) != 3 {
		t.Fatalf("Day = %v, %v; want 3 slots", slots, err)
	}
	checks := []struct {
		name           string
		s              Slot
		window         time.Duration
		round          string
		critical       bool
		entryID, resID string
	}{
		{"time-critical Parkinson's dose has a 15-minute window", slots[0], 15 * time.Minute, Morning, true, "c", "R001"},
		{"ordinary morning dose has a 60-minute window", slots[1], time.Hour, Morning, false, "e", "R001"},
		{"10:00 dose belongs to no round", slots[2], time.Hour, "", false, "e", "R001"},
	}
	for _, c := range checks {
		s := c.s
		if s.Due.Sub(s.Opens) != c.window || s.Closes.Sub(s.Due) != c.window || s.Round != c.round ||
			s.TimeCritical != c.critical || s.EntryID != c.entryID || s.ResidentID != c.resID {
			t.Errorf("%s: got %+v", c.name, s)
		}
		if !s.InWindow(s.Opens) || !s.InWindow(s.Closes) || s.InWindow(s.Closes.Add(time.Nanosecond)) {
			t.Errorf("%s: window edges should be inside, beyond them outside", c.name)
		}
	}
}

func TestHomeWithoutWindowsGetsDefaults(t *testing.T) {
	h := mar.DefaultHome()
	h.Window, h.CriticalWindow = 0, 0
	slots, err := Day(h, []mar.ChartEntry{regular("e", mar.Timing{When: []string{"MORN"}})}, local(2026, 1, 14, 0, 0))
	if err != nil || len(slots) != 1 || slots[0].Closes.Sub(slots[0].Due) != time.Hour {
		t.Errorf("Day = %+v, %v; want a 60-minute window", slots, err)
	}
}

func TestTimingErrors(t *testing.T) {
	noLunch := mar.DefaultHome()
	noLunch.Rounds = []mar.Round{{Name: Morning, At: 8 * 60}, {Name: Night, At: 21 * 60}}
	noMorning := mar.DefaultHome()
	noMorning.Rounds = []mar.Round{{Name: Night, At: 21 * 60}}
	sameTime := mar.DefaultHome()
	sameTime.Rounds = []mar.Round{{Name: Morning, At: 8 * 60}, {Name: Lunchtime, At: 12 * 60},
		{Name: Teatime, At: 12 * 60}, {Name: Night, At: 21 * 60}}
	tests := []struct {
		name   string
		home   mar.Home
		timing mar.Timing
		says   string // in the error, when the reason matters
	}{
		{"unknown when code", mar.DefaultHome(), mar.Timing{When: []string{"BREAKFAST"}}, ""},
		{"noon dose in a home without a lunchtime round", noLunch, mar.Timing{When: []string{"NOON"}}, ""},
		{"three a day in a home without a lunchtime round", noLunch, mar.Timing{Frequency: 3, Period: 1, PeriodUnit: "d"}, ""},
		{"six-hourly in a home without a morning round", noMorning, mar.Timing{Frequency: 1, Period: 6, PeriodUnit: "h"}, ""},
		{"no timing at all", mar.DefaultHome(), mar.Timing{}, ""},
		{"frequency without a period", mar.DefaultHome(), mar.Timing{Frequency: 2}, ""},
		{"seven a day do not divide the day", mar.DefaultHome(), mar.Timing{Frequency: 7, Period: 1, PeriodUnit: "d"}, ""},
		{"every 7 hours does not divide the day", mar.DefaultHome(), mar.Timing{Frequency: 1, Period: 7, PeriodUnit: "h"}, ""},
		{"two doses every three days", mar.DefaultHome(), mar.Timing{Frequency: 2, Period: 3, PeriodUnit: "d"}, ""},
		{"every other day with no start to count from", mar.DefaultHome(), mar.Timing{Frequency: 1, Period: 2, PeriodUnit: "d"}, ""},
		{"yearly unit", mar.DefaultHome(), mar.Timing{Frequency: 1, Period: 1, PeriodUnit: "a"}, ""},
		{"half a day period in days", mar.DefaultHome(), mar.Timing{Frequency: 1, Period: 1.5, PeriodUnit: "d"}, ""},
		{"twice a month", mar.DefaultHome(), mar.Timing{Frequency: 2, Period: 1, PeriodUnit: "mo"}, ""},
		{"three a week without days", mar.DefaultHome(), mar.Timing{Frequency: 3, Period: 1, PeriodUnit: "wk"}, ""},
		{"negative frequency", mar.DefaultHome(), mar.Timing{Frequency: -1, Period: 1, PeriodUnit: "d"}, ""},
		{"time of day past midnight", mar.DefaultHome(), mar.Timing{TimesOfDay: []mar.ClockTime{24 * 60}}, ""},
		{"weekday out of range", mar.DefaultHome(), mar.Timing{When: []string{"MORN"}, DaysOfWeek: []time.Weekday{9}}, ""},
		{"AFT and EVE are both teatime: two doses, not one", mar.DefaultHome(), mar.Timing{When: []string{"AFT", "EVE"}},
			"same round (teatime)"},
		{"MORN listed twice", mar.DefaultHome(), mar.Timing{When: []string{"MORN", "NIGHT", "MORN"}}, "same round (morning)"},
		{"the same time of day listed twice", mar.DefaultHome(), mar.Timing{TimesOfDay: []mar.ClockTime{clock("14:00"), clock("14:00")}},
			"are the same (14:00)"},
		{"a time and a when code on the same round", mar.DefaultHome(),
			mar.Timing{TimesOfDay: []mar.ClockTime{clock("08:00")}, When: []string{"MORN"}}, "same round (morning)"},
		{"three a day in a home with lunchtime and teatime at the same time", sameTime,
			mar.Timing{Frequency: 3, Period: 1, PeriodUnit: "d"}, "lunchtime and teatime rounds"},
		{"noon and teatime codes in a home with both rounds at 12:00", sameTime,
			mar.Timing{When: []string{"NOON", "CV"}}, "at the same time (12:00)"},
	}
	good := regular("good", mar.Timing{TimesOfDay: []mar.ClockTime{clock("08:00")}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := regular("bad", tt.timing)
			slots, err := Day(tt.home, []mar.ChartEntry{bad, good}, local(2026, 1, 14, 0, 0))
			var te *TimingError
			if !errors.As(err, &te) || te.EntryID != "bad" {
				t.Fatalf("Day error = %v, want a TimingError for entry bad", err)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Day error = %v, want it to say %q", err, tt.says)
			}
			if len(slots) != 1 || slots[0].EntryID != "good" {
				t.Errorf("slots = %+v, want the good entry's dose all the same", slots)
			}
		})
	}
}

// A dose that needs a round the home lacks is fixed in the home's
// settings, a wrong chart by changing the chart: the error tells them
// apart, so a care worker can be told which.
func TestMissingRoundIsToldApart(t *testing.T) {
	noNight := mar.DefaultHome()
	noNight.Rounds = []mar.Round{{Name: Morning, At: 8 * 60}, {Name: Lunchtime, At: 12 * 60}, {Name: Teatime, At: 17 * 60}}
	noMorning := mar.DefaultHome()
	noMorning.Rounds = []mar.Round{{Name: Night, At: 21 * 60}}
	tests := []struct {
		name   string
		home   mar.Home
		timing mar.Timing
		round  string // the missing round, "" when the chart is what is wrong
	}{
		{"night dose in a home without a night round", noNight, mar.Timing{When: []string{"NIGHT"}}, Night},
		{"twice a day in a home without a night round", noNight, mar.Timing{Frequency: 2, Period: 1, PeriodUnit: "d"}, Night},
		{"six-hourly in a home without a morning round", noMorning, mar.Timing{Frequency: 1, Period: 6, PeriodUnit: "h"}, Morning},
		{"two codes on one round is the chart's fault", mar.DefaultHome(), mar.Timing{When: []string{"AFT", "EVE"}}, ""},
		{"an unknown when code is the chart's fault", mar.DefaultHome(), mar.Timing{When: []string{"BREAKFAST"}}, ""},
	}
	for _, tt := range tests {
		_, err := Day(tt.home, []mar.ChartEntry{regular("bad", tt.timing)}, local(2026, 1, 14, 0, 0))
		var mr *MissingRoundError
		got := ""
		if errors.As(err, &mr) {
			got = mr.Round
		}
		if err == nil || got != tt.round {
			t.Errorf("%s: Day error = %v, missing round %q; want %q", tt.name, err, got, tt.round)
		}
	}
}

func TestBetweenIsHalfOpenAndSorted(t *testing.T) {
	h := mar.DefaultHome()
	a := regular("a", mar.Timing{When: []string{"MORN", "NIGHT"}})
	b := regular("b", mar.Timing{When: []string{"MORN"}})
	b.ResidentID = "R000"
	from, to := local(2026, 1, 14, 8, 0), local(2026, 1, 16, 8, 0)
	slots, err := Between(h, []mar.ChartEntry{a, b}, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range slots {
		got = append(got, s.Due.In(london).Format("02 15:04 ")+s.EntryID)
	}
	want := "[14 08:00 b 14 08:00 a 14 21:00 a 15 08:00 b 15 08:00 a 15 21:00 a]"
	if fmt.Sprint(got) != want {
		t.Errorf("Between = %v, want %s", got, want)
	}
	if s, err := Between(h, []mar.ChartEntry{a}, to, from); err != nil || s != nil {
		t.Errorf("Between with to before from = %v, %v; want nothing", s, err)
	}
}

func TestBadZone(t *testing.T) {
	h := mar.DefaultHome()
	h.TimeZone = "Mars/Olympus"
	if _, err := Day(h, nil, time.Now()); err == nil {
		t.Error("Day with an unknown zone: want an error")
	}
	if _, err := CurrentRound(h, time.Now()); err == nil {
		t.Error("CurrentRound with an unknown zone: want an error")
	}
}

func TestDayBounds(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want time.Duration
	}{
		{"an ordinary day has 24 hours", local(2026, 1, 14, 23, 59), 24 * time.Hour},
		{"the spring-forward day has 23 hours", local(2026, 3, 29, 0, 0), 23 * time.Hour},
		{"the autumn day has 25 hours", local(2026, 10, 25, 23, 0), 25 * time.Hour},
	}
	for _, tt := range tests {
		start, end, err := DayBounds(mar.DefaultHome(), tt.at)
		if err != nil {
			t.Fatal(err)
		}
		ls := start.In(london)
		if end.Sub(start) != tt.want || ls.Hour() != 0 || ls.Minute() != 0 || ls.Day() != tt.at.Day() {
			t.Errorf("%s: DayBounds = %v..%v", tt.name, start, end)
		}
	}
}

func TestCurrentRound(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"07:30 is the morning round", local(2026, 1, 14, 7, 30), Morning},
		{"10:00, halfway, stays with the morning round under way", local(2026, 1, 14, 10, 0), Morning},
		{"10:01 is nearer lunchtime", local(2026, 1, 14, 10, 1), Lunchtime},
		{"16:00 is teatime", local(2026, 1, 14, 16, 0), Teatime},
		{"02:00 is still the night round", local(2026, 1, 14, 2, 0), Night},
		{"04:00 is nearer the morning round", local(2026, 1, 14, 4, 0), Morning},
		{"summer 21:30 BST is the night round", local(2026, 7, 14, 21, 30), Night},
	}
	for _, tt := range tests {
		r, err := CurrentRound(mar.DefaultHome(), tt.at.UTC())
		if err != nil || r.Name != tt.want {
			t.Errorf("%s: CurrentRound = %q, %v; want %q", tt.name, r.Name, err, tt.want)
		}
	}
	if r, err := CurrentRound(mar.Home{}, time.Now()); err != nil || r.Name != "" {
		t.Errorf("home without rounds: CurrentRound = %+v, %v; want the zero round", r, err)
	}
}

// realisticChart is 100 residents with 12 entries each, a mix of timings.
func realisticChart() []mar.ChartEntry {
	timings := []mar.Timing{
		{When: []string{"MORN"}}, {When: []string{"NIGHT"}}, {When: []string{"C", "CV"}},
		{Frequency: 2, Period: 1, PeriodUnit: "d"}, {Frequency: 3, Period: 1, PeriodUnit: "d"},
		{Frequency: 4, Period: 1, PeriodUnit: "d"}, {Frequency: 1, Period: 6, PeriodUnit: "h"},
		{TimesOfDay: []mar.ClockTime{6 * 60, 22 * 60}}, {Frequency: 1, Period: 1, PeriodUnit: "wk"},
		{When: []string{"MORN"}, DaysOfWeek: []time.Weekday{time.Monday, time.Thursday}},
		{Frequency: 1, Period: 2, PeriodUnit: "d"}, {When: []string{"HS"}},
	}
	var out []mar.ChartEntry
	for r := range 100 {
		for i, tm := range timings {
			e := regular(fmt.Sprintf("R%03d-E%02d", r, i), tm)
			e.ResidentID = fmt.Sprintf("R%03d", r)
			e.Start = local(2025, 1, 1, 0, 0)
			out = append(out, e)
		}
	}
	return out
}

func BenchmarkDayWholeHome(b *testing.B) {
	chart, h := realisticChart(), mar.DefaultHome()
	day := local(2026, 3, 29, 12, 0)
	for b.Loop() {
		if _, err := Day(h, chart, day); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBetweenYearWholeHome(b *testing.B) {
	chart, h := realisticChart(), mar.DefaultHome()
	from := local(2025, 1, 1, 0, 0)
	for b.Loop() {
		if _, err := Between(h, chart, from, from.AddDate(1, 0, 0)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDayOneResident(b *testing.B) {
	chart, h := realisticChart()[:12], mar.DefaultHome()
	day := local(2026, 3, 29, 12, 0)
	for b.Loop() {
		if _, err := Day(h, chart, day); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDefaultWindowsMatchDefaultHome(t *testing.T) {
	h := mar.DefaultHome()
	if h.Window != defaultWindow || h.CriticalWindow != defaultCriticalWindow {
		t.Errorf("schedule's fallback windows %v/%v differ from mar.DefaultHome %v/%v",
			defaultWindow, defaultCriticalWindow, h.Window, h.CriticalWindow)
	}
}

func TestCalendarMatchesBetween(t *testing.T) {
	h := mar.DefaultHome()
	cal, err := NewCalendar(h)
	if err != nil {
		t.Fatal(err)
	}
	if cal.Location().String() != "Europe/London" {
		t.Errorf("Location = %v", cal.Location())
	}
	chart := realisticChart()[:12]
	day := local(2026, 10, 25, 12, 0)
	a, errA := cal.Day(chart, day)
	b, errB := Day(h, chart, day)
	if errA != nil || errB != nil || fmt.Sprint(a) != fmt.Sprint(b) || len(a) == 0 {
		t.Errorf("Calendar.Day and Day differ: %d slots %v, %d slots %v", len(a), errA, len(b), errB)
	}
}

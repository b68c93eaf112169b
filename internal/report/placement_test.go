package report

import (
	"errors"
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

// moved returns the fixture with the morning medicine moved from 08:00 to
// 09:00 by a chart change at 08:30 on 15 January, under the same request.
func moved(t *testing.T) *memSource {
	src := fixture().only(morningMed)
	v1 := src.charts[resident][0]
	v2 := v1
	v2.Version, v2.ValidFrom = 2, at(t, "2025-01-15 08:30")
	v2.Timing.TimesOfDay = []mar.ClockTime{9 * 60}
	v1.ValidTo = v2.ValidFrom
	src.charts[resident] = []mar.ChartEntry{v1, v2}
	return src
}

// TestMissedAfterTimingChange is issue 15.9 in the report: the record is
// placed on the slots as the check places it, so a dose the check stops as
// already given is not listed missed.
func TestMissedAfterTimingChange(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	v2Dose := func(n int, due, occurred time.Time) mar.Event {
		ev := dose(n, morningMed, due, occurred, mar.OutcomeGiven)
		ev.EntryVersion = 2
		return ev
	}
	tests := []struct {
		name   string
		events []mar.Event
		want   []string
	}{
		{"08:00 dose given, then moved to 09:00 at 08:30: the 09:00 slot is not missed",
			[]mar.Event{dose(1, morningMed, d("08:00"), d("08:02"), mar.OutcomeGiven)}, []string{}},
		{"08:00 dose not given, moved to 09:00 and given at 09:05: the 08:00 slot is the same dose",
			[]mar.Event{v2Dose(1, d("09:00"), d("09:05"))}, []string{}},
		{"yesterday's 08:00 dose does not close today's moved dose",
			[]mar.Event{dose(1, morningMed, d("08:00").Add(-24*time.Hour), d("08:02").Add(-24*time.Hour), mar.OutcomeGiven)},
			[]string{morningMed + "@01-15 08:00", morningMed + "@01-15 09:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := moved(t)
			src.events = tt.events
			rep := build(t, src, KindMissed, d("00:00"), at(t, "2025-01-16 00:00"), d("23:00"))
			if got := brief(rep); !slices.Equal(got, tt.want) {
				t.Errorf("rows = %q, want %q", got, tt.want)
			}
			if rep.Total.Due != 2 {
				t.Errorf("due = %d, want 2: the old 08:00 slot and the new 09:00 one", rep.Total.Due)
			}
		})
	}
}

// TestReportsUseTheVersionTheDoseWasGivenUnder is issue 15.7 in the
// reports: paracetamol PRN changed from tablets to liquid under the same
// request. Doses given as tablets stay tablets; they are never added to mL.
func TestReportsUseTheVersionTheDoseWasGivenUnder(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	src := fixture().only(paracetPRN)
	v1 := src.charts[resident][0]
	v2 := v1
	v2.Version, v2.ValidFrom, v2.ProductID = 2, d("16:00"), "P-paracetamol-liquid"
	v2.Dose, v2.DoseLow, v2.DoseHigh = mar.Quantity{Value: 10, Unit: "mL"}, 0, 0
	v2.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 80, Unit: "mL"}, Period: 24 * time.Hour}
	v1.ValidTo = v2.ValidFrom
	src.charts[resident] = []mar.ChartEntry{v1, v2}
	src.products = append(src.products, mar.Product{ID: "P-paracetamol-liquid", Name: "Paracetamol 250mg/5ml oral suspension"})
	prn := func(n, version int, occurred time.Time, qty float64) mar.Event {
		ev := dose(n, paracetPRN, time.Time{}, occurred, mar.OutcomeGiven)
		ev.EntryVersion, ev.Quantity = version, qty
		return ev
	}
	liquid := prn(3, 2, d("20:00"), 10)
	liquid.ProductID, liquid.DoseUnit = "P-paracetamol-liquid", "mL"
	src.events = []mar.Event{prn(1, 1, d("08:00"), 2), prn(2, 1, d("14:00"), 2), liquid}

	rep := build(t, src, KindPRN, d("00:00"), at(t, "2025-01-16 00:00"), d("23:00"))
	type use struct {
		medicine, unit, limit string
		count                 int
		total                 float64
	}
	var got []use
	for _, r := range rep.Rows {
		got = append(got, use{r.Medicine, r.PRN.Unit, r.PRN.Limit, r.PRN.Count, r.PRN.Total})
	}
	want := []use{
		{"Paracetamol 250mg/5ml oral suspension", "mL", "80 mL per 24h", 1, 10},
		{"Paracetamol 500mg tablets", "tablet", "8 tablet per 24h", 2, 4},
	}
	slices.SortFunc(got, func(a, b use) int { return cmpStr(a.medicine, b.medicine) })
	if !slices.Equal(got, want) {
		t.Errorf("PRN rows = %+v, want %+v", got, want)
	}

	refused := prn(4, 1, d("10:00"), 0)
	refused.Outcome = mar.OutcomeRefused
	src.events = []mar.Event{refused}
	rep = build(t, src, KindNotGiven, d("00:00"), at(t, "2025-01-16 00:00"), d("23:00"))
	if len(rep.Rows) != 1 || rep.Rows[0].Medicine != "Paracetamol 500mg tablets" || rep.Rows[0].Dose != "2 tablet" {
		t.Errorf("not-given rows = %+v, want the tablets refused at 10:00 as tablets", rep.Rows)
	}
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestMissedUsesTheStatusAtTheDose is issue 15.8 in the report: a
// time-critical dose missed while the resident was present stays missed
// when they go to hospital afterwards, whatever their status is now.
func TestMissedUsesTheStatusAtTheDose(t *testing.T) {
	d := func(s string) time.Time { return at(t, "2025-01-15 "+s) }
	tests := []struct {
		name     string
		hospital time.Time
		now      time.Time
	}{
		{"missed 06:00 levodopa, to hospital at 10:00 the same day", d("10:00"), d("23:00")},
		{"missed 06:00 levodopa, to hospital a month later, report read after", at(t, "2025-02-14 10:00"), at(t, "2025-02-15 09:00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture().only(levodopa)
			src.residents[0].Status = mar.StatusHospital // as now
			src.events = []mar.Event{status(1, tt.hospital, mar.StatusHospital)}
			rep := build(t, src, KindMissed, d("00:00"), d("12:00"), tt.now)
			if len(rep.Rows) != 1 || rep.Rows[0].Away != "" || !rep.Rows[0].TimeCritical {
				t.Errorf("rows = %+v, want the 06:00 levodopa missed while present", rep.Rows)
			}
			if rep.Total.Away != 0 {
				t.Errorf("away = %d, want 0", rep.Total.Away)
			}
		})
	}
}

// TestPeriodBound is issue 9's bounded work: slots are expanded only up to
// now, and a period of more than MaxPeriod up to now is refused.
func TestPeriodBound(t *testing.T) {
	now := at(t, "2025-01-15 12:00")
	far := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		from, to time.Time
		wantErr  error
	}{
		{"a month ago to 2100 is the month up to now", now.AddDate(0, -1, 0), far, nil},
		{"400 days up to now is allowed", now.Add(-MaxPeriod), now, nil},
		{"a day more than 400 days up to now is refused", now.Add(-MaxPeriod - 24*time.Hour), now, ErrPeriodTooLong},
		{"2000 to 2100 is refused", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), far, ErrPeriodTooLong},
		{"a period wholly in the future is empty, not refused", now.AddDate(1, 0, 0), far, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Build(fixture(), KindMissed, tt.from, tt.to, now)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Build = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			// Three regular doses a day; none counted after now.
			days := int(now.Sub(tt.from).Hours()/24) + 1
			if rep.Total.Due > 4*max(days, 0) {
				t.Errorf("due = %d over %d days to now: slots after now were counted", rep.Total.Due, days)
			}
		})
	}
}

package report

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// yearHome is the size the issue sets for performance: 100 residents with
// 12 chart entries each (10 regular, giving 12 doses a day, and 2 PRN) and a
// year of history, about 450,000 events, generated deterministically.
func yearHome(tb testing.TB) (*memSource, time.Time, time.Time) {
	tb.Helper()
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // midnight in London in winter
	to := from.AddDate(1, 0, 0)
	src := &memSource{home: mar.DefaultHome(), charts: map[string][]mar.ChartEntry{}}
	rounds := []mar.ClockTime{8 * 60, 8 * 60, 8 * 60, 12 * 60, 17 * 60, 21 * 60, 21 * 60, 21 * 60}
	for p := range 12 {
		src.products = append(src.products, mar.Product{ID: fmt.Sprintf("P%02d", p), Name: fmt.Sprintf("Medicine %d", p)})
	}
	var entries []mar.ChartEntry
	for r := range 100 {
		rid := fmt.Sprintf("R%04d", r)
		src.residents = append(src.residents, mar.Resident{ID: rid, GivenName: "Resident", FamilyName: rid,
			Status: mar.StatusPresent, Active: true})
		var chart []mar.ChartEntry
		for e := range 12 {
			ce := mar.ChartEntry{ID: fmt.Sprintf("%s-E%02d", rid, e), ResidentID: rid,
				ProductID: fmt.Sprintf("P%02d", e), Status: mar.EntryActive, Version: 1,
				ValidFrom: from.AddDate(0, -1, 0), Dose: mar.Quantity{Value: 1, Unit: "tablet"}}
			switch {
			case e < 8:
				ce.Timing.TimesOfDay = []mar.ClockTime{rounds[e]}
			case e < 10:
				ce.Timing.TimesOfDay = []mar.ClockTime{8 * 60, 21 * 60}
			default:
				ce.PRN, ce.MinInterval = true, 4*time.Hour
				ce.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 8, Unit: "tablet"}, Period: 24 * time.Hour}
			}
			chart = append(chart, ce)
		}
		src.charts[rid] = chart
		entries = append(entries, chart...)
	}
	slots, err := schedule.Between(src.home, entries, from, to)
	if err != nil {
		tb.Fatal(err)
	}
	src.events = yearEvents(slots, src.residents, from, to)
	return src, from, to
}

// yearEvents records each slot as most homes would: nearly all given on
// time, some late, refused or not given, a few missed or corrected; and PRN
// doses about every other day per PRN entry.
func yearEvents(slots []schedule.Slot, residents []mar.Resident, from, to time.Time) []mar.Event {
	rng := rand.New(rand.NewPCG(3, 17))
	evs := make([]mar.Event, 0, len(slots)+len(slots)/10)
	n := uint64(0)
	next := func() uuid.UUID {
		n++
		var id uuid.UUID
		for i := range 8 {
			id[15-i] = byte(n >> (8 * i))
		}
		return id
	}
	for _, s := range slots {
		x := rng.IntN(1000)
		if x < 5 { // missed
			continue
		}
		ev := mar.Event{ID: next(), Kind: mar.KindAdministration, UserID: "U1", DeviceID: "T1",
			ResidentID: s.ResidentID, EntryID: s.EntryID, EntryVersion: 1, SlotDue: s.Due,
			Outcome: mar.OutcomeGiven, Quantity: 1, OccurredAt: s.Due.Add(time.Duration(rng.IntN(40)) * time.Minute)}
		switch {
		case x < 15:
			ev.OccurredAt = s.Due.Add(90 * time.Minute)
			ev.OverrideReason = "resident was out"
		case x < 25:
			ev.Outcome, ev.Quantity = mar.OutcomeRefused, 0
		case x < 30:
			ev.Outcome, ev.Quantity, ev.Reason, ev.Note = mar.OutcomeNotGiven, 0, mar.ReasonAsleep, "asleep, re-offered"
		}
		ev.RecordedAt = ev.OccurredAt
		evs = append(evs, ev)
		if x == 999 {
			evs = append(evs, mar.Event{ID: next(), Kind: mar.KindCorrection, ResidentID: s.ResidentID,
				OccurredAt: ev.OccurredAt.Add(time.Hour), Corrects: ev.ID})
		}
	}
	for _, r := range residents {
		for e := 10; e < 12; e++ {
			for t := from.Add(time.Duration(rng.IntN(48)) * time.Hour); t.Before(to); t = t.Add(time.Duration(24+rng.IntN(48)) * time.Hour) {
				evs = append(evs, mar.Event{ID: next(), Kind: mar.KindAdministration, ResidentID: r.ID,
					EntryID: fmt.Sprintf("%s-E%02d", r.ID, e), Outcome: mar.OutcomeGiven, Quantity: 2, OccurredAt: t})
			}
		}
	}
	slices.SortStableFunc(evs, func(a, b mar.Event) int { return a.OccurredAt.Compare(b.OccurredAt) })
	return evs
}

func benchmarkYear(b *testing.B, k Kind) {
	src, from, to := yearHome(b)
	var rows, n int
	var cpu time.Duration
	for b.Loop() {
		start := cpuTime()
		rep, err := Build(src, k, from, to, to)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		rows = len(rep.Rows)
		n++
	}
	b.ReportMetric(float64(rows), "rows")
	// CPU time includes the garbage collector's work on both cores.
	b.ReportMetric(float64(cpu)/float64(n)/1e6, "cpu-ms/op")
}

// BenchmarkMissedYear is the issue's figure: a missed-dose report over a
// whole year for 100 residents x 12 entries (~450k events) under 1 s.
func BenchmarkMissedYear(b *testing.B)   { benchmarkYear(b, KindMissed) }
func BenchmarkLateYear(b *testing.B)     { benchmarkYear(b, KindLate) }
func BenchmarkNotGivenYear(b *testing.B) { benchmarkYear(b, KindNotGiven) }
func BenchmarkPRNYear(b *testing.B)      { benchmarkYear(b, KindPRN) }

func TestYearHomeIsTheSizeTheIssueSets(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds a year of history; BenchmarkMissedYear times it")
	}
	src, from, to := yearHome(t)
	if n := len(src.events); n < 430_000 || n > 480_000 {
		t.Errorf("events = %d, want about 450,000", n)
	}
	rep, err := Build(src, KindMissed, from, to, to)
	if err != nil {
		t.Fatal(err)
	}
	// 0.5% of 438,000 slots are left unrecorded, 0.1% corrected.
	if rep.Total.Count < 2000 || rep.Total.Count > 3500 || rep.Total.Due != 100*12*366 {
		t.Errorf("missed %d of %d due", rep.Total.Count, rep.Total.Due)
	}
}

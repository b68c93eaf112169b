package report

import (
	"maps"
	"slices"
	"testing"
	"time"

	"medround/internal/mar"
)

// EventsOfKinds makes memSource a PRNSource: the resident's events of the
// kinds asked for in [from, to), a zero from meaning from the start.
func (m *memSource) EventsOfKinds(residentID string, from, to time.Time, kinds ...mar.EventKind) ([]mar.Event, error) {
	var out []mar.Event
	for _, ev := range m.events {
		if ev.ResidentID == residentID && slices.Contains(kinds, ev.Kind) &&
			!ev.OccurredAt.Before(from) && ev.OccurredAt.Before(to) {
			out = append(out, ev)
		}
	}
	return out, nil
}

// TestPRNReportAndSummaryCountTheSameDoses runs the PRN report and the
// managers' PRN summary over one home and asks that both count the same
// doses, by chart line: both ask check.IsPRNDose. The rows marked "used
// to" are where the PRN report (the chart version given under is PRN) and
// the summary (the record names no slot) disagreed.
func TestPRNReportAndSummaryCountTheSameDoses(t *testing.T) {
	from := at(t, "2025-01-15 00:00")
	noon := at(t, "2025-01-15 12:00")
	// madeRegular ends the PRN paracetamol at noon and charts it as a
	// regular 08:00 dose from then.
	madeRegular := func(m *memSource) {
		chart := m.charts[resident]
		for i, e := range chart {
			if e.ID == paracetPRN {
				chart[i].ValidTo = noon
				reg := entry(paracetPRN, "P-paracetamol", 8*60)
				reg.Version, reg.ValidFrom, reg.Dose = 2, noon, mar.Quantity{Value: 2, Unit: "tablet"}
				m.charts[resident] = append(chart, reg)
				return
			}
		}
	}
	withVersion := func(ev mar.Event, v int) mar.Event { ev.EntryVersion = v; return ev }
	homely := prnDoseEvent(1, at(t, "2025-01-15 14:00"), 2)
	homely.EntryID, homely.ProductID, homely.DoseUnit = mar.HomelyPrefix+"PARA", mar.HomelyPrefix+"PARA", "tablet"
	refused := prnDoseEvent(1, at(t, "2025-01-15 14:00"), 0)
	refused.Outcome = mar.OutcomeRefused
	for _, c := range []struct {
		name   string
		chart  func(*memSource) // nil: the fixture's chart
		events []mar.Event
		want   map[string]int // doses counted by chart line
	}{
		{name: "PRN paracetamol given at 10:00 counts in both",
			events: []mar.Event{prnDoseEvent(1, at(t, "2025-01-15 10:00"), 2)},
			want:   map[string]int{paracetPRN: 1}},
		{name: "paracetamol given when required at 10:00, the line made regular at noon, counts in both",
			chart:  madeRegular,
			events: []mar.Event{withVersion(prnDoseEvent(1, at(t, "2025-01-15 10:00"), 2), 1)},
			want:   map[string]int{paracetPRN: 1}},
		// The PRN report used to read the latest version, now regular, and
		// leave the dose out.
		{name: "paracetamol given when required on a record naming no chart version, the line since made regular, counts in both",
			chart:  madeRegular,
			events: []mar.Event{withVersion(prnDoseEvent(1, at(t, "2025-01-15 10:00"), 2), 0)},
			want:   map[string]int{paracetPRN: 1}},
		// The PRN report used to count it, the summary not: it is the dose
		// of its slot, for the missed and late reports.
		{name: "PRN paracetamol on a record naming the 08:00 slot counts in neither",
			events: []mar.Event{dose(1, paracetPRN, at(t, "2025-01-15 08:00"), at(t, "2025-01-15 08:05"), mar.OutcomeGiven)},
			want:   map[string]int{}},
		// The PRN report used to leave it out, the summary count it.
		{name: "regular amlodipine given at 14:00 with no dose slot named counts in both",
			events: []mar.Event{dose(1, morningMed, time.Time{}, at(t, "2025-01-15 14:00"), mar.OutcomeGiven)},
			want:   map[string]int{morningMed: 1}},
		{name: "homely paracetamol from the home's stock given at 14:00 counts in both",
			events: []mar.Event{homely},
			want:   map[string]int{mar.HomelyPrefix + "PARA": 1}},
		{name: "amlodipine given at its 08:00 dose counts in neither",
			events: []mar.Event{dose(1, morningMed, at(t, "2025-01-15 08:00"), at(t, "2025-01-15 08:05"), mar.OutcomeGiven)},
			want:   map[string]int{}},
		{name: "PRN paracetamol offered and refused counts in neither",
			events: []mar.Event{refused},
			want:   map[string]int{}},
		{name: "PRN paracetamol given before the period counts in neither",
			events: []mar.Event{prnDoseEvent(1, at(t, "2025-01-14 23:00"), 2)},
			want:   map[string]int{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := fixture()
			if c.chart != nil {
				c.chart(src)
			}
			src.events = c.events
			to := from.Add(48 * time.Hour)
			rep := build(t, src, KindPRN, from, to, to.Add(24*time.Hour))
			fromReport := map[string]int{}
			for _, r := range rep.Rows {
				fromReport[r.EntryID] += r.PRN.Count
			}
			sum, err := BuildPRNSummary(src, from, to)
			if err != nil {
				t.Fatalf("BuildPRNSummary = %v", err)
			}
			fromSummary := map[string]int{}
			for _, r := range sum {
				for _, l := range r.Lines {
					if l.Doses > 0 {
						fromSummary[l.EntryID] += l.Doses
					}
				}
			}
			if !maps.Equal(fromReport, c.want) || !maps.Equal(fromSummary, c.want) {
				t.Errorf("PRN report counts %v, PRN summary %v; want %v in both", fromReport, fromSummary, c.want)
			}
		})
	}
}

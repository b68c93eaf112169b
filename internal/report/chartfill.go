package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// addEntries puts each chart entry in force on any day of the chart down
// the side, from its latest version in the period, with a row per dose
// time of every version.
func (g *chartGrid) addEntries(residentID string) error {
	b := g.b
	cal, err := schedule.NewCalendar(b.home)
	if err != nil {
		return err
	}
	var order []string
	for i := range b.entries {
		e := b.entries[i]
		if e.ResidentID != residentID || !e.ValidFrom.Before(b.to) || (!e.ValidTo.IsZero() && !e.ValidTo.After(b.from)) {
			continue
		}
		if (!e.End.IsZero() && !e.End.After(b.from)) || (!e.Start.IsZero() && !e.Start.Before(b.to)) {
			continue
		}
		line := g.lines[e.ID]
		if line == nil {
			line = &ChartLine{EntryID: e.ID}
			g.lines[e.ID] = line
			order = append(order, e.ID)
		}
		g.describe(line, &e)
		if e.PRN {
			g.row(line, "PRN")
			continue
		}
		if e.Status != mar.EntryActive {
			continue
		}
		slots, err := cal.Between([]mar.ChartEntry{e}, b.from, b.to)
		if err != nil {
			continue // the row stays empty; the reports name the timing
		}
		for _, sl := range slots {
			if sl.Due.Before(e.ValidFrom) || (!e.ValidTo.IsZero() && !sl.Due.Before(e.ValidTo)) {
				continue
			}
			g.row(line, sl.Due.In(b.loc).Format("15:04"))
			g.slots = append(g.slots, sl)
		}
	}
	for _, id := range order {
		g.chart.Lines = append(g.chart.Lines, *g.lines[id])
	}
	for i := range g.chart.Lines {
		g.lines[g.chart.Lines[i].EntryID] = &g.chart.Lines[i]
	}
	return nil
}

// describe fills the side of a line from an entry version; later versions
// overwrite earlier ones.
func (g *chartGrid) describe(line *ChartLine, e *mar.ChartEntry) {
	line.Medicine = g.b.medicine(e)
	line.Dose = e.DoseText()
	line.Route = e.Route
	line.Instructions = strings.TrimSpace(e.PatientInstruction)
	if line.Instructions == "" {
		line.Instructions = strings.TrimSpace(e.Text)
	}
	if e.PRN && e.PRNReason != "" {
		line.Instructions = strings.TrimSpace("When required for " + e.PRNReason + ". " + line.Instructions)
	}
	line.PRN, line.TimeCritical = e.PRN, e.TimeCritical
	line.Controlled = g.cd[e.ProductID]
	var times []string
	for _, t := range e.Timing.TimesOfDay {
		times = append(times, t.String())
	}
	line.Times = strings.Join(times, " ")
	if e.PRN {
		line.Times = "when required"
	}
}

// addRecords marks each dose record in its slot's cell: initials (and the
// witness's), or the code of why not; struck through when a correction
// voided it.
func (g *chartGrid) addRecords(events []mar.Event, key userKey) {
	void := mar.NewStanding(events).Voided()
	for i := range events {
		ev := &events[i]
		if ev.Kind != mar.KindAdministration {
			continue
		}
		line := g.lines[ev.EntryID]
		at, rowTime := ev.SlotDue, "PRN"
		if at.IsZero() {
			at = ev.OccurredAt
		} else {
			rowTime = at.In(g.b.loc).Format("15:04")
		}
		d := g.day(at)
		if line == nil || d < 0 {
			continue
		}
		m := Mark{Struck: void[ev.ID], Override: ev.OverrideReason != "" || ev.Verdict == mar.LevelWarn}
		switch ev.Outcome {
		case mar.OutcomeGiven:
			m.Text = key.of(ev.UserID)
			if ev.WitnessID != "" {
				m.Text += "/" + key.of(ev.WitnessID)
				g.users[strings.ToLower(ev.WitnessID)] = true
			}
			m.Late = !ev.SlotDue.IsZero() && g.offWindow(line, ev)
		case mar.OutcomeRefused:
			m.Text = "R"
		default:
			m.Text = reasonCodes[ev.Reason]
			if m.Text == "" {
				m.Text = "X"
			}
		}
		g.users[strings.ToLower(ev.UserID)] = true
		row := g.row(line, rowTime)
		row.Cells[d] = append(row.Cells[d], m)
	}
	g.statuses(events, void)
}

// offWindow reports whether a dose was given outside its window.
func (g *chartGrid) offWindow(line *ChartLine, ev *mar.Event) bool {
	w := g.b.home.Window
	if line.TimeCritical {
		w = g.b.home.CriticalWindow
	}
	return ev.OccurredAt.After(ev.SlotDue.Add(w)) || ev.OccurredAt.Before(ev.SlotDue.Add(-w))
}

// statuses keeps the resident's status changes for markMissed.
func (g *chartGrid) statuses(events []mar.Event, void map[uuid.UUID]bool) {
	s := &scanned{}
	for _, ev := range events {
		if ev.Kind == mar.KindStatusChange {
			s.statuses = append(s.statuses, statusEvent{id: ev.ID, residentID: ev.ResidentID, at: ev.OccurredAt, status: ev.Status})
		}
	}
	g.tls = g.b.timelines(s, void)
}

// markMissed marks each slot whose window closed with nothing standing in
// it: M, or H / L when the resident was away the whole window (the rule
// the missed report uses).
func (g *chartGrid) markMissed() {
	for _, sl := range g.slots {
		if !g.b.now.After(sl.Closes) {
			continue
		}
		line, d := g.lines[sl.EntryID], g.day(sl.Due)
		if line == nil || d < 0 {
			continue
		}
		row := g.row(line, sl.Due.In(g.b.loc).Format("15:04"))
		standing := false
		for _, m := range row.Cells[d] {
			standing = standing || !m.Struck
		}
		if standing {
			continue
		}
		code := "M"
		if g.b.awayThroughout(g.tls, sl.ResidentID, sl.Opens, sl.Closes) {
			code = "H"
			if st, _ := g.b.statusAt(g.tls, sl.ResidentID, sl.Due); st == mar.StatusLeave {
				code = "L"
			}
		}
		row.Cells[d] = append(row.Cells[d], Mark{Text: code})
	}
}

// chartEvents reads each resident's events of [from, to), and the
// corrections made after to up to until: a dose marked entered in error a
// week after the chart's period is struck through on it, as the reports
// count it, however long after the period the chart is printed. Only the
// corrections are kept from after the period, so a chart of last year
// does not hold a year of records.
func chartEvents(src Source, from, to, until time.Time) (map[string][]mar.Event, error) {
	events := map[string][]mar.Event{}
	err := src.EachEvent(from, to, func(ev mar.Event) error {
		events[ev.ResidentID] = append(events[ev.ResidentID], ev)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	if !to.Before(until) {
		return events, nil
	}
	err = src.EachEvent(to, until, func(ev mar.Event) error {
		if ev.Kind == mar.KindCorrection {
			events[ev.ResidentID] = append(events[ev.ResidentID], mar.Event{ID: ev.ID, Kind: ev.Kind,
				ResidentID: ev.ResidentID, Corrects: ev.Corrects, OccurredAt: ev.OccurredAt})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read corrections after the period: %w", err)
	}
	return events, nil
}

package round

import (
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// Dose states shown on the round.
const (
	StateUpcoming = "upcoming" // window not open yet
	StateDue      = "due"      // window open, nothing recorded
	StateOverdue  = "overdue"  // window closed, nothing recorded
	StateGiven    = "given"
	StateRefused  = "refused"
	StateNotGiven = "not-given"
)

// DueDose is one regular dose of the day with what was recorded for it.
type DueDose struct {
	Slot    schedule.Slot  `json:"slot"`
	Entry   mar.ChartEntry `json:"entry"`
	Product mar.Product    `json:"product"`
	Record  *mar.Event     `json:"record,omitempty"`
	State   string         `json:"state"`
}

// PRNStatus is a when-required entry with when it may next be given.
type PRNStatus struct {
	Entry       mar.ChartEntry `json:"entry"`
	Product     mar.Product    `json:"product"`
	LastGiven   time.Time      `json:"lastGiven,omitzero"`   // zero if never in the history read
	NextAllowed time.Time      `json:"nextAllowed,omitzero"` // zero if it may be given now
	Total24h    float64        `json:"total24h"`             // given in the 24 hours before now
	Max         *mar.MaxDose   `json:"max,omitempty"`
}

// EntryView is a chart entry with its product, for choosing by hand.
type EntryView struct {
	Entry   mar.ChartEntry `json:"entry"`
	Product mar.Product    `json:"product"`
}

// ResidentView is everything a resident's page shows.
type ResidentView struct {
	Resident  mar.Resident  `json:"resident"`
	Allergies []mar.Allergy `json:"allergies"`
	Due       []DueDose     `json:"due"`
	PRN       []PRNStatus   `json:"prn"`
	Recent    []mar.Event   `json:"recent"` // last 24 hours, newest first, corrections included
	Chart     []EntryView   `json:"chart"`
}

// ResidentView gathers one resident's page as at `at`.
func (s *Service) ResidentView(residentID string, at time.Time) (*ResidentView, error) {
	d, err := s.load(residentID, at)
	if err != nil {
		return nil, err
	}
	v := &ResidentView{Resident: d.resident, Allergies: activeAllergies(d.allergies)}
	if v.Due, err = d.dueDoses(at); err != nil {
		return nil, err
	}
	for _, e := range d.chart {
		p := d.products[e.ProductID]
		v.Chart = append(v.Chart, EntryView{Entry: e, Product: p})
		if e.PRN && e.Status == mar.EntryActive {
			v.PRN = append(v.PRN, d.prnStatus(e, at))
		}
	}
	for i := len(d.history) - 1; i >= 0; i-- {
		if e := d.history[i]; !e.OccurredAt.Before(at.Add(-24*time.Hour)) && !e.OccurredAt.After(at) {
			v.Recent = append(v.Recent, e)
		}
	}
	return v, nil
}

// residentData is one resident's chart and history read from the store.
type residentData struct {
	home      mar.Home
	resident  mar.Resident
	chart     []mar.ChartEntry
	products  map[string]mar.Product
	allergies []mar.Allergy
	history   []mar.Event
	corrected map[uuid.UUID]bool // records a standing correction voids
}

func (s *Service) load(residentID string, at time.Time) (*residentData, error) {
	d := &residentData{}
	var err error
	if d.home, err = s.st.Home(); err != nil {
		return nil, fmt.Errorf("read home settings: %w", err)
	}
	if d.resident, err = s.st.Resident(residentID); err != nil {
		return nil, fmt.Errorf("read resident: %w", err)
	}
	if d.chart, err = s.st.Chart(residentID); err != nil {
		return nil, fmt.Errorf("read chart: %w", err)
	}
	if d.products, err = s.products(d.chart); err != nil {
		return nil, err
	}
	if d.allergies, err = s.st.Allergies(residentID); err != nil {
		return nil, fmt.Errorf("read allergies: %w", err)
	}
	if d.history, err = s.st.Events(residentID, at.Add(-historyDays*24*time.Hour), at.Add(24*time.Hour)); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	d.corrected = mar.NewStanding(d.history).Voided()
	return d, nil
}

func activeAllergies(all []mar.Allergy) []mar.Allergy {
	var out []mar.Allergy
	for _, a := range all {
		if a.Active {
			out = append(out, a)
		}
	}
	return out
}

// dueDoses lists the day's regular doses with their records and state.
func (d *residentData) dueDoses(at time.Time) ([]DueDose, error) {
	slots, err := schedule.Day(d.home, d.chart, at)
	if err != nil {
		return nil, fmt.Errorf("today's doses: %w", err)
	}
	entries := make(map[string]mar.ChartEntry, len(d.chart))
	for _, e := range d.chart {
		entries[e.ID] = e
	}
	out := make([]DueDose, 0, len(slots))
	for _, sl := range slots {
		e := entries[sl.EntryID]
		dd := DueDose{Slot: sl, Entry: e, Product: d.products[e.ProductID]}
		dd.Record = d.recordFor(sl)
		dd.State = doseState(dd.Record, sl, at)
		out = append(out, dd)
	}
	return out, nil
}

// recordFor finds the latest uncorrected administration for a slot.
func (d *residentData) recordFor(sl schedule.Slot) *mar.Event {
	var rec *mar.Event
	for i := range d.history {
		e := &d.history[i]
		if e.Kind == mar.KindAdministration && e.EntryID == sl.EntryID &&
			e.SlotDue.Equal(sl.Due) && !d.corrected[e.ID] {
			if rec == nil || e.Outcome == mar.OutcomeGiven {
				rec = e
			}
		}
	}
	return rec
}

func doseState(rec *mar.Event, sl schedule.Slot, at time.Time) string {
	if rec != nil {
		return map[mar.Outcome]string{mar.OutcomeGiven: StateGiven,
			mar.OutcomeRefused: StateRefused, mar.OutcomeNotGiven: StateNotGiven}[rec.Outcome]
	}
	switch {
	case at.Before(sl.Opens):
		return StateUpcoming
	case at.After(sl.Closes):
		return StateOverdue
	}
	return StateDue
}

// prnStatus says when a PRN entry may next be given. The check remains the
// authority at the moment of giving; this is what the page shows before.
func (d *residentData) prnStatus(e mar.ChartEntry, at time.Time) PRNStatus {
	st := PRNStatus{Entry: e, Product: d.products[e.ProductID], Max: e.MaxDose}
	var given []mar.Event
	for _, ev := range d.history {
		if ev.Kind == mar.KindAdministration && ev.EntryID == e.ID && ev.Outcome == mar.OutcomeGiven &&
			!d.corrected[ev.ID] && !ev.OccurredAt.After(at) {
			given = append(given, ev)
		}
	}
	sort.Slice(given, func(i, j int) bool { return given[i].OccurredAt.Before(given[j].OccurredAt) })
	for _, ev := range given {
		if ev.OccurredAt.After(at.Add(-24 * time.Hour)) {
			st.Total24h += ev.Quantity
		}
	}
	if len(given) == 0 {
		return st
	}
	st.LastGiven = given[len(given)-1].OccurredAt
	next := st.LastGiven.Add(e.MinInterval)
	if m := e.MaxDose; m != nil && m.Period > 0 {
		if t := nextUnderMax(given, e.Dose.Value, m, at); t.After(next) {
			next = t
		}
	}
	if next.After(at) {
		st.NextAllowed = next
	}
	return st
}

// nextUnderMax is the first time another dose fits under the maximum in the
// rolling period: when enough of the earlier doses have left the period.
func nextUnderMax(given []mar.Event, dose float64, m *mar.MaxDose, at time.Time) time.Time {
	var inPeriod []mar.Event
	total := 0.0
	for _, ev := range given {
		if ev.OccurredAt.After(at.Add(-m.Period)) {
			inPeriod = append(inPeriod, ev)
			total += ev.Quantity
		}
	}
	for _, ev := range inPeriod {
		if total+dose <= m.Quantity.Value+1e-9 {
			break
		}
		total -= ev.Quantity
		if total+dose <= m.Quantity.Value+1e-9 {
			return ev.OccurredAt.Add(m.Period)
		}
	}
	return time.Time{}
}

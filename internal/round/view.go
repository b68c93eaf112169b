package round

import (
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/schedule"
)

// DoseState is where a regular dose of the round stands. It is shown, not
// stored: the words are what JSON output and the CLI print.
type DoseState uint8

// Dose states shown on the round.
const (
	StateUpcoming DoseState = 1 // window not open yet
	StateDue      DoseState = 2 // window open, nothing recorded
	StateOverdue  DoseState = 3 // window closed, nothing recorded
	StateGiven    DoseState = 4
	StateRefused  DoseState = 5
	StateNotGiven DoseState = 6
)

var doseStateNames = map[DoseState]string{StateUpcoming: "upcoming", StateDue: "due",
	StateOverdue: "overdue", StateGiven: "given", StateRefused: "refused", StateNotGiven: "not-given"}

// String returns the state's word: upcoming, due, overdue, given, refused
// or not-given.
func (s DoseState) String() string {
	if n, ok := doseStateNames[s]; ok {
		return n
	}
	return fmt.Sprintf("dose-state(%d)", uint8(s))
}

// Valid reports whether s is one of the dose states.
func (s DoseState) Valid() bool { _, ok := doseStateNames[s]; return ok }

// MarshalText implements encoding.TextMarshaler.
func (s DoseState) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *DoseState) UnmarshalText(b []byte) error {
	for k, v := range doseStateNames {
		if v == string(b) {
			*s = k
			return nil
		}
	}
	return fmt.Errorf("unknown dose state %q", b)
}

// DueDose is one regular dose of the day with what was recorded for it.
type DueDose struct {
	Slot    schedule.Slot  `json:"slot"`
	Entry   mar.ChartEntry `json:"entry"`
	Product mar.Product    `json:"product"`
	Record  *mar.Event     `json:"record,omitempty"`
	State   DoseState      `json:"state"`
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
	// Overdue are the regular doses of the last 24 hours whose window
	// closed with nothing recorded, newest first: the doses a late record
	// may name (CheckRequest.SlotDue), so a refusal entered late is offered
	// for the dose it was, not the next one.
	Overdue []DueDose   `json:"overdue"`
	Recent  []mar.Event `json:"recent"` // last 24 hours, newest first, corrections included
	Chart   []EntryView `json:"chart"`
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
	if v.Overdue, err = d.overdue(at); err != nil {
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
	corrected map[uuid.UUID]bool
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
	d.corrected = correctedSet(d.history)
	return d, nil
}

func correctedSet(events []mar.Event) map[uuid.UUID]bool {
	m := map[uuid.UUID]bool{}
	for _, e := range events {
		if e.Kind == mar.KindCorrection {
			m[e.Corrects] = true
		}
	}
	return m
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
	start, end, err := schedule.DayBounds(d.home, at)
	if err != nil {
		return nil, fmt.Errorf("today's doses: %w", err)
	}
	doses, err := d.placedDoses(start, end, at)
	if err != nil {
		return nil, fmt.Errorf("today's doses: %w", err)
	}
	return doses, nil
}

// placedDoses lists the regular doses due in [from, to) with the records
// check.Placements places on them, the one placement the check uses too.
func (d *residentData) placedDoses(from, to, at time.Time) ([]DueDose, error) {
	cal, err := schedule.NewCalendar(d.home)
	if err != nil {
		return nil, err
	}
	placed, err := check.Placements(cal, d.chart, d.standing(), from, to)
	if err != nil {
		return nil, err
	}
	entries := make(map[string]mar.ChartEntry, len(d.chart))
	for _, e := range d.chart {
		entries[e.ID] = e
	}
	out := make([]DueDose, 0, len(placed))
	for _, p := range placed {
		e := entries[p.Slot.EntryID]
		dd := DueDose{Slot: p.Slot, Entry: e, Product: d.products[e.ProductID], Record: p.Record()}
		dd.State = doseState(dd.Record, p.Slot, at)
		out = append(out, dd)
	}
	return out, nil
}

// overdue lists the doses of the last day left with nothing recorded,
// newest first.
func (d *residentData) overdue(at time.Time) ([]DueDose, error) {
	doses, err := d.placedDoses(at.Add(-24*time.Hour), at, at)
	if err != nil {
		return nil, fmt.Errorf("overdue doses: %w", err)
	}
	out := []DueDose{}
	for i := len(doses) - 1; i >= 0; i-- {
		if doses[i].State == StateOverdue {
			out = append(out, doses[i])
		}
	}
	return out, nil
}

// standing returns the administration records that no correction voids.
func (d *residentData) standing() []*mar.Event {
	var out []*mar.Event
	for i := range d.history {
		if e := &d.history[i]; e.Kind == mar.KindAdministration && !d.corrected[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

func doseState(rec *mar.Event, sl schedule.Slot, at time.Time) DoseState {
	if rec != nil {
		switch rec.Outcome {
		case mar.OutcomeGiven:
			return StateGiven
		case mar.OutcomeRefused:
			return StateRefused
		}
		return StateNotGiven
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

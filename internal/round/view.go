package round

import (
	"errors"
	"fmt"
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
	// Level and Why are the check's verdict on a dose now and its reasons
	// at warn and stop.
	Level mar.Level      `json:"level"`
	Why   []check.Reason `json:"why,omitempty"`
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
	// Ingredients are the totals given against each maximum in force, per
	// active ingredient, as the check adds them up.
	Ingredients []check.IngredientTotal `json:"ingredients,omitempty"`
	// Incidents are what the central record found in this resident's
	// records of the history read (a dose given twice on two tablets, a
	// maximum passed across them, a tablet's clock off), newest first.
	Incidents []mar.Event `json:"incidents,omitempty"`
	// Unplaced says which chart doses no round of the home can place, so
	// are on no list, and what to do; "" when the whole chart is placed.
	Unplaced string `json:"unplaced,omitempty"`
	// Care is the resident's covert plans, homely remedy approvals and the
	// patches on them, with where and when due off.
	Care CareView `json:"care"`
}

// ResidentView gathers one resident's page as at `at`.
func (s *Service) ResidentView(residentID string, at time.Time) (*ResidentView, error) {
	d, err := s.load(residentID, at)
	if err != nil {
		return nil, err
	}
	v := &ResidentView{Resident: d.resident, Allergies: activeAllergies(d.allergies)}
	if v.Care, err = s.careView(residentID, at); err != nil {
		return nil, err
	}
	if v.Due, err = d.dueDoses(at); err != nil {
		var ct *ChartTimesError
		if !errors.As(err, &ct) {
			return nil, err
		}
		v.Unplaced = explainChartTimes(ct)
	}
	if v.Overdue, err = d.overdue(at); err != nil {
		return nil, err
	}
	in := d.checkInput(at)
	if err := s.addOldVersions(&in); err != nil {
		return nil, err
	}
	// The page asks what a scan would: with the homely remedies given,
	// approvals and plans, as round's check loads them.
	if err := s.addCare(&in, at, "", d.historyFrom); err != nil {
		return nil, err
	}
	v.Care.HomelyList = in.Care.Homely
	for _, e := range d.chart {
		p := d.products[e.ProductID]
		v.Chart = append(v.Chart, EntryView{Entry: e, Product: p})
		if e.PRN && e.Status == mar.EntryActive {
			v.PRN = append(v.PRN, d.prnStatus(in, e, at))
		}
	}
	v.Ingredients = check.IngredientTotals(in)
	v.Incidents = incidentsOf(d.history)
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
	// historyFrom is where history starts: every record from then on
	// to a day after the page's time was read.
	historyFrom time.Time
	corrected   map[uuid.UUID]bool // records a standing correction voids
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
	d.historyFrom = at.Add(-historyDays * 24 * time.Hour)
	if d.history, err = s.st.Events(residentID, d.historyFrom, at.Add(24*time.Hour)); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	if err := s.addEventProducts(d.products, d.history); err != nil {
		return nil, err
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
	start, end, err := schedule.DayBounds(d.home, at)
	if err != nil {
		return nil, fmt.Errorf("today's doses: %w", err)
	}
	doses, err := d.placedDoses(start, end, at)
	if err != nil {
		err = fmt.Errorf("today's doses: %w", err)
	}
	return doses, err
}

// placedDoses lists the regular doses due in [from, to) with the records
// check.Placements places on them, the one placement the check uses too.
// Entries the schedule cannot place give a *ChartTimesError returned
// beside the doses of the rest of the chart, so that one such entry does
// not hide the resident's other doses; any other error gives no doses.
func (d *residentData) placedDoses(from, to, at time.Time) ([]DueDose, error) {
	cal, err := schedule.NewCalendar(d.home)
	if err != nil {
		return nil, err
	}
	placed, err := check.Placements(cal, d.chart, d.standing(), from, to)
	if err != nil {
		if err = d.chartTimesError(err); !isChartTimes(err) {
			return nil, err
		}
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
	return out, err
}

// overdue lists the doses of the last day left with nothing recorded,
// newest first. Entries the schedule cannot place are left out here:
// dueDoses reports them.
func (d *residentData) overdue(at time.Time) ([]DueDose, error) {
	doses, err := d.placedDoses(at.Add(-24*time.Hour), at, at)
	if err != nil && !isChartTimes(err) {
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

// prnStatus says when a PRN entry may next be given and why not now, as
// the check decides it (check.NextPRN): the page shows what a scan would
// say. Total24h is the line's own doses in the last 24 hours, in its unit,
// for the care worker's eye; the maximum is the check's, per ingredient.
func (d *residentData) prnStatus(in check.Input, e mar.ChartEntry, at time.Time) PRNStatus {
	next := check.NextPRN(in, e.ID)
	st := PRNStatus{Entry: e, Product: d.products[e.ProductID], Max: e.MaxDose,
		LastGiven: next.LastGiven, NextAllowed: next.NextAllowed, Level: next.Level, Why: next.Why}
	for _, ev := range d.history {
		if ev.Kind == mar.KindAdministration && ev.EntryID == e.ID && ev.Outcome == mar.OutcomeGiven &&
			!d.corrected[ev.ID] && !ev.OccurredAt.After(at) && ev.OccurredAt.After(at.Add(-24*time.Hour)) {
			q := ev.Quantity
			if q == 0 {
				q = e.Dose.Value // recorded as "the prescribed dose"
			}
			st.Total24h += q
		}
	}
	return st
}

// checkInput is the resident's check input at `at`, as if they were chosen
// on screen, for the page's questions to the check.
func (d *residentData) checkInput(at time.Time) check.Input {
	r := d.resident
	return check.Input{Now: at.UTC(), Home: d.home, ResidentScan: r.ID, ResidentChosen: true, Resident: &r,
		Chart: d.chart, Products: d.products, Allergies: d.allergies, History: d.history}
}

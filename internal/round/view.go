package round

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
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
	Recent    []mar.Event   `json:"recent"` // last 24 hours, newest first, corrections included
	Chart     []EntryView   `json:"chart"`
	// Ingredients are the totals given against each maximum in force, per
	// active ingredient, as the check adds them up.
	Ingredients []check.IngredientTotal `json:"ingredients,omitempty"`
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
	in := d.checkInput(at)
	if err := s.addOldVersions(&in); err != nil {
		return nil, err
	}
	for _, e := range d.chart {
		p := d.products[e.ProductID]
		v.Chart = append(v.Chart, EntryView{Entry: e, Product: p})
		if e.PRN && e.Status == mar.EntryActive {
			v.PRN = append(v.PRN, d.prnStatus(in, e, at))
		}
	}
	v.Ingredients = check.IngredientTotals(in)
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

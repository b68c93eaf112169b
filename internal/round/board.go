package round

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/schedule"
)

// ResidentRow is one resident's line on the round board.
type ResidentRow struct {
	Resident     mar.Resident `json:"resident"`
	Due          int          `json:"due"`     // doses in this round
	Done         int          `json:"done"`    // of those, with a record (given, refused or not given)
	Overdue      int          `json:"overdue"` // of those, window closed and nothing recorded
	HasAllergies bool         `json:"hasAllergies"`
	Allergies    []string     `json:"allergies,omitempty"`
	// Unplaced says which of the resident's chart doses no round of the
	// home can place, and what to do, in short words for the resident's
	// row; "" when the whole chart is placed.
	// The resident's other doses are on the board all the same.
	Unplaced string `json:"unplaced,omitempty"`
}

// DueItem is a dose of the round with the resident it is for.
type DueItem struct {
	Resident mar.Resident `json:"resident"`
	DueDose
}

// CurrentRound is the round the clock points to.
func (s *Service) CurrentRound(at time.Time) (mar.Round, error) {
	h, err := s.st.Home()
	if err != nil {
		return mar.Round{}, fmt.Errorf("read home settings: %w", err)
	}
	return schedule.CurrentRound(h, at)
}

// slotRound is the round a dose is given on: the round of its time, or for
// a dose at its own clock time (co-careldopa at 10:00) the round nearest it,
// so that no timed dose falls between rounds and off the board.
func slotRound(h mar.Home, sl schedule.Slot) (string, error) {
	if sl.Round != "" {
		return sl.Round, nil
	}
	r, err := schedule.CurrentRound(h, sl.Due)
	return r.Name, err
}

// roundSlots are the round's doses nearest `at`: those due within twelve
// hours either side, so at 02:00 the night round is the one of 21:00 the
// evening before, not the one of the coming evening.
func roundSlots(d *residentData, at time.Time, roundName string) ([]DueDose, error) {
	doses, err := d.placedDoses(at.Add(-12*time.Hour), at.Add(12*time.Hour), at)
	if err != nil {
		err = fmt.Errorf("round doses: %w", err)
		if !isChartTimes(err) {
			return nil, err
		}
	}
	out := doses[:0]
	for _, dd := range doses {
		if name, err := slotRound(d.home, dd.Slot); err == nil && name == roundName {
			out = append(out, dd)
		}
	}
	return out, err
}

// Board lists every resident with the round's doses due, done and overdue,
// sorted by room. An empty roundName means the round the clock points to.
func (s *Service) Board(at time.Time, roundName string) ([]ResidentRow, error) {
	_, rows, err := s.roundItems(at, roundName)
	return rows, err
}

// Due lists the round's doses for every resident present, in room order;
// residents in hospital or on leave have none.
func (s *Service) Due(at time.Time, roundName string) ([]DueItem, error) {
	items, _, err := s.roundItems(at, roundName)
	return items, err
}

func (s *Service) roundItems(at time.Time, roundName string) ([]DueItem, []ResidentRow, error) {
	if roundName == "" {
		r, err := s.CurrentRound(at)
		if err != nil {
			return nil, nil, err
		}
		roundName = r.Name
	}
	residents, err := s.st.Residents()
	if err != nil {
		return nil, nil, fmt.Errorf("read residents: %w", err)
	}
	var items []DueItem
	rows := make([]ResidentRow, 0, len(residents))
	for _, r := range residents {
		if r.Status == mar.StatusDischarged || r.Status == mar.StatusDeceased || !r.Active {
			continue // not in the home's care: an inactive Patient's doses all stop
		}
		d, err := s.load(r.ID, at)
		if err != nil {
			return nil, nil, err
		}
		row := ResidentRow{Resident: r}
		for _, a := range activeAllergies(d.allergies) {
			row.HasAllergies = true
			row.Allergies = append(row.Allergies, a.Substance.Label())
		}
		if r.Status.Away() {
			// In hospital or on leave: on the board, with no doses to do.
			rows = append(rows, row)
			continue
		}
		doses, err := roundSlots(d, at, roundName)
		if err != nil {
			// One chart's unplaceable entry must not stop the round for
			// every resident: it is shown on that resident's row, and the
			// check stops a scan of it (CANNOT_DECIDE).
			var ct *ChartTimesError
			if !errors.As(err, &ct) {
				return nil, nil, err
			}
			row.Unplaced = rowWords(ct)
		}
		row.Due = len(doses)
		for _, dd := range doses {
			switch {
			case dd.Record != nil:
				row.Done++
			case dd.State == StateOverdue:
				row.Overdue++
			}
			items = append(items, DueItem{Resident: r, DueDose: dd})
		}
		rows = append(rows, row)
	}
	return items, rows, nil
}

// HistoryItem is a record with the product and unit it was given as and,
// if it was entered in error, the standing correction.
type HistoryItem struct {
	Event       mar.Event   `json:"event"`
	Product     mar.Product `json:"product"`
	Unit        string      `json:"unit,omitempty"`
	CorrectedBy *mar.Event  `json:"correctedBy,omitempty"`
	// Words say what a stock, patch or care record did (EventWords).
	Words string `json:"words,omitempty"`
}

// History lists a resident's records in [from, to), oldest first; a zero
// to means up to now, records dated up to clockSlack ahead included. Each
// dose shows the product and unit it was given as (the event's own, else
// those of the chart entry version it names), not the chart as it is now.
func (s *Service) History(residentID string, from, to time.Time) ([]HistoryItem, error) {
	if to.IsZero() {
		// Up to now, with the records a care worker may date a little
		// ahead (clockSlack): a dose recorded for 10:03 at 10:00 is a record
		// already, and must be in the history now.
		to = s.now().Add(clockSlack + time.Second)
	}
	events, err := s.st.Events(residentID, from, to)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	// A correction recorded after `to` still marks an event inside it.
	later, err := s.st.Events(residentID, to, s.now().Add(time.Hour))
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	standing := mar.NewStanding(append(slices.Clip(events), later...))
	versions, err := s.st.ChartHistory(residentID)
	if err != nil {
		return nil, fmt.Errorf("read chart history: %w", err)
	}
	byVersion := make(map[entryVersion]mar.ChartEntry, len(versions))
	for _, e := range versions {
		byVersion[entryVersion{e.ID, e.Version}] = e
	}
	byEntry, byProduct := map[string]mar.Product{}, map[string]mar.Product{}
	// Homely remedies are named by the home's list, not by a chart line.
	homely, err := s.HomelyRemedies()
	if err != nil {
		return nil, err
	}
	out := make([]HistoryItem, 0, len(events))
	for _, e := range events {
		it := HistoryItem{Event: e, CorrectedBy: standing.CorrectedBy(e.ID)}
		if p, ok := homelyProduct(e, homely); ok {
			it.Product, it.Unit = p, e.DoseUnit
		} else if e.EntryID != "" {
			if it.Product, it.Unit, err = s.givenProduct(e, byVersion, byEntry, byProduct); err != nil {
				return nil, err
			}
		}
		it.Words = EventWords(e, it.Product)
		out = append(out, it)
	}
	return out, nil
}

// givenProduct is the product and unit a record was given as: its own,
// else those of the entry version it names, else of the entry now.
func (s *Service) givenProduct(e mar.Event, versions map[entryVersion]mar.ChartEntry, byEntry, byProduct map[string]mar.Product) (mar.Product, string, error) {
	givenAs(&e, versions)
	if e.ProductID == "" {
		p, err := s.entryProduct(e.EntryID, byEntry)
		return p, e.DoseUnit, err
	}
	if p, ok := byProduct[e.ProductID]; ok {
		return p, e.DoseUnit, nil
	}
	p, err := s.st.Product(e.ProductID)
	if err != nil {
		return mar.Product{}, "", fmt.Errorf("read product %s: %w", e.ProductID, err)
	}
	byProduct[e.ProductID] = p
	return p, e.DoseUnit, nil
}

func (s *Service) entryProduct(entryID string, cache map[string]mar.Product) (mar.Product, error) {
	if p, ok := cache[entryID]; ok {
		return p, nil
	}
	e, err := s.st.Entry(entryID)
	if err != nil {
		return mar.Product{}, fmt.Errorf("read entry %s: %w", entryID, err)
	}
	p, err := s.st.Product(e.ProductID)
	if err != nil {
		return mar.Product{}, fmt.Errorf("read product %s: %w", e.ProductID, err)
	}
	cache[entryID] = p
	return p, nil
}

// prnFollowUpAfter is when the giver is asked whether a PRN dose worked.
const prnFollowUpAfter = time.Hour

// FollowUp is a PRN dose whose giver is to be asked whether it worked.
type FollowUp struct {
	Dose     mar.Event    `json:"dose"`
	Resident mar.Resident `json:"resident"`
	Product  mar.Product  `json:"product"`
}

// PRNFollowUps lists PRN doses given at least an hour before `at` (and within
// the last day) whose effect nobody has recorded yet, oldest first.
func (s *Service) PRNFollowUps(at time.Time) ([]FollowUp, error) {
	residents, err := s.st.Residents()
	if err != nil {
		return nil, fmt.Errorf("read residents: %w", err)
	}
	var out []FollowUp
	products := map[string]mar.Product{}
	for _, r := range residents {
		events, err := s.st.Events(r.ID, at.Add(-24*time.Hour), at.Add(time.Hour))
		if err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		for _, e := range pendingFollowUps(events, at) {
			p, err := s.entryProduct(e.EntryID, products)
			if err != nil {
				return nil, err
			}
			out = append(out, FollowUp{Dose: e, Resident: r, Product: p})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Dose.OccurredAt.Before(out[j].Dose.OccurredAt) })
	return out, nil
}

func pendingFollowUps(events []mar.Event, at time.Time) []mar.Event {
	answered := map[uuid.UUID]bool{}
	for _, e := range events {
		switch e.Kind {
		case mar.KindPRNEffect:
			answered[e.About] = true
		case mar.KindCorrection:
			answered[e.Corrects] = true // entered in error: nothing to ask
		}
	}
	var out []mar.Event
	for _, e := range events {
		if check.IsPRNDose(&e) && !answered[e.ID] && !e.OccurredAt.After(at.Add(-prnFollowUpAfter)) {
			out = append(out, e)
		}
	}
	return out
}

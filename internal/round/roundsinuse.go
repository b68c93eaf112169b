package round

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// RoundsInUseError refuses new settings whose rounds would leave chart
// doses on no round: removing the night round while residents have night
// doses takes those doses off every list, and nobody would give them. Its
// Error text names residents by ID only (it may go to a log); Explain
// names them and their medicines for the manager changing the settings.
type RoundsInUseError struct {
	Uses []RoundUse
}

// RoundUse is one chart entry the new rounds cannot place.
type RoundUse struct {
	ResidentID string
	Resident   string // the resident's name as the app shows it
	Medicine   string // the product's name, "" when unknown
	Round      string // the round it needs, "" when the new times clash instead
	Err        *schedule.TimingError
}

func (e *RoundsInUseError) Error() string {
	parts := make([]string, len(e.Uses))
	for i, u := range e.Uses {
		parts[i] = fmt.Sprintf("resident %s: %v", u.ResidentID, u.Err)
	}
	return "settings: the new rounds leave chart doses on no round: " + strings.Join(parts, "; ")
}

// checkRoundsInUse refuses h when its rounds (or zone) leave a chart entry
// of a resident in the home's care on no round that the present settings
// place. An entry the present settings cannot place either does not block
// the change: a manager must be able to add the round it needs.
func (s *Service) checkRoundsInUse(old, h mar.Home) error {
	if slices.Equal(old.Rounds, h.Rounds) && old.TimeZone == h.TimeZone {
		return nil
	}
	before, err := schedule.NewCalendar(old)
	if err != nil {
		before = nil // a zone that does not load places nothing: judge by the new settings alone
	}
	after, err := schedule.NewCalendar(h)
	if err != nil {
		return err
	}
	residents, err := s.st.Residents()
	if err != nil {
		return fmt.Errorf("read residents: %w", err)
	}
	now := s.now()
	var uses []RoundUse
	for _, r := range residents {
		if r.Status == mar.StatusDischarged || r.Status == mar.StatusDeceased || !r.Active {
			continue
		}
		found, err := s.newlyUnplaced(r, before, after, now)
		if err != nil {
			return err
		}
		uses = append(uses, found...)
	}
	if len(uses) == 0 {
		return nil
	}
	return &RoundsInUseError{Uses: uses}
}

// newlyUnplaced lists r's chart entries that after cannot place and
// before could.
func (s *Service) newlyUnplaced(r mar.Resident, before, after *schedule.Calendar, now time.Time) ([]RoundUse, error) {
	chart, err := s.st.Chart(r.ID)
	if err != nil {
		return nil, fmt.Errorf("read chart: %w", err)
	}
	was := map[string]bool{}
	if before != nil {
		for _, te := range timingErrors(before.Unplaceable(chart, now)) {
			was[te.EntryID] = true
		}
	}
	var out []RoundUse
	for _, te := range timingErrors(after.Unplaceable(chart, now)) {
		if was[te.EntryID] {
			continue
		}
		u := RoundUse{ResidentID: r.ID, Resident: r.Name(), Err: te}
		var mr *schedule.MissingRoundError
		if errors.As(te, &mr) {
			u.Round = mr.Round
		}
		if u.Medicine, err = s.medicineName(chart, te.EntryID); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// timingErrors unjoins the schedule's errors.
func timingErrors(err error) []*schedule.TimingError {
	if err == nil {
		return nil
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var out []*schedule.TimingError
	for _, e := range errs {
		var te *schedule.TimingError
		if errors.As(e, &te) {
			out = append(out, te)
		}
	}
	return out
}

func (s *Service) medicineName(chart []mar.ChartEntry, entryID string) (string, error) {
	for _, e := range chart {
		if e.ID == entryID {
			p, err := s.st.Product(e.ProductID)
			if err != nil {
				return "", fmt.Errorf("read product %s: %w", e.ProductID, err)
			}
			return p.Name, nil
		}
	}
	return "", nil
}

// maxRoundUsers is how many residents a refusal names per round: enough to
// find the charts, short enough to read on the settings screen.
const maxRoundUsers = 8

// explainRoundsInUse says, per round the change removes, whose charts
// need it and for which medicines, and what to do first.
func explainRoundsInUse(e *RoundsInUseError) string {
	var rounds []string
	for _, u := range e.Uses {
		rounds = appendNew(rounds, u.Round)
	}
	var out []string
	for _, round := range rounds {
		var who []string
		meds := map[string][]string{}
		for _, u := range e.Uses {
			if u.Round != round {
				continue
			}
			name := u.Resident
			if name == "" {
				name = "a resident"
			}
			who = appendNew(who, name)
			med := u.Medicine
			if med == "" {
				med = "a medicine"
			}
			meds[name] = appendNew(meds[name], med)
		}
		list := make([]string, 0, len(who))
		for _, w := range who[:min(len(who), maxRoundUsers)] {
			list = append(list, fmt.Sprintf("%s (%s)", w, andList(meds[w])))
		}
		if more := len(who) - maxRoundUsers; more > 0 {
			list = append(list, fmt.Sprintf("and %d more", more))
		}
		charts := "1 resident's chart"
		if len(who) > 1 {
			charts = fmt.Sprintf("%d residents' charts", len(who))
		}
		if round == "" {
			out = append(out, fmt.Sprintf("The new round times leave doses on no round in %s: %s; change the charts first, or keep the round times", charts, strings.Join(list, ", ")))
			continue
		}
		out = append(out, fmt.Sprintf("%s round is used by %s: %s; change the charts first", sentenceCase(round), charts, strings.Join(list, ", ")))
	}
	return strings.Join(out, ". ")
}

func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package round

import (
	"errors"
	"fmt"
	"strings"

	"medround/internal/schedule"
)

// ChartTimesError is a resident's chart entries whose times the schedule
// could not place in the home's day, so their doses are not on the round.
// Its Error text names the resident and entries by ID only (it may go to a
// log); Explain words it with the resident's and medicines' names, which
// the screens that show the error already show.
type ChartTimesError struct {
	ResidentID string
	Resident   string // the resident's name as the app shows it
	Entries    []UnplacedEntry
}

// UnplacedEntry is one chart entry the schedule could not place.
type UnplacedEntry struct {
	Medicine string                // the product's name, "" when unknown
	Err      *schedule.TimingError // the schedule's reason
}

func (e *ChartTimesError) Error() string {
	parts := make([]string, len(e.Entries))
	for i, u := range e.Entries {
		parts[i] = u.Err.Error()
	}
	return fmt.Sprintf("resident %s: %s", e.ResidentID, strings.Join(parts, "; "))
}

// Unwrap gives the schedule's errors, so errors.As still finds them.
func (e *ChartTimesError) Unwrap() []error {
	out := make([]error, len(e.Entries))
	for i, u := range e.Entries {
		out[i] = u.Err
	}
	return out
}

// chartTimesError turns the schedule's errors for d's chart into a
// ChartTimesError; an error that is not the schedule's is returned as is.
func (d *residentData) chartTimesError(err error) error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	out := &ChartTimesError{ResidentID: d.resident.ID, Resident: d.resident.Name()}
	for _, e := range errs {
		var te *schedule.TimingError
		if !errors.As(e, &te) {
			return err
		}
		out.Entries = append(out.Entries, UnplacedEntry{Medicine: d.medicineOf(te.EntryID), Err: te})
	}
	return out
}

// medicineOf is the name of the product a chart entry gives.
func (d *residentData) medicineOf(entryID string) string {
	for _, e := range d.chart {
		if e.ID == entryID {
			if p, ok := d.products[e.ProductID]; ok && p.Name != "" {
				return p.Name
			}
		}
	}
	return ""
}

// explainChartTimes says which resident's medicines are off the round and
// what to do: a round the home lacks is added in Settings; a chart whose
// times cannot be placed is corrected.
func explainChartTimes(e *ChartTimesError) string {
	var rounds, needRound, wrong []string
	var why string
	for _, u := range e.Entries {
		med := u.Medicine
		if med == "" {
			med = "a medicine"
		}
		var mr *schedule.MissingRoundError
		if errors.As(u.Err, &mr) {
			rounds = appendNew(rounds, mr.Round)
			needRound = appendNew(needRound, med)
			continue
		}
		wrong = appendNew(wrong, med)
		if why == "" {
			why = Mask(u.Err.Err.Error())
		}
	}
	who := e.Resident
	if who == "" {
		who = "a resident"
	}
	var out []string
	if len(rounds) > 0 {
		r := andList(rounds)
		out = append(out, fmt.Sprintf("%s's chart gives %s at the %s round, which this home does not have: "+
			"ask a manager to add the %s round and its time in Settings, or to correct the chart", who, andList(needRound), r, r))
	}
	if len(wrong) > 0 {
		out = append(out, fmt.Sprintf("%s's chart gives %s times this home's day cannot hold (%s): "+
			"ask a manager to correct the chart", who, andList(wrong), why))
	}
	return strings.Join(out, "; ")
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

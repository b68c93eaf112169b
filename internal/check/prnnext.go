package check

import (
	"slices"
	"time"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// maxCandidates bounds how many future times NextPRN tries: each is a dose
// leaving an interval or a maximum's period, and a resident's last days
// hold a few dozen at most.
const maxCandidates = 64

// PRNStatus says whether a when-required line may be given at Now, and if
// not, why and from when. The resident page, the CLI and the check itself
// all read it from here, so the page cannot show green for a dose the check
// would stop.
type PRNStatus struct {
	EntryID string `json:"entryId"`
	// LastGiven is the last standing dose of this line in the history read,
	// zero when none.
	LastGiven time.Time `json:"lastGiven,omitzero"`
	// NextAllowed is the first time a dose of the prescribed amount passes
	// the interval and maximum rules; zero when it may be given at Now, or
	// when no later time within the history's reach would pass.
	NextAllowed time.Time `json:"nextAllowed,omitzero"`
	// Why are the reasons a dose at Now is stopped or warned: TOO_SOON,
	// MAX_DOSE_REACHED, STRENGTH_UNKNOWN, RECENT_SAME_INGREDIENT and any
	// other reason the check gave for this line.
	Why []Reason `json:"why,omitempty"`
	// Level is the check's verdict for a dose at Now.
	Level mar.Level `json:"level"`
}

// timingCodes are the reasons that pass with time alone.
var timingCodes = []Code{TooSoon, MaxDoseReached}

// NextPRN checks a dose of the PRN line entryID at in.Now, as if chosen by
// hand, and works out when it may next be given. in is the resident's check
// input (resident, chart, products, allergies, history); its pack, chosen
// entry and quantity are replaced.
func NextPRN(in Input, entryID string) PRNStatus {
	in.Pack, in.PackScanErr, in.EntryID, in.Quantity = nil, nil, entryID, 0
	// One calendar for every run: a zone that cannot be read leaves it
	// nil, and each run then says so itself.
	cal, _ := schedule.NewCalendar(in.Home)
	v := run(in, cal)
	st := PRNStatus{EntryID: entryID, Level: v.Level}
	for _, r := range v.Reasons {
		if r.Level >= Warn {
			st.Why = append(st.Why, r)
		}
	}
	st.LastGiven = lastGiven(in, entryID)
	if !hasAny(v, timingCodes) {
		return st
	}
	for _, t := range candidateTimes(in, entryID) {
		next := in
		next.Now = t
		if w := run(next, cal); w.Entry != nil && !hasAny(w, timingCodes) {
			st.NextAllowed = t
			break
		}
	}
	return st
}

func hasAny(v Verdict, codes []Code) bool {
	for _, c := range codes {
		if v.Has(c) {
			return true
		}
	}
	return false
}

// lastGiven is the last standing given record of the line at or before Now.
func lastGiven(in Input, entryID string) time.Time {
	var last time.Time
	if in.Resident == nil {
		return last
	}
	h := newHistory(in.Resident.ID, in.History)
	for _, ev := range h.byEntry[entryID] {
		if ev.Outcome == mar.OutcomeGiven && !ev.OccurredAt.After(in.Now) && ev.OccurredAt.After(last) {
			last = ev.OccurredAt
		}
	}
	return last
}

// candidateTimes are the times after Now at which a rule may stop holding:
// each given dose plus each interval and each maximum's period on the chart.
func candidateTimes(in Input, entryID string) []time.Time {
	gaps := map[time.Duration]bool{defaultGap: true}
	for _, e := range in.Chart {
		if g, _ := e.PRNInterval(); g > 0 {
			gaps[g] = true
		}
		if e.MaxDose != nil && e.MaxDose.Period > 0 {
			gaps[e.MaxDose.Period] = true
		}
	}
	seen := map[int64]bool{}
	var out []time.Time
	for _, ev := range in.History {
		if ev.Kind != mar.KindAdministration || ev.Outcome != mar.OutcomeGiven {
			continue
		}
		for g := range gaps {
			t := ev.OccurredAt.Add(g)
			if t.After(in.Now) && !seen[t.UnixNano()] {
				seen[t.UnixNano()] = true
				out = append(out, t)
			}
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

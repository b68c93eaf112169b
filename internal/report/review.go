package report

import (
	"fmt"
	"time"
)

// SectionID names a heading of the managers' review.
type SectionID uint8

// Sections of the review, in the order they are shown. Not persisted.
const (
	SectionTimeCritical SectionID = iota + 1 // time-critical doses missed or late
	SectionMissed
	SectionLate
	SectionNotGiven
	SectionRefused
	SectionOverridden
	SectionUnscanned
	SectionPRN
	SectionStopped
	// SectionIncidents lists what the central record found: a dose
	// recorded twice, an ingredient over its maximum, a tablet's clock.
	SectionIncidents
)

var sectionTitles = map[SectionID]string{
	SectionTimeCritical: "Time-critical doses missed or late", SectionMissed: "Missed doses",
	SectionLate: "Late or early doses", SectionNotGiven: "Not given", SectionRefused: "Refused",
	SectionOverridden: "Warnings overridden", SectionUnscanned: "Recorded without a scan",
	SectionPRN: "When-required (PRN) use", SectionStopped: "Stopped scans (near misses)",
	SectionIncidents: "Incidents from the central record",
}

// Title is the section's heading.
func (id SectionID) Title() string { return sectionTitles[id] }

// Section is one heading of the review with its rows and their counts.
type Section struct {
	ID    SectionID `json:"id"`
	Title string    `json:"title"`
	Rows  []Row     `json:"rows"`
	// ByReason counts the rows per reason (not given: the reason;
	// recorded without a scan: why), ByUser per care worker.
	ByReason []Summary `json:"byReason,omitempty"`
	ByUser   []Summary `json:"byUser,omitempty"`
}

// Unreviewed counts the rows that can be followed up and are not yet.
func (s *Section) Unreviewed() int {
	n := 0
	for i := range s.Rows {
		if _, _, _, ok := s.Rows[i].Target(); ok && s.Rows[i].Reviewed == nil {
			n++
		}
	}
	return n
}

// Review is everything a manager looks at for a period: every report's
// rows under one heading each, built by the same rules as the reports.
type Review struct {
	Home     string    `json:"home"`
	TimeZone string    `json:"timeZone"`
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	AsOf     time.Time `json:"asOf"`
	Warnings []string  `json:"warnings,omitempty"`
	// Rounds are the home's round names in its order, for the chart.
	Rounds   []string  `json:"rounds"`
	Sections []Section `json:"sections"`
	// Completeness is the resident × day grid, counted with the missed
	// doses.
	Completeness *Completeness `json:"completeness"`
}

// BuildReview builds the managers' review of [from, to) as seen at now. The
// time-critical section repeats the missed and late rows of time-critical
// medicines, so they are read first whatever else the period holds.
func BuildReview(src Source, from, to, now time.Time) (*Review, error) {
	if err := checkPeriod("review", from, to, now); err != nil {
		return nil, err
	}
	b, err := newBuilder(src, 0, from, to, now)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	b.useMemo()
	rv := &Review{Home: b.home.Name, TimeZone: b.loc.String(),
		From: b.from.In(b.loc), To: b.to.In(b.loc), AsOf: b.now.In(b.loc), Rounds: []string{}}
	for _, r := range b.home.Rounds {
		rv.Rounds = append(rv.Rounds, r.Name)
	}
	b.days = b.newDayTally()
	reps := map[Kind]*Report{}
	for _, k := range Kinds() {
		rep, err := b.build(k)
		if err != nil {
			return nil, fmt.Errorf("review: %w", err)
		}
		reps[k] = rep
		rv.Warnings = append(rv.Warnings, rep.Warnings...)
	}
	rv.Warnings = dedupe(rv.Warnings)
	rv.Completeness = b.completeness(b.days)
	var critical []Row
	for _, k := range []Kind{KindMissed, KindLate} {
		for _, r := range reps[k].Rows {
			if r.TimeCritical {
				critical = append(critical, r)
			}
		}
	}
	sortRows(critical)
	notGiven, refused := splitRefused(reps[KindNotGiven])
	rv.Sections = []Section{
		{ID: SectionTimeCritical, Rows: critical},
		{ID: SectionMissed, Rows: reps[KindMissed].Rows},
		{ID: SectionLate, Rows: reps[KindLate].Rows},
		notGiven, refused,
		{ID: SectionOverridden, Rows: reps[KindOverridden].Rows, ByUser: reps[KindOverridden].ByUser},
		{ID: SectionUnscanned, Rows: reps[KindUnscanned].Rows, ByReason: reps[KindUnscanned].ByReason,
			ByUser: reps[KindUnscanned].ByUser},
		{ID: SectionPRN, Rows: reps[KindPRN].Rows},
		{ID: SectionStopped, Rows: reps[KindStopped].Rows, ByUser: reps[KindStopped].ByUser},
		{ID: SectionIncidents, Rows: reps[KindIncidents].Rows},
	}
	for i := range rv.Sections {
		s := &rv.Sections[i]
		s.Title = s.ID.Title()
		if s.Rows == nil {
			s.Rows = []Row{}
		}
	}
	return rv, nil
}

// splitRefused parts the not-given report into doses not given (with the
// count per reason) and doses refused.
func splitRefused(rep *Report) (notGiven, refused Section) {
	notGiven = Section{ID: SectionNotGiven}
	refused = Section{ID: SectionRefused}
	for _, r := range rep.Rows {
		if r.Reason == "refused" {
			refused.Rows = append(refused.Rows, r)
		} else {
			notGiven.Rows = append(notGiven.Rows, r)
		}
	}
	for _, s := range rep.ByReason {
		if s.Key != "refused" {
			notGiven.ByReason = append(notGiven.ByReason, s)
		}
	}
	return notGiven, refused
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// checkPeriod refuses a period that is empty, has a zero bound or reads
// more than MaxPeriod up to now.
func checkPeriod(what string, from, to, now time.Time) error {
	if from.IsZero() || to.IsZero() || !from.Before(to) {
		return fmt.Errorf("%s from %s to %s: %w", what,
			from.Format(time.RFC3339), to.Format(time.RFC3339), ErrPeriod)
	}
	if now.IsZero() {
		return fmt.Errorf("%s: zero now", what)
	}
	end := to
	if now.Before(end) {
		end = now
	}
	if end.Sub(from) > MaxPeriod {
		return fmt.Errorf("%s from %s to %s: %w", what,
			from.Format(time.DateOnly), to.Format(time.DateOnly), ErrPeriodTooLong)
	}
	return nil
}

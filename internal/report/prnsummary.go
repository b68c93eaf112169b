package report

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
)

// ResidentPRN is one resident's use of when-required medicines over a
// period: for the manager who asks whether a PRN is given too often, for
// what, and whether it works under its protocol (NICE SC1).
type ResidentPRN struct {
	ResidentID string    `json:"residentId"`
	Resident   string    `json:"resident"`
	Room       string    `json:"room,omitempty"`
	Lines      []PRNLine `json:"lines"`
}

// PRNLine is one when-required line of a resident's chart: the doses
// given in the period, what the "did it work?" answers said, week by week,
// and per protocol version they were answered under.
type PRNLine struct {
	EntryID  string `json:"entryId"`
	Medicine string `json:"medicine"`
	Reason   string `json:"reason,omitempty"` // the chart's asNeeded reason
	PRNTally
	Weeks []PRNWeek `json:"weeks"`
	// Protocol is the protocol in force at the end of the period; nil when
	// the line has none (a gap a senior closes).
	Protocol *ProtocolVersion `json:"protocol,omitempty"`
	// ByProtocol are the answers per protocol version they were recorded
	// against, oldest first; Digest "" holds those given with none.
	ByProtocol []ProtocolEffect `json:"byProtocol,omitempty"`
}

// PRNTally counts doses and the answers to "did it work?".
type PRNTally struct {
	Doses      int `json:"doses"`
	Worked     int `json:"worked"`
	NotWorked  int `json:"notWorked"`
	Unanswered int `json:"unanswered"`
}

// PRNWeek is one week of a line, from Start (midnight, home zone).
type PRNWeek struct {
	Start time.Time `json:"start"`
	PRNTally
}

// ProtocolVersion names a version of a protocol: who wrote it and when.
type ProtocolVersion struct {
	Digest   string    `json:"digest"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	Imported bool      `json:"imported,omitempty"`
	// Missing names what the version does not say (mar.PRNProtocol.Missing).
	Missing []string `json:"missing,omitempty"`
}

// ProtocolEffect is what the answers said under one protocol version.
type ProtocolEffect struct {
	ProtocolVersion
	Worked    int `json:"worked"`
	NotWorked int `json:"notWorked"`
}

// PRNSummaryInput is what SummarisePRN reads.
type PRNSummaryInput struct {
	From, To  time.Time // the period, [From, To)
	Loc       *time.Location
	Residents []mar.Resident
	// Chart holds the residents' chart lines in force at To.
	Chart    []mar.ChartEntry
	Products map[string]mar.Product
	// Events are the residents' doses, "did it work?" answers and
	// corrections of the period (and answers given after it), and every
	// PRN protocol they have had.
	Events []mar.Event
}

// SummarisePRN gives each resident's PRN use in the period, by line:
// every when-required line in force (used or not, so a line without a
// protocol shows), and any line a PRN dose was given under. A PRN dose is
// the check's (check.IsPRNDose), as in the PRN report, so the two never
// count different doses. Doses and answers corrected as entered in error
// do not count; a dose answered twice counts its last answer.
func SummarisePRN(in PRNSummaryInput) []ResidentPRN {
	if in.Loc == nil {
		in.Loc = time.UTC
	}
	standing := mar.NewStanding(in.Events)
	versions := protocolVersions(in.Events, standing)
	answers := prnAnswers(in.Events, standing)
	lines := prnLines{in: &in, byResident: map[string]map[string]*PRNLine{}}
	lines.addChart(versions)
	for _, ev := range in.Events {
		if !check.IsPRNDose(&ev) || !in.inPeriod(ev.OccurredAt) || !standing.Stands(ev.ID) {
			continue
		}
		l := lines.line(ev.ResidentID, ev.EntryID)
		if l.Medicine == ev.EntryID && in.Products[ev.ProductID].Name != "" {
			l.Medicine = in.Products[ev.ProductID].Name
		}
		a, answered := answers[ev.ID]
		week := &l.Weeks[weekIndex(in.From, ev.OccurredAt, in.Loc, len(l.Weeks))].PRNTally
		for _, t := range []*PRNTally{&l.PRNTally, week} {
			t.count(a, answered)
		}
		if answered {
			l.addEffect(a, versions[ev.EntryID])
		}
	}
	return residentsOf(in.Residents, lines.byResident)
}

// prnLines are the summary's lines by resident and entry.
type prnLines struct {
	in         *PRNSummaryInput
	byResident map[string]map[string]*PRNLine
}

func (ls prnLines) line(residentID, entryID string) *PRNLine {
	if ls.byResident[residentID] == nil {
		ls.byResident[residentID] = map[string]*PRNLine{}
	}
	l := ls.byResident[residentID][entryID]
	if l == nil {
		l = &PRNLine{EntryID: entryID, Medicine: entryID, Weeks: weeks(ls.in.From, ls.in.To, ls.in.Loc)}
		ls.byResident[residentID][entryID] = l
	}
	return l
}

// addChart adds every active when-required line, used or not, with the
// protocol in force at the period's end and what it does not say.
func (ls prnLines) addChart(versions map[string][]mar.PRNProtocol) {
	for _, e := range ls.in.Chart {
		if !e.PRN || e.Status != mar.EntryActive || !e.Current() || mar.IsHomelyEntry(e.ID) {
			continue
		}
		l := ls.line(e.ResidentID, e.ID)
		l.Medicine, l.Reason = cmp.Or(ls.in.Products[e.ProductID].Name, e.ID), e.PRNReason
		if p := latest(versions[e.ID], ls.in.To); p != nil {
			v := versionOf(*p)
			v.Missing = p.Missing(e)
			l.Protocol = &v
		}
	}
}

// prnAnswer is the last standing "did it work?" answer about a dose.
type prnAnswer struct {
	worked bool
	digest string
	at     time.Time
}

func prnAnswers(events []mar.Event, standing *mar.Standing) map[uuid.UUID]prnAnswer {
	out := map[uuid.UUID]prnAnswer{}
	for _, ev := range events {
		if ev.Kind != mar.KindPRNEffect || ev.Effective == nil || !standing.Stands(ev.ID) {
			continue
		}
		if old, ok := out[ev.About]; !ok || !ev.OccurredAt.Before(old.at) {
			out[ev.About] = prnAnswer{worked: *ev.Effective, digest: ev.Digest, at: ev.OccurredAt}
		}
	}
	return out
}

// protocolVersions are the standing protocol versions by entry, oldest
// first.
func protocolVersions(events []mar.Event, standing *mar.Standing) map[string][]mar.PRNProtocol {
	out := map[string][]mar.PRNProtocol{}
	for _, ev := range events {
		if ev.Kind != mar.KindPRNProtocol || !standing.Stands(ev.ID) {
			continue
		}
		if p, err := mar.PRNProtocolFrom(ev); err == nil {
			out[p.EntryID] = append(out[p.EntryID], p)
		}
	}
	for _, vs := range out {
		slices.SortStableFunc(vs, func(a, b mar.PRNProtocol) int { return a.At.Compare(b.At) })
	}
	return out
}

func latest(versions []mar.PRNProtocol, before time.Time) *mar.PRNProtocol {
	var cur *mar.PRNProtocol
	for i := range versions {
		if versions[i].At.Before(before) {
			cur = &versions[i]
		}
	}
	return cur
}

func versionOf(p mar.PRNProtocol) ProtocolVersion {
	return ProtocolVersion{Digest: p.Digest(), By: p.By, At: p.At, Imported: p.Imported}
}

// inPeriod reports whether t falls in the period [From, To): Events runs
// past To for the answers to its last doses, so the doses given after it
// must be left out here.
func (in *PRNSummaryInput) inPeriod(t time.Time) bool {
	return !t.Before(in.From) && t.Before(in.To)
}

func (t *PRNTally) count(a prnAnswer, answered bool) {
	t.Doses++
	switch {
	case !answered:
		t.Unanswered++
	case a.worked:
		t.Worked++
	default:
		t.NotWorked++
	}
}

// addEffect counts an answer under the protocol version it names; a
// digest no standing version has (its protocol corrected away) is counted
// under that digest with no author.
func (l *PRNLine) addEffect(a prnAnswer, versions []mar.PRNProtocol) {
	i := slices.IndexFunc(l.ByProtocol, func(p ProtocolEffect) bool { return p.Digest == a.digest })
	if i < 0 {
		pe := ProtocolEffect{ProtocolVersion: ProtocolVersion{Digest: a.digest}}
		for _, v := range versions {
			if a.digest != "" && v.Digest() == a.digest {
				pe.ProtocolVersion = versionOf(v)
				break
			}
		}
		l.ByProtocol = append(l.ByProtocol, pe)
		i = len(l.ByProtocol) - 1
	}
	if a.worked {
		l.ByProtocol[i].Worked++
	} else {
		l.ByProtocol[i].NotWorked++
	}
}

// weeks are the period's weeks from its first day's midnight, the last
// cut short at To.
func weeks(from, to time.Time, loc *time.Location) []PRNWeek {
	var out []PRNWeek
	start := midnight(from, loc)
	for s := start; s.Before(to); s = s.AddDate(0, 0, 7) {
		out = append(out, PRNWeek{Start: s})
	}
	return out
}

func weekIndex(from, at time.Time, loc *time.Location, n int) int {
	start := midnight(from, loc)
	i := 0
	for s := start.AddDate(0, 0, 7); !at.Before(s) && i < n-1; s = s.AddDate(0, 0, 7) {
		i++
	}
	return i
}

func midnight(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
}

// residentsOf keeps the residents' order (the store lists them by room,
// as a care worker walks the corridor) and orders each one's lines by
// medicine.
func residentsOf(residents []mar.Resident, lines map[string]map[string]*PRNLine) []ResidentPRN {
	out := []ResidentPRN{}
	for _, r := range residents {
		ls := lines[r.ID]
		if len(ls) == 0 {
			continue
		}
		rp := ResidentPRN{ResidentID: r.ID, Resident: r.Name(), Room: r.Room}
		for _, l := range ls {
			rp.Lines = append(rp.Lines, *l)
		}
		slices.SortFunc(rp.Lines, func(a, b PRNLine) int {
			return cmp.Or(cmp.Compare(a.Medicine, b.Medicine), cmp.Compare(a.EntryID, b.EntryID))
		})
		out = append(out, rp)
	}
	return out
}

// PRNSource is a Source that also finds a resident's events by kind: a
// protocol may have been written years before the period.
type PRNSource interface {
	Source
	EventsOfKinds(residentID string, from, to time.Time, kinds ...mar.EventKind) ([]mar.Event, error)
}

// answerGrace is how long after the period answers are read: a dose given
// late on its last day is asked about the next hour or so.
const answerGrace = 48 * time.Hour

// BuildPRNSummary reads the store and summarises each resident's PRN use
// in [from, to).
func BuildPRNSummary(src PRNSource, from, to time.Time) ([]ResidentPRN, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("prn summary: the period from %s to %s is empty", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	home, err := src.Home()
	if err != nil {
		return nil, fmt.Errorf("prn summary: %w", err)
	}
	loc, err := home.Location()
	if err != nil {
		return nil, fmt.Errorf("prn summary: %w", err)
	}
	in := PRNSummaryInput{From: from, To: to, Loc: loc, Products: map[string]mar.Product{}}
	if in.Residents, err = src.Residents(); err != nil {
		return nil, fmt.Errorf("prn summary: %w", err)
	}
	if err := readPRNChart(src, &in); err != nil {
		return nil, err
	}
	if err := src.EachEvent(from, to.Add(answerGrace), func(ev mar.Event) error {
		switch ev.Kind {
		case mar.KindAdministration, mar.KindPRNEffect:
			in.Events = append(in.Events, ev)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("prn summary: %w", err)
	}
	return SummarisePRN(in), nil
}

// readPRNChart reads the products, the chart lines in force at the end of
// the period and every protocol of each resident.
func readPRNChart(src PRNSource, in *PRNSummaryInput) error {
	ps, err := src.Products()
	if err != nil {
		return fmt.Errorf("prn summary: %w", err)
	}
	for _, p := range ps {
		in.Products[p.ID] = p
	}
	for _, r := range in.Residents {
		hist, err := src.ChartHistory(r.ID)
		if err != nil {
			return fmt.Errorf("prn summary: %w", err)
		}
		for _, e := range hist {
			if !e.ValidFrom.After(in.To) && (e.ValidTo.IsZero() || e.ValidTo.After(in.To)) {
				e.ValidTo = time.Time{} // in force at the period's end
				in.Chart = append(in.Chart, e)
			}
		}
		evs, err := src.EventsOfKinds(r.ID, time.Time{}, in.To, mar.KindPRNProtocol, mar.KindCorrection)
		if err != nil {
			return fmt.Errorf("prn summary: %w", err)
		}
		in.Events = append(in.Events, evs...)
	}
	return nil
}

package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"medround/internal/mar"
)

// tally accumulates summaries by key.
type tally struct {
	m map[string]*Summary
}

func newTally() *tally { return &tally{m: map[string]*Summary{}} }

// get returns the summary for key, creating it with label's answer; label
// is a function because it is only needed once per key, and a report calls
// get once per slot.
func (t *tally) get(key string, label func(string) string) *Summary {
	s := t.m[key]
	if s == nil {
		s = &Summary{Key: key, Label: label(key)}
		t.m[key] = s
	}
	return s
}

// list returns the summaries ordered by rank, then label, then key.
func (t *tally) list(rank func(key string) int) []Summary {
	out := make([]Summary, 0, len(t.m))
	for _, s := range t.m {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Summary) int {
		if rank != nil {
			if c := cmp.Compare(rank(a.Key), rank(b.Key)); c != 0 {
				return c
			}
		}
		if c := strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

// total adds up the summaries.
func total(ss []Summary) Summary {
	t := Summary{Key: "total", Label: "All"}
	for _, s := range ss {
		t.Count += s.Count
		t.Early += s.Early
		t.Due += s.Due
		t.Pending += s.Pending
		t.Away += s.Away
	}
	return t
}

// groups are the tallies a report keeps while it reads slots and records.
type groups struct {
	b                          *builder
	residents, rounds, reasons *tally
}

func (b *builder) newGroups() *groups {
	return &groups{b: b, residents: newTally(), rounds: newTally(), reasons: newTally()}
}

func (g *groups) resident(id string) *Summary { return g.residents.get(id, g.b.residentLabel) }

func (g *groups) round(name string) *Summary { return g.rounds.get(name, roundLabel) }

// prnRound is the round key of records of PRN doses, which have no slot.
const prnRound = "prn"

func roundLabel(name string) string {
	switch name {
	case "":
		return "other times"
	case prnRound:
		return "PRN (when required)"
	}
	return name
}

// reason tallies a not-given row by its reason code ("refused" for a
// refusal).
func (g *groups) reason(code string) *Summary { return g.reasons.get(code, reasonLabel) }

func reasonLabel(code string) string {
	if code == "refused" {
		return "Refused"
	}
	if r, err := mar.ParseNotGivenReason(code); err == nil {
		return mar.NotGivenDescriptions[r]
	}
	return code
}

// finish stores the summaries in the report: residents by name, rounds in
// the home's order (then times that are no round's), reasons in the order a
// care worker is offered them.
func (g *groups) finish(withRounds, withReasons bool) {
	rep := g.b.rep
	rep.ByResident = g.residents.list(nil)
	rep.Total = total(rep.ByResident)
	if withRounds {
		rep.ByRound = g.rounds.list(g.b.roundRank)
	}
	if withReasons {
		rep.ByReason = g.reasons.list(reasonRank)
	}
}

// roundRank orders rounds as the home lists them, then others, then the
// doses due at no round's time, then PRN doses.
func (b *builder) roundRank(name string) int {
	switch name {
	case "":
		return len(b.home.Rounds) + 1
	case prnRound:
		return len(b.home.Rounds) + 2
	}
	for i, r := range b.home.Rounds {
		if r.Name == name {
			return i
		}
	}
	return len(b.home.Rounds)
}

func reasonRank(code string) int {
	if code == "refused" {
		return 0
	}
	for i, r := range mar.NotGivenReasons() {
		if r.String() == code {
			return i + 1
		}
	}
	return len(mar.NotGivenReasons()) + 1
}

// sortRows orders rows by resident name, then time, then medicine.
func sortRows(rows []Row) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		if c := strings.Compare(strings.ToLower(a.Resident), strings.ToLower(b.Resident)); c != 0 {
			return c
		}
		if c := strings.Compare(a.ResidentID, b.ResidentID); c != 0 {
			return c
		}
		if c := rowTime(a).Compare(rowTime(b)); c != 0 {
			return c
		}
		return strings.Compare(a.Medicine, b.Medicine)
	})
}

func rowTime(r Row) time.Time {
	if !r.Due.IsZero() {
		return r.Due
	}
	return r.OccurredAt
}

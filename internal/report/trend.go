package report

import (
	"slices"
	"time"
)

// Trend is the review's chart: missed doses and doses given late or early
// per round and per local day. It is counted from the review's own rows
// (the missed and the late-or-early sections), so a bar never disagrees
// with the list under it.
type Trend struct {
	// Days are YYYY-MM-DD in the home's zone, oldest first.
	Days   []string     `json:"days"`
	Rounds []RoundTrend `json:"rounds"`
	// Most is the highest count of any bar, for a common scale.
	Most int `json:"most"`
}

// RoundTrend is one round's line of the chart.
type RoundTrend struct {
	// Round is the round's name, empty for doses due at no round's time.
	Round string `json:"round"`
	Label string `json:"label"`
	// Missed and Late have one count per Trend.Days; Late counts doses
	// given late or early, as the review's section does.
	Missed []int `json:"missed"`
	Late   []int `json:"late"`
}

// TrendOf counts the review's missed and late-or-early rows per round and
// day. Every round of the home has a line, in the home's order, even with
// nothing to count: a round with no bars is news too. Doses due at no
// round's time have their own line when there are any.
func TrendOf(rv *Review) Trend {
	loc, err := time.LoadLocation(rv.TimeZone)
	if err != nil {
		loc = rv.From.Location()
	}
	t := Trend{Days: localDays(rv.From, rv.To, loc), Rounds: []RoundTrend{}}
	index := map[string]int{}
	for i, d := range t.Days {
		index[d] = i
	}
	line := func(name string) *RoundTrend {
		i := slices.IndexFunc(t.Rounds, func(r RoundTrend) bool { return r.Round == name })
		if i < 0 {
			label := "Other times"
			if name != "" {
				label = roundHeading(name)
			}
			t.Rounds = append(t.Rounds, RoundTrend{Round: name, Label: label,
				Missed: make([]int, len(t.Days)), Late: make([]int, len(t.Days))})
			i = len(t.Rounds) - 1
		}
		return &t.Rounds[i]
	}
	for _, name := range rv.Rounds {
		line(name)
	}
	for _, sec := range rv.Sections {
		if sec.ID != SectionMissed && sec.ID != SectionLate {
			continue
		}
		for _, r := range sec.Rows {
			d, ok := index[r.Due.In(loc).Format(time.DateOnly)]
			if r.Due.IsZero() || !ok {
				continue
			}
			l := line(r.Round)
			n := &l.Missed[d]
			if sec.ID == SectionLate {
				n = &l.Late[d]
			}
			*n++
			t.Most = max(t.Most, *n)
		}
	}
	return t
}

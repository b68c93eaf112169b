package report

import (
	"slices"
	"strings"
)

// GroupBy is how the review's rows are grouped under headings.
type GroupBy uint8

// Groupings of the review. Not persisted.
const (
	GroupByResident GroupBy = iota + 1
	GroupByRound
)

// Group is the rows under one heading.
type Group struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Rows  []Row  `json:"rows"`
}

// GroupRows groups rows under a heading per resident (in room order, as
// the round walks the corridor) or per round (in the home's order, then
// rounds no longer in it, then doses due at no round's time and the rows
// that have no round: PRN doses, stops and incidents). Rows keep their
// order within a group.
func GroupRows(rows []Row, by GroupBy, rounds []string) []Group {
	var groups []Group
	at := map[string]int{}
	for _, r := range rows {
		key, label := r.ResidentID, residentHeading(r)
		if by == GroupByRound {
			key, label = r.Round, roundHeading(r.Round)
		}
		i, ok := at[key]
		if !ok {
			i = len(groups)
			at[key] = i
			groups = append(groups, Group{Key: key, Label: label})
		}
		groups[i].Rows = append(groups[i].Rows, r)
	}
	if by == GroupByRound {
		rank := func(key string) int {
			if key == "" {
				return len(rounds) + 1
			}
			if i := slices.Index(rounds, key); i >= 0 {
				return i
			}
			return len(rounds)
		}
		slices.SortStableFunc(groups, func(a, b Group) int { return rank(a.Key) - rank(b.Key) })
		return groups
	}
	slices.SortStableFunc(groups, func(a, b Group) int {
		if a.Key == "" || b.Key == "" {
			return strings.Compare(b.Key, a.Key) // a tablet's own incidents last
		}
		if c := compareRooms(a.Rows[0].Room, b.Rows[0].Room); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label))
	})
	return groups
}

func residentHeading(r Row) string {
	switch {
	case r.ResidentID == "":
		return "No resident (about a tablet)"
	case r.Room == "":
		return r.Resident + " (no room)"
	}
	return "Room " + r.Room + " · " + r.Resident
}

func roundHeading(name string) string {
	if name == "" {
		return "No round (other times, when required, scans and incidents)"
	}
	return strings.ToUpper(name[:1]) + name[1:] + " round"
}

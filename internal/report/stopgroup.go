package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// StopGroupWindow is how close after a stop the same pack, stopped again
// for the same resident by the same care worker with the same codes, is
// the same near miss: a care worker who scans the wrong pack three times
// in a minute made one mistake, which the review shows once, "scanned 3
// times", rather than as three rows that read as three near misses. Every
// stop stays stored (append-only); only the report groups them. Ten
// minutes holds the retries of one attempt at the trolley; a stop later
// than that is a new attempt and a row of its own.
const StopGroupWindow = 10 * time.Minute

// stopKey is what makes two stops the same near miss. The care worker is
// part of it: the stops are counted per care worker for supervision, and
// two care workers stopped on one pack are two near misses.
type stopKey struct {
	resident, entry, gtin, user, codes string
}

// stop is one stopped scan that stands, before grouping.
type stop struct {
	key stopKey
	id  uuid.UUID
	at  time.Time // UTC, when it happened
	row Row
}

// groupStops folds each stop into the row of the first earlier stop of
// the same key no more than StopGroupWindow before it, in time order: the
// row keeps the first stop's time and event (its follow-up target) and
// counts the rest in Stops and Repeated.
func groupStops(stops []stop) []Row {
	slices.SortStableFunc(stops, func(a, b stop) int { return a.at.Compare(b.at) })
	type open struct {
		row   int
		first time.Time
	}
	var rows []Row
	groups := map[stopKey]open{}
	for _, s := range stops {
		if g, ok := groups[s.key]; ok && s.at.Sub(g.first) <= StopGroupWindow {
			r := &rows[g.row]
			r.Stops++
			r.Repeated = append(r.Repeated, s.row.EventID)
			continue
		}
		row := s.row
		row.Stops, row.Repeated = 1, nil
		groups[s.key] = open{row: len(rows), first: s.at}
		rows = append(rows, row)
	}
	return rows
}

// StopsText says how many times a stopped-scan row's pack was stopped,
// "scanned 3 times", for the review, the table and the CSV alike; empty
// for a single stop.
func (r Row) StopsText() string {
	if r.Stops <= 1 {
		return ""
	}
	return fmt.Sprintf("scanned %d times", r.Stops)
}

// stopCodes is the codes of a stop as one key, in any order.
func stopCodes(codes []string) string {
	c := slices.Clone(codes)
	slices.Sort(c)
	return strings.Join(c, " ")
}

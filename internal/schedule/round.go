package schedule

import (
	"time"

	"medround/internal/mar"
)

// CurrentRound returns the round the clock points to at now: the one whose
// time of day is nearest, measured around midnight, so at 02:00 it is the
// night round and at 04:00 the morning one. A tie goes to the earlier round,
// the one already under way (at 10:00 with rounds at 08:00 and 12:00 the
// morning round is still being given). A home with no rounds gets the zero
// Round.
func CurrentRound(h mar.Home, now time.Time) (mar.Round, error) {
	loc, err := h.Location()
	if err != nil {
		return mar.Round{}, err
	}
	l := now.In(loc)
	clock := l.Hour()*60 + l.Minute()
	var best mar.Round
	bestDist, bestAhead := -1, false
	for _, r := range h.Rounds {
		ahead := (int(r.At) - clock + 24*60) % (24 * 60) // minutes until it
		behind := (clock - int(r.At) + 24*60) % (24 * 60)
		dist, isAhead := behind, false
		if ahead < behind {
			dist, isAhead = ahead, true
		}
		if bestDist < 0 || dist < bestDist || (dist == bestDist && bestAhead && !isAhead) {
			best, bestDist, bestAhead = r, dist, isAhead
		}
	}
	return best, nil
}

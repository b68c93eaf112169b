package round

import (
	"fmt"
	"time"

	"medround/internal/mar"
)

// Incidents the central record found reach the tablet as events pulled
// like another tablet's (mar.KindIncident: ReasonCodes names the code, Note
// says it in words, About names the record that raised it). The round
// only shows them: it never records one.

// incidentsOf returns the incidents among events, newest first.
func incidentsOf(events []mar.Event) []mar.Event {
	var out []mar.Event
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Kind == mar.KindIncident {
			out = append(out, events[i])
		}
	}
	return out
}

// Incidents lists the incidents of every resident with from <= OccurredAt
// < to, newest first, for a manager's list and the settings screen (where
// a tablet's clock incident belongs).
func (s *Service) Incidents(from, to time.Time) ([]mar.Event, error) {
	var all []mar.Event
	err := s.st.EachEvent(from, to, func(e mar.Event) error {
		if e.Kind == mar.KindIncident {
			all = append(all, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read incidents: %w", err)
	}
	return incidentsOf(all), nil
}

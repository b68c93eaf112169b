package round

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"medround/internal/fhir"
	"medround/internal/mar"
)

// ExportFHIR writes the administrations that happened in [from, to) as a
// FHIR R4 Bundle of MedicationAdministration. An administration corrected
// in the period is included, marked entered-in-error, even if it happened
// before.
func (s *Service) ExportFHIR(from, to time.Time) ([]byte, error) {
	var events []mar.Event
	have := map[uuid.UUID]bool{}
	err := s.st.EachEvent(from, to, func(e mar.Event) error {
		events = append(events, e)
		have[e.ID] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for _, e := range events {
		if e.Kind == mar.KindCorrection && !have[e.Corrects] {
			orig, err := s.st.Event(e.Corrects)
			if err != nil {
				return nil, fmt.Errorf("export: corrected record %s: %w", e.Corrects, err)
			}
			events = append([]mar.Event{orig}, events...)
			have[orig.ID] = true
		}
	}
	residents, entries, products, err := s.chartMaps()
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return fhir.AdministrationBundle(events, residents, entries, products)
}

// chartMaps reads the whole chart, every entry version included (the last
// version of each entry wins), keyed by ID.
func (s *Service) chartMaps() (map[string]mar.Resident, map[string]mar.ChartEntry, map[string]mar.Product, error) {
	rs, err := s.st.Residents()
	if err != nil {
		return nil, nil, nil, err
	}
	residents := make(map[string]mar.Resident, len(rs))
	entries := map[string]mar.ChartEntry{}
	for _, r := range rs {
		residents[r.ID] = r
		hist, err := s.st.ChartHistory(r.ID)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, e := range hist {
			if old, ok := entries[e.ID]; !ok || e.Version > old.Version {
				entries[e.ID] = e
			}
		}
	}
	ps, err := s.st.Products()
	if err != nil {
		return nil, nil, nil, err
	}
	products := make(map[string]mar.Product, len(ps))
	for _, p := range ps {
		products[p.ID] = p
	}
	return residents, entries, products, nil
}

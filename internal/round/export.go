package round

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"medround/internal/fhir"
	"medround/internal/mar"
)

// ExportFHIR writes the administrations that happened in [from, to) as a
// FHIR R4 Bundle of MedicationAdministration, as they are known now: a
// dose corrected as entered in error is written so, even when the
// correction came after `to`, and an administration corrected in the period
// is included, marked entered-in-error, even if it happened before. Each
// dose is written as the product and unit it was given as.
func (s *Service) ExportFHIR(from, to time.Time) ([]byte, error) {
	return s.export("", from, to)
}

// ExportResidentFHIR is ExportFHIR for one resident's administrations: the
// central record's FHIR endpoint answers for one patient.
func (s *Service) ExportResidentFHIR(residentID string, from, to time.Time) ([]byte, error) {
	if residentID == "" {
		return nil, fmt.Errorf("export: no resident named")
	}
	return s.export(residentID, from, to)
}

// export writes the bundle of one resident's events, or every resident's
// when residentID is empty. A correction is the resident's of the record
// it names, so it goes with it.
func (s *Service) export(residentID string, from, to time.Time) ([]byte, error) {
	events, err := s.exportEvents(from, to)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if residentID != "" {
		events = slices.DeleteFunc(events, func(e mar.Event) bool { return e.ResidentID != residentID })
	}
	residents, entries, products, versions, err := s.chartMaps()
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for i := range events {
		givenAs(&events[i], versions)
	}
	return fhir.AdministrationBundle(events, residents, entries, products)
}

// exportEvents reads the events of [from, to), the corrections recorded
// since `to` of those (and of their corrections), and every earlier record
// a correction among them names.
func (s *Service) exportEvents(from, to time.Time) ([]mar.Event, error) {
	var events []mar.Event
	have := map[uuid.UUID]bool{}
	add := func(e mar.Event) {
		events = append(events, e)
		have[e.ID] = true
	}
	err := s.st.EachEvent(from, to, func(e mar.Event) error { add(e); return nil })
	if err != nil {
		return nil, err
	}
	if now := s.now().Add(time.Hour); now.After(to) {
		// In time order, so a correction of a later correction follows it.
		err = s.st.EachEvent(to, now, func(e mar.Event) error {
			if e.Kind == mar.KindCorrection && have[e.Corrects] {
				add(e)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var earlier []mar.Event
	for i := 0; i < len(events); i++ { // grows as earlier records are found
		if e := events[i]; e.Kind == mar.KindCorrection && !have[e.Corrects] {
			orig, err := s.st.Event(e.Corrects)
			if err != nil {
				return nil, fmt.Errorf("corrected record %s: %w", e.Corrects, err)
			}
			add(orig)
			earlier = append(earlier, orig)
		}
	}
	// Earlier records first, as they happened; the period's stay in order.
	slices.SortStableFunc(earlier, func(a, b mar.Event) int { return a.OccurredAt.Compare(b.OccurredAt) })
	return append(earlier, events[:len(events)-len(earlier)]...), nil
}

// entryVersion names one version of a chart entry.
type entryVersion struct {
	id      string
	version int
}

// givenAs fills in the product and unit of a dose recorded before events
// kept them, from the entry version it names, so a later chart change does
// not rewrite what was given.
func givenAs(e *mar.Event, versions map[entryVersion]mar.ChartEntry) {
	if e.Kind != mar.KindAdministration || (e.ProductID != "" && e.DoseUnit != "") {
		return
	}
	v, ok := versions[entryVersion{e.EntryID, e.EntryVersion}]
	if !ok {
		return
	}
	if e.ProductID == "" {
		e.ProductID = v.ProductID
	}
	if e.DoseUnit == "" {
		e.DoseUnit = v.Dose.Unit
	}
}

// chartMaps reads the whole chart, every entry version included, keyed by
// ID (entries: the last version of each) and by ID and version.
func (s *Service) chartMaps() (map[string]mar.Resident, map[string]mar.ChartEntry, map[string]mar.Product, map[entryVersion]mar.ChartEntry, error) {
	rs, err := s.st.Residents()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	residents := make(map[string]mar.Resident, len(rs))
	entries := map[string]mar.ChartEntry{}
	versions := map[entryVersion]mar.ChartEntry{}
	for _, r := range rs {
		residents[r.ID] = r
		hist, err := s.st.ChartHistory(r.ID)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		for _, e := range hist {
			versions[entryVersion{e.ID, e.Version}] = e
			if old, ok := entries[e.ID]; !ok || e.Version > old.Version {
				entries[e.ID] = e
			}
		}
	}
	ps, err := s.st.Products()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	products := make(map[string]mar.Product, len(ps))
	for _, p := range ps {
		products[p.ID] = p
	}
	return residents, entries, products, versions, nil
}

package round

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/store"
)

// reviewImport works out what an import brings in that a senior or
// pharmacist must confirm, and completes what the chart leaves to be
// worked out:
//   - a PRN entry with a frequency but no interval ("up to 4 times a day")
//     gets the interval it implies (mar.ChartEntry.PRNInterval), stored so
//     every screen and the check read the same one, and named here;
//   - two lines in force for a resident with an active ingredient in common
//     (brand and generic; a new request beside the one it should replace)
//     are listed for a senior to confirm they are meant together;
//   - an ingredient code with two names, or a name with two codes in one
//     system, is listed: "same ingredient" then depends on which is right;
//   - a file that says a known resident is somewhere else than the home
//     holds, or that a resident is inactive.
//
// None of these stops the import: each is a choice the prescriber may have
// meant, and the check still stops what would harm at the trolley.
func (s *Service) reviewImport(u *store.ChartUpdate) ([]fhir.Unsupported, error) {
	out := deriveIntervals(u.Entries)
	notes, err := s.residentNotes(u.Residents)
	if err != nil {
		return nil, err
	}
	out = append(out, notes...)
	products, err := s.importProducts(u.Products)
	if err != nil {
		return nil, err
	}
	out = append(out, ingredientMismatches(products, u.Products)...)
	dups, err := s.duplicateTherapy(u, products)
	if err != nil {
		return nil, err
	}
	return append(out, dups...), nil
}

// deriveIntervals sets the minimum interval of PRN entries that give a
// frequency per period and no interval: without it four doses in three
// minutes would each be "OK to give".
func deriveIntervals(entries []mar.ChartEntry) []fhir.Unsupported {
	var out []fhir.Unsupported
	for i, e := range entries {
		if !e.PRN || e.MinInterval > 0 {
			continue
		}
		d, derived := e.PRNInterval()
		if !derived || d <= 0 {
			continue
		}
		entries[i].MinInterval = d
		if e.Status == mar.EntryActive || e.Status == mar.EntryOnHold {
			out = append(out, fhir.Unsupported{Resource: entryWhere(e.ID), Path: "timing.repeat",
				Message: fmt.Sprintf("when required, %d times in %g %s with no interval between doses: at least %s apart, worked out from the frequency; confirm with the prescriber",
					e.Timing.Frequency, e.Timing.Period, e.Timing.PeriodUnit, durationText(d))})
		}
	}
	return out
}

// entryWhere names a chart entry as its request: "MedicationRequest/rx1"
// and, for a second dosage line, "MedicationRequest/rx1 line 2".
func entryWhere(id string) string {
	base, line, ok := strings.Cut(id, "#")
	if !ok {
		return "MedicationRequest/" + id
	}
	return "MedicationRequest/" + base + " line " + line
}

func durationText(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case m == 0:
		return fmt.Sprintf("%d hours", h)
	case h == 0:
		return fmt.Sprintf("%d minutes", m)
	}
	return fmt.Sprintf("%d hours %d minutes", h, m)
}

// residentNotes lists what the file says about residents that the import
// does not apply (a known resident's status comes from status-change events
// only) or that leaves a resident off the round.
func (s *Service) residentNotes(rs []mar.Resident) ([]fhir.Unsupported, error) {
	var out []fhir.Unsupported
	for _, r := range rs {
		where := "Patient/" + r.ID
		if !r.Active {
			out = append(out, fhir.Unsupported{Resource: where, Path: "active",
				Message: "marked inactive: left off the round and every dose stops; if they still live here, correct it in the source system"})
		}
		old, err := s.st.Resident(r.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if r.Status != 0 && r.Status != old.Status {
			out = append(out, fhir.Unsupported{Resource: where, Path: "extension",
				Message: fmt.Sprintf("the file says %s but the home holds %s: import does not move a resident; if the file is right, record the change with the resident's status", r.Status, old.Status)})
		}
	}
	return out, nil
}

// importProducts is every product as it will be after the import: those
// stored, with the update's in place of any of the same ID.
func (s *Service) importProducts(update []mar.Product) (map[string]mar.Product, error) {
	stored, err := s.st.Products()
	if err != nil {
		return nil, err
	}
	out := make(map[string]mar.Product, len(stored)+len(update))
	for _, p := range stored {
		out[p.ID] = p
	}
	for _, p := range update {
		out[p.ID] = p
	}
	return out, nil
}

package round

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/schedule"
	"medround/internal/store"
)

// ImportResult is what an import changed, what it could not use, and what a
// senior or pharmacist must confirm.
type ImportResult struct {
	Summary     store.ImportSummary `json:"summary"`
	Unsupported []fhir.Unsupported  `json:"unsupported"`
	// Review lists what the import took in but a senior or pharmacist must
	// confirm: names read from codes, intervals worked out, two lines in
	// force with an ingredient in common, ingredient codes and names that
	// disagree, statuses the file gives but import does not apply.
	Review []fhir.Unsupported `json:"review"`
	// Protocols counts the PRN protocols recorded from the prescriptions'
	// when-required lines (recordImportedProtocols).
	Protocols int `json:"prnProtocols"`

	protocols []mar.PRNProtocol // read by PrepareImport, recorded by ImportProtocols
	at        time.Time         // when the import takes effect
}

// importFiles reads FHIR R4 bundles and stores the chart they hold. All
// files are one import: if any is bad, nothing changes. A changed
// MedicationRequest supersedes the old one from now; re-importing the same
// files changes nothing.
func (s *Service) importFiles(paths ...string) (*ImportResult, error) {
	u, res, err := s.PrepareImport(paths...)
	if err != nil {
		return nil, err
	}
	sum, err := s.st.ApplyChart(u)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	res.Summary = sum
	return res, nil
}

// PrepareImport reads and checks bundles as an import does, against the
// chart held, and returns the update the import would apply, without
// applying it. The central record uses it to import with the tablet's rules.
func (s *Service) PrepareImport(paths ...string) (store.ChartUpdate, *ImportResult, error) {
	var u store.ChartUpdate
	res := &ImportResult{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return u, nil, fmt.Errorf("import %s: %w", filepath.Base(p), err)
		}
		c, err := fhir.ParseBundle(data, filepath.Base(p))
		if err != nil {
			return u, nil, err
		}
		u.Residents = append(u.Residents, c.Residents...)
		u.Products = append(u.Products, c.Products...)
		u.Entries = append(u.Entries, c.Entries...)
		u.Allergies = append(u.Allergies, c.Allergies...)
		res.Unsupported = append(res.Unsupported, c.Unsupported...)
		res.Review = append(res.Review, c.Review...)
		res.protocols = append(res.protocols, c.Protocols...)
		ended, err := s.retract(c.Retracted)
		if err != nil {
			return u, nil, fmt.Errorf("import %s: %w", filepath.Base(p), err)
		}
		u.Entries = append(u.Entries, ended...)
	}
	u.At = s.now().UTC()
	res.at = u.At
	review, err := s.validateImport(&u)
	if err != nil {
		return u, nil, fmt.Errorf("import: %w", err)
	}
	res.Review = append(res.Review, review...)
	return u, res, nil
}

// retract ends the stored entries of MedicationRequests a file marks
// entered-in-error: the request and its further instructions (id#2, ...)
// get a new version with status cancelled, so nothing more is due from it
// and the old versions stay in history.
func (s *Service) retract(requestIDs []string) ([]mar.ChartEntry, error) {
	var out []mar.ChartEntry
	for _, id := range requestIDs {
		for n := 1; ; n++ {
			entryID := id
			if n > 1 {
				entryID = fmt.Sprintf("%s#%d", id, n)
			}
			e, err := s.st.Entry(entryID)
			if errors.Is(err, store.ErrNotFound) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("retract %s: %w", entryID, err)
			}
			if e.Status != mar.EntryCancelled {
				e.Status = mar.EntryCancelled
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// validateImport refuses what an import must never do to the records
// already held, and ends the dosage lines a changed request dropped:
//   - change a resident's NHS number, or give one resident an identifier
//     another already has (a wristband would then open the wrong chart);
//   - move a chart entry, and its history, to another resident;
//   - bring in a timing the home's rounds cannot place (the dose would be
//     silently missing from every round).
//
// It returns what a senior or pharmacist must confirm (see reviewImport).
func (s *Service) validateImport(u *store.ChartUpdate) ([]fhir.Unsupported, error) {
	if err := s.validateResidents(u.Residents); err != nil {
		return nil, err
	}
	if err := s.validateEntries(u.Entries); err != nil {
		return nil, err
	}
	dropped, err := s.droppedLines(u.Entries)
	if err != nil {
		return nil, err
	}
	u.Entries = append(u.Entries, dropped...)
	if err := s.validateTimings(u.Entries, u.At); err != nil {
		return nil, err
	}
	return s.reviewImport(u)
}

func (s *Service) validateResidents(rs []mar.Resident) error {
	owner := map[string]string{} // identifier -> resident ID within this import
	for _, r := range rs {
		old, err := s.st.Resident(r.ID)
		switch {
		case err == nil && old.NHSNumber != "" && r.NHSNumber != old.NHSNumber:
			return fmt.Errorf("resident Patient/%s: its NHS number differs from the one held; a resident's identity is not changed by import: check with the GP practice", r.ID)
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
		// The Patient id is matched by a scan like any identifier, so it
		// must not be another resident's number either.
		ids := []string{r.ID, r.NHSNumber}
		for _, x := range r.Identifiers {
			ids = append(ids, strings.TrimSpace(x.Value))
		}
		for _, id := range ids {
			if id == "" {
				continue
			}
			if o, ok := owner[id]; ok && o != r.ID {
				return fmt.Errorf("residents Patient/%s and Patient/%s share an identifier: each resident's wristband must open only their chart", o, r.ID)
			}
			owner[id] = r.ID
			other, err := s.st.FindResident(id)
			if (err == nil && other.ID != r.ID) || errors.Is(err, store.ErrAmbiguous) {
				return fmt.Errorf("resident Patient/%s: an identifier is already held by another resident: each resident's wristband must open only their chart", r.ID)
			}
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
	}
	return nil
}

func (s *Service) validateEntries(entries []mar.ChartEntry) error {
	for _, e := range entries {
		old, err := s.st.Entry(e.ID)
		switch {
		case err == nil && old.ResidentID != e.ResidentID:
			return fmt.Errorf("chart entry MedicationRequest/%s: it was for another resident; a request does not move between residents: stop it and write a new one", baseID(e.ID))
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
	}
	return nil
}

// droppedLines cancels the stored dosage lines (id#2, id#3, ...) of
// requests this import changed to have fewer lines.
func (s *Service) droppedLines(entries []mar.ChartEntry) ([]mar.ChartEntry, error) {
	present := map[string]bool{}
	for _, e := range entries {
		present[e.ID] = true
	}
	var out []mar.ChartEntry
	seen := map[string]bool{}
	for _, e := range entries {
		base := baseID(e.ID)
		if seen[base] {
			continue
		}
		seen[base] = true
		for n := 2; ; n++ {
			id := fmt.Sprintf("%s#%d", base, n)
			old, err := s.st.Entry(id)
			if errors.Is(err, store.ErrNotFound) {
				break
			}
			if err != nil {
				return nil, err
			}
			if !present[id] && old.Status != mar.EntryCancelled {
				old.Status = mar.EntryCancelled
				out = append(out, old)
			}
		}
	}
	return out, nil
}

func baseID(entryID string) string {
	if i := strings.IndexByte(entryID, '#'); i >= 0 {
		return entryID[:i]
	}
	return entryID
}

// validateTimings expands every regular entry for one day with the home's
// rounds, ignoring its dates and status, so a timing that cannot be placed
// is refused now rather than missing from the round later.
func (s *Service) validateTimings(entries []mar.ChartEntry, at time.Time) error {
	home, err := s.st.Home()
	if err != nil {
		return err
	}
	var probe []mar.ChartEntry
	for _, e := range entries {
		if e.PRN {
			continue
		}
		e.Status, e.Start, e.End, e.ValidFrom, e.ValidTo = mar.EntryActive, time.Time{}, time.Time{}, time.Time{}, time.Time{}
		probe = append(probe, e)
	}
	if _, err := schedule.Between(home, probe, at, at.Add(24*time.Hour)); err != nil {
		return fmt.Errorf("%w: correct the timing on the prescription, or the home's rounds in settings", err)
	}
	return nil
}

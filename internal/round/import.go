package round

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/store"
)

// ImportResult is what an import changed and what it could not use.
type ImportResult struct {
	Summary     store.ImportSummary `json:"summary"`
	Unsupported []fhir.Unsupported  `json:"unsupported"`
}

// Import reads FHIR R4 bundles and stores the chart they hold. All files are
// one import: if any is bad, nothing changes. A changed MedicationRequest
// supersedes the old one from now; re-importing the same files changes
// nothing.
func (s *Service) Import(paths ...string) (*ImportResult, error) {
	var u store.ChartUpdate
	res := &ImportResult{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", filepath.Base(p), err)
		}
		c, err := fhir.ParseBundle(data, filepath.Base(p))
		if err != nil {
			return nil, err
		}
		u.Residents = append(u.Residents, c.Residents...)
		u.Products = append(u.Products, c.Products...)
		u.Entries = append(u.Entries, c.Entries...)
		u.Allergies = append(u.Allergies, c.Allergies...)
		res.Unsupported = append(res.Unsupported, c.Unsupported...)
		ended, err := s.retract(c.Retracted)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", filepath.Base(p), err)
		}
		u.Entries = append(u.Entries, ended...)
	}
	u.At = s.now().UTC()
	sum, err := s.st.ApplyChart(u)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	res.Summary = sum
	return res, nil
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

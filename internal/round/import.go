package round

import (
	"fmt"
	"os"
	"path/filepath"

	"medround/internal/fhir"
	"medround/internal/store"
)

// ImportResult is what an import changed and what it could not use.
type ImportResult struct {
	Summary     store.ImportSummary
	Unsupported []fhir.Unsupported
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
	}
	u.At = s.now().UTC()
	sum, err := s.st.ApplyChart(u)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	res.Summary = sum
	return res, nil
}

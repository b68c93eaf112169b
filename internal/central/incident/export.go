package incident

import (
	"context"
	"errors"
	"fmt"
	"time"

	"medround/internal/central"
	"medround/internal/round"
	"medround/internal/store"
)

// Administrations writes the administrations of the resident with this NHS
// number from `from` on as a FHIR R4 Bundle, from the home's copy brought
// up to date first, by the tablet's own export (round.ExportResidentFHIR):
// what the centre sends a GP system is what a tablet would. A number no
// resident of the home has is central.ErrNotFound.
func (f *Finder) Administrations(ctx context.Context, homeID, nhsNumber string, from, now time.Time) ([]byte, error) {
	if _, err := f.Find(ctx, homeID); err != nil {
		return nil, err
	}
	h, err := f.lock(homeID)
	if err != nil {
		return nil, err
	}
	defer h.mu.Unlock()
	cp, err := f.copyOf(h, homeID)
	if err != nil {
		return nil, err
	}
	r, err := cp.FindResident(nhsNumber)
	if errors.Is(err, store.ErrNotFound) || (err == nil && r.NHSNumber != nhsNumber) {
		return nil, fmt.Errorf("resident: %w", central.ErrNotFound)
	}
	if errors.Is(err, store.ErrAmbiguous) {
		return nil, fmt.Errorf("%w: that NHS number belongs to more than one resident of the home; ask the manager to correct the chart", central.ErrRefused)
	}
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	svc := round.New(cp, round.Options{DeviceID: central.CentreDevice, Now: func() time.Time { return now }})
	return svc.ExportResidentFHIR(r.ID, from, now.Add(time.Hour))
}

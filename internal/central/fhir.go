package central

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"medround/internal/barcode"
	"medround/internal/schedule"
)

// PathFHIRAdministrations is the FHIR R4 search a GP or pharmacy system
// (holding a device token of the home) uses for one resident's doses:
// ?patient=NHSNUMBER&date=geYYYY-MM-DD.
const PathFHIRAdministrations = "/v1/fhir/MedicationAdministration"

// Exporter writes a resident's administrations from `from` on as a FHIR R4
// Bundle; an NHS number no resident of the home has is ErrNotFound.
type Exporter interface {
	Administrations(ctx context.Context, homeID, nhsNumber string, from, now time.Time) ([]byte, error)
}

func (s *Server) handleFHIR(w http.ResponseWriter, r *http.Request, d Device) {
	if s.fhir == nil {
		s.fail(w, r, refuse(http.StatusNotFound, "this central record does not serve FHIR"))
		return
	}
	q := r.URL.Query()
	nhs := strings.ReplaceAll(q.Get("patient"), " ", "")
	if !barcode.ValidNHSNumber(nhs) || len(q["patient"]) != 1 {
		s.fail(w, r, refuse(http.StatusBadRequest, "give patient=NHSNUMBER: one NHS number of 10 digits with a valid check digit"))
		return
	}
	h, err := s.st.Home(r.Context(), d.HomeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from, err := fhirFrom(q["date"], h)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := s.fhir.Administrations(r.Context(), d.HomeID, nhs, from, s.now().UTC())
	if errors.Is(err, ErrNotFound) {
		s.fail(w, r, refuse(http.StatusNotFound, "no resident of this home has that NHS number"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/fhir+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}

// fhirFrom reads date=geYYYY-MM-DD as the start of that day in the home's
// zone, as the home's MAR charts are kept.
func fhirFrom(dates []string, h Home) (time.Time, error) {
	bad := refuse(http.StatusBadRequest, "give date=geYYYY-MM-DD: the first day of the doses wanted")
	if len(dates) != 1 {
		return time.Time{}, bad
	}
	day, ok := strings.CutPrefix(dates[0], "ge")
	if !ok {
		return time.Time{}, bad
	}
	cal, err := schedule.NewCalendar(h.Settings)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.ParseInLocation(time.DateOnly, day, cal.Location())
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, bad
	}
	return t.UTC(), nil
}

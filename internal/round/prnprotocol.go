package round

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/staff"
)

// ProtocolView is a when-required line with its PRN protocol, as the app
// and the command line show it: the dose range, interval and maximum are
// the chart line's own (Entry), never a copy.
type ProtocolView struct {
	Resident mar.Resident   `json:"resident"`
	Entry    mar.ChartEntry `json:"entry"`
	Product  mar.Product    `json:"product"`
	// Current is the protocol in force; nil when the line has none.
	Current *mar.PRNProtocol `json:"current,omitempty"`
	// Versions are every version that stands, oldest first.
	Versions []mar.PRNProtocol `json:"versions"`
}

// protocolVersions reads every standing version of a resident's PRN
// protocols, oldest first (by kind, as the check's other care records).
func (s *Service) protocolVersions(residentID string) ([]mar.PRNProtocol, error) {
	events, err := s.st.EventsOfKinds(residentID, ledgerFrom, s.now().Add(24*time.Hour),
		mar.KindPRNProtocol, mar.KindCorrection)
	if err != nil {
		return nil, fmt.Errorf("read PRN protocols: %w", err)
	}
	standing := mar.NewStanding(events)
	var out []mar.PRNProtocol
	for _, e := range events {
		if e.Kind != mar.KindPRNProtocol || !standing.Stands(e.ID) {
			continue
		}
		// The store refuses a protocol that does not read back, so one
		// failing here is damage the store check reports; it is not shown.
		if p, err := mar.PRNProtocolFrom(e); err == nil {
			out = append(out, p)
		}
	}
	return out, nil
}

// inForce returns the latest of versions (oldest first) of a line written
// at or before at, nil when none.
func inForce(versions []mar.PRNProtocol, entryID string, at time.Time) *mar.PRNProtocol {
	var cur *mar.PRNProtocol
	for i := range versions {
		if versions[i].EntryID == entryID && !versions[i].At.After(at) {
			cur = &versions[i]
		}
	}
	return cur
}

// protocolAt is the protocol in force for a dose when it was given; nil
// when there was none.
func (s *Service) protocolAt(dose mar.Event) (*mar.PRNProtocol, error) {
	versions, err := s.protocolVersions(dose.ResidentID)
	if err != nil {
		return nil, err
	}
	return inForce(versions, dose.EntryID, dose.OccurredAt), nil
}

// DoseProtocol is the PRN protocol in force when a PRN dose was given, for
// the follow-up to say what to do when it did not work; nil when there
// was none.
func (s *Service) DoseProtocol(doseID uuid.UUID) (*mar.PRNProtocol, error) {
	dose, err := s.st.Event(doseID)
	if err != nil {
		return nil, fmt.Errorf("PRN protocol of a dose: %w", err)
	}
	return s.protocolAt(dose)
}

// PRNProtocols returns a resident's PRN protocols in force at `at`, by
// chart entry ID.
func (s *Service) PRNProtocols(residentID string, at time.Time) (map[string]mar.PRNProtocol, error) {
	versions, err := s.protocolVersions(residentID)
	if err != nil {
		return nil, err
	}
	out := map[string]mar.PRNProtocol{}
	for _, p := range versions {
		if !p.At.After(at) {
			out[p.EntryID] = p
		}
	}
	return out, nil
}

// PRNProtocol shows the protocol of a resident's when-required line, with
// its versions. residentScan is a wristband scan or a resident's ID.
func (s *Service) PRNProtocol(residentScan, entryID string) (*ProtocolView, error) {
	r, err := s.residentFor(residentScan)
	if err != nil {
		return nil, err
	}
	e, err := s.prnLine(r.ID, entryID)
	if err != nil {
		return nil, err
	}
	v := &ProtocolView{Resident: r, Entry: e}
	if v.Product, err = s.st.Product(e.ProductID); err != nil {
		return nil, fmt.Errorf("PRN protocol: read the medicine: %w", err)
	}
	all, err := s.protocolVersions(r.ID)
	if err != nil {
		return nil, err
	}
	v.Versions = []mar.PRNProtocol{}
	for _, p := range all {
		if p.EntryID == e.ID {
			v.Versions = append(v.Versions, p)
		}
	}
	v.Current = inForce(v.Versions, e.ID, s.now())
	return v, nil
}

// prnLine is the version in force of a when-required line of the
// resident's chart; a homely remedy's line has the home's list instead.
func (s *Service) prnLine(residentID, entryID string) (mar.ChartEntry, error) {
	e, err := s.st.Entry(entryID)
	if err != nil || e.ResidentID != residentID {
		return mar.ChartEntry{}, fmt.Errorf("entry %q is not on this resident's chart", entryID)
	}
	if !e.PRN || mar.IsHomelyEntry(e.ID) {
		return mar.ChartEntry{}, fmt.Errorf("entry %q is not a when-required medicine: a PRN protocol is for when-required lines", entryID)
	}
	return e, nil
}

// ErrProtocolUnchanged is a protocol saved with nothing changed: a new
// version saying the same would only make the record longer.
var ErrProtocolUnchanged = errors.New("the protocol says the same as the one in force: nothing was changed")

// SetPRNProtocol records a new version of a when-required line's protocol,
// written in the home; only a senior or manager may (staff.ActPRNProtocol).
// Who and when are the event's.
func (s *Service) SetPRNProtocol(sess *Session, p mar.PRNProtocol) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActPRNProtocol) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActPRNProtocol, Why: "a senior or manager writes it"}
	}
	r, err := s.residentFor(p.ResidentID)
	if err != nil {
		return mar.Event{}, err
	}
	p.ResidentID, p.Imported = r.ID, false
	if _, err := s.prnLine(r.ID, p.EntryID); err != nil {
		return mar.Event{}, err
	}
	if err := p.Valid(); err != nil {
		return mar.Event{}, err
	}
	versions, err := s.protocolVersions(r.ID)
	if err != nil {
		return mar.Event{}, err
	}
	// The prescription's words come from the prescription, never from a
	// form: a version written in the home shows the chart line's own
	// (PrescriptionWords), so it carries none that could go stale.
	p.Prescribed = ""
	if cur := inForce(versions, p.EntryID, s.now()); cur != nil && cur.SameTerms(p) {
		return mar.Event{}, ErrProtocolUnchanged
	}
	ev := s.careEvent(sess, r.ID)
	p.Fill(&ev)
	return s.appendCare(ev, "PRN protocol")
}

// ImportProtocols records the PRN protocols a prepared import read
// (PrepareImport), once its chart update is applied, with Import's rule
// (recordImportedProtocols), adds their count and what a senior must
// review to res, and returns the events it recorded. The central record
// calls it on a copy of the home's records, so an import there keeps the
// tablet's rule and its tablets pull the same protocols.
func (s *Service) ImportProtocols(sess *Session, res *ImportResult) ([]mar.Event, error) {
	recorded, review, err := s.recordImportedProtocols(sess, res.protocols, res.at)
	res.Protocols, res.Review = res.Protocols+len(recorded), append(res.Review, review...)
	if err != nil {
		return recorded, fmt.Errorf("import: %w", err)
	}
	return recorded, nil
}

// recordImportedProtocols records the PRN protocols an import read, as
// of the import's time (so none reads as older than its chart line), by
// whoever signed the import. A protocol is recorded when the line has
// none, or when the last was imported and the prescription now says
// something else. One written in the home is never replaced by an import:
// a changed prescription is listed for a senior to review it instead.
func (s *Service) recordImportedProtocols(sess *Session, ps []mar.PRNProtocol, at time.Time) ([]mar.Event, []fhir.Unsupported, error) {
	var recorded []mar.Event
	var review []fhir.Unsupported
	byResident := map[string][]mar.PRNProtocol{}
	for _, p := range ps {
		versions, ok := byResident[p.ResidentID]
		if !ok {
			var err error
			if versions, err = s.protocolVersions(p.ResidentID); err != nil {
				return recorded, review, err
			}
			byResident[p.ResidentID] = versions
		}
		cur, lastImported := inForce(versions, p.EntryID, at), lastImport(versions, p.EntryID)
		switch {
		case cur != nil && cur.Imported && cur.SameTerms(p):
			continue
		case cur != nil && !cur.Imported:
			if lastImported == nil || !lastImported.SameTerms(p) {
				review = append(review, fhir.Unsupported{Resource: "MedicationRequest/" + p.EntryID, Path: "dosageInstruction",
					Message: fmt.Sprintf("the prescription's when-required reason or instructions changed; the PRN protocol written in the home (%s, %s) stays in force: a senior reviews it",
						cur.By, cur.At.Format(time.DateOnly))})
			}
			continue
		}
		ev := mar.Event{ID: uuid.New(), DeviceID: s.deviceID, ResidentID: p.ResidentID, OccurredAt: at, RecordedAt: s.now().UTC()}
		if sess != nil {
			ev.UserID = sess.user.ID
		}
		p.Fill(&ev)
		if _, err := s.appendCare(ev, "imported PRN protocol"); err != nil {
			return recorded, review, err
		}
		recorded = append(recorded, ev)
	}
	return recorded, review, nil
}

// lastImport is the last version of a line's protocol that came from the
// prescription, nil when none did.
func lastImport(versions []mar.PRNProtocol, entryID string) *mar.PRNProtocol {
	var last *mar.PRNProtocol
	for i := range versions {
		if versions[i].EntryID == entryID && versions[i].Imported {
			last = &versions[i]
		}
	}
	return last
}

// PRNSummary is each resident's PRN use in [from, to), week by week, with
// whether each dose worked under which protocol (report.SummarisePRN).
func (s *Service) PRNSummary(from, to time.Time) ([]report.ResidentPRN, error) {
	return report.BuildPRNSummary(s.st, from, to)
}

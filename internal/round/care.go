package round

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/staff"
)

// homelySubject is the resident ID the store files the home's homely
// remedies list under, as recalls are: it belongs to the home.
const homelySubject = "@homely"

// ErrNoSite is a patch or cream recorded as given without saying where
// it went.
var ErrNoSite = check.ErrNoSite

// HomelyRemedies returns the home's homely remedies list by ID: the latest
// record of each that still stands.
func (s *Service) HomelyRemedies() (map[string]mar.HomelyRemedy, error) {
	// Read at every check: by kind, which the store keeps until its next
	// write.
	events, err := s.st.EventsOfKinds(homelySubject, ledgerFrom, s.now().Add(24*time.Hour),
		mar.KindHomelyRemedy, mar.KindCorrection)
	if err != nil {
		return nil, fmt.Errorf("read homely remedies: %w", err)
	}
	standing := mar.NewStanding(events)
	out := map[string]mar.HomelyRemedy{}
	for _, e := range events {
		if e.Kind != mar.KindHomelyRemedy || !standing.Stands(e.ID) {
			continue
		}
		if h, err := mar.HomelyRemedyFrom(e); err == nil {
			out[h.ID] = h
		}
	}
	return out, nil
}

// AddHomelyRemedy puts a remedy on the home's list, or replaces the one
// with its ID; only a manager may.
func (s *Service) AddHomelyRemedy(sess *Session, h mar.HomelyRemedy) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActHomelyList) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActHomelyList, Why: "a manager keeps the home's list"}
	}
	if err := h.Valid(); err != nil {
		return mar.Event{}, err
	}
	if err := s.homelyPack(&h); err != nil {
		return mar.Event{}, err
	}
	ev := s.careEvent(sess, homelySubject)
	h.Fill(&ev)
	return s.appendCare(ev, "homely remedy")
}

// SetCovertPlan records a resident's covert plan (for one entry, or all
// medicines); it replaces the plan for the same entry.
func (s *Service) SetCovertPlan(sess *Session, p mar.CovertPlan) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActCovertPlan) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActCovertPlan, Why: "a senior or manager records it"}
	}
	if err := p.Valid(); err != nil {
		return mar.Event{}, err
	}
	if err := planDates(p, s.now(), s.homeZone()); err != nil {
		return mar.Event{}, err
	}
	r, err := s.residentFor(p.ResidentID)
	if err != nil {
		return mar.Event{}, err
	}
	p.ResidentID = r.ID
	if p.EntryID != "" {
		if e, err := s.st.Entry(p.EntryID); err != nil || e.ResidentID != p.ResidentID {
			return mar.Event{}, fmt.Errorf("entry %q is not on this resident's chart", p.EntryID)
		}
	}
	ev := s.careEvent(sess, p.ResidentID)
	p.Fill(&ev)
	return s.appendCare(ev, "covert plan")
}

// RemovePatch records that the patch of an entry, the last one put on,
// was taken off.
func (s *Service) RemovePatch(sess *Session, residentID, entryID string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActRecord) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActRecord, Why: "only staff on shift record doses"}
	}
	r, err := s.residentFor(residentID)
	if err != nil {
		return mar.Event{}, err
	}
	on, err := s.patchesOn(r.ID, s.now())
	if err != nil {
		return mar.Event{}, err
	}
	for _, p := range on {
		if p.EntryID == entryID {
			ev := s.careEvent(sess, r.ID)
			ev.Kind, ev.About, ev.EntryID = mar.KindPatchRemoved, p.Dose, entryID
			return s.appendCare(ev, "patch removal")
		}
	}
	return mar.Event{}, errors.New("no patch of that medicine is recorded as on this resident")
}

// residentFor finds a resident by what a wristband scan or a typed ID
// gives, as the check does.
func (s *Service) residentFor(scan string) (mar.Resident, error) {
	var in check.Input
	if err := s.matchResident(&in, scan); err != nil {
		return mar.Resident{}, err
	}
	if in.Resident == nil {
		return mar.Resident{}, errors.New("no resident of this home matches that ID: check it and try again")
	}
	return *in.Resident, nil
}

func (s *Service) careEvent(sess *Session, subject string) mar.Event {
	now := s.now().UTC()
	return mar.Event{ID: uuid.New(), DeviceID: s.deviceID, UserID: sess.user.ID, ResidentID: subject,
		OccurredAt: now, RecordedAt: now}
}

func (s *Service) appendCare(ev mar.Event, what string) (mar.Event, error) {
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record %s: %w", what, err)
	}
	return ev, nil
}

// residentCare reads a resident's standing GP approvals (the latest
// recorded per remedy: an approval may be dated back to the day the GP
// gave it, so a correction recorded today can carry an older date) and
// covert plans (the latest per entry) from their whole record.
func (s *Service) residentCare(residentID string, at time.Time) (map[string]mar.HomelyApproval, []mar.CovertPlan, error) {
	events, err := s.st.EventsOfKinds(residentID, ledgerFrom, at.Add(24*time.Hour),
		mar.KindHomelyApproval, mar.KindCovertPlan, mar.KindCorrection)
	if err != nil {
		return nil, nil, fmt.Errorf("read care plans: %w", err)
	}
	standing := mar.NewStanding(events)
	approvals, plans := map[string]mar.HomelyApproval{}, map[string]mar.CovertPlan{}
	approvedWhen := map[string]mar.Event{} // the record of each approval kept
	for _, e := range events {
		if !standing.Stands(e.ID) || e.OccurredAt.After(at) {
			continue
		}
		switch e.Kind {
		case mar.KindHomelyApproval:
			if a, err := mar.HomelyApprovalFrom(e); err == nil && recordedLater(e, approvedWhen[a.RemedyID]) {
				approvals[a.RemedyID], approvedWhen[a.RemedyID] = a, e
			}
		case mar.KindCovertPlan:
			if p, err := mar.CovertPlanFrom(e); err == nil {
				plans[p.EntryID] = p
			}
		}
	}
	var covert []mar.CovertPlan
	for _, p := range plans {
		if p.EntryID != "" {
			covert = append(covert, p)
		}
	}
	slices.SortFunc(covert, func(a, b mar.CovertPlan) int { return strings.Compare(a.EntryID, b.EntryID) })
	if p, ok := plans[""]; ok {
		covert = append(covert, p) // the plan for one entry comes before the one for all
	}
	return approvals, covert, nil
}

// addCare gives the check the home's homely remedies as lines of the
// resident's chart (each whose pack is not already a prescribed product
// of theirs: then the prescription is what is given), the resident's GP
// approvals and covert plans, the patch site chosen, and the weeks of
// history the patch site rotation needs. in.History holds every record of
// the resident from historyFrom on.
func (s *Service) addCare(in *check.Input, at time.Time, site string, historyFrom time.Time) error {
	list, err := s.HomelyRemedies()
	if err != nil {
		return err
	}
	in.Care = check.Care{Homely: list, Site: strings.TrimSpace(site)}
	for _, h := range list {
		// The product always: doses given as the homely remedy count
		// towards the interval and the maximum even once the pack is
		// prescribed.
		in.Products[h.EntryID()] = h.Product()
		if !prescribed(in, h.GTIN) {
			in.Chart = append(in.Chart, h.Entry(in.Resident.ID))
		}
	}
	if in.Care.Approvals, in.Care.Covert, err = s.residentCare(in.Resident.ID, at); err != nil {
		return err
	}
	if in.Care.Protocols, err = s.PRNProtocols(in.Resident.ID, at); err != nil {
		return err
	}
	return s.careHistory(in, at, historyFrom)
}

// careHistory reads more of the resident's history when the patch site
// rotation or a homely remedy's days need it: the records before
// historyFrom, where in.History starts, so the weeks already read are not
// read again.
func (s *Service) careHistory(in *check.Input, at time.Time, historyFrom time.Time) error {
	back := time.Duration(0)
	for _, e := range in.Chart {
		if p := in.Products[e.ProductID]; mar.IsPatch(p) {
			back = max(back, mar.PatchRotation(e, p)+24*time.Hour)
		}
	}
	for _, h := range in.Care.Homely {
		back = max(back, time.Duration(h.Days+3)*24*time.Hour)
	}
	need := at.Add(-back)
	if back == 0 || !need.Before(historyFrom) {
		return nil
	}
	older, err := s.st.Events(in.Resident.ID, need, historyFrom)
	if err != nil {
		return fmt.Errorf("check: read history: %w", err)
	}
	in.History = append(older, in.History...)
	return nil
}

func prescribed(in *check.Input, gtin string) bool {
	for _, e := range in.Chart {
		if in.Products[e.ProductID].HasGTIN(gtin) {
			return true
		}
	}
	return false
}

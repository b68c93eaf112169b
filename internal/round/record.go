package round

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/staff"
)

// RecordRequest is an outcome to record for a checked scan.
type RecordRequest struct {
	CheckRequest
	Outcome        mar.Outcome
	Reason         mar.NotGivenReason
	Note           string
	OverrideReason string              // needed when the verdict is warn
	Unscanned      mar.UnscannedReason // needed when the entry was chosen by hand
	PRNReason      string              // why a PRN dose is given
	WitnessID      string              // needed for schedule 2 and 3 controlled drugs
	WitnessPIN     string
}

// Recording time limits. A record may be entered a little after the dose
// (the care worker finishes with the resident first), but one dated in the
// future would make the next real dose look already given, and one entered
// long after needs a word on why, as a late entry does on a paper MAR.
const (
	clockSlack = 5 * time.Minute
	lateEntry  = 30 * time.Minute
)

// ErrFutureRecord is a record dated after now.
var ErrFutureRecord = errors.New("a dose cannot be recorded as given in the future: check the time")

// ErrLateEntry is a record entered long after the dose without saying why.
var ErrLateEntry = errors.New("this record is entered more than 30 minutes after the dose: say why in the override reason or note")

// ErrUnscannedReason is an entry chosen by hand without saying why the pack
// was not scanned.
var ErrUnscannedReason = errors.New("say why the pack was not scanned: barcode damaged, no barcode or scanner broken")

// RefusedError is a record the rules refused, with the verdict that says
// why, so a front end can show every reason.
type RefusedError struct {
	Verdict check.Verdict
	Err     error
}

// Error says what the rules refused and, when the verdict blocked it, the
// first reason at the verdict's level in the care worker's words.
func (e *RefusedError) Error() string {
	for _, r := range e.Verdict.Reasons {
		if r.Level.Level() == e.Verdict.Level && e.Verdict.Level != mar.LevelOK {
			return e.Err.Error() + ". " + r.Message
		}
	}
	return e.Err.Error()
}

// Unwrap gives the check's error (check.ErrStopped, check.ErrWitness...).
func (e *RefusedError) Unwrap() error { return e.Err }

// Record runs the check again at the moment of recording and, if the rules
// allow the outcome, appends the event and its outbox entry in one
// transaction. It returns the stored event.
func (s *Service) Record(sess *Session, req RecordRequest) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if req.PackScan == "" && req.Unscanned == 0 {
		return mar.Event{}, ErrUnscannedReason
	}
	if req.PackScan != "" {
		req.Unscanned = 0
	}
	if err := s.recordTime(req); err != nil {
		return mar.Event{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in, res, err := s.checkInput(req.CheckRequest, nil)
	if err != nil {
		return mar.Event{}, err
	}
	v := check.CheckIn(in, s.location(in.Home))
	if !req.SlotDue.IsZero() && v.Entry != nil && (v.Slot == nil || !v.Slot.Due.Equal(req.SlotDue)) {
		return mar.Event{}, &RefusedError{Verdict: v, Err: ErrSlotNotDue}
	}
	witness, err := s.witness(req.WitnessID, req.WitnessPIN)
	if err != nil {
		return mar.Event{}, err
	}
	rec := check.Recording{Outcome: req.Outcome, Reason: req.Reason, Note: req.Note,
		OverrideReason: strings.TrimSpace(req.OverrideReason), Giver: sess.user, Witness: witness,
		PRNReason: req.PRNReason, Site: req.Site}
	if err := check.CanRecord(v, rec); err != nil {
		return mar.Event{}, &RefusedError{Verdict: v, Err: err}
	}
	if v.Entry == nil || in.Resident == nil {
		return mar.Event{}, &RefusedError{Verdict: v, Err: check.ErrNoEntry}
	}
	ev := s.administration(sess, req, rec, in, res, v)
	events, err := withSites(ev, req.Site, v)
	if err != nil {
		return mar.Event{}, err
	}
	if err := s.st.AppendAll(events); err != nil {
		return mar.Event{}, fmt.Errorf("record dose: %w", err)
	}
	return ev, nil
}

// recordTime refuses a dose dated in the future, and a late entry without
// a reason.
func (s *Service) recordTime(req RecordRequest) error {
	if req.At.IsZero() {
		return nil
	}
	now := s.now()
	switch {
	case req.At.After(now.Add(clockSlack)):
		return ErrFutureRecord
	case req.At.Before(now.Add(-lateEntry)) &&
		strings.TrimSpace(req.OverrideReason) == "" && strings.TrimSpace(req.Note) == "":
		return ErrLateEntry
	}
	return nil
}

func (s *Service) witness(id, pin string) (*mar.User, error) {
	if id == "" {
		return nil, nil
	}
	u, err := s.verifyPIN(id, pin)
	if err != nil {
		return nil, fmt.Errorf("witness: %w", err)
	}
	return &u, nil
}

func (s *Service) administration(sess *Session, req RecordRequest, rec check.Recording, in check.Input, res *Result, v check.Verdict) mar.Event {
	ev := mar.Event{
		ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: s.deviceID,
		UserID: sess.user.ID, ResidentID: in.Resident.ID,
		OccurredAt: in.Now.UTC(), RecordedAt: s.now().UTC(),
		Note: strings.TrimSpace(req.Note), EntryID: v.Entry.ID, EntryVersion: v.Entry.Version,
		Outcome: req.Outcome, Verdict: v.Level, OverrideReason: strings.TrimSpace(req.OverrideReason),
		Unscanned: req.Unscanned,
	}
	// The product and unit as the chart says now, kept with the dose so a
	// later change of form under the same request cannot rewrite it.
	ev.ProductID, ev.DoseUnit = v.Entry.ProductID, v.Entry.Dose.Unit
	if v.Product != nil {
		ev.ProductID = v.Product.ID
	}
	if rec.Witness != nil {
		// The stored user's own ID, never the text typed: "SAM" is sam.
		ev.WitnessID = rec.Witness.ID
	}
	if v.Slot != nil {
		ev.SlotDue = v.Slot.Due
	}
	for _, r := range v.Reasons {
		ev.ReasonCodes = append(ev.ReasonCodes, string(r.Code))
	}
	switch req.Outcome {
	case mar.OutcomeGiven:
		ev.Quantity = in.Quantity
		if ev.Quantity == 0 {
			ev.Quantity = v.Entry.Dose.Value
		}
		if v.Entry.PRN {
			ev.PRNReason = strings.TrimSpace(req.PRNReason)
		}
	default:
		ev.Reason = req.Reason
		if req.Reason == mar.ReasonDropped {
			// A dropped or spoilt dose leaves the stock: the register
			// takes it off by this quantity.
			ev.Quantity = in.Quantity
			if ev.Quantity == 0 {
				ev.Quantity = v.Entry.Dose.Value
			}
		}
	}
	if p := res.Pack; p != nil {
		ev.GTIN, ev.Batch, ev.Serial = p.GTIN, p.Batch, p.Serial
		if p.HasExpiry() {
			ev.Expiry = p.Expiry.Format(time.DateOnly)
		}
	}
	return ev
}

// Correct records that an earlier event was entered in error. The earlier
// event stays; the correction points at it. A correction reopens a dose the
// check would stop as already given, so a senior or manager makes it: the
// signed-in user, or one who approves with their PIN (CorrectApproved).
func (s *Service) Correct(sess *Session, eventID uuid.UUID, reason string) (mar.Event, error) {
	return s.CorrectApproved(sess, eventID, reason, "", "")
}

// CorrectApproved is Correct made by a care worker with a senior's or
// manager's approval: their user ID and PIN. The approver is recorded as the
// correction's witness.
func (s *Service) CorrectApproved(sess *Session, eventID uuid.UUID, reason, seniorID, seniorPIN string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return mar.Event{}, errors.New("say why the record is wrong")
	}
	approver, err := s.approver(sess, seniorID, seniorPIN)
	if err != nil {
		return mar.Event{}, err
	}
	orig, err := s.st.Event(eventID)
	if err != nil {
		return mar.Event{}, fmt.Errorf("correct %s: %w", eventID, err)
	}
	if orig.Kind == mar.KindStatusChange {
		return mar.Event{}, errors.New("a status change is not corrected: record where the resident really is instead")
	}
	if orig.Kind == mar.KindCorrection {
		return mar.Event{}, errors.New("a correction cannot itself be corrected: record the dose again instead")
	}
	if c, err := s.correctionOf(orig); err != nil {
		return mar.Event{}, err
	} else if c != nil {
		return mar.Event{}, fmt.Errorf("this record was already corrected at %s", s.local(c.RecordedAt).Format("02 Jan 15:04"))
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, DeviceID: s.deviceID,
		UserID: sess.user.ID, WitnessID: approver, ResidentID: orig.ResidentID, OccurredAt: now,
		RecordedAt: now, Note: reason, Corrects: orig.ID, EntryID: orig.EntryID}
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record correction: %w", err)
	}
	return ev, nil
}

// approver is who approves a correction: nobody else when the signed-in
// user is a senior or manager, else the senior whose PIN is given.
func (s *Service) approver(sess *Session, id, pin string) (string, error) {
	if sess.May(staff.ActCorrect) {
		return "", nil
	}
	if id == "" {
		return "", &staff.NotAllowedError{Action: staff.ActCorrect, Why: "a senior or manager approves a correction with their PIN"}
	}
	u, err := s.verifyPIN(id, pin)
	if err != nil {
		return "", fmt.Errorf("approver: %w", err)
	}
	if !staff.May(u.Role, staff.ActApproveCorrection) || u.ID == sess.user.ID {
		return "", &staff.NotAllowedError{Action: staff.ActApproveCorrection, Why: "the approver must be another member of staff who is a senior or manager"}
	}
	return u.ID, nil
}

// correctionOf finds a correction of ev recorded since it happened.
func (s *Service) correctionOf(ev mar.Event) (*mar.Event, error) {
	later, err := s.st.Events(ev.ResidentID, ev.OccurredAt, s.now().Add(time.Hour))
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	for _, e := range later {
		if e.Kind == mar.KindCorrection && e.Corrects == ev.ID {
			return &e, nil
		}
	}
	return nil, nil
}

// RecordPRNEffect records whether a PRN dose worked, asked of the giver
// about an hour after it.
func (s *Service) RecordPRNEffect(sess *Session, doseID uuid.UUID, effective bool, note string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	dose, err := s.st.Event(doseID)
	if err != nil {
		return mar.Event{}, fmt.Errorf("prn effect: %w", err)
	}
	if !check.IsPRNDose(&dose) {
		return mar.Event{}, errors.New("prn effect: that record is not a PRN dose given")
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, DeviceID: s.deviceID,
		UserID: sess.user.ID, ResidentID: dose.ResidentID, OccurredAt: now, RecordedAt: now,
		Note: strings.TrimSpace(note), About: dose.ID, EntryID: dose.EntryID, Effective: &effective}
	// The answer is recorded against the protocol in force when the dose
	// was given: the one the care worker was shown.
	p, err := s.protocolAt(dose)
	if err != nil {
		return mar.Event{}, fmt.Errorf("prn effect: %w", err)
	}
	if p != nil {
		ev.Digest = p.Digest()
	}
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record prn effect: %w", err)
	}
	return ev, nil
}

// SetResidentStatus records that a resident went to hospital, on leave,
// came back, was discharged or died. The status and its event are stored
// together. Any signed-in member of staff records a stay in hospital, leave
// or a return (a stale "present" is the hazard, and it happens at night);
// discharged and deceased, and any change from them, need a senior or
// manager (staff.MayRecordStatus).
func (s *Service) SetResidentStatus(sess *Session, residentID string, status mar.ResidentStatus, note string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	userID := sess.user.ID
	if _, ok := map[mar.ResidentStatus]bool{mar.StatusPresent: true, mar.StatusHospital: true,
		mar.StatusLeave: true, mar.StatusDischarged: true, mar.StatusDeceased: true}[status]; !ok {
		return mar.Event{}, fmt.Errorf("resident status %d is not known", status)
	}
	r, err := s.st.Resident(residentID)
	if err != nil {
		return mar.Event{}, fmt.Errorf("resident status: %w", err)
	}
	if !staff.MayRecordStatus(sess.user.Role, r.Status, status) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActRecordDischarge,
			Why: "a senior or manager records it"}
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindStatusChange, DeviceID: s.deviceID,
		UserID: userID, ResidentID: residentID, OccurredAt: now, RecordedAt: now,
		Note: strings.TrimSpace(note), Status: status}
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record resident status: %w", err)
	}
	return ev, nil
}

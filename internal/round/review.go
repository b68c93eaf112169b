package round

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/marpdf"
	"medround/internal/report"
	"medround/internal/staff"
)

// ReviewActions are the follow-ups a manager is offered; any other is
// typed as free text.
var ReviewActions = []string{"GP informed", "Pharmacy contacted", "Staff supervision booked",
	"No action: resident asleep"}

// maxReviewAction bounds a typed follow-up, as a note is bounded.
const maxReviewAction = 1000

// ErrNoSuchResident is a MAR chart asked for a resident the home does not
// have.
var ErrNoSuchResident = errors.New("no resident has that ID, NHS number or resident number: check it")

// ErrReviewAction is a follow-up with no words.
var ErrReviewAction = errors.New("say what was done: choose an action or type one")

// ReviewTarget names what a follow-up is about: a stored record (Record),
// or a missed dose, which has no record, by its entry and due time. Row
// targets come from report.Row.Target.
type ReviewTarget struct {
	ResidentID string
	Record     uuid.UUID
	EntryID    string
	Due        time.Time
}

// Review builds the managers' review of [from, to) as at the service's clock.
func (s *Service) Review(from, to time.Time) (*report.Review, error) {
	return report.BuildReview(s.st, from, to, s.now())
}

// RecordReview appends a manager's or senior's follow-up of a row of the
// review (mar.KindReview), in the outbox like any record. Nothing is
// edited: a second follow-up of the same row is a new record, and the
// review shows the latest.
func (s *Service) RecordReview(sess *Session, t ReviewTarget, action string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActReview) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActReview, Why: "a senior or manager records it"}
	}
	action = strings.TrimSpace(action)
	if action == "" {
		return mar.Event{}, ErrReviewAction
	}
	if utf8.RuneCountInString(action) > maxReviewAction {
		return mar.Event{}, fmt.Errorf("the follow-up is longer than %d characters: shorten it", maxReviewAction)
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindReview, DeviceID: s.deviceID, UserID: sess.user.ID,
		ResidentID: t.ResidentID, OccurredAt: now, RecordedAt: now, Note: action, About: t.Record}
	if t.Record == uuid.Nil {
		ev.EntryID, ev.SlotDue = t.EntryID, t.Due.UTC()
	}
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record follow-up: %w", err)
	}
	return ev, nil
}

// CheckScan is Check for a scan made at the resident's side by a signed-in
// care worker: when the check stops it, the stop is kept as a near miss
// (mar.KindStoppedScan: the resident ID, the entry or GTIN and the codes;
// nothing else about the resident) for the managers' review. Check stays a
// query, for the resident page and the command line, which look without
// scanning. A stop whose resident is unknown names no one and is not kept.
func (s *Service) CheckScan(sess *Session, req CheckRequest) (*Result, error) {
	res, err := s.Check(req)
	if err != nil || sess == nil || res.Verdict.Level != mar.LevelStop || res.Resident == nil {
		return res, err
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindStoppedScan, DeviceID: s.deviceID, UserID: sess.user.ID,
		ResidentID: res.Resident.ID, OccurredAt: now, RecordedAt: now, Verdict: mar.LevelStop,
		ReasonCodes: stopCodes(res.Verdict), EntryID: req.EntryID}
	if res.Pack != nil {
		ev.GTIN = res.Pack.GTIN
	}
	if e := res.Verdict.Entry; e != nil && e.ResidentID == res.Resident.ID {
		ev.EntryID, ev.EntryVersion = e.ID, e.Version
	}
	if len(ev.ReasonCodes) == 0 {
		return res, nil
	}
	if err := s.st.Append(ev); err != nil {
		// The care worker has the verdict; failing the scan because the
		// near miss could not be kept would hide the stop from them.
		res.NotKept = fmt.Errorf("keep the stopped scan: %w", err)
	}
	return res, nil
}

// stopCodes are the codes of the reasons at the stop level.
func stopCodes(v check.Verdict) []string {
	var out []string
	for _, r := range v.Reasons {
		if r.Level.Level() == mar.LevelStop {
			out = append(out, string(r.Code))
		}
	}
	return out
}

// MARChartPDF writes the printable MAR chart of the residents named (the
// whole home when ids is empty) for days days from the day of from, as at
// the service's clock, to path as a new owner-only file: it holds personal
// data. A resident is named by ID, NHS number or resident number.
func (s *Service) MARChartPDF(path string, ids []string, from time.Time, days int) error {
	pdf, err := s.MARChart(ids, from, days)
	if err != nil {
		return err
	}
	return WritePrivateFile(path, pdf)
}

// MARChart is MARChartPDF's document, for a caller that saves it itself
// (the app, through its save dialog).
func (s *Service) MARChart(ids []string, from time.Time, days int) ([]byte, error) {
	resolved := make([]string, 0, len(ids))
	for _, id := range ids {
		r, err := s.findResidentRaw(id)
		if err != nil {
			return nil, err
		}
		if r == nil {
			return nil, ErrNoSuchResident
		}
		resolved = append(resolved, r.ID)
	}
	charts, err := report.BuildMARChart(s.st, resolved, from, days, s.now())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := marpdf.Write(&buf, charts, s.local(s.now())); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

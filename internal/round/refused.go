package round

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/staff"
	"medround/internal/store"
)

// RefusedRecord is a record the central record refused, kept aside on this
// tablet, as a manager sees it: when, whose, which medicine and why. It
// carries no more than the app shows of a record elsewhere.
type RefusedRecord struct {
	ID         uuid.UUID `json:"id"`
	OccurredAt time.Time `json:"occurredAt"` // when the record says it happened
	RefusedAt  time.Time `json:"refusedAt"`  // when the centre's answer came
	Resident   string    `json:"resident"`   // the resident's name; "" if not on this tablet
	Medicine   string    `json:"medicine"`   // the product's name; "" for a record of no medicine
	Reason     string    `json:"reason"`     // the centre's words, identifiers masked
}

// RefusedRecords lists the records the central record refused, oldest
// refusal first, for a manager: what was refused must be put right (a
// resident added at the centre, a tablet enrolled again) before the records
// are sent again with ResendRefused.
func (s *Service) RefusedRecords(sess *Session) ([]RefusedRecord, error) {
	if err := mayHandleRefused(sess); err != nil {
		return nil, err
	}
	refused, err := s.st.Refused()
	if err != nil {
		return nil, err
	}
	out := make([]RefusedRecord, 0, len(refused))
	for _, f := range refused {
		r := RefusedRecord{ID: f.ID, RefusedAt: f.At, Reason: refusalWords(f.Reason)}
		ev, err := s.st.Event(f.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("refused record: %w", err)
		}
		if err == nil {
			r.OccurredAt = ev.OccurredAt
			r.Resident, r.Medicine = s.recordNames(ev)
		}
		out = append(out, r)
	}
	return out, nil
}

// ResendRefused puts the records the central record refused back in the
// outbox, for a manager once the cause is put right; the next sync sends
// them. It returns how many.
func (s *Service) ResendRefused(sess *Session) (int, error) {
	if err := mayHandleRefused(sess); err != nil {
		return 0, err
	}
	return s.st.ResendRefused()
}

func mayHandleRefused(sess *Session) error {
	if sess == nil {
		return ErrNotSignedIn
	}
	if !sess.May(staff.ActChangeSettings) {
		return &staff.NotAllowedError{Action: staff.ActChangeSettings, Why: "a manager signs in to see and resend the records the central record refused"}
	}
	return nil
}

// recordNames are the resident's and the medicine's names of a record, ""
// where this tablet does not know them: a name that cannot be read leaves
// the rest of the list readable.
func (s *Service) recordNames(ev mar.Event) (resident, medicine string) {
	if r, err := s.st.Resident(ev.ResidentID); err == nil {
		resident = r.Name()
	}
	productID := ev.ProductID
	if productID == "" && ev.EntryID != "" {
		if chart, err := s.st.Chart(ev.ResidentID); err == nil {
			for _, e := range chart {
				if e.ID == ev.EntryID {
					productID = e.ProductID
				}
			}
		}
	}
	if productID != "" {
		if p, err := s.st.Product(productID); err == nil {
			medicine = p.Name
		}
	}
	return resident, medicine
}

// eventID is a record's UUID in the centre's words, which name the record
// by it: the list already says which record, and a UUID means nothing to
// a manager.
var eventID = regexp.MustCompile(`(?i)(event )?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// refusalWords is the centre's reason as a manager reads it.
func refusalWords(reason string) string {
	return Mask(eventID.ReplaceAllString(reason, "the record"))
}

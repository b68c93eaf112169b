package round

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/barcode"
	"medround/internal/check"
	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/staff"
)

// Recalls returns the batches recalled and not lifted.
func (s *Service) Recalls() ([]check.Recall, error) {
	// Read at every check: by kind, which the store keeps until its next
	// write.
	events, err := s.st.EventsOfKinds(recallSubject, ledgerFrom, s.now().Add(24*time.Hour),
		mar.KindRecall, mar.KindRecallLifted, mar.KindCorrection)
	if err != nil {
		return nil, fmt.Errorf("read recalls: %w", err)
	}
	return ledger.Recalls(events), nil
}

// MarkRecalled records that a batch of a medicine is recalled, with what
// staff are to do with its packs; only a manager may. packScan gives the
// GTIN (and the batch, when batch is empty): packText is its scan.
func (s *Service) MarkRecalled(sess *Session, packText, batch, action string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActRecall) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActRecall, Why: "a manager marks a batch recalled"}
	}
	pack, batch, err := s.recallBatch(packText, batch)
	if err != nil {
		return mar.Event{}, err
	}
	if strings.TrimSpace(action) == "" {
		return mar.Event{}, errors.New("a recall names the batch and says what to do with its packs")
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindRecall, DeviceID: s.deviceID, UserID: sess.user.ID,
		ResidentID: recallSubject, OccurredAt: now, RecordedAt: now, GTIN: pack.GTIN, Batch: batch,
		Note: strings.TrimSpace(action)}
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record recall: %w", err)
	}
	return ev, nil
}

// LiftRecall records that a manager lifted the recall of a batch (the
// supplier withdrew it, or the batch was cleared), saying why: its packs
// may then be given again. The recall stays in the record. packText gives
// the GTIN (and the batch, when batch is empty).
func (s *Service) LiftRecall(sess *Session, packText, batch, why string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActRecall) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActRecall, Why: "a manager lifts a recall"}
	}
	pack, batch, err := s.recallBatch(packText, batch)
	if err != nil {
		return mar.Event{}, err
	}
	if strings.TrimSpace(why) == "" {
		return mar.Event{}, errors.New("say why the recall is lifted")
	}
	recalls, err := s.Recalls()
	if err != nil {
		return mar.Event{}, err
	}
	i := slices.IndexFunc(recalls, func(r check.Recall) bool {
		return ledger.RecallKey(r.GTIN, r.Batch) == ledger.RecallKey(pack.GTIN, batch)
	})
	if i < 0 {
		return mar.Event{}, errors.New("no recall of that batch is in force: check the GTIN and the batch")
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindRecallLifted, DeviceID: s.deviceID, UserID: sess.user.ID,
		ResidentID: recallSubject, OccurredAt: now, RecordedAt: now, GTIN: pack.GTIN, Batch: recalls[i].Batch,
		About: recalls[i].EventID, Note: strings.TrimSpace(why)}
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record recall lifted: %w", err)
	}
	return ev, nil
}

// recallBatch reads the GTIN from a pack scan, and the batch from batch
// or else from the scan.
func (s *Service) recallBatch(packText, batch string) (mar.PackScan, string, error) {
	code, err := s.parse(packText)
	if err != nil || code.Kind != barcode.KindPack {
		return mar.PackScan{}, "", errors.New("the pack scan is not a medicine pack code: scan the pack again or type its GTIN")
	}
	pack := packScan(code)
	if batch = strings.TrimSpace(batch); batch == "" {
		batch = pack.Batch
	}
	if batch == "" {
		return pack, "", errors.New("name the batch, or scan a pack that shows it")
	}
	return pack, batch, nil
}

// recallLine says a recall or its lifting as the audit trail and history
// show it.
func recallLine(e mar.Event) string {
	if e.Kind == mar.KindRecallLifted {
		return fmt.Sprintf("recall of batch %s of GTIN %s lifted: %s", e.Batch, e.GTIN, e.Note)
	}
	return fmt.Sprintf("batch %s of GTIN %s recalled: %s", e.Batch, e.GTIN, e.Note)
}

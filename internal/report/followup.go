package report

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// reviewKey names what a follow-up is about: a record by its ID, or a
// missed dose, which has no record, by its entry and due time.
type reviewKey struct {
	record  uuid.UUID
	entryID string
	due     int64 // Unix seconds
}

// reviewEvent is a KindReview record, kept small.
type reviewEvent struct {
	id     uuid.UUID
	userID string
	at     time.Time
	action string
}

// noteReview keeps a follow-up read by the scan.
func (b *builder) noteReview(ev *mar.Event) {
	k := reviewKey{record: ev.About}
	if ev.About == uuid.Nil {
		k = reviewKey{entryID: ev.EntryID, due: ev.SlotDue.Unix()}
	}
	if b.reviews == nil {
		b.reviews = map[reviewKey][]reviewEvent{}
	}
	b.reviews[k] = append(b.reviews[k], reviewEvent{id: ev.ID, userID: ev.UserID, at: ev.OccurredAt, action: ev.Note})
}

// Target names what a row's follow-up is recorded against: the record's
// ID, or for a missed dose (no record) its entry and due time. ok is false
// for a row that is no one record or dose (a resident's PRN use).
func (r Row) Target() (record uuid.UUID, entryID string, due time.Time, ok bool) {
	if r.EventID != "" {
		id, err := uuid.Parse(r.EventID)
		return id, "", time.Time{}, err == nil
	}
	if r.PRN == nil && r.EntryID != "" && !r.Due.IsZero() {
		return uuid.Nil, r.EntryID, r.Due.UTC(), true
	}
	return uuid.Nil, "", time.Time{}, false
}

func rowKey(r *Row) (reviewKey, bool) {
	id, entryID, due, ok := r.Target()
	if !ok {
		return reviewKey{}, false
	}
	if id != uuid.Nil {
		return reviewKey{record: id}, true
	}
	return reviewKey{entryID: entryID, due: due.Unix()}, true
}

// attachReviews gives each row its latest follow-up that no correction
// voided: a later follow-up (the GP called back) says more than the first.
func (b *builder) attachReviews() {
	if len(b.reviews) == 0 {
		return
	}
	for i := range b.rep.Rows {
		r := &b.rep.Rows[i]
		k, ok := rowKey(r)
		if !ok {
			continue
		}
		keys := []reviewKey{k}
		for _, id := range r.Repeated {
			if u, err := uuid.Parse(id); err == nil {
				keys = append(keys, reviewKey{record: u})
			}
		}
		var last *reviewEvent
		for _, k := range keys {
			for j := range b.reviews[k] {
				rv := &b.reviews[k][j]
				if !b.void[rv.id] && (last == nil || !rv.at.Before(last.at)) {
					last = rv
				}
			}
		}
		if last != nil {
			r.Reviewed = &Reviewed{EventID: last.id.String(), UserID: last.userID, At: b.local(last.at), Action: last.action}
		}
	}
}

// doseRow is the row of a dose record that belongs to the period: by its
// slot for a regular dose, by when it happened for a PRN dose.
func (b *builder) doseRow(set *slotSet, ev *mar.Event) (Row, bool) {
	if ev.SlotDue.IsZero() {
		if !b.inPeriod(ev.OccurredAt) {
			return Row{}, false
		}
		row := b.eventRow(ev)
		b.fillRecord(&row, ev)
		return row, true
	}
	sl, ok := b.slotOf(set, ev)
	if !ok {
		return Row{}, false
	}
	return b.recordRow(ev, sl), true
}

// recordsWhere lists the dose records for which want is true, counted per
// resident, round and care worker; by, when set, also counts each row
// under a reason key of its own.
func (b *builder) recordsWhere(want func(*mar.Event) bool, fill func(*Row, *mar.Event), by func(*Row) string) error {
	set, err := b.slots()
	if err != nil {
		return err
	}
	var cands []candidate
	s, err := b.scan(func(ev mar.Event) {
		if ev.Kind != mar.KindAdministration || !want(&ev) {
			return
		}
		if row, ok := b.doseRow(set, &ev); ok {
			fill(&row, &ev)
			cands = append(cands, candidate{id: ev.ID, row: row})
		}
	})
	if err != nil {
		return err
	}
	g := b.newGroups()
	b.keep(g, cands, s.voided(), func(sum *Summary, _ *Row) { sum.Count++ })
	b.tallyRows(by)
	g.finish(true, false)
	return nil
}

// tallyRows counts the report's rows per care worker, and per the reason
// by names when by is set.
func (b *builder) tallyRows(by func(*Row) string) {
	users, reasons := newTally(), newTally()
	for i := range b.rep.Rows {
		r := &b.rep.Rows[i]
		users.get(r.UserID, func(id string) string { return id }).Count++
		if by != nil {
			reasons.get(by(r), unscannedLabel).Count++
		}
	}
	b.rep.ByUser = users.list(nil)
	if by != nil {
		b.rep.ByReason = reasons.list(nil)
	}
}

// overridden lists the doses given over a warning: the verdict recorded
// was a warning, or a reason was typed to go on (a late entry too).
func (b *builder) overridden() error {
	return b.recordsWhere(func(ev *mar.Event) bool {
		return ev.Outcome == mar.OutcomeGiven && (ev.Verdict == mar.LevelWarn || ev.OverrideReason != "")
	}, func(r *Row, ev *mar.Event) { r.Codes = warningCodes(ev.ReasonCodes) }, nil)
}

// warningCodes drops the information codes (TIME_CRITICAL, WITNESS_REQUIRED)
// a dose always carries, so a row says what was overridden. The store
// keeps codes only, so the levels are those of the check's table.
func warningCodes(codes []string) []string {
	info := map[string]bool{"EXPIRY_NOT_CHECKED": true, "WITNESS_REQUIRED": true, "TIME_CRITICAL": true,
		"DECLINED_EARLIER": true, "RESIDENT_NOT_SCANNED": true, "RECORD_CORRECTED": true}
	out := slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return info[c] })
	if len(out) == 0 {
		return nil
	}
	return out
}

// unscanned lists the doses recorded with the entry chosen by hand.
func (b *builder) unscanned() error {
	return b.recordsWhere(func(ev *mar.Event) bool { return ev.Unscanned != 0 },
		func(r *Row, ev *mar.Event) { r.Unscanned = ev.Unscanned.String() },
		func(r *Row) string { return r.Unscanned })
}

var unscannedWords = map[string]string{
	mar.UnscannedDamaged.String(): "Barcode damaged", mar.UnscannedNoBarcode.String(): "No barcode",
	mar.UnscannedScannerBroken.String(): "Scanner broken",
}

func unscannedLabel(code string) string {
	if w, ok := unscannedWords[code]; ok {
		return w
	}
	return code
}

// stopped lists the scans the check stopped in the period (by when they
// happened), each with the codes of the stop; the same pack stopped again
// within StopGroupWindow is one row with its count (groupStops).
func (b *builder) stopped() error {
	var cands []stop
	s, err := b.scan(func(ev mar.Event) {
		if ev.Kind != mar.KindStoppedScan || !b.inPeriod(ev.OccurredAt) {
			return
		}
		row := b.baseRow(ev.ResidentID, ev.EntryID, ev.EntryVersion)
		if ev.EntryID == "" {
			row.EntryID, row.Medicine = "", "pack "+ev.GTIN
			if n := b.products[b.gtins[ev.GTIN]]; n != "" {
				row.Medicine = n
			}
		}
		row.EventID, row.OccurredAt, row.UserID = ev.ID.String(), b.local(ev.OccurredAt), ev.UserID
		row.Codes = slices.Clone(ev.ReasonCodes)
		if r, err := schedule.CurrentRound(b.home, ev.OccurredAt); err == nil {
			row.Round = r.Name
		}
		key := stopKey{resident: ev.ResidentID, entry: ev.EntryID, gtin: ev.GTIN, user: ev.UserID, codes: stopCodes(ev.ReasonCodes)}
		cands = append(cands, stop{key: key, id: ev.ID, at: ev.OccurredAt.UTC(), row: row})
	})
	if err != nil {
		return err
	}
	void := s.voided()
	cands = slices.DeleteFunc(cands, func(c stop) bool { return void[c.id] })
	g := b.newGroups()
	// A stop is not a dose: its round is the one on at the time, so keep
	// it out of the PRN tally keep gives rows with no due time.
	for _, r := range groupStops(cands) {
		g.resident(r.ResidentID).Count++
		g.round(r.Round).Count++
		b.rep.Rows = append(b.rep.Rows, r)
	}
	sortRows(b.rep.Rows)
	b.tallyRows(nil)
	g.finish(true, false)
	return nil
}

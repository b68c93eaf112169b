package demo

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/ledger"
	"medround/internal/mar"
)

// The demo's registers have two things a manager meets in a real home, so
// the register and its discrepancies have something to show: the first
// resident's controlled drug dropped at a dose and another given, and the
// second resident's counted one short at a spot check, which the manager
// followed up.

// dropOne has the first resident's last controlled drug dose given more
// than 12 hours ago begin with a dropped tablet, recorded with its
// witness, and the dose given from the pack again.
func (h *historian) dropOne(sups []supply) {
	if h.n != 0 {
		return
	}
	var s *supply
	for i := range sups {
		if sups[i].cd && !sups[i].entry.PRN {
			s = &sups[i]
			break
		}
	}
	if s == nil {
		return
	}
	given := -1
	for i, e := range h.events {
		if e.EntryID == s.entry.ID && e.Kind == mar.KindAdministration && e.Outcome == mar.OutcomeGiven &&
			e.OccurredAt.Before(h.now.Add(-12*time.Hour)) && (given < 0 || e.OccurredAt.After(h.events[given].OccurredAt)) {
			given = i
		}
	}
	if given < 0 {
		return
	}
	g := &h.events[given]
	g.ReasonCodes = append(g.ReasonCodes, string(check.DeclinedEarlier))
	drop := *g
	drop.ID = uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprintf("dropped/%d/%s", h.now.UnixNano(), g.ID)))
	drop.Outcome, drop.Reason, drop.ReasonCodes = mar.OutcomeNotGiven, mar.ReasonDropped, nil
	drop.Note = fmt.Sprintf("Dropped on the floor: denatured in the CD waste kit with Sam as witness; another %s given.", s.entry.Dose.Unit)
	setAt(&drop, g.OccurredAt.Add(-3*time.Minute))
	h.events = append(h.events, drop)
}

// spotCheck has Amy and Sam count the second resident's controlled drug
// (the when-needed one, if any) at 14:00 yesterday and find one short;
// Meg records what was done that afternoon, which closes the discrepancy.
func (h *historian) spotCheck(sups []supply, from time.Time) []mark {
	if h.n != 1 {
		return nil
	}
	var s *supply
	for i := range sups {
		if sups[i].cd && (s == nil || sups[i].entry.PRN && !s.entry.PRN) {
			s = &sups[i]
		}
	}
	y, m, d := h.now.In(h.loc).Date()
	at := time.Date(y, m, d-1, 14, 0, 0, 0, h.loc).Add(markOffset)
	if s == nil || !at.After(s.first) || !at.After(from) {
		return nil
	}
	var counted *mar.Event
	count := func(regs map[string]*ledger.Register) []mar.Event {
		r := regs[s.product.ID]
		if r == nil || r.Balance < 1 {
			return nil
		}
		ev := h.stockEvent(mar.KindStockCount, *s, at, r.Balance-1, "spot check")
		counted = &ev
		return []mar.Event{ev}
	}
	followUp := func(map[string]*ledger.Register) []mar.Event {
		if counted == nil {
			return nil
		}
		ev := mar.Event{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprintf("review/%s", counted.ID))),
			Kind: mar.KindReview, DeviceID: h.device, UserID: "meg", ResidentID: h.resident.ID,
			EntryID: s.entry.ID, About: counted.ID,
			Note: fmt.Sprintf("The night carer dropped a %s on the 02:00 round and put it in the CD waste kit unrecorded; "+
				"waste kit checked with Sam. Night staff reminded that a dropped controlled drug is recorded with a witness.", s.entry.Dose.Unit)}
		setAt(&ev, at.Add(150*time.Minute))
		return []mar.Event{ev}
	}
	return []mark{{at: at, do: count}, {at: at.Add(150 * time.Minute), do: followUp}}
}

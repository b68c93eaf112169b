package ui

import (
	"strings"
	"testing"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/syncer"
)

// refuseOneDose has the centre refuse one of the demo's doses waiting to
// send, with the centre's words (which name the record by its UUID).
func refuseOneDose(t *testing.T, st *store.Store) mar.Event {
	t.Helper()
	pending, err := st.Pending(1000)
	must(t, err)
	for _, e := range pending {
		if e.Kind == mar.KindAdministration && e.EntryID != "" {
			must(t, st.Refuse(store.Refusal{ID: e.ID, Reason: "event " + e.ID.String() + " was recorded on another device than the tablet that sent it"}))
			return e
		}
	}
	t.Fatal("the demo home has no dose waiting to send")
	return mar.Event{}
}

// A manager sees the records the central record refused in Settings →
// Central record, by when, resident, medicine and the centre's reason
// (never the record's UUID), and sends them again once the cause is put
// right: they go back in the outbox and a sync is asked for.
func TestManagerSeesAndResendsRefusedRecords(t *testing.T) {
	link := &fixedLink{status: syncer.Status{State: syncer.StateSynced, LastSync: demoNow, Last: syncer.Result{Refused: 1}}}
	var dose mar.Event
	h := newHarnessOn(t, func(st *store.Store, o *Options) {
		dose = refuseOneDose(t, st)
		o.Sync = link
	})
	resident, err := h.st.Resident(dose.ResidentID)
	must(t, err)
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	h.sees("Records the central record refused")
	h.sees(h.app.when(dose.OccurredAt) + " " + resident.Name() + ": ")
	h.sees(". Refused ")
	h.sees(": the record was recorded on another device than the tablet that sent it.")
	h.notSees(dose.ID.String())
	h.notSees("No record was refused")

	kicks := link.kicks
	h.tap("Send them again")
	h.sees("1 record will be sent again with the next sync.")
	h.sees("No record was refused by the central record.")
	if h.hasButton("Send them again") {
		t.Error("the Send them again button shows with nothing to send")
	}
	if n, err := h.st.RefusedCount(); err != nil || n != 0 {
		t.Errorf("after sending again, %d records are kept refused (%v), want 0", n, err)
	}
	if link.kicks == kicks {
		t.Error("sending the refused records again did not ask for a sync")
	}
}

// A manager leaves the Central record tab open and the tablet is locked:
// the care worker who signs in next sees nothing of the refused records,
// because resending them is a manager's decision.
func TestCareWorkerDoesNotSeeRefusedRecords(t *testing.T) {
	h := newHarnessOn(t, func(st *store.Store, o *Options) {
		refuseOneDose(t, st)
		o.Sync = &fixedLink{status: syncer.Status{State: syncer.StateSynced, LastSync: demoNow}}
	})
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	h.sees("Records the central record refused")
	h.tap("Lock")
	h.signIn("amy", "1111")
	h.sees("Tablet clocks the central record found wrong") // still the Central record tab
	h.notSees("Records the central record refused")
	if h.hasButton("Send them again") {
		t.Error("a care worker is offered to send refused records again")
	}
	if strings.Contains(h.texts(), "recorded on another device") {
		t.Errorf("a care worker sees a refusal: %s", h.texts())
	}
}

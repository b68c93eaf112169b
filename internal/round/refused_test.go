package round_test

import (
	"errors"
	"strings"
	"testing"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
)

// A dose the central record refused is listed for a manager by when,
// resident, medicine and the centre's reason (no record UUID, no NHS
// number), and goes back in the outbox when the manager resends it; a care
// worker may do neither.
func TestRefusedRecordsAreListedAndResentByAManager(t *testing.T) {
	svc, _ := newDemo(t)
	st := svc.Store()
	pending, err := st.Pending(1000)
	if err != nil {
		t.Fatal(err)
	}
	var dose mar.Event
	for _, e := range pending {
		if e.Kind == mar.KindAdministration && e.EntryID != "" {
			dose = e
			break
		}
	}
	if dose.EntryID == "" {
		t.Fatal("the demo home has no dose waiting to send")
	}
	before, _ := st.PendingCount()
	reason := "event " + dose.ID.String() + " was recorded on another device than the tablet that sent it (NHS number 943 476 5919)"
	if err := st.Refuse(store.Refusal{ID: dose.ID, Reason: reason}); err != nil {
		t.Fatal(err)
	}

	carer := signIn(t, svc, "amy", "1111")
	if _, err := svc.RefusedRecords(carer); !errors.Is(err, round.ErrNotAllowed) {
		t.Errorf("a care worker listing refused records: %v, want ErrNotAllowed", err)
	}
	if _, err := svc.ResendRefused(carer); !errors.Is(err, round.ErrNotAllowed) {
		t.Errorf("a care worker resending refused records: %v, want ErrNotAllowed", err)
	}
	if _, err := svc.RefusedRecords(nil); !errors.Is(err, round.ErrNotSignedIn) {
		t.Errorf("refused records with no one signed in: %v, want ErrNotSignedIn", err)
	}

	meg := signIn(t, svc, "meg", "3333")
	list, err := svc.RefusedRecords(meg)
	if err != nil || len(list) != 1 {
		t.Fatalf("RefusedRecords = %+v, %v; want the one refused dose", list, err)
	}
	r := list[0]
	resident, _ := st.Resident(dose.ResidentID)
	product := productOf(t, st, dose)
	if r.ID != dose.ID || !r.OccurredAt.Equal(dose.OccurredAt) || r.Resident != resident.Name() || r.Medicine != product.Name || r.RefusedAt.IsZero() {
		t.Errorf("refused record = %+v; want %s's %s at %v", r, resident.Name(), product.Name, dose.OccurredAt)
	}
	if want := "the record was recorded on another device than the tablet that sent it"; !strings.HasPrefix(r.Reason, want) {
		t.Errorf("reason = %q, want it to start %q", r.Reason, want)
	}
	if strings.Contains(r.Reason, dose.ID.String()) || strings.Contains(r.Reason, "943 476") {
		t.Errorf("reason = %q shows the record's UUID or an NHS number", r.Reason)
	}

	if n, err := svc.ResendRefused(meg); err != nil || n != 1 {
		t.Errorf("ResendRefused = %d, %v; want 1", n, err)
	}
	if list, err := svc.RefusedRecords(meg); err != nil || len(list) != 0 {
		t.Errorf("after resending, RefusedRecords = %+v, %v; want none", list, err)
	}
	if after, _ := st.PendingCount(); after != before {
		t.Errorf("after resending, %d records wait to send, want %d as before the refusal", after, before)
	}
}

// productOf is the product a dose was recorded as: its own, else its
// chart entry's.
func productOf(t *testing.T, st *store.Store, dose mar.Event) mar.Product {
	t.Helper()
	id := dose.ProductID
	chart, err := st.Chart(dose.ResidentID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range chart {
		if id == "" && e.ID == dose.EntryID {
			id = e.ProductID
		}
	}
	p, err := st.Product(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/store"
	"medround/internal/store/storetest"
)

// An event the central record refused must neither block the outbox (sent
// for ever, refused for ever) nor be lost: it is kept aside with the
// centre's reason, counted, and the file still proves every event is in
// exactly one place.
func TestRefusedEventsLeaveTheOutboxAndAreKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	st, err := store.Open(path, store.Options{})
	must(t, err)
	var ids []uuid.UUID
	base := time.Now()
	for i := range 4 {
		e := given(storetest.ResidentMargaret, storetest.EntryMetformin, base.Add(time.Duration(i)*time.Minute))
		ids = append(ids, e.ID)
		must(t, st.Append(e))
	}
	must(t, st.Ack(ids[0]))
	why := "status-change event names a resident this home's chart does not hold"
	must(t, st.Refuse(store.Refusal{ID: ids[1], Reason: why}, store.Refusal{ID: ids[0], Reason: "acknowledged before: skipped"}))
	must(t, st.Refuse(store.Refusal{ID: ids[1], Reason: "again"})) // a repeated answer changes nothing
	pending, err := st.Pending(0)
	must(t, err)
	if len(pending) != 2 || pending[0].ID != ids[2] || pending[1].ID != ids[3] {
		t.Errorf("Pending after a refusal = %d events; want the two behind it, oldest first", len(pending))
	}
	if n, _ := st.PendingCount(); n != 2 {
		t.Errorf("PendingCount = %d, want 2", n)
	}
	if n, _ := st.RefusedCount(); n != 1 {
		t.Errorf("RefusedCount = %d, want 1", n)
	}
	refused, err := st.Refused()
	must(t, err)
	if len(refused) != 1 || refused[0].ID != ids[1] || refused[0].Reason != why || refused[0].At.IsZero() {
		t.Errorf("Refused() = %+v; want the one refusal with its first reason and time", refused)
	}
	if ok, _ := st.Acked(ids[1]); ok {
		t.Error("a refused event reads as acknowledged")
	}
	if _, err := st.Event(ids[1]); err != nil {
		t.Errorf("the refused event is no longer in the record: %v", err)
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("Check after a refusal: %v", errs)
	}
	must(t, st.Close())
	again, err := store.Open(path, store.Options{}) // Open proves the counts again
	must(t, err)
	defer again.Close()
	if n, _ := again.RefusedCount(); n != 1 {
		t.Errorf("RefusedCount after reopening = %d, want 1", n)
	}
	// Put right at the centre, it is sent again: at the end of the outbox.
	if n, err := again.ResendRefused(); err != nil || n != 1 {
		t.Fatalf("ResendRefused = %d, %v; want 1", n, err)
	}
	pending, err = again.Pending(0)
	must(t, err)
	if len(pending) != 3 || pending[2].ID != ids[1] {
		t.Errorf("Pending after resending = %d events; want the refused one back, last", len(pending))
	}
	if n, _ := again.RefusedCount(); n != 0 {
		t.Errorf("RefusedCount after resending = %d, want 0", n)
	}
	if errs := again.Check(); len(errs) > 0 {
		t.Errorf("Check after resending: %v", errs)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

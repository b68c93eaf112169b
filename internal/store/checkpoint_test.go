package store_test

import (
	"testing"
	"time"

	"medround/internal/store"
	"medround/internal/store/storetest"
)

// TestCheckpointIsHandedOutOnlyWhileItsRecordsStand: a checkpoint is kept
// only for the records it was worked out from, is handed out with the
// records after it, and is no longer handed out once a record is dated
// before it; the file with it passes Check.
func TestCheckpointIsHandedOutOnlyWhileItsRecordsStand(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	r := storetest.ResidentMargaret
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	for d := 1; d <= 10; d++ {
		if err := st.Append(given(r, storetest.EntryMetformin, day(d))); err != nil {
			t.Fatal(err)
		}
	}
	through := day(8).Add(-time.Hour)
	body := []byte(`{"balance":3}`)
	if n, err := st.PutRegisterCheckpoints(store.Checkpoint{ResidentID: r, Through: through, Count: 6, Body: body}); n != 0 || err != nil {
		t.Errorf("a checkpoint of 6 records where 7 stand before it: stored %d, %v; want none", n, err)
	}
	if n, err := st.PutRegisterCheckpoints(store.Checkpoint{ResidentID: r, Through: through, Count: 7, Body: []byte("{")}); n != 0 || err == nil {
		t.Errorf("a checkpoint whose body is not JSON: stored %d, %v; want refused", n, err)
	}
	if n, err := st.PutRegisterCheckpoints(store.Checkpoint{ResidentID: r, Through: through, Count: 7, Body: body}); n != 1 || err != nil {
		t.Fatalf("the checkpoint of the 7 records before it: stored %d, %v", n, err)
	}
	cp, after, err := st.RegisterEvents(r, day(30))
	if err != nil || cp == nil || string(cp.Body) != string(body) || len(after) != 3 {
		t.Fatalf("RegisterEvents = %+v, %d records after it, %v; want the checkpoint and 3", cp, len(after), err)
	}
	if errs := st.Check(); len(errs) != 0 {
		t.Errorf("Check with a checkpoint: %v", errs)
	}
	if err := st.Append(given(r, storetest.EntryMetformin, day(2).Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	cp, all, err := st.RegisterEvents(r, day(30))
	if err != nil || cp != nil || len(all) != 11 {
		t.Errorf("after a record dated before it: checkpoint %+v, %d records, %v; want none and all 11", cp, len(all), err)
	}
	cps, valid, err := st.Checkpoints()
	if err != nil || len(cps) != 1 || valid[0] {
		t.Errorf("Checkpoints = %+v %v, %v; want the one kept, no longer standing", cps, valid, err)
	}
}

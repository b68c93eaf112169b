package store_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// v3Events are the events kept in testdata/v3.db, as medround at schema 3
// (commit ea8980d) was given them: storetest.WithChart, then Append of each.
// A PRN effect then named its dose in Corrects.
func v3Events() []mar.Event {
	at := time.Date(2025, 2, 3, 8, 10, 0, 0, time.UTC)
	id := func(s string) uuid.UUID { return uuid.MustParse(s) }
	yes, no := true, false
	return []mar.Event{
		{ID: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a01"), Kind: mar.KindAdministration, DeviceID: "tablet-1",
			UserID: "u-carer", ResidentID: storetest.ResidentMargaret, OccurredAt: at, RecordedAt: at.Add(time.Minute),
			EntryID: storetest.EntryMetformin, EntryVersion: 1, SlotDue: at.Add(-10 * time.Minute),
			Outcome: mar.OutcomeGiven, Quantity: 1, Verdict: mar.LevelOK, GTIN: storetest.GTINMetformin,
			Batch: "M2231", Expiry: "2026-05-31"},
		{ID: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a02"), Kind: mar.KindCorrection, DeviceID: "tablet-1",
			UserID: "u-senior", ResidentID: storetest.ResidentMargaret, OccurredAt: at.Add(time.Hour),
			RecordedAt: at.Add(time.Hour), Note: "wrong resident", EntryID: storetest.EntryMetformin,
			Corrects: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a01")},
		{ID: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a03"), Kind: mar.KindAdministration, DeviceID: "tablet-1",
			UserID: "u-carer", ResidentID: storetest.ResidentMargaret, OccurredAt: at.Add(2 * time.Hour),
			RecordedAt: at.Add(2 * time.Hour), EntryID: storetest.EntryParacetamolR001, EntryVersion: 1,
			Outcome: mar.OutcomeGiven, Quantity: 2, PRNReason: "headache", Verdict: mar.LevelWarn,
			ReasonCodes: []string{"UNSCANNED"}, OverrideReason: "label torn", Unscanned: mar.UnscannedDamaged},
		{ID: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a04"), Kind: mar.KindPRNEffect, DeviceID: "tablet-1",
			UserID: "u-carer", ResidentID: storetest.ResidentMargaret, OccurredAt: at.Add(3 * time.Hour),
			RecordedAt: at.Add(3 * time.Hour), EntryID: storetest.EntryParacetamolR001,
			Corrects: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a03"), Effective: &yes},
		{ID: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a05"), Kind: mar.KindAdministration, DeviceID: "tablet-2",
			UserID: "u-carer", ResidentID: storetest.ResidentArthur, OccurredAt: at.Add(4 * time.Hour),
			RecordedAt: at.Add(4 * time.Hour), EntryID: storetest.EntryParacetamolR002, EntryVersion: 1,
			Outcome: mar.OutcomeGiven, Quantity: 1, PRNReason: "fever", Verdict: mar.LevelOK},
		{ID: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a06"), Kind: mar.KindPRNEffect, DeviceID: "tablet-2",
			UserID: "u-carer", ResidentID: storetest.ResidentArthur, OccurredAt: at.Add(5 * time.Hour),
			RecordedAt: at.Add(5 * time.Hour), Note: "still 38.4", EntryID: storetest.EntryParacetamolR002,
			Corrects: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a05"), Effective: &no},
		{ID: id("3b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a07"), Kind: mar.KindStatusChange, UserID: "u-senior",
			ResidentID: storetest.ResidentEdith, OccurredAt: at.Add(6 * time.Hour),
			RecordedAt: at.Add(6 * time.Hour), Status: mar.StatusHospital},
	}
}

// A schema 3 file is upgraded after a backup, and reads back every record
// as schema 3 stored it, except that a PRN effect names its dose in About
// and corrects nothing: read as a correction it would void a dose given.
// openV3Copy opens (and so upgrades) a copy of the schema 3 file in
// testdata, returning the store and the copy's path.
func openV3Copy(t *testing.T) (*store.Store, string) {
	t.Helper()
	orig, err := os.ReadFile(filepath.Join("testdata", "v3.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "medround.db")
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	return storetest.OpenAt(t, path), path
}

func TestSchema3FileReadsOldPRNEffectsWithAbout(t *testing.T) {
	st, path := openV3Copy(t)
	want := v3Events()
	for i, e := range want {
		if e.Kind == mar.KindPRNEffect {
			want[i].About, want[i].Corrects = e.Corrects, uuid.Nil
		}
	}
	var got []mar.Event
	err := st.EachEvent(want[0].OccurredAt, want[0].OccurredAt.AddDate(0, 0, 1), func(e mar.Event) error {
		got = append(got, e)
		return nil
	})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("schema 3 events after upgrade\n got %+v, %v\nwant %+v", got, err, want)
	}
	standing := mar.NewStanding(got)
	if !standing.Stands(want[2].ID) || !standing.Stands(want[4].ID) || standing.Stands(want[0].ID) {
		t.Error("an old PRN effect reads as correcting its dose, or the old correction no longer voids")
	}
	if _, err := os.Stat(path + ".bak-v3"); err != nil {
		t.Errorf("no backup before upgrading: %v", err)
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("Check after upgrade: %v", errs)
	}
	// A new PRN effect beside the old ones names its dose in About.
	eff := true
	next := mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, UserID: "u-carer",
		ResidentID: storetest.ResidentArthur, OccurredAt: want[5].OccurredAt.Add(time.Hour),
		About: want[4].ID, Effective: &eff}
	if err := st.Append(next); err != nil {
		t.Fatal(err)
	}
	if e, err := st.Event(next.ID); err != nil || e.About != want[4].ID || e.Corrects != uuid.Nil {
		t.Errorf("new PRN effect reads back as %+v, %v", e, err)
	}
}

// A schema 3 file is upgraded with each event's kind in the resident
// index, and EventsOfKinds finds a resident's records of a kind among the
// rest, in a new file and an upgraded one alike; the upgraded file passes
// the store's own check.
func TestEventsOfKindsAfterUpgrade(t *testing.T) {
	st, _ := openV3Copy(t)
	all := v3Events()
	from, to := all[0].OccurredAt.Add(-time.Hour), all[0].OccurredAt.AddDate(0, 0, 1)
	want := 0
	for _, e := range all {
		if e.Kind == mar.KindCorrection && e.ResidentID == all[0].ResidentID {
			want++
		}
	}
	got, err := st.EventsOfKinds(all[0].ResidentID, from, to, mar.KindCorrection)
	if err != nil || len(got) != want || want == 0 {
		t.Fatalf("EventsOfKinds(correction) = %d events, %v; want %d", len(got), err, want)
	}
	for _, e := range got {
		if e.Kind != mar.KindCorrection {
			t.Errorf("EventsOfKinds(correction) returned a %s", e.Kind)
		}
	}
	if errs := st.Check(); len(errs) != 0 {
		t.Errorf("upgraded file fails its check: %v", errs)
	}
}

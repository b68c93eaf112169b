package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

func TestSecondOpenIsInUseAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	storetest.OpenAt(t, path)
	start := time.Now()
	// flock locks belong to the open file, not the process, so a second
	// Open in this process contends exactly as a second process would.
	_, err := store.Open(path, store.Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, store.ErrInUse) {
		t.Fatalf("second Open = %v, want ErrInUse", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second Open took %v to fail", d)
	}
	if !strings.Contains(err.Error(), "in use by another medround process") {
		t.Errorf("message %q does not say the directory is in use", err)
	}
	if _, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 100 * time.Millisecond}); !errors.Is(err, store.ErrInUse) {
		t.Errorf("read-only Open beside a writer = %v, want ErrInUse", err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	st := storetest.OpenAt(t, path)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := store.SetSchema(path, store.SchemaVersion()+7); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), "upgrade medround") || !strings.Contains(err.Error(), fmt.Sprintf("version %d", store.SchemaVersion()+7)) {
		t.Errorf("message %q should name the version and say to upgrade", err)
	}
}

func TestEmptyFileIsDamagedNotANewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "backup") {
		t.Fatalf("Open(empty) = %v, want ErrDamaged saying how to restore", err)
	}
	if info, _ := os.Stat(path); info.Size() != 0 {
		t.Error("an empty file was initialised in place")
	}
}

// v1Events are the events kept in testdata/v1.db.
func v1Events() []mar.Event {
	at := time.Date(2025, 1, 6, 8, 10, 0, 0, time.UTC)
	id := func(s string) uuid.UUID { return uuid.MustParse(s) }
	return []mar.Event{
		{ID: id("0b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a01"), Kind: mar.KindAdministration, DeviceID: "tablet-1",
			UserID: "u-carer", ResidentID: storetest.ResidentMargaret, OccurredAt: at, RecordedAt: at,
			EntryID: storetest.EntryMetformin, EntryVersion: 1, Outcome: mar.OutcomeGiven, Quantity: 1,
			Verdict: mar.LevelOK, GTIN: storetest.GTINMetformin, Batch: "M2231", Expiry: "2026-05-31"},
		{ID: id("0b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a02"), Kind: mar.KindAdministration, DeviceID: "tablet-1",
			UserID: "u-carer", ResidentID: storetest.ResidentArthur, OccurredAt: at.Add(5 * time.Minute),
			RecordedAt: at.Add(5 * time.Minute), EntryID: storetest.EntryParacetamolR002, EntryVersion: 1,
			Outcome: mar.OutcomeRefused, Verdict: mar.LevelOK},
		{ID: id("0b5f6d2e-7a33-4c1e-9a51-3c1d0e6f7a03"), Kind: mar.KindStatusChange, UserID: "u-senior",
			ResidentID: storetest.ResidentEdith, OccurredAt: at.Add(time.Hour), Status: mar.StatusHospital},
	}
}

// TestWriteV1Fixture regenerates testdata/v1.db when MEDROUND_WRITE_FIXTURES
// is set. The file is kept in git: it is what version 1 wrote.
func TestWriteV1Fixture(t *testing.T) {
	if os.Getenv("MEDROUND_WRITE_FIXTURES") == "" {
		t.Skip("set MEDROUND_WRITE_FIXTURES=1 to rewrite testdata/v1.db")
	}
	path := filepath.Join("testdata", "v1.db")
	_ = os.Remove(path)
	if err := store.WriteV1(path, storetest.Chart(), v1Events()); err != nil {
		t.Fatal(err)
	}
}

func TestSchema1FileIsMigratedAfterABackup(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "medround.db")
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	st := storetest.OpenAt(t, path)
	r, err := st.FindResident("R0002") // needs the index schema 2 builds
	if err != nil || r.ID != storetest.ResidentArthur {
		t.Errorf("FindResident after migration = %q, %v", r.ID, err)
	}
	for _, want := range v1Events() {
		got, err := st.Event(want.ID)
		if err != nil || !got.OccurredAt.Equal(want.OccurredAt) || got.Kind != want.Kind {
			t.Errorf("event %s after migration = %+v, %v", want.ID, got, err)
		}
	}
	if n, _ := st.PendingCount(); n != 3 {
		t.Errorf("outbox after migration = %d, want 3", n)
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("Check after migration: %v", errs)
	}
	backup, err := os.ReadFile(path + ".bak-v1")
	if err != nil {
		t.Fatalf("no backup before migrating: %v", err)
	}
	if _, err := store.WalkFile(bytes.NewReader(backup), int64(len(backup)), func(_, _, _ []byte) error { return nil }); err != nil {
		t.Errorf("backup is not a sound file: %v", err)
	}
}

func TestBackupFile(t *testing.T) {
	dir := t.TempDir()
	st := storetest.OpenAt(t, filepath.Join(dir, "medround.db"))
	storetest.WithChart(t, st)
	e := given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Now())
	if err := st.Append(e); err != nil {
		t.Fatal(err)
	}
	if err := st.BackupFile(st.Path()); err == nil {
		t.Fatal("BackupFile wrote over the live database")
	}
	bak := filepath.Join(dir, "backup.db")
	if err := st.BackupFile(bak); err != nil {
		t.Fatal(err)
	}
	if err := st.BackupFile(bak); err != nil { // a second backup replaces the first
		t.Fatal(err)
	}
	n, err := st.Backup(io.Discard)
	if err != nil || n == 0 {
		t.Errorf("Backup = %d, %v", n, err)
	}
	restored := storetest.OpenAt(t, bak)
	if got, err := restored.Event(e.ID); err != nil || got.ID != e.ID {
		t.Errorf("event in backup = %v", err)
	}
	if errs := restored.Check(); len(errs) > 0 {
		t.Errorf("Check of backup: %v", errs)
	}
}

// An upgraded file keeps its JSON events, never rewritten, and adds binary
// ones: reads, the year walk and Check see both as one log.
func TestUpgradedFileReadsOldJSONAndNewBinaryEventsTogether(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "medround.db")
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	st := storetest.OpenAt(t, path)
	want := v1Events()
	for _, e := range want {
		got, err := st.Event(e.ID)
		if err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("JSON event after upgrade\n got %+v, %v\nwant %+v", got, err, e)
		}
	}
	late := given(storetest.ResidentMargaret, storetest.EntryMetformin, want[0].OccurredAt.Add(2*time.Hour))
	late.RecordedAt = late.RecordedAt.UTC()
	if err := st.Append(late); err != nil {
		t.Fatal(err)
	}
	want = append(want, late)
	var walked []mar.Event
	err = st.EachEvent(want[0].OccurredAt, want[0].OccurredAt.AddDate(0, 0, 1), func(e mar.Event) error {
		walked = append(walked, e)
		return nil
	})
	if err != nil || !reflect.DeepEqual(walked, want) {
		t.Errorf("EachEvent over both formats\n got %+v, %v\nwant %+v", walked, err, want)
	}
	evs, err := st.Events(storetest.ResidentMargaret, want[0].OccurredAt, late.OccurredAt.Add(time.Second))
	if err != nil || len(evs) != 2 || !reflect.DeepEqual(evs[1], late) {
		t.Errorf("Events over both formats = %+v, %v", evs, err)
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("Check with both formats: %v", errs)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	storetest.OpenAt(t, path) // the open-time walk accepts both formats
}

package store_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"medround/internal/store"
	"medround/internal/store/storetest"
)

// fileState is what "the file was not changed" means: its bytes, its
// modification time and its mode.
type fileState struct {
	sum   [sha256.Size]byte
	mtime time.Time
	mode  os.FileMode
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{sha256.Sum256(b), info.ModTime(), info.Mode()}
}

// lockDown makes the database and its directory read-only: chmod 0400 and
// 0500, and, where the test runs as root (which ignores modes) and chattr
// is at hand, the immutable flag, which refuses even root a write.
func lockDown(t *testing.T, path string) {
	t.Helper()
	dir := filepath.Dir(path)
	widen(t, path, 0o400)
	widen(t, dir, 0o500)
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	if os.Geteuid() != 0 {
		return
	}
	chattr, err := exec.LookPath("chattr")
	if err != nil || exec.Command(chattr, "+i", path).Run() != nil {
		t.Log("running as root without chattr +i: the file's mode alone does not stop a write")
		return
	}
	t.Cleanup(func() { _ = exec.Command(chattr, "-i", path).Run() })
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Fatal("the locked-down file still opens for writing")
	}
}

func TestReadOnlyOpenWorksOnAReadOnlyFileAndChangesNothing(t *testing.T) {
	path := closedStore(t)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Now())
	if err := st.Append(e); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	lockDown(t, path)
	before := stateOf(t, path)
	time.Sleep(10 * time.Millisecond) // so that a write would move the mtime

	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open of a read-only file: %v", err)
	}
	if _, err := ro.Event(e.ID); err != nil {
		t.Errorf("read the recorded dose: %v", err)
	}
	if problems := ro.Check(); len(problems) > 0 {
		t.Errorf("Check: %v", problems)
	}
	if err := ro.Append(given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Now())); err == nil {
		t.Error("Append on a read-only store succeeded")
	}
	if err := ro.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("read-only open, Check and Close changed the file: %+v, was %+v", after, before)
	}
}

// TestCheckChangesNothing checks a store held open for writing, as the app
// holds it, and one opened read-only, as `medroundctl db check` opens it:
// Check reads and never writes.
func TestCheckChangesNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  store.Options
	}{
		{"store open for writing", store.Options{}},
		{"store open read-only", store.Options{ReadOnly: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := closedStore(t)
			st, err := store.Open(path, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			before := stateOf(t, path)
			time.Sleep(10 * time.Millisecond)
			if problems := st.Check(); len(problems) > 0 {
				t.Fatalf("Check: %v", problems)
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("Check changed the file")
			}
		})
	}
}

// TestReadOnlyOpenNeverMigrates opens a schema-1 file read-only: it must say
// the file needs upgrading and leave it, and its directory, as they were,
// with no backup made.
func TestReadOnlyOpenNeverMigrates(t *testing.T) {
	v1, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "medround.db")
	if err := os.WriteFile(path, v1, 0o600); err != nil {
		t.Fatal(err)
	}
	lockDown(t, path)
	before := stateOf(t, path)
	time.Sleep(10 * time.Millisecond)

	_, err = store.Open(path, store.Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "needs upgrading") {
		t.Errorf("read-only Open of a schema-1 file = %v, want it to say the file needs upgrading", err)
	}
	if errors.Is(err, store.ErrDamaged) {
		t.Errorf("an old file is not a damaged one: %v", err)
	}
	if after := stateOf(t, path); after != before {
		t.Error("read-only Open changed a schema-1 file")
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, v1) {
		t.Error("the schema-1 file no longer holds what it did")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("read-only Open left files beside the database: %v", entries)
	}
}

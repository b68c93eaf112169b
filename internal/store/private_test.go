package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"medround/internal/store"
	"medround/internal/store/storetest"
)

// widen gives path the mode a careless copy or an old install leaves:
// readable by every user of the tablet.
func widen(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s has mode %#o, want %#o", filepath.Base(path), got, want)
	}
}

// closedStore writes a store with the fixture chart in a fresh directory
// and returns its path.
func closedStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "medround.db")
	st := storetest.OpenAt(t, path)
	storetest.WithChart(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenMakesAWorldReadableHomeOwnerOnly(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  store.Options
	}{
		{"the app opens the home", store.Options{}},
		{"a read-only command opens the home", store.Options{ReadOnly: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := closedStore(t)
			widen(t, filepath.Dir(path), 0o755)
			widen(t, path, 0o644)
			st, err := store.Open(path, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			wantMode(t, filepath.Dir(path), 0o700)
			wantMode(t, path, 0o600)
		})
	}
}

func TestBackupOverAWorldReadableFileIsOwnerOnly(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	backup := filepath.Join(t.TempDir(), "home.bak")
	if err := os.WriteFile(backup, []byte("last week's backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	widen(t, backup, 0o644) // whatever the umask made of it
	if err := st.BackupFile(backup); err != nil {
		t.Fatal(err)
	}
	wantMode(t, backup, 0o600)
	restored, err := store.Open(backup, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer restored.Close()
	if rs, err := restored.Residents(); err != nil || len(rs) == 0 {
		t.Errorf("backup holds %d residents, %v; want the home's", len(rs), err)
	}
}

func TestUpgradeBackupOfAWorldReadableFileIsOwnerOnly(t *testing.T) {
	v1, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "medround.db")
	if err := os.WriteFile(path, v1, 0o644); err != nil {
		t.Fatal(err)
	}
	widen(t, path, 0o644)
	widen(t, dir, 0o755)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600, path + ".bak-v1": 0o600} {
		wantMode(t, p, want)
	}
}

func TestWriteFilePrivate(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		before []byte // nil: no file yet
	}{
		{"a new export", nil},
		{"over a world-readable export", []byte("an older, longer export of every resident")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".json")
			if tc.before != nil {
				if err := os.WriteFile(path, tc.before, 0o644); err != nil {
					t.Fatal(err)
				}
				widen(t, path, 0o644)
			}
			if err := store.WriteFilePrivate(path, []byte(`{"residents":[]}`)); err != nil {
				t.Fatal(err)
			}
			wantMode(t, path, 0o600)
			if b, _ := os.ReadFile(path); string(b) != `{"residents":[]}` {
				t.Errorf("file holds %q", b)
			}
		})
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if err := store.WriteFilePrivate(filepath.Join(dir, "missing", "out.json"), nil); err == nil {
		t.Error("WriteFilePrivate into a missing directory succeeded")
	}
}

func TestTightenLeavesTheOwnersBits(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name       string
		dir        bool
		mode, want os.FileMode
	}{
		{"world-readable database", false, 0o644, 0o600},
		{"group-writable database", false, 0o664, 0o600},
		{"owner read-only copy stays read-only", false, 0o444, 0o400},
		{"already private", false, 0o600, 0o600},
		{"world-readable data directory", true, 0o755, 0o700},
		{"read-only data directory stays read-only", true, 0o555, 0o500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			var err error
			if tc.dir {
				err = os.Mkdir(path, 0o700)
			} else {
				err = os.WriteFile(path, nil, 0o600)
			}
			if err != nil {
				t.Fatal(err)
			}
			widen(t, path, tc.mode)
			if err := store.Tighten(path); err != nil {
				t.Fatal(err)
			}
			wantMode(t, path, tc.want)
		})
	}
	if err := store.Tighten(filepath.Join(dir, "missing")); err == nil {
		t.Error("Tighten of a missing file succeeded")
	}
}

package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenRefusesADatabaseItCannotMakePrivate stands chmod in for what the
// system does with another user's file (EPERM) and with a disk that keeps no
// permissions (success, mode unchanged): tests run as root cannot make
// either. A read-write open refuses; a read-only open reads on.
func TestOpenRefusesADatabaseItCannotMakePrivate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chmod func(string, os.FileMode) error
	}{
		{"database owned by another user", func(string, os.FileMode) error { return os.ErrPermission }},
		{"disk that keeps no permissions", func(string, os.FileMode) error { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "medround.db")
			st, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0o644); err != nil {
				t.Fatal(err)
			}
			chmod = tc.chmod
			defer func() { chmod = os.Chmod }()

			_, err = Open(path, Options{})
			if !errors.Is(err, ErrNotPrivate) || !strings.Contains(err.Error(), "another user") {
				t.Errorf("Open = %v, want ErrNotPrivate saying it may be another user's", err)
			}
			ro, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("read-only Open = %v, want it to read on", err)
			}
			if err := ro.Close(); err != nil {
				t.Error(err)
			}
		})
	}
}

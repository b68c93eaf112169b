package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"medround/internal/store"
)

// FuzzOpen feeds arbitrary files to Open: it must refuse them with an error
// or open them, and an opened file must survive Check; never a panic.
func FuzzOpen(f *testing.F) {
	v1, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v1)
	f.Add(v1[:8192])
	f.Add([]byte("not a database"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 {
			return // an empty file has its own test
		}
		path := filepath.Join(t.TempDir(), "medround.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			if !errors.Is(err, store.ErrDamaged) && !errors.Is(err, store.ErrNewerSchema) {
				t.Fatalf("refused without ErrDamaged or ErrNewerSchema: %v", err)
			}
			return
		}
		defer st.Close()
		if errs := st.Check(); len(errs) > 0 {
			t.Fatalf("opened but Check fails: %v", errs)
		}
	})
}

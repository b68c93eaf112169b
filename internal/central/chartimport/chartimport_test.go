package chartimport_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/chartimport"
	"medround/internal/mar"
)

const protocolFile = "../../fhir/testdata/prn-protocol.json"

var at = time.Date(2026, 3, 29, 9, 0, 0, 0, time.UTC)

func newCentre(t *testing.T) central.Store {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if err := st.AddHome(context.Background(), central.Home{ID: "willow", Settings: mar.DefaultHome(), CreatedAt: at}); err != nil {
		t.Fatal(err)
	}
	return st
}

func head(t *testing.T, st central.Store) uint64 {
	t.Helper()
	_, h, err := st.Changes(context.Background(), "willow", 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// An import that cannot be taken whole changes nothing at the centre.
func TestImportRefusedChangesNothing(t *testing.T) {
	data, err := os.ReadFile(protocolFile)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(t.TempDir(), "truncated.json")
	if err := os.WriteFile(truncated, data[:len(data)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	clock := chartimport.Options{Now: func() time.Time { return at }}
	for _, c := range []struct {
		name  string
		home  string
		files []string
		want  error
	}{
		{"a good file with a truncated one", "willow", []string{protocolFile, truncated}, nil},
		{"a file that is not there", "willow", []string{filepath.Join(t.TempDir(), "none.json")}, os.ErrNotExist},
		{"a home the centre does not hold", "elm", []string{protocolFile}, central.ErrNotFound},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := newCentre(t)
			before := head(t, st)
			_, err := chartimport.Import(context.Background(), st, c.home, clock, c.files...)
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
				t.Fatalf("Import = %v, want an error (%v)", err, c.want)
			}
			if after := head(t, st); after != before {
				t.Errorf("head %d after a refused import, want %d: nothing stored", after, before)
			}
		})
	}
	st := newCentre(t)
	res, err := chartimport.Import(context.Background(), st, "willow", clock, protocolFile)
	if err != nil || res.Protocols != 1 || head(t, st) != 3 {
		t.Errorf("Import = %+v, %v, head %d; want the chart and its one protocol after the settings", res, err, head(t, st))
	}
}

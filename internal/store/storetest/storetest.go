// Package storetest opens real medround stores for tests: a fresh file in
// t.TempDir(), a small realistic chart to put in it, and stores that fail,
// for tests of error paths.
//
// Failing stores are real stores, not fakes: Closed returns a store whose
// every method fails with store.ErrClosed, and ReadOnly one whose reads work
// and whose writes fail (as when the tablet's disk is full or read-only).
// That keeps failure tests honest about the errors the real store returns.
package storetest

import (
	"path/filepath"
	"testing"

	"medround/internal/store"
)

// Open opens a new store in a fresh file under t.TempDir() and closes it when
// the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return OpenAt(t, filepath.Join(t.TempDir(), "medround.db"))
}

// OpenAt opens (or creates) the store at path and closes it when the test
// ends.
func OpenAt(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// Closed returns a store whose every method fails with store.ErrClosed.
func Closed(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "medround.db"), store.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatalf("close store: %v", err)
	}
	return st
}

// ReadOnly returns a store holding the WithChart fixture whose reads work and
// whose every write fails.
func ReadOnly(t testing.TB) (*store.Store, Fixture) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "medround.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	fx := WithChart(t, st)
	if err := st.Close(); err != nil {
		t.Fatalf("close store: %v", err)
	}
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open store read-only: %v", err)
	}
	t.Cleanup(func() { _ = ro.Close() })
	return ro, fx
}

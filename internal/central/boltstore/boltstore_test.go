package boltstore_test

import (
	"path/filepath"
	"testing"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) central.Store {
		st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

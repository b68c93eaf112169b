package boltstore

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"medround/internal/central"
	"medround/internal/central/storetest"
)

// TestSealsForgotten runs the contract's sealed-token cases, reading the
// code's record from the file itself.
func TestSealsForgotten(t *testing.T) {
	open := func(t *testing.T) central.Store {
		st, err := Open(filepath.Join(t.TempDir(), "central.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	storetest.RunSeals(t, open, func(t *testing.T, st central.Store, codeHash []byte) []byte {
		t.Helper()
		var c code
		err := st.(*Store).db.View(func(tx *bolt.Tx) error {
			_, err := get(tx.Bucket(bucketCodes), codeHash, &c)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return c.Sealed
	})
}

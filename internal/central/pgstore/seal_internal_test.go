package pgstore

import (
	"context"
	"testing"

	"medround/internal/central"
	"medround/internal/central/pgstore/pgtest"
	"medround/internal/central/storetest"
)

// TestSealsForgotten runs the contract's sealed-token cases, reading the
// code's row from the database itself.
func TestSealsForgotten(t *testing.T) {
	open := func(t *testing.T) central.Store {
		st, err := Open(context.Background(), pgtest.DSN(t))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	storetest.RunSeals(t, open, func(t *testing.T, st central.Store, codeHash []byte) []byte {
		t.Helper()
		var sealed []byte
		err := st.(*Store).pool.QueryRow(context.Background(), `SELECT sealed FROM codes WHERE hash = $1`, codeHash).Scan(&sealed)
		if err != nil {
			t.Fatal(err)
		}
		return sealed
	})
}

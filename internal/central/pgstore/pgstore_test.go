package pgstore_test

import (
	"context"
	"os"
	"testing"

	"medround/internal/central"
	"medround/internal/central/pgstore"
	"medround/internal/central/pgstore/pgtest"
	"medround/internal/central/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// open opens a store on a fresh schema of the test server.
func open(t testing.TB) *pgstore.Store {
	t.Helper()
	st, err := pgstore.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) central.Store { return open(t) })
}

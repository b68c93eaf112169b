package syncer_test

import (
	"context"
	"os"
	"testing"

	"medround/internal/central"
	"medround/internal/central/pgstore"
	"medround/internal/central/pgstore/pgtest"
)

// TestMain stops the PostgreSQL server the soak starts.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestSoakPostgres is the fault soak on the PostgreSQL store: a restart
// closes every connection and opens the same database again.
func TestSoakPostgres(t *testing.T) {
	dsn := pgtest.DSN(t)
	soak(t, func() (central.Store, error) { return pgstore.Open(context.Background(), dsn) })
}

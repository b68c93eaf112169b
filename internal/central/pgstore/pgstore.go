// Package pgstore is the central record on PostgreSQL, for a group of homes
// whose centre runs on a database server. It implements central.Store with
// the same rules as the embedded bbolt store and passes the same contract
// suite, internal/central/storetest.
//
// How it keeps those rules:
//   - An event is stored once by (home, UUID): a unique index on the
//     changes table. A duplicate is acknowledged again; other content under
//     a stored UUID goes to the conflicts table, never over the stored row.
//   - A home's change sequence is its homes row's head, advanced under that
//     row's lock. A PostgreSQL SEQUENCE would be monotonic too, but its
//     numbers are taken when a transaction asks and seen when it commits,
//     in another order: a tablet could pull change 11 before change 10 was
//     committed, move its cursor past 10 and never get it. Under the row
//     lock a home's changes commit in sequence order with no gaps (a
//     rolled-back push gives its numbers back). Pushes to one home wait
//     for each other, which costs little: one push of 500 events holds the
//     lock for milliseconds, and homes do not wait for each other.
//   - Payloads are kept as json, not jsonb: json keeps exactly the text
//     medround wrote and accepts \u0000, which jsonb refuses, so every
//     event bbolt would take this store takes too.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"medround/internal/central"
)

var _ central.Store = (*Store)(nil)

// Store is the PostgreSQL central store.
type Store struct {
	pool *pgxpool.Pool
}

// Open connects to the database named by dsn (a libpq connection string
// or URL; search_path picks the schema) and creates or migrates its
// tables. A database whose schema is newer than this build is refused.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx's parse error quotes the DSN, password and all.
		return nil, errors.New("open central database: the PostgreSQL connection string is not valid")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open central database: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open central database: %w", err)
	}
	return &Store{pool: pool}, nil
}

// Close closes every connection.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// lockHome takes the home's row lock, which orders its change sequence,
// and returns its latest sequence number.
func lockHome(ctx context.Context, tx pgx.Tx, homeID string) (uint64, error) {
	var head int64
	err := tx.QueryRow(ctx, `SELECT head FROM homes WHERE id = $1 FOR NO KEY UPDATE`, homeID).Scan(&head)
	if errors.Is(err, pgx.ErrNoRows) || (err != nil && hasNUL(homeID)) {
		return 0, fmt.Errorf("home %q: %w", homeID, central.ErrNotFound)
	}
	return uint64(head), err
}

// hasNUL reports whether s holds a NUL byte, which PostgreSQL's text
// cannot: no such ID was ever stored, so a lookup of one finds nothing.
func hasNUL(s string) bool { return strings.IndexByte(s, 0) >= 0 }

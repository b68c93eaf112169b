package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrSchemaNewer: the database was migrated by a newer medround-central.
// This build refuses it rather than write rows the newer one would misread.
var ErrSchemaNewer = errors.New("database schema is newer than this medround-central: upgrade medround-central")

// migrations[v] takes the schema from version v-1 to v. Append only: a
// released migration is never edited, and the version numbers are
// persisted in medround_schema.
var migrations = []string{
	1: `
CREATE TABLE homes (
	id         text PRIMARY KEY,
	settings   json NOT NULL,
	created_at timestamptz NOT NULL,
	head       bigint NOT NULL  -- the home's latest change sequence number
);
-- One row per change of a home, events included: (home_id, seq) is the
-- pull order, and (home_id, event_id) stores an event once.
CREATE TABLE changes (
	home_id     text NOT NULL REFERENCES homes (id),
	seq         bigint NOT NULL,
	kind        smallint NOT NULL,  -- protocol.ChangeKind
	device      text NOT NULL,      -- the device that pushed an event; '' otherwise
	received_at timestamptz NOT NULL,
	event_id    uuid,               -- kind 1 only
	occurred_at timestamptz,        -- kind 1 only
	body        json NOT NULL,      -- the payload: mar.Event, ChartUpdate, mar.User or mar.Home
	PRIMARY KEY (home_id, seq)
);
CREATE UNIQUE INDEX changes_event ON changes (home_id, event_id) WHERE event_id IS NOT NULL;
CREATE TABLE residents (
	home_id text NOT NULL REFERENCES homes (id),
	id      text NOT NULL,
	PRIMARY KEY (home_id, id)
);
CREATE TABLE users (
	home_id text NOT NULL REFERENCES homes (id),
	id      text NOT NULL,
	body    json NOT NULL,
	PRIMARY KEY (home_id, id)
);
CREATE TABLE devices (
	id          text PRIMARY KEY,
	home_id     text NOT NULL REFERENCES homes (id),
	name        text NOT NULL,
	token_hash  bytea NOT NULL UNIQUE,  -- SHA-256 of the token
	enrolled_at timestamptz NOT NULL,
	revoked_at  timestamptz
);
CREATE INDEX devices_home ON devices (home_id);
CREATE TABLE codes (
	hash       bytea PRIMARY KEY,  -- SHA-256 of the code
	home_id    text NOT NULL REFERENCES homes (id),
	expires_at timestamptz NOT NULL,
	used_at    timestamptz
);
CREATE TABLE conflicts (
	home_id text NOT NULL REFERENCES homes (id),
	n       bigserial,
	body    json NOT NULL,  -- central.Conflict
	PRIMARY KEY (home_id, n)
);`,
	// What a used code enrolled, so the same enrolment sent again (its
	// answer lost) is answered with the same token: central.Enrolment.
	2: `
ALTER TABLE codes
	ADD COLUMN device_id    text,
	ADD COLUMN token_hash   bytea,
	ADD COLUMN request_hash bytea,  -- central.RequestHash of the tablet's request ID
	ADD COLUMN sealed       bytea;  -- the token, sealed under the code and the request ID`,
}

// SchemaVersion is the schema this build writes.
var SchemaVersion = len(migrations) - 1

// migrationLock is the advisory lock two medround-central processes take
// to migrate one database: the second waits, then finds nothing to do.
const migrationLock = 0x6d6564726f756e64 // "medround"

// migrate brings the schema to SchemaVersion in one transaction: DDL is
// transactional in PostgreSQL, so a failed migration leaves the last
// version whole.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return fmt.Errorf("lock schema: %w", err)
		}
		_, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS medround_schema (
			version     integer PRIMARY KEY,
			migrated_at timestamptz NOT NULL DEFAULT now())`)
		if err != nil {
			return fmt.Errorf("schema version table: %w", err)
		}
		var v int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM medround_schema`).Scan(&v); err != nil {
			return fmt.Errorf("schema version: %w", err)
		}
		if v > SchemaVersion {
			return fmt.Errorf("%w (database version %d, this build %d)", ErrSchemaNewer, v, SchemaVersion)
		}
		for v++; v <= SchemaVersion; v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate to schema version %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO medround_schema (version) VALUES ($1)`, v); err != nil {
				return fmt.Errorf("migrate to schema version %d: %w", v, err)
			}
		}
		return nil
	})
}

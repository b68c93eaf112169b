package pgstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"medround/internal/central"
	"medround/internal/central/pgstore"
	"medround/internal/central/pgstore/pgtest"
	"medround/internal/mar"
	"medround/internal/protocol"
)

func query(t *testing.T, dsn, sql string, args ...any) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	must(t, err)
	defer conn.Close(ctx)
	var n int
	must(t, conn.QueryRow(ctx, sql, args...).Scan(&n))
	return n
}

func TestReopenKeepsDataAndMigratesOnce(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	st, err := pgstore.Open(ctx, dsn)
	must(t, err)
	home(t, st, "tab-a")
	_, err = st.PutEvents(ctx, "tab-a", []mar.Event{given("tab-a", t0)}, t0)
	must(t, err)
	must(t, st.Close())
	st, err = pgstore.Open(ctx, dsn)
	must(t, err)
	defer st.Close()
	evs, err := st.Events(ctx, "willow", time.Time{}, time.Time{})
	if err != nil || len(evs) != 1 {
		t.Errorf("after reopening: %d events, %v; want the one pushed", len(evs), err)
	}
	if n := query(t, dsn, `SELECT count(*) FROM medround_schema`); n != pgstore.SchemaVersion {
		t.Errorf("medround_schema has %d rows, want one per version (%d)", n, pgstore.SchemaVersion)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	st, err := pgstore.Open(ctx, dsn)
	must(t, err)
	must(t, st.Close())
	// A newer medround-central has migrated this database.
	query(t, dsn, `INSERT INTO medround_schema (version) VALUES ($1) RETURNING version`, pgstore.SchemaVersion+1)
	if _, err := pgstore.Open(ctx, dsn); !errors.Is(err, pgstore.ErrSchemaNewer) {
		t.Errorf("opening a database of a newer schema = %v, want ErrSchemaNewer", err)
	}
}

func TestBadConnectionStringsSayNothingSecret(t *testing.T) {
	cases := []struct{ name, dsn string }{
		{"a URL with a port that is not a number", "postgres://admin:hunter2@db.example:notaport/central"},
		{"a key=value string with an unknown option", "host=127.0.0.1 password=hunter2 nosuchoption=1"},
	}
	for _, c := range cases {
		_, err := pgstore.Open(context.Background(), c.dsn)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: Open = %v; want an error without the password", c.name, err)
		}
	}
}

// TestWhatJSONbWouldRefuseIsStored: a note with a NUL character is valid
// JSON that bbolt keeps; PostgreSQL's jsonb and text refuse it, and a
// push refused by the database would be retried for ever.
func TestWhatJSONbWouldRefuseIsStored(t *testing.T) {
	st := open(t)
	defer st.Close()
	home(t, st, "tab-a")
	ctx := context.Background()
	e := given("tab-a", t0)
	e.Note = "a\x00b"
	// A status change of a resident ID no chart could hold: refused by
	// the rules, not by the database.
	odd := mar.Event{ID: uuid.New(), Kind: mar.KindStatusChange, DeviceID: "tab-a", UserID: "meg",
		ResidentID: "R\x00101", OccurredAt: t0, Status: mar.StatusHospital}
	acks, err := st.PutEvents(ctx, "tab-a", []mar.Event{e, odd}, t0)
	if err != nil || len(acks) != 2 || acks[0].Status != protocol.AckStored || acks[1].Status != protocol.AckRefused {
		t.Fatalf("PutEvents = %v, %v; want the first stored, the second refused", acks, err)
	}
	got, err := st.Events(ctx, "willow", time.Time{}, time.Time{})
	must(t, err)
	if len(got) != 1 || !central.SameEvent(got[0].Event, e) {
		t.Errorf("stored %+v; want the note with its NUL kept", got)
	}
	for _, id := range []string{"will\x00ow"} {
		if _, err := st.Home(ctx, id); !errors.Is(err, central.ErrNotFound) {
			t.Errorf("Home(%q) = %v, want ErrNotFound", id, err)
		}
		if _, _, err := st.Changes(ctx, id, 0, 10); !errors.Is(err, central.ErrNotFound) {
			t.Errorf("Changes(%q) = %v, want ErrNotFound", id, err)
		}
	}
}

// Command medround-central is the central record server and its
// administration: homes, staff, chart imports, tablet enrolment and the
// events every tablet of a home has sent. It keeps its data in an embedded
// bbolt store under --data, or with --postgres DSN in a PostgreSQL database
// for a group of homes, and builds with CGO_ENABLED=0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
	_ "time/tzdata" // Europe/London must work on a server without zone files

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/incident"
	"medround/internal/central/pgstore"
)

// pgOpenTimeout bounds connecting to PostgreSQL and migrating its schema:
// an unreachable server gets an error, not a command that hangs.
const pgOpenTimeout = 30 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// usageError is a mistake in the command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// app is one invocation.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	dataDir        string
	postgres       string // connection string; when set, the store is PostgreSQL
	json           bool
	st             central.Store
	incidents      *incident.Finder
}

type command struct {
	name, args, summary string
	run                 func(a *app, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "[--addr 127.0.0.1:8443] [--tls-cert FILE --tls-key FILE]", "run the central record's API", runServe},
		{"home", "add --id HOME --name NAME [--zone Europe/London]", "add a care home", runHome},
		{"import", "--home HOME FILE.json...", "import FHIR R4 bundles as the home's chart; tablets get it by pull", runImport},
		{"user", "add --home HOME --id ID --name NAME --role carer|senior|manager --pin PIN", "add or replace a member of staff", runUser},
		{"device", "enrol --home HOME [--server URL [--qr FILE.png]] | list --home HOME | revoke ID", "enrolment codes (with --server, as a QR code too) and tablets", runDevice},
		{"events", "--home HOME [--from T] [--to T] [--json]", "every event the home's tablets sent, once each", runEvents},
		{"incidents", "--home HOME [--json]", "double doses, maxima passed and clocks off, found across the home's tablets", runIncidents},
		{"conflicts", "--home HOME [--json]", "records a tablet sent again with other content, kept aside beside the one stored", runConflicts},
		{"demo", "[--server URL] [--qr FILE.png]", "set up the demo home (Willow House) and print an enrolment code and its QR code", runDemo},
	}
}

func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdout: stdout, stderr: stderr, getenv: getenv}
	err := a.dispatch(args)
	if a.incidents != nil {
		if cerr := a.incidents.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close incident copies: %w", cerr)
		}
	}
	if a.st != nil {
		if cerr := a.st.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close store: %w", cerr)
		}
	}
	var uerr usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &uerr), errors.Is(err, flag.ErrHelp):
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "medround-central: %v\n", err)
		}
		a.help()
		return 2
	default:
		fmt.Fprintf(stderr, "medround-central: %v\n", err)
		return 1
	}
}

func (a *app) help() {
	fmt.Fprintln(a.stderr, "usage: medround-central --data DIR | --postgres DSN  COMMAND [flags]")
	for _, c := range commands() {
		fmt.Fprintf(a.stderr, "  %-9s %s\n            %s\n", c.name, c.args, c.summary)
	}
}

func (a *app) dispatch(args []string) error {
	fs := a.flags("medround-central")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	rest := fs.Args()
	if len(rest) == 0 || rest[0] == "help" {
		return usagef("no command given")
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			return c.run(a, rest[1:])
		}
	}
	return usagef("unknown command %q", rest[0])
}

// flags returns a flag set with the global flags, which may also follow
// the command name.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.dataDir, "data", a.dataDir, "data directory (env MEDROUND_CENTRAL_DATA); with --postgres it keeps only the incident finder's copies")
	fs.StringVar(&a.postgres, "postgres", a.postgres, "PostgreSQL connection string (env MEDROUND_CENTRAL_POSTGRES); keep the password in PGPASSWORD or ~/.pgpass")
	fs.BoolVar(&a.json, "json", a.json, "print JSON")
	return fs
}

// parse reads flags and positional arguments in any order.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// dir is the data directory, from --data or the environment. With
// PostgreSQL it holds only what the centre derives and can rebuild (the
// incident finder's copies of each home); without one given, that goes in
// the user's cache directory.
func (a *app) dir() string {
	if a.dataDir != "" {
		return a.dataDir
	}
	if d := a.getenv("MEDROUND_CENTRAL_DATA"); d != "" || a.dsn() == "" {
		return d
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	return filepath.Join(cache, "medround-central")
}

// dsn is the PostgreSQL connection string, from --postgres or the
// environment; empty for the embedded store.
func (a *app) dsn() string {
	if a.postgres != "" {
		return a.postgres
	}
	return a.getenv("MEDROUND_CENTRAL_POSTGRES")
}

// open opens the store: PostgreSQL when a connection string is given,
// else the bbolt file under the data directory, owner-only.
func (a *app) open() (central.Store, error) {
	if a.st != nil {
		return a.st, nil
	}
	if dsn := a.dsn(); dsn != "" {
		ctx, cancel := context.WithTimeout(context.Background(), pgOpenTimeout)
		defer cancel()
		st, err := pgstore.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		a.st = st
		return st, nil
	}
	dir := a.dir()
	if dir == "" {
		return nil, usagef("give the data directory with --data DIR")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	st, err := boltstore.Open(filepath.Join(dir, "central.db"))
	if err != nil {
		return nil, err
	}
	a.st = st
	return st, nil
}

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
)

// Exit codes: the contract scripts rely on.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
	exitWarn  = 10 // check: the verdict is warn
	exitStop  = 20 // check: the verdict is stop
)

// usageError is a mistake in the command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// exitCode carries a non-error exit status such as check's 10 and 20.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// app is one invocation: where the data is, how to print, and the service.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	dataDir        string
	json           bool
	st             *store.Store
	svc            *round.Service
}

// command is one medroundctl command.
type command struct {
	name    string
	args    string // usage after the name
	summary string
	run     func(a *app, args []string) error
}

func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdout: stdout, stderr: stderr, getenv: getenv}
	err := a.dispatch(args)
	if a.st != nil {
		if cerr := a.st.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close store: %w", cerr)
		}
	}
	var code exitCode
	var uerr usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &code):
		return int(code)
	case errors.As(err, &uerr), errors.Is(err, flag.ErrHelp):
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "medroundctl: %v\nRun 'medroundctl help' for usage.\n", err)
		}
		return exitUsage
	default:
		fmt.Fprintf(stderr, "medroundctl: %v\n", err)
		return exitError
	}
}

func (a *app) dispatch(args []string) error {
	global := a.flags("medroundctl")
	rest, err := parseGlobal(global, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		a.help(nil)
		return usagef("no command given")
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			return c.run(a, rest[1:])
		}
	}
	return usagef("unknown command %q", rest[0])
}

// parseGlobal reads the global flags that come before the command name.
func parseGlobal(fs *flag.FlagSet, args []string) ([]string, error) {
	if err := fs.Parse(args); err != nil {
		return nil, usageError{err.Error()}
	}
	return fs.Args(), nil
}

// flags returns a flag set with the global flags, so they may also follow
// the command name: `medroundctl check --data DIR ...`.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.dataDir, "data", a.dataDir, "data directory (env MEDROUND_DATA)")
	fs.BoolVar(&a.json, "json", a.json, "print one JSON document on stdout")
	return fs
}

// parse reads flags and positional arguments in any order.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// dir is the data directory: --data, else MEDROUND_DATA, else the user's
// config directory.
func (a *app) dir() (string, error) {
	if a.dataDir != "" {
		return a.dataDir, nil
	}
	if d := a.getenv("MEDROUND_DATA"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: pass --data DIR or set MEDROUND_DATA (%w)", err)
	}
	return filepath.Join(base, "medround"), nil
}

// service opens the store and builds the round service once.
func (a *app) service() (*round.Service, error) {
	if a.svc != nil {
		return a.svc, nil
	}
	dir, err := a.dir()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	st, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{Timeout: time.Second})
	if err != nil {
		return nil, err
	}
	dev, err := store.DeviceID(dir)
	if err != nil {
		st.Close()
		return nil, err
	}
	a.st = st
	a.svc = round.New(st, round.Options{DeviceID: dev})
	return a.svc, nil
}

// printJSON writes v as one indented JSON document.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printEvent prints a stored event: its UUID, or the whole event with --json.
func (a *app) printEvent(ev mar.Event) error {
	if a.json {
		return a.printJSON(ev)
	}
	_, err := fmt.Fprintln(a.stdout, ev.ID)
	return err
}

// location is the home's time zone, in which times are shown.
func (a *app) location() (*time.Location, error) {
	home, err := a.svc.Home()
	if err != nil {
		return nil, err
	}
	return home.Location()
}

// parseTime reads an RFC 3339 time; empty means zero (now).
func parseTime(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usagef("--%s %q: want an RFC 3339 time such as 2026-11-25T08:00:00Z or 2026-11-25T08:00:00+00:00", flagName, s)
	}
	return t, nil
}

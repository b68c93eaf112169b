package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"medround/internal/mar"
	"medround/internal/round"
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
	stdin          *bufio.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	dataDir        string
	json           bool
	wroteJSON      bool // a JSON document is on stdout already
	svc            *round.Service
}

// command is one medroundctl command.
type command struct {
	name    string
	args    string // usage after the name
	summary string
	run     func(a *app, args []string) error
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdin: bufio.NewReader(stdin), stdout: stdout, stderr: stderr, getenv: getenv}
	err := a.dispatch(args)
	if a.svc != nil {
		if cerr := a.svc.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close the home: %w", cerr)
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
		a.printError(err)
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

// access is what a command does to the home: read it, change it, or start
// one where there is none.
type access int

const (
	readOnly access = iota // the file may be read-only and is never changed
	readWrite
	create // demo, import and init: make the database when the directory has none
)

// open opens the home in the data directory once, as the command needs it.
func (a *app) open(mode access) (*round.Service, error) {
	if a.svc != nil {
		return a.svc, nil
	}
	dir, err := round.DataDir(a.dataDir, a.getenv)
	if err != nil {
		return nil, err
	}
	svc, err := round.Open(dir, round.OpenOptions{ReadOnly: mode == readOnly, Create: mode == create})
	if err != nil {
		return nil, err
	}
	a.svc = svc
	return svc, nil
}

// printJSON writes v as one indented JSON document.
func (a *app) printJSON(v any) error {
	a.wroteJSON = true
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

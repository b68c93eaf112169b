package main

import (
	"fmt"
	"strings"
	"time"

	"medround/internal/report"
	"medround/internal/round"
)

func runReport(a *app, args []string) error {
	fs := a.flags("report")
	span := periodFlags(fs, "start of the period (RFC 3339); with --to left out too, since 07:00 yesterday as the review opens",
		"end of the period (RFC 3339)")
	format := fs.String("format", "table", "table, csv or json")
	asCSV := fs.Bool("csv", false, "the rows as CSV, as the review's share button saves them (--format csv)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: report %s [--from T --to T] [--format table|csv|json | --csv | --json]", kindWords())
	}
	kind, err := report.ParseKind(pos[0])
	if err != nil {
		return usageError{err.Error()}
	}
	from, to, err := span()
	if err != nil {
		return err
	}
	if from.IsZero() != to.IsZero() {
		return usagef("report: give both --from and --to, or neither for the review's period (since 07:00 yesterday)")
	}
	switch {
	case a.json && *asCSV:
		return usagef("report: --csv and --json are two formats: choose one")
	case a.json:
		*format = "json"
	case *asCSV:
		*format = "csv"
	}
	write, err := reportWriter(*format)
	if err != nil {
		return err
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	if from.IsZero() {
		loc, err := a.location()
		if err != nil {
			return err
		}
		from, to = report.SinceYesterdayMorning.Bounds(svc.Now(), loc)
	}
	r, err := svc.Report(kind, from, to)
	if err != nil {
		return err
	}
	return write(r, a)
}

// kindWords are the report kinds as the command line takes them.
func kindWords() string {
	var words []string
	for _, k := range report.Kinds() {
		words = append(words, k.String())
	}
	return strings.Join(words, "|")
}

func reportWriter(format string) (func(*report.Report, *app) error, error) {
	switch format {
	case "table":
		return func(r *report.Report, a *app) error { return r.WriteTable(a.stdout) }, nil
	case "csv":
		return func(r *report.Report, a *app) error { return r.WriteCSV(a.stdout) }, nil
	case "json":
		return func(r *report.Report, a *app) error { return r.WriteJSON(a.stdout) }, nil
	}
	return nil, usagef("--format %q: want table, csv or json", format)
}

func runDB(a *app, args []string) error {
	pos, err := parse(a.flags("db"), args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 1 && pos[0] == "check":
		return a.dbCheck()
	case len(pos) == 2 && pos[0] == "backup":
		svc, err := a.open(readOnly)
		if err != nil {
			return err
		}
		if err := svc.Backup(pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "backup written to %s\n", pos[1])
		return nil
	}
	return usagef("usage: db check | db backup FILE")
}

func (a *app) dbCheck() error {
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	problems := svc.CheckDatabase()
	if a.json {
		msgs := []string{}
		for _, p := range problems {
			msgs = append(msgs, p.Error())
		}
		if err := a.printJSON(map[string]any{"ok": len(problems) == 0, "problems": msgs}); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			fmt.Fprintln(a.stdout, p)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("db check: %d problems: restore the latest backup (medroundctl db backup makes them) and contact support", len(problems))
	}
	if !a.json {
		fmt.Fprintln(a.stdout, "db check: ok")
	}
	return nil
}

func runExport(a *app, args []string) error {
	fs := a.flags("export")
	span := periodFlags(fs, "start of the period (RFC 3339)", "end of the period (RFC 3339)")
	out := fs.String("out", "", "file to write (default stdout)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	from, to, err := span()
	if err != nil {
		return err
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = svc.Now().Add(time.Second)
	}
	data, err := svc.ExportFHIR(from, to)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = a.stdout.Write(data)
		return err
	}
	if err := round.WritePrivateFile(*out, data); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(a.stdout, "wrote %s\n", *out)
	return nil
}

package main

import (
	"fmt"
	"time"

	"medround/internal/report"
	"medround/internal/round"
)

func runReport(a *app, args []string) error {
	fs := a.flags("report")
	span := periodFlags(fs, "start of the period (RFC 3339)", "end of the period (RFC 3339)")
	format := fs.String("format", "table", "table, csv or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: report missed|late|not-given|prn|overridden|unscanned|stopped --from T --to T [--format table|csv|json]")
	}
	kind, err := report.ParseKind(pos[0])
	if err != nil {
		return usageError{err.Error()}
	}
	from, to, err := span()
	if err != nil {
		return err
	}
	if from.IsZero() || to.IsZero() {
		return usagef("report: --from and --to are required")
	}
	if a.json {
		*format = "json"
	}
	write, err := reportWriter(*format)
	if err != nil {
		return err
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	r, err := svc.Report(kind, from, to)
	if err != nil {
		return err
	}
	return write(r, a)
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

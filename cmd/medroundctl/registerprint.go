package main

import (
	"fmt"

	"medround/internal/round"
)

// printFlags are --pdf and --csv of `cd register` and `stock`: the
// registers written to a file instead of shown.
type printFlags struct{ pdf, csv *string }

func (a *app) printFlags(fs interface {
	String(name, value, usage string) *string
}) printFlags {
	return printFlags{pdf: fs.String("pdf", "", "write the registers as a PDF, a page per register, to FILE"),
		csv: fs.String("csv", "", "write the registers' entries as CSV to FILE")}
}

// wanted reports whether a file was asked for.
func (p printFlags) wanted() bool { return *p.pdf != "" || *p.csv != "" }

// write writes the registers of resident (every resident when empty): the
// controlled drugs registers when cd, else the stock record. Each file is
// new and owner-only: it holds personal data.
func (p printFlags) write(a *app, resident string, cd bool) error {
	if *p.pdf != "" && *p.csv != "" {
		return usagef("--pdf and --csv: one file at a time")
	}
	if _, err := a.open(readOnly); err != nil {
		return err
	}
	what := "Stock record"
	if cd {
		what = "Controlled drugs register"
	}
	write, path := a.svc.RegisterCSV, *p.csv
	if *p.pdf != "" {
		write, path = a.svc.RegisterPDF, *p.pdf
	}
	data, err := write(resident, cd)
	if err != nil {
		return err
	}
	if err := round.WritePrivateFile(path, data); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s written to %s\n", what, path)
	return nil
}

package main

import (
	"fmt"
	"time"

	"medround/internal/round"
)

// runMAR writes the printable MAR chart of one resident, or of the whole
// home, as a PDF.
func runMAR(a *app, args []string) error {
	fs := a.flags("mar")
	resident := fs.String("resident", "", "the resident: ID, NHS number or resident number")
	all := fs.Bool("all", false, "every resident of the home, in one PDF")
	fromS := fs.String("from", "", "first day, YYYY-MM-DD (default: 27 days before today)")
	days := fs.Int("days", 28, "how many days")
	out := fs.String("out", "", "the PDF file to write")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" || (*resident == "") == !*all {
		return usagef("usage: mar (--resident R | --all) [--from YYYY-MM-DD] [--days 28] --out FILE.pdf")
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	from, err := chartStart(svc, *fromS, *days)
	if err != nil {
		return err
	}
	var ids []string
	if !*all {
		ids = []string{*resident}
	}
	if err := svc.MARChartPDF(*out, ids, from, *days); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "MAR chart written to %s\n", *out)
	return nil
}

// chartStart reads --from as a day in the home's zone; empty means the
// chart ends today.
func chartStart(svc *round.Service, s string, days int) (time.Time, error) {
	h, err := svc.Home()
	if err != nil {
		return time.Time{}, err
	}
	loc, err := h.Location()
	if err != nil {
		return time.Time{}, err
	}
	if s == "" {
		return svc.Now().In(loc).AddDate(0, 0, 1-days), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, usagef("--from %q: want a day as YYYY-MM-DD", s)
	}
	return t, nil
}

package main

import (
	"fmt"
	"strings"

	"medround/internal/barcode"
)

func runParse(a *app, args []string) error {
	fs := a.flags("parse")
	gs := fs.String("gs", "", "the text the scanner sends for the GS1 separator (default: the home's setting)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: parse TEXT")
	}
	opt := barcode.Options{GSSubstitute: *gs}
	if *gs == "" && (a.dataDir != "" || a.getenv("MEDROUND_DATA") != "") {
		if svc, err := a.open(readOnly); err == nil {
			if h, err := svc.Home(); err == nil {
				opt.GSSubstitute = h.GSSubstitute
			}
		}
	}
	code, perr := barcode.Parse(pos[0], opt)
	if a.json {
		out := map[string]any{"text": pos[0], "code": code}
		if perr != nil {
			out["error"] = perr.Error()
		}
		if err := a.printJSON(out); err != nil {
			return err
		}
		return perr
	}
	if perr != nil {
		return perr
	}
	printCode(a, code)
	return nil
}

func printCode(a *app, c barcode.Code) {
	switch c.Kind {
	case barcode.KindPack:
		fmt.Fprintf(a.stdout, "medicine pack: GTIN %s", c.GTIN)
		if !c.Expiry.IsZero() {
			fmt.Fprintf(a.stdout, ", expiry %s", c.Expiry.Format("2006-01-02"))
		}
		if c.Batch != "" {
			fmt.Fprintf(a.stdout, ", batch %s", c.Batch)
		}
		if c.Serial != "" {
			fmt.Fprintf(a.stdout, ", serial %s", c.Serial)
		}
		fmt.Fprintln(a.stdout)
		if len(c.AIs) > 0 {
			fmt.Fprintf(a.stdout, "  element string: %s\n", barcode.HRI(c.AIs))
		}
	case barcode.KindResident:
		if c.NHSNumber != "" {
			fmt.Fprintf(a.stdout, "resident: NHS number %s\n", c.NHSNumber)
		} else {
			fmt.Fprintf(a.stdout, "resident: resident number %s\n", c.LocalID)
		}
	case barcode.KindStaff:
		fmt.Fprintf(a.stdout, "staff badge: user %s\n", c.StaffID)
	default:
		fmt.Fprintf(a.stdout, "unknown: %q\n", strings.ToValidUTF8(c.Raw, "?"))
	}
}

package main

import (
	"flag"
	"fmt"
	"strings"

	"medround/internal/labels"
	"medround/internal/protocol"
)

// qrOptions say where tablets reach this centre, for the enrolment QR
// code, and where to write the code as a PNG.
type qrOptions struct {
	server *string
	png    *string
}

func qrFlags(fs *flag.FlagSet, defaultServer string) *qrOptions {
	return &qrOptions{
		server: fs.String("server", defaultServer, "the address tablets reach this centre at (https://HOST:PORT), for the enrolment QR code"),
		png:    fs.String("qr", "", "write the enrolment QR code as a PNG to this file (owner-only: it holds the code)"),
	}
}

// check refuses an address a tablet would refuse from the QR code, before
// a code is made.
func (q *qrOptions) check() error {
	if *q.png != "" && *q.server == "" {
		return usagef("--qr needs --server URL: the QR code carries the address tablets reach this centre at")
	}
	if *q.server == "" {
		return nil
	}
	if _, err := protocol.ParseEnrolQR(protocol.EnrolQR{Server: *q.server, Code: "CHECK"}.Text()); err != nil {
		return usagef("--server %q: %s", *q.server, strings.TrimPrefix(err.Error(), protocol.ErrEnrolQR.Error()+": "))
	}
	return nil
}

// printQR prints the text of the enrolment QR code for code, and writes
// it as a PNG when asked. Nothing without --server.
func (a *app) printQR(q *qrOptions, code string) error {
	if *q.server == "" {
		return nil
	}
	text := protocol.EnrolQR{Server: *q.server, Code: code}.Text()
	fmt.Fprintf(a.stdout, "Enrolment QR code (scan it in the app: Settings, Central record):\n%s\n", text)
	if *q.png == "" {
		return nil
	}
	if err := labels.WriteQR(*q.png, text); err != nil {
		return fmt.Errorf("enrolment QR code: %w", err)
	}
	fmt.Fprintf(a.stdout, "QR code written to %s: delete it once the tablet is enrolled.\n", *q.png)
	return nil
}

// Command medroundctl is the headless medround tool: import charts, check and
// record doses, reports, barcode decoding and database checks, from the
// command line. It drives the same internal/round service as the app, and
// builds with CGO_ENABLED=0.
package main

import (
	"os"
	_ "time/tzdata" // Europe/London must work on a machine without zone files
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

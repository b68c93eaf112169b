package main

import (
	"fmt"

	"medround/internal/version"
)

// runVersion prints the version of this build, the one make dist stamped.
func runVersion(a *app, args []string) error {
	if len(args) != 0 {
		return usagef("usage: version")
	}
	if a.json {
		return a.printJSON(map[string]string{"version": version.String()})
	}
	_, err := fmt.Fprintln(a.stdout, "medroundctl", version.String())
	return err
}

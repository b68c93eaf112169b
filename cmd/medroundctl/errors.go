package main

import "medround/internal/round"

// printError tells the person at the keyboard what went wrong and what to
// do, in words without a file path or a Go error chain. With --json the
// cause (identifiers masked) is also printed on stdout, for the log or
// support.
func (a *app) printError(err error) {
	msg := round.Explain(err)
	a.stderr.Write([]byte("medroundctl: " + msg + "\n"))
	if a.json && !a.wroteJSON {
		_ = a.printJSON(map[string]string{"error": msg, "cause": round.Mask(err.Error())})
	}
}

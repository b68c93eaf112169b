package main

import (
	"errors"
	"flag"
	"io"
	"strings"
)

// pinFlag is a PIN flag with its two safer alternatives. A PIN typed as
// --pin 1234 is visible to every local user in `ps` (and may stay in the
// shell's history) while the command runs; one in the environment
// (MEDROUND_PIN...) or read from standard input (--pin -) is not.
type pinFlag struct {
	name, env string
	value     string
}

// pinFlag adds a PIN flag to fs; what says whose PIN it is.
func (a *app) pinFlag(fs *flag.FlagSet, name, env, what string) *pinFlag {
	p := &pinFlag{name: name, env: env}
	fs.StringVar(&p.value, name, "", what+" (or env "+env+", or - to read a line from standard input)")
	return p
}

// userFlags adds --user (who: whose ID, e.g. "who gives the dose (user
// ID)") and their --pin, the pair every command that records asks for.
func (a *app) userFlags(fs *flag.FlagSet, who string) (*string, *pinFlag) {
	return fs.String("user", "", who), a.pinFlag(fs, "pin", "MEDROUND_PIN", "their PIN")
}

// get returns the PIN: the flag's value, a line of standard input for "-",
// else the environment variable. Several "-" flags read one line each, in
// the order the command asks: the signing user's PIN first, then the
// witness's, approver's or new user's.
func (p *pinFlag) get(a *app) (string, error) {
	switch p.value {
	case "":
		return a.getenv(p.env), nil
	case "-":
		line, err := a.stdin.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", usagef("--%s -: standard input could not be read", p.name)
		}
		pin := strings.TrimRight(line, "\r\n")
		if pin == "" {
			return "", usagef("--%s -: no PIN on standard input (one line each, signing user first)", p.name)
		}
		return pin, nil
	}
	return p.value, nil
}

// require is get for a PIN that must be given.
func (p *pinFlag) require(a *app) (string, error) {
	pin, err := p.get(a)
	if err == nil && pin == "" {
		err = usagef("--%s is required (or set %s, or pass - and give it on standard input)", p.name, p.env)
	}
	return pin, err
}

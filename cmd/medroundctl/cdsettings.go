package main

import (
	"fmt"
	"strconv"
	"strings"

	"medround/internal/mar"
)

// cdSettings is what `cd interval` and `cd schedules` print: the home's
// controlled drugs settings.
type cdSettings struct {
	CountEvery string `json:"countEvery"`
	Schedules  []int  `json:"schedules"`
}

// runCDSetting shows, or with a change flag changes, one of the home's
// controlled drugs settings: how often the registers are counted
// (`interval --every daily|weekly`) or which schedules keep one
// (`schedules --keep 2,3,4`). A change is a manager's, audited like any
// settings change (round.PutHome).
func runCDSetting(a *app, name string, args []string) error {
	fs := a.flags(name)
	every := fs.String("every", "", "interval: how often two staff count each register (daily or weekly)")
	keep := fs.String("keep", "", "schedules: the schedules that keep a register, e.g. 2,3,4 (2 always)")
	user, pin := a.userFlags(fs, "the manager (user ID)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	change := map[string]string{"interval": *every, "schedules": *keep}[name]
	if len(pos) != 0 || (name == "interval" && *keep != "") || (name == "schedules" && *every != "") {
		return usagef("usage: cd interval [--every daily|weekly --user MANAGER --pin PIN] | cd schedules [--keep 2,3,4 --user MANAGER --pin PIN]")
	}
	if change == "" {
		if _, err := a.open(readOnly); err != nil {
			return err
		}
		return a.printCDSettings()
	}
	if _, err := a.open(readWrite); err != nil {
		return err
	}
	h, err := a.svc.Home()
	if err != nil {
		return err
	}
	if name == "interval" {
		if h.CDCountEvery, err = mar.ParseCountInterval(change); err != nil {
			return usagef("%v", err)
		}
	} else if h.CDRegisterSchedules, err = parseSchedules(change); err != nil {
		return err
	}
	sess, err := a.signIn(*user, pin)
	if err != nil {
		return err
	}
	if err := a.svc.PutHome(sess, h); err != nil {
		return err
	}
	return a.printCDSettings()
}

// parseSchedules reads "2,3,4"; 2 is added when left out, since a
// schedule 2 register is kept whatever the home says.
func parseSchedules(text string) ([]int, error) {
	out := []int{2}
	for _, f := range strings.Split(text, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, usagef("--keep %q: list schedule numbers, e.g. 2,3,4", text)
		}
		if n != 2 {
			out = append(out, n)
		}
	}
	return out, nil
}

func (a *app) printCDSettings() error {
	h, err := a.svc.Home()
	if err != nil {
		return err
	}
	word, _ := mar.CountIntervalWord(h.CountInterval())
	s := cdSettings{CountEvery: word, Schedules: h.RegisterSchedules()}
	if a.json {
		return a.printJSON(s)
	}
	var sch []string
	for _, n := range s.Schedules {
		sch = append(sch, strconv.Itoa(n))
	}
	fmt.Fprintf(a.stdout, "controlled drugs counted: %s\nregisters kept for schedules: %s\n", s.CountEvery, strings.Join(sch, ", "))
	return nil
}

package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"medround/internal/mar"
	"medround/internal/round"
)

// listFlag is a flag given once per value: --sign A --sign B.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, "; ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

const prnUsage = "usage: prn protocol set --resident R --entry ID [--sign TEXT]... [--abbey] [--dose-choice TEXT] [--if-no-effect TEXT] [--call-gp TEXT] --user ID --pin PIN | prn protocol show --resident R --entry ID"

// protocolFlags are the parts of a protocol the command line sets.
type protocolFlags struct {
	signs                  listFlag
	abbey                  *bool
	dose, noEffect, callGP *string
}

func runPRN(a *app, args []string) error {
	if len(args) < 2 || args[0] != "protocol" || (args[1] != "set" && args[1] != "show") {
		return usagef(prnUsage)
	}
	fs := a.flags("prn protocol " + args[1])
	resident := fs.String("resident", "", "the resident")
	entry := fs.String("entry", "", "the when-required chart entry")
	var pf protocolFlags
	fs.Var(&pf.signs, "sign", "a sign to look for (once per sign); replaces the signs in force")
	pf.abbey = fs.Bool("abbey", false, "add the Abbey pain scale signs, for a resident who cannot say they are in pain")
	pf.dose = fs.String("dose-choice", "", "how to choose within the chart's dose range")
	pf.noEffect = fs.String("if-no-effect", "", "what to do if it does not work")
	pf.callGP = fs.String("call-gp", "", "when to call the GP")
	user := fs.String("user", "", "a senior or manager (user ID)")
	pin := a.pinFlag(fs, "pin", "MEDROUND_PIN", "their PIN")
	if _, err := parse(fs, args[2:]); err != nil {
		return err
	}
	if *resident == "" || *entry == "" {
		return usagef(prnUsage)
	}
	if args[1] == "show" {
		return a.showProtocol(*resident, *entry)
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		v, err := a.svc.PRNProtocol(*resident, *entry)
		if err != nil {
			return mar.Event{}, err
		}
		return a.svc.SetPRNProtocol(sess, pf.apply(v))
	})
}

// apply makes the new version: the parts not given are kept from the
// protocol in force, so a senior changes one part without retyping the
// rest.
func (pf protocolFlags) apply(v *round.ProtocolView) mar.PRNProtocol {
	p := mar.PRNProtocol{ResidentID: v.Resident.ID, EntryID: v.Entry.ID}
	if v.Current != nil {
		p = *v.Current
	}
	if len(pf.signs) > 0 {
		p.Signs = pf.signs
	}
	if *pf.abbey {
		p.Signs = append(p.Signs, mar.AbbeySigns()...)
	}
	for _, f := range []struct {
		to   *string
		from string
	}{{&p.DoseChoice, *pf.dose}, {&p.IfNoEffect, *pf.noEffect}, {&p.CallGP, *pf.callGP}} {
		if strings.TrimSpace(f.from) != "" {
			*f.to = strings.TrimSpace(f.from)
		}
	}
	return p
}

func (a *app) showProtocol(resident, entry string) error {
	if _, err := a.open(readOnly); err != nil {
		return err
	}
	v, err := a.svc.PRNProtocol(resident, entry)
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(v)
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	w := a.stdout
	fmt.Fprintf(w, "%s for %s, when required", v.Product.Name, v.Resident.Name())
	if v.Entry.PRNReason != "" {
		fmt.Fprintf(w, ": %s", v.Entry.PRNReason)
	}
	fmt.Fprintf(w, "\nFrom the chart: %s\n", mar.PRNLimits(v.Entry))
	if v.Current == nil {
		fmt.Fprintln(w, "NO PRN PROTOCOL: a senior or manager writes one (prn protocol set)")
		return nil
	}
	a.printProtocol(v, loc)
	return nil
}

// printProtocol prints the protocol in force, what it does not say yet,
// and which version it is, by whom.
func (a *app) printProtocol(v *round.ProtocolView, loc *time.Location) {
	w, p := a.stdout, v.Current
	fmt.Fprintln(w, "Signs to look for:")
	for _, s := range p.Signs {
		fmt.Fprintf(w, "  - %s\n", s)
	}
	for _, part := range []struct{ head, text string }{{"How to choose the dose", p.DoseChoice},
		{"If it does not work", p.IfNoEffect}, {"Call the GP", p.CallGP}, {"The prescription says", p.Prescribed}} {
		if part.text != "" {
			fmt.Fprintf(w, "%s: %s\n", part.head, part.text)
		}
	}
	if missing := p.Missing(v.Entry); len(missing) > 0 {
		fmt.Fprintf(w, "Not written yet: %s\n", strings.Join(missing, "; "))
	}
	how := "written by " + p.By
	if p.Imported {
		how = "imported from the prescription"
		if p.By != "" {
			how += " by " + p.By
		}
	}
	n := slices.IndexFunc(v.Versions, func(x mar.PRNProtocol) bool { return x.ID == p.ID }) + 1
	fmt.Fprintf(w, "Version %d of %d, %s on %s\n", n, len(v.Versions), how, p.At.In(loc).Format("2006-01-02 15:04"))
}

package main

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
)

func runDemo(a *app, args []string) error {
	fs := a.flags("demo")
	n := fs.Int("residents", 12, "how many residents")
	at := fs.String("at", "", "build the demo as at this time (default now)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > 1000 {
		return usagef("--residents %d: want 1 to 1000", *n)
	}
	now, err := parseTime("at", *at)
	if err != nil {
		return err
	}
	svc, err := a.service()
	if err != nil {
		return err
	}
	rs, err := a.st.Residents()
	if err != nil {
		return err
	}
	users, err := svc.Users()
	if err != nil {
		return err
	}
	if len(rs)+len(users) > 0 {
		return errors.New("demo: this data directory already has residents or staff; use an empty one (--data DIR)")
	}
	if now.IsZero() {
		now = svc.Now()
	}
	if err := demo.Build(a.st, demo.Options{Residents: *n, Now: now, Hash: round.HashPIN}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Demo home Willow House: %d residents. Staff PINs:", *n)
	for _, s := range demo.Staff {
		fmt.Fprintf(a.stdout, " %s (%s) %s;", s.ID, s.Role, s.PIN)
	}
	fmt.Fprintln(a.stdout)
	return nil
}

func runImport(a *app, args []string) error {
	files, err := parse(a.flags("import"), args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import: name one or more FHIR R4 JSON files")
	}
	svc, err := a.service()
	if err != nil {
		return err
	}
	res, err := svc.Import(files...)
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(res)
	}
	sum := res.Summary
	fmt.Fprintf(a.stdout, "imported: residents %s; medicines %s; chart entries %s; allergies %s\n",
		countsText(sum.Residents), countsText(sum.Products), countsText(sum.Entries), countsText(sum.Allergies))
	for _, u := range res.Review {
		fmt.Fprintf(a.stdout, "to confirm: %s\n", u)
	}
	for _, u := range res.Unsupported {
		fmt.Fprintf(a.stdout, "not used: %s\n", u)
	}
	return nil
}

func runResidents(a *app, args []string) error {
	if _, err := parse(a.flags("residents"), args); err != nil {
		return err
	}
	if _, err := a.service(); err != nil {
		return err
	}
	rs, err := a.st.Residents()
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(rs)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ROOM\tNAME\tNHS NUMBER\tOTHER IDS\tSTATUS")
	for _, r := range rs {
		var ids []string
		for _, x := range r.Identifiers {
			ids = append(ids, x.Value)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Room, r.Name(), r.NHSNumber, strings.Join(ids, " "), r.Status)
	}
	return w.Flush()
}

// resident finds a resident by any identifier.
func (a *app) resident(key string) (mar.Resident, error) {
	svc, err := a.service()
	if err != nil {
		return mar.Resident{}, err
	}
	sc, err := svc.Identify(key)
	if err != nil {
		return mar.Resident{}, fmt.Errorf("resident: %w", err)
	}
	if sc.Kind != round.ScanResident || sc.Resident == nil {
		return mar.Resident{}, errors.New("that is not a resident's identifier: give an NHS number, resident number or chart ID")
	}
	return *sc.Resident, nil
}

func runResident(a *app, args []string) error {
	fs := a.flags("resident")
	user := fs.String("user", "", "who records it (user ID)")
	pin := fs.String("pin", "", "their PIN (or env MEDROUND_PIN)")
	note := fs.String("note", "", "a note, e.g. the hospital")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 || pos[0] != "status" {
		return usagef("usage: resident status RESIDENT present|hospital|leave|discharged|deceased --user ID --pin PIN")
	}
	status, err := mar.ParseResidentStatus(pos[2])
	if err != nil {
		return usageError{err.Error()}
	}
	sess, err := a.signIn(*user, *pin)
	if err != nil {
		return err
	}
	r, err := a.resident(pos[1])
	if err != nil {
		return err
	}
	ev, err := a.svc.SetResidentStatus(sess, r.ID, status, *note)
	if err != nil {
		return err
	}
	return a.printEvent(ev)
}

func runChart(a *app, args []string) error {
	pos, err := parse(a.flags("chart"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: chart RESIDENT")
	}
	r, err := a.resident(pos[0])
	if err != nil {
		return err
	}
	v, err := a.svc.ResidentView(r.ID, a.svc.Now())
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(v)
	}
	fmt.Fprintf(a.stdout, "%s, room %s, born %s, NHS %s, %s\n", r.Name(), r.Room, r.BirthDate, r.NHSNumber, r.Status)
	for _, al := range v.Allergies {
		fmt.Fprintf(a.stdout, "ALLERGY: %s\n", al.Substance.Label())
	}
	if r.CareNotes != "" {
		fmt.Fprintf(a.stdout, "Care notes: %s\n", r.CareNotes)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ENTRY\tMEDICINE\tDOSE\tWHEN\tSTATUS\tFLAGS")
	for _, ev := range v.Chart {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", ev.Entry.ID, ev.Product.Name, ev.Entry.Dose,
			timingText(ev.Entry), ev.Entry.Status, flagsText(ev.Entry, ev.Product))
	}
	return w.Flush()
}

func timingText(e mar.ChartEntry) string {
	if e.PRN {
		return fmt.Sprintf("when required, >= %s apart", e.MinInterval)
	}
	var parts []string
	for _, t := range e.Timing.TimesOfDay {
		parts = append(parts, t.String())
	}
	parts = append(parts, e.Timing.When...)
	for _, d := range e.Timing.DaysOfWeek {
		parts = append(parts, d.String()[:3])
	}
	if len(parts) == 0 && e.Timing.Frequency > 0 {
		parts = append(parts, fmt.Sprintf("%d per %g %s", e.Timing.Frequency, e.Timing.Period, e.Timing.PeriodUnit))
	}
	return strings.Join(parts, " ")
}

func flagsText(e mar.ChartEntry, p mar.Product) string {
	var f []string
	if p.CDSchedule > 0 {
		f = append(f, fmt.Sprintf("CD%d", p.CDSchedule))
	}
	if e.TimeCritical {
		f = append(f, "time-critical")
	}
	if e.MaxDose != nil {
		f = append(f, fmt.Sprintf("max %s/%s", e.MaxDose.Quantity, e.MaxDose.Period))
	}
	return strings.Join(f, " ")
}

func runDue(a *app, args []string) error {
	fs := a.flags("due")
	atS := fs.String("at", "", "as at this time (default now)")
	roundName := fs.String("round", "", "round name (default: the round the clock points to)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	at, err := parseTime("at", *atS)
	if err != nil {
		return err
	}
	svc, err := a.service()
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = svc.Now()
	}
	items, err := svc.Due(at, *roundName)
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(items)
	}
	return a.printDue(items)
}

func (a *app) printDue(items []round.DueItem) error {
	loc, err := a.location()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ROOM\tRESIDENT\tDUE\tWINDOW\tMEDICINE\tDOSE\tSTATE")
	for _, it := range items {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s-%s\t%s\t%s\t%s\n", it.Resident.Room, it.Resident.Name(),
			it.Slot.Due.In(loc).Format("15:04"), it.Slot.Opens.In(loc).Format("15:04"),
			it.Slot.Closes.In(loc).Format("15:04"), it.Product.Name, it.Entry.Dose, it.State)
	}
	return w.Flush()
}

func runUser(a *app, args []string) error {
	fs := a.flags("user")
	id := fs.String("id", "", "user ID (also the staff badge code after STAFF:)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "carer, senior or manager")
	pin := fs.String("pin", "", "PIN, 4 to 12 digits")
	by := fs.String("by", "", "the manager adding the user (not needed for a home's first user)")
	byPIN := fs.String("by-pin", "", "the manager's PIN (or env MEDROUND_PIN)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "add" && pos[0] != "list") {
		return usagef("usage: user add --id ID --name NAME --role carer|senior|manager --pin PIN [--by MANAGER --by-pin PIN] | user list")
	}
	svc, err := a.service()
	if err != nil {
		return err
	}
	if pos[0] == "list" {
		return a.listUsers(svc)
	}
	r, err := mar.ParseRole(*role)
	if err != nil {
		return usageError{err.Error()}
	}
	var sess *round.Session
	if *by != "" {
		if sess, err = a.signIn(*by, *byPIN); err != nil {
			return err
		}
	}
	u, err := svc.AddUser(sess, *id, *name, r, *pin)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "added %s (%s)\n", u.ID, u.Role)
	return nil
}

func (a *app) listUsers(svc *round.Service) error {
	users, err := svc.Users()
	if err != nil {
		return err
	}
	if a.json {
		type row struct {
			ID, Name string
			Role     mar.Role
			Locked   bool
		}
		var out []row
		for _, u := range users {
			out = append(out, row{u.ID, u.Name, u.Role, time.Now().Before(u.LockedUntil)})
		}
		return a.printJSON(out)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tROLE")
	for _, u := range users {
		fmt.Fprintf(w, "%s\t%s\t%s\n", u.ID, u.Name, u.Role)
	}
	return w.Flush()
}

func countsText(c store.Counts) string {
	return fmt.Sprintf("%d added, %d changed, %d unchanged", c.Added, c.Changed, c.Unchanged)
}

package main

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"medround/internal/check"
	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/round"
)

func runDemo(a *app, args []string) error {
	fs := a.flags("demo")
	n := fs.Int("residents", 12, "how many residents")
	at := fs.String("at", "", "build the demo as at this time (default now)")
	days := fs.Int("days", 2, "days of records before now (14 fills the review's charts)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > 1000 {
		return usagef("--residents %d: want 1 to 1000", *n)
	}
	if *days < 1 || *days > 400 {
		return usagef("--days %d: want 1 to 400", *days)
	}
	now, err := parseTime("at", *at)
	if err != nil {
		return err
	}
	svc, err := a.open(create)
	if err != nil {
		return err
	}
	err = svc.BuildDemo(demo.Options{Residents: *n, Now: now, HistoryDays: *days})
	if errors.Is(err, round.ErrHomeNotEmpty) {
		return errors.New("demo: this data directory already has residents or staff; use an empty one (--data DIR)")
	}
	if err != nil {
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
	fs := a.flags("import")
	user, pin := a.userFlags(fs, "the senior or manager importing (not needed for a home with no staff yet)")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import: name one or more FHIR R4 JSON files")
	}
	svc, err := a.open(create)
	if err != nil {
		return err
	}
	res, err := a.importAs(svc, *user, pin, files)
	if err != nil {
		// An import that made the home and then failed leaves none behind.
		if derr := svc.Discard(); derr != nil {
			err = fmt.Errorf("%w (and %v)", err, derr)
		}
		a.svc = nil
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

func (a *app) importAs(svc *round.Service, user string, pin *pinFlag, files []string) (*round.ImportResult, error) {
	var sess *round.Session
	if user != "" {
		var err error
		if sess, err = a.signIn(user, pin); err != nil {
			return nil, err
		}
	}
	return svc.Import(sess, files...)
}

// runInit starts an empty home: the only way, besides import and demo, to
// make a database, so a mistyped --data never silently starts one.
func runInit(a *app, args []string) error {
	if _, err := parse(a.flags("init"), args); err != nil {
		return err
	}
	svc, err := a.open(create)
	if err != nil {
		return err
	}
	empty, err := svc.Empty()
	if err != nil {
		return err
	}
	if !empty {
		return errors.New("init: this data directory already holds a home with residents or staff")
	}
	fmt.Fprintln(a.stdout, "an empty home is ready: add its first user, a manager, with `medroundctl user add --role manager ...`, then import the chart")
	return nil
}

func runResidents(a *app, args []string) error {
	if _, err := parse(a.flags("residents"), args); err != nil {
		return err
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	rs, err := svc.Residents()
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

// resident finds a resident by any identifier, in the home opened already.
func (a *app) resident(key string) (mar.Resident, error) {
	sc, err := a.svc.Identify(key)
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
	user, pin := a.userFlags(fs, "who records it (user ID)")
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
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		r, err := a.resident(pos[1])
		if err != nil {
			return mar.Event{}, err
		}
		return a.svc.SetResidentStatus(sess, r.ID, status, *note)
	})
}

func runChart(a *app, args []string) error {
	pos, err := parse(a.flags("chart"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: chart RESIDENT")
	}
	if _, err := a.open(readOnly); err != nil {
		return err
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
	if gp := r.GP.Text(); gp != "" {
		fmt.Fprintf(a.stdout, "GP: %s\n", gp)
	}
	for _, al := range v.Allergies {
		fmt.Fprintf(a.stdout, "ALLERGY: %s\n", al.Substance.Label())
	}
	if r.CareNotes != "" {
		fmt.Fprintf(a.stdout, "Care notes: %s\n", r.CareNotes)
	}
	a.printCare(v.Care)
	now := a.svc.Now()
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ENTRY\tMEDICINE\tDOSE\tWHEN\tSTATUS\tFLAGS")
	for _, ev := range v.Chart {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", ev.Entry.ID, ev.Product.Name, ev.Entry.DoseText(),
			timingText(ev.Entry), entryState(ev.Entry, now), flagsText(ev.Entry, ev.Product))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return a.printPRN(v)
}

// entryState says whether an entry is in force now as the check decides it
// (check.InForce), and if not, why.
func entryState(e mar.ChartEntry, now time.Time) string {
	switch {
	case check.InForce(e, now):
		return "active"
	case e.Status != mar.EntryActive:
		return e.Status.String()
	case e.Start.After(now):
		return "not started"
	}
	return "ended"
}

// printPRN lists when each when-required medicine may next be given and
// the ingredient totals, as the check works them out (check.NextPRN,
// check.IngredientTotals): what a scan would say now.
func (a *app) printPRN(v *round.ResidentView) error {
	loc, err := a.location()
	if err != nil {
		return err
	}
	for _, t := range v.Ingredients {
		if t.Known {
			fmt.Fprintf(a.stdout, "%s: %s of %s in %s\n", t.Ingredient, mar.MilligramText(t.GivenMG),
				mar.MilligramText(t.LimitMG), hoursText(t.Period))
		}
	}
	for _, p := range v.PRN {
		when := "may be given now"
		switch {
		case !p.NextAllowed.IsZero():
			when = "may be given from " + p.NextAllowed.In(loc).Format("Mon 2 Jan 15:04")
		case p.Level != mar.LevelOK:
			when = "not now"
		}
		fmt.Fprintf(a.stdout, "PRN %s: %s\n", p.Product.Name, when)
		for _, r := range p.Why {
			fmt.Fprintf(a.stdout, "  %s: %s\n", r.Code, r.Message)
		}
	}
	return nil
}

func timingText(e mar.ChartEntry) string {
	if e.PRN {
		gap, _ := e.PRNInterval()
		return fmt.Sprintf("when required, %s apart", hoursText(gap))
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
		f = append(f, fmt.Sprintf("max %s in %s", e.MaxDose.Quantity, hoursText(e.MaxDose.Period)))
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
	svc, err := a.open(readOnly)
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
			it.Slot.Closes.In(loc).Format("15:04"), it.Product.Name, it.Entry.DoseText(), it.State)
	}
	return w.Flush()
}

func countsText(c round.Counts) string {
	return fmt.Sprintf("%d added, %d changed, %d unchanged", c.Added, c.Changed, c.Unchanged)
}

// hoursText writes an interval or a maximum's period: "4 hours", "1.5 hours".
func hoursText(d time.Duration) string {
	if d == time.Hour {
		return "1 hour"
	}
	return fmt.Sprintf("%g hours", d.Hours())
}

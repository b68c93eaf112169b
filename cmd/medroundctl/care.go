package main

import (
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
	"medround/internal/round"
)

// siteWords lists the body map's sites for the --site help: the patch
// sites, and the other areas a cream may go on.
func siteWords() string {
	var patch, more []string
	for _, s := range mar.BodySites() {
		patch = append(patch, s.Word)
	}
	for _, s := range mar.SkinAreas()[len(patch):] {
		more = append(more, s.Word)
	}
	return strings.Join(patch, ", ") + "; a cream also: " + strings.Join(more, ", ")
}

func runHomely(a *app, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runHomelyAdd(a, args[1:])
		case "approve":
			return runHomelyApprove(a, args[1:])
		case "list":
			return runHomelyList(a)
		}
	}
	return usagef("usage: homely add ... | approve ... | list (see medroundctl help)")
}

func runHomelyAdd(a *app, args []string) error {
	fs := a.flags("homely add")
	var h mar.HomelyRemedy
	fs.StringVar(&h.ID, "id", "", "the remedy's ID on the home's list, e.g. PARA")
	fs.StringVar(&h.GTIN, "pack", "", "the GTIN of the home's stock pack")
	fs.StringVar(&h.Name, "name", "", "its name, e.g. \"Paracetamol 500mg tablets\"")
	fs.StringVar(&h.Ingredient, "ingredient", "", "its active ingredient: a name or a SNOMED CT code")
	fs.Float64Var(&h.StrengthMG, "strength-mg", 0, "milligrams of the ingredient per dose unit, so its total can be added up")
	fs.Float64Var(&h.Dose.Value, "dose", 0, "the dose")
	fs.StringVar(&h.Dose.Unit, "unit", "", "the dose unit, e.g. tablet")
	fs.DurationVar(&h.Interval, "interval", 0, "the least time between doses, e.g. 4h")
	fs.Float64Var(&h.Max, "max", 0, "the most in 24 hours, in the dose unit")
	fs.IntVar(&h.Days, "days", 0, "how many days it may be given before the GP is told")
	user, pin := a.userFlags(fs, "the manager (user ID)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := h.Valid(); err != nil {
		return usageError{err.Error()}
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		return a.svc.AddHomelyRemedy(sess, h)
	})
}

func runHomelyApprove(a *app, args []string) error {
	fs := a.flags("homely approve")
	resident := fs.String("resident", "", "the resident")
	id := fs.String("id", "", "the remedy's ID on the home's list")
	gp := fs.String("gp", "", "the GP who approved it")
	on := fs.String("on", "", "the day the GP approved it, YYYY-MM-DD (default today)")
	review := fs.String("review", "", "the review date, YYYY-MM-DD: the approval lapses after it")
	user, pin := a.userFlags(fs, "a senior or manager (user ID)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *resident == "" || *id == "" || *gp == "" || *review == "" {
		return usagef("usage: homely approve --resident R --id ID --gp NAME [--on YYYY-MM-DD] --review YYYY-MM-DD --user ID --pin PIN")
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		return a.svc.ApproveHomely(sess, round.ApprovalRequest{ResidentScan: *resident, RemedyID: *id, GP: *gp,
			ApprovedOn: *on, Review: *review})
	})
}

func runHomelyList(a *app) error {
	if _, err := a.open(readOnly); err != nil {
		return err
	}
	list, err := a.svc.HomelyRemedies()
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(list)
	}
	for _, h := range list {
		fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%s\n", h.ID, h.GTIN, h.Name, h.Entry("").Text)
	}
	return nil
}

func runCovert(a *app, args []string) error {
	if len(args) == 0 || args[0] != "set" {
		return usagef("usage: covert set --resident R [--entry ID] --capacity DATE --best-interests DATE --agreed TEXT --how TEXT --review DATE --user ID --pin PIN")
	}
	fs := a.flags("covert set")
	var p mar.CovertPlan
	fs.StringVar(&p.ResidentID, "resident", "", "the resident")
	fs.StringVar(&p.EntryID, "entry", "", "the chart entry the plan is for (default: all medicines)")
	fs.StringVar(&p.Capacity, "capacity", "", "date of the mental capacity assessment, YYYY-MM-DD")
	fs.StringVar(&p.BestInterests, "best-interests", "", "date of the best-interests decision, YYYY-MM-DD")
	fs.StringVar(&p.AgreedBy, "agreed", "", "who agreed: GP, pharmacist, family")
	fs.StringVar(&p.How, "how", "", "how to give it, as the pharmacist advised")
	fs.StringVar(&p.Review, "review", "", "the review date, YYYY-MM-DD")
	user, pin := a.userFlags(fs, "a senior or manager (user ID)")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := p.Valid(); err != nil {
		return usageError{err.Error()}
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		return a.svc.SetCovertPlan(sess, p)
	})
}

func runPatch(a *app, args []string) error {
	if len(args) == 0 || (args[0] != "remove" && args[0] != "list") {
		return usagef("usage: patch remove --resident R --entry ID --user ID --pin PIN | patch list --resident R [--at T]")
	}
	fs := a.flags("patch " + args[0])
	atS := fs.String("at", "", "list: the patches on at this time (RFC 3339; default now)")
	resident := fs.String("resident", "", "the resident")
	entry := fs.String("entry", "", "the patch's chart entry")
	user, pin := a.userFlags(fs, "who took it off (user ID)")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *resident == "" || (args[0] == "remove" && *entry == "") {
		return usagef("usage: patch remove --resident R --entry ID --user ID --pin PIN | patch list --resident R [--at T]")
	}
	if args[0] == "list" {
		at, err := parseTime("at", *atS)
		if err != nil {
			return err
		}
		return runPatchList(a, *resident, at)
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		return a.svc.RemovePatch(sess, *resident, *entry)
	})
}

// runPatchList prints the patches on a resident at `at` (zero: now), with
// times in the home's zone as the care worker reads them; --json keeps
// UTC.
func runPatchList(a *app, resident string, at time.Time) error {
	if _, err := a.open(readOnly); err != nil {
		return err
	}
	r, err := a.resident(resident)
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = a.svc.Now()
	}
	v, err := a.svc.ResidentView(r.ID, at)
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(v.Care.Patches)
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	const layout = "Mon 2 Jan 2006 15:04 MST"
	for _, p := range v.Care.Patches {
		site, off := p.Site.Words, "not known"
		if site == "" {
			site = "site not recorded"
		}
		if !p.DueOff.IsZero() {
			off = p.DueOff.In(loc).Format(layout)
		}
		fmt.Fprintf(a.stdout, "%s\t%s\ton %s\t%s\tdue off %s\n", p.EntryID, p.Product, p.On.In(loc).Format(layout), site, off)
	}
	return nil
}

// printCare prints the covert plans and patches on the chart page.
func (a *app) printCare(c round.CareView) {
	for _, p := range c.Covert {
		what := "all medicines"
		if p.EntryID != "" {
			what = "entry " + p.EntryID
		}
		fmt.Fprintf(a.stdout, "COVERT PLAN (%s): %s; agreed by %s; review %s\n", what, p.How, p.AgreedBy, p.Review)
	}
	for _, p := range c.Patches {
		site := p.Site.Words
		if site == "" {
			site = "site not recorded"
		}
		fmt.Fprintf(a.stdout, "PATCH ON: %s, %s\n", p.Product, site)
	}
}

// recordSigned opens the home for writing, signs the user in with their
// PIN, records what do returns and prints it: the shape of every command
// that records one event for a signed-in member of staff.
func (a *app) recordSigned(user string, pin *pinFlag, do func(*round.Session) (mar.Event, error)) error {
	sess, err := a.signedIn(user, pin)
	if err != nil {
		return err
	}
	ev, err := do(sess)
	if err != nil {
		return err
	}
	return a.printEvent(ev)
}

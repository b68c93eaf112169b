package main

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/round"
)

// exitDiffers is `cd count` and `stock count` finding other than the
// register holds: the count is recorded, and is a discrepancy.
const exitDiffers = 10

// movementFlags are the flags every stock movement shares.
type movementFlags struct {
	req             round.StockRequest
	at, user        string
	pin, witnessPIN *pinFlag
}

func (a *app) movementFlags(name string) (*movementFlags, *flag.FlagSet) {
	fs := a.flags(name)
	m := &movementFlags{}
	fs.StringVar(&m.req.ResidentScan, "resident", "", "resident: NHS number, resident number or wristband scan")
	fs.StringVar(&m.req.PackScan, "pack", "", "pack scan: GS1 element string or GTIN")
	fs.Float64Var(&m.req.Quantity, "quantity", 0, "how many (tablets, mL, patches...)")
	fs.StringVar(&m.req.From, "from", "", "receipts: whom from (the pharmacy, carried forward)")
	fs.StringVar(&m.req.Reason, "reason", "", "returns and destruction: why")
	fs.StringVar(&m.at, "at", "", "when (RFC 3339; default now)")
	fs.StringVar(&m.user, "user", "", "who records it (user ID)")
	m.pin = a.pinFlag(fs, "pin", "MEDROUND_PIN", "their PIN")
	fs.StringVar(&m.req.WitnessID, "witness", "", "the second member of staff (controlled drugs, destruction)")
	m.witnessPIN = a.pinFlag(fs, "witness-pin", "MEDROUND_WITNESS_PIN", "the witness's PIN")
	return m, fs
}

var movementKinds = map[string]mar.EventKind{"receive": mar.KindReceipt, "return": mar.KindStockReturn,
	"destroy": mar.KindDestruction, "count": mar.KindStockCount}

// runMovement records one movement; cd says it came from `cd`, which
// refuses a medicine that keeps no register.
func runMovement(a *app, verb string, args []string, cd bool) error {
	kind, ok := movementKinds[verb]
	if !ok || (!cd && kind == mar.KindDestruction) {
		return usagef("unknown movement %q", verb)
	}
	m, fs := a.movementFlags(verb)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || m.req.ResidentScan == "" || m.req.PackScan == "" {
		return usagef("usage: %s --resident R --pack SCAN --quantity Q --user ID --pin PIN [--witness ID --witness-pin PIN]", verb)
	}
	if m.req.At, err = parseTime("at", m.at); err != nil {
		return err
	}
	sess, err := a.signedIn(m.user, m.pin)
	if err != nil {
		return err
	}
	if m.req.WitnessID != "" {
		if m.req.WitnessPIN, err = m.witnessPIN.require(a); err != nil {
			return err
		}
	}
	if cd {
		views, err := a.svc.CDRegisters(m.req.ResidentScan, m.req.PackScan)
		if err != nil {
			return err
		}
		if len(views) == 0 {
			return usagef("this medicine keeps no controlled drugs register: use `stock %s`", verb)
		}
		kept, err := a.svc.KeepsRegister(views[0].Product)
		if err != nil {
			return err
		}
		if !kept {
			return usagef("this home keeps no controlled drugs register for this medicine (see `cd schedules`): use `stock %s`", verb)
		}
	}
	res, err := a.svc.RecordStock(sess, kind, m.req)
	if err != nil {
		return err
	}
	if err := a.printMovement(res); err != nil {
		return err
	}
	if kind == mar.KindStockCount && res.Difference != 0 {
		return exitCode(exitDiffers)
	}
	return nil
}

func (a *app) printMovement(res *round.StockResult) error {
	if a.json {
		return a.printJSON(res)
	}
	fmt.Fprintf(a.stdout, "%s\n%s %s: %g\n", res.Event.ID, res.Product.Name, res.Event.Kind, res.Event.Quantity)
	if res.Register != nil {
		fmt.Fprintf(a.stdout, "balance: %g\n", res.Register.Balance)
	}
	if res.Difference != 0 {
		fmt.Fprintf(a.stdout, "DISCREPANCY: the count differs from the register by %+g; a manager records what was done (cd resolve %s)\n",
			res.Difference, res.Event.ID)
	}
	return nil
}

func runCD(a *app, args []string) error {
	if len(args) == 0 {
		return usagef("usage: cd receive|return|destroy|count|register|resolve|interval|schedules ...")
	}
	switch args[0] {
	case "register":
		return runRegister(a, args[1:])
	case "resolve":
		return runResolve(a, args[1:])
	case "interval", "schedules":
		return runCDSetting(a, args[0], args[1:])
	}
	return runMovement(a, args[0], args[1:], true)
}

func runStock(a *app, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if args[0] == "recall" {
			return runRecall(a, args[1:])
		}
		return runMovement(a, args[0], args[1:], false)
	}
	fs := a.flags("stock")
	resident := fs.String("resident", "", "one resident (default: every resident)")
	files := a.printFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if files.wanted() {
		return files.write(a, *resident, false)
	}
	if _, err := a.open(readOnly); err != nil {
		return err
	}
	lines, err := a.svc.Stock(*resident)
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(lines)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "RESIDENT\tENTRY\tMEDICINE\tIN STOCK\tDAYS LEFT\t")
	for _, l := range lines {
		stock, days := "not kept", ""
		if l.Kept {
			stock = mar.Amount(l.InStock, l.Unit)
		}
		if l.DaysLeft != nil {
			days = fmt.Sprintf("about %d", *l.DaysLeft)
			if l.OrderNow {
				days += " ORDER NOW"
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t\n", l.ResidentID, l.EntryID, l.Product, stock, days)
	}
	return w.Flush()
}

func runRegister(a *app, args []string) error {
	fs := a.flags("register")
	resident := fs.String("resident", "", "the resident")
	pack := fs.String("pack", "", "one medicine's pack scan (default: every controlled drug)")
	files := a.printFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if files.wanted() {
		if *pack != "" {
			return usagef("--pdf and --csv write every controlled drug register of the resident (or the home): leave out --pack")
		}
		return files.write(a, *resident, true)
	}
	if *resident == "" {
		return usagef("usage: cd register --resident R [--pack SCAN] | cd register [--resident R] --pdf FILE | --csv FILE")
	}
	if _, err := a.open(readOnly); err != nil {
		return err
	}
	views, err := a.svc.CDRegisters(*resident, *pack)
	if err != nil {
		return err
	}
	if a.json {
		if views == nil {
			views = []round.RegisterView{}
		}
		return a.printJSON(views)
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	for _, v := range views {
		fmt.Fprintf(a.stdout, "%s — %s: balance %s\n", v.ResidentID, v.Product.Name, mar.Amount(v.Balance, v.Unit))
		w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "WHEN\tWHAT\tQTY\tBALANCE\tBY\tWITNESS\tNOTE\tID\t")
		for _, en := range v.Entries {
			e := en.Event
			note := e.Note
			if en.CorrectedBy != nil {
				note = "ENTERED IN ERROR: " + en.CorrectedBy.Note
			}
			fmt.Fprintf(w, "%s\t%s\t%g\t%g\t%s\t%s\t%s\t%s\t\n", e.OccurredAt.In(loc).Format("2006-01-02 15:04"),
				en.Movement, e.Quantity, en.Balance, e.UserID, e.WitnessID, note, e.ID)
		}
		w.Flush()
		for _, d := range v.Open {
			fmt.Fprintf(a.stdout, "OPEN DISCREPANCY %s (%s): register %g, found %g\n", d.EventID, d.Why, d.Expected, d.Found)
		}
		if v.CountOverdue {
			fmt.Fprintln(a.stdout, "A count is overdue: two staff count the stock (cd count).")
		}
	}
	return nil
}

func runResolve(a *app, args []string) error {
	fs := a.flags("resolve")
	action := fs.String("action", "", "what was done")
	user, pin := a.userFlags(fs, "the manager (user ID)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: cd resolve EVENT-UUID --action TEXT --user ID --pin PIN")
	}
	id, err := uuid.Parse(pos[0])
	if err != nil {
		return usagef("%q is not an event UUID", pos[0])
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		return a.svc.ResolveDiscrepancy(sess, id, *action)
	})
}

// runRecall marks a batch recalled or, with --lift, lifts its recall:
// both a manager's.
func runRecall(a *app, args []string) error {
	fs := a.flags("recall")
	pack := fs.String("pack", "", "a pack of the batch, or the GTIN")
	batch := fs.String("batch", "", "the batch (default: the pack scan's)")
	action := fs.String("action", "", "what staff do with the packs")
	lift := fs.Bool("lift", false, "lift the batch's recall (the supplier withdrew it)")
	reason := fs.String("reason", "", "--lift: why the recall is lifted")
	user, pin := a.userFlags(fs, "the manager (user ID)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *pack == "" || (*lift && *action != "") || (!*lift && *reason != "") {
		return usagef("usage: stock recall --pack SCAN [--batch B] --action TEXT --user ID --pin PIN | stock recall --lift --pack SCAN [--batch B] --reason TEXT --user ID --pin PIN")
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		if *lift {
			return a.svc.LiftRecall(sess, *pack, *batch, *reason)
		}
		return a.svc.MarkRecalled(sess, *pack, *batch, *action)
	})
}

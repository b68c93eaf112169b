package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/schedule"
)

// doseFlags are the flags check and record share.
type doseFlags struct {
	resident, pack, entry, at string
	slot, site                string
	quantity                  float64
}

func (d *doseFlags) request() (round.CheckRequest, error) {
	if d.resident == "" {
		return round.CheckRequest{}, usagef("--resident is required: the resident's ID card or wristband scan")
	}
	if d.pack == "" && d.entry == "" {
		return round.CheckRequest{}, usagef("give --pack (the pack's barcode), or --entry (a chart entry chosen by hand), or both when the chart has the medicine twice")
	}
	if d.quantity < 0 {
		return round.CheckRequest{}, usagef("--quantity %g: must not be negative", d.quantity)
	}
	at, err := parseTime("at", d.at)
	if err != nil {
		return round.CheckRequest{}, err
	}
	slot, err := parseTime("slot", d.slot)
	if err != nil {
		return round.CheckRequest{}, err
	}
	return round.CheckRequest{ResidentScan: d.resident, PackScan: d.pack, EntryID: d.entry,
		Quantity: d.quantity, At: at, SlotDue: slot, Site: d.site}, nil
}

func (a *app) doseFlags(name string) (*doseFlags, *flag.FlagSet) {
	fs := a.flags(name)
	d := &doseFlags{}
	fs.StringVar(&d.resident, "resident", "", "resident scan: NHS number, resident number")
	fs.StringVar(&d.pack, "pack", "", "pack scan: GS1 element string or GTIN")
	fs.StringVar(&d.entry, "entry", "", "chart entry ID, when the pack cannot be scanned")
	fs.StringVar(&d.at, "at", "", "when (RFC 3339; default now)")
	fs.StringVar(&d.slot, "slot", "", "the due time of the dose this is for (RFC 3339), for a dose or refusal entered after its window; default the dose nearest --at")
	fs.Float64Var(&d.quantity, "quantity", 0, "quantity to give (default: the prescribed dose)")
	fs.StringVar(&d.site, "site", "", "where a patch goes (one body map site) or a cream goes (its areas, separated by commas): "+siteWords())
	return d, fs
}

func runCheck(a *app, args []string) error {
	d, fs := a.doseFlags("check")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	req, err := d.request()
	if err != nil {
		return err
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	res, err := svc.Check(req)
	if err != nil {
		return err
	}
	if a.json {
		err = a.printJSON(checkJSON{Verdict: res.Verdict.Level, Reasons: res.Verdict.Reasons,
			Resident: res.Resident, Entry: res.Verdict.Entry, Product: res.Verdict.Product,
			Slot: res.Verdict.Slot, Pack: res.Pack})
	} else {
		a.printVerdict(res)
	}
	if err != nil {
		return err
	}
	switch res.Verdict.Level {
	case mar.LevelWarn:
		return exitCode(exitWarn)
	case mar.LevelStop:
		return exitCode(exitStop)
	}
	return nil
}

// checkJSON is what `check --json` prints: the verdict and its reasons at
// the top, then what the scans matched.
type checkJSON struct {
	Verdict  mar.Level       `json:"verdict"`
	Reasons  []check.Reason  `json:"reasons"`
	Resident *mar.Resident   `json:"resident,omitempty"`
	Entry    *mar.ChartEntry `json:"entry,omitempty"`
	Product  *mar.Product    `json:"product,omitempty"`
	Slot     *schedule.Slot  `json:"slot,omitempty"`
	Pack     *mar.PackScan   `json:"pack,omitempty"`
}

func (a *app) printVerdict(res *round.Result) {
	words := map[mar.Level]string{mar.LevelOK: "OK to give", mar.LevelWarn: "WARNING: give only with a reason", mar.LevelStop: "STOP: do not give"}
	fmt.Fprintln(a.stdout, words[res.Verdict.Level])
	if r := res.Resident; r != nil {
		fmt.Fprintf(a.stdout, "resident: %s, room %s\n", r.Name(), r.Room)
	}
	if p := res.Verdict.Product; p != nil {
		fmt.Fprintf(a.stdout, "medicine: %s\n", p.Name)
	}
	if e := res.Verdict.Entry; e != nil {
		fmt.Fprintf(a.stdout, "chart entry: %s, dose %s\n", e.ID, e.Dose)
	}
	for _, r := range res.Verdict.Reasons {
		fmt.Fprintf(a.stdout, "%-5s %s: %s\n", r.Level, r.Code, r.Message)
	}
}

func runRecord(a *app, args []string) error {
	d, fs := a.doseFlags("record")
	outcome := fs.String("outcome", "", "given, refused or not-given")
	reason := fs.String("reason", "", "why not given: asleep, nausea, hospital, leave, withheld, out-of-stock, dropped, self-administered, other")
	note := fs.String("note", "", "a note (needed with --reason other)")
	unscanned := fs.String("unscanned-reason", "", "with --entry: barcode-damaged, no-barcode or scanner-broken")
	user, pin := a.userFlags(fs, "who gives the dose (user ID)")
	witness := fs.String("witness", "", "witness user ID, for schedule 2 and 3 controlled drugs")
	witnessPIN := a.pinFlag(fs, "witness-pin", "MEDROUND_WITNESS_PIN", "the witness's PIN")
	override := fs.String("override-reason", "", "why a warning is overridden")
	prnReason := fs.String("prn-reason", "", "why a when-required dose is given")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	creq, err := d.request()
	if err != nil {
		return err
	}
	req := round.RecordRequest{CheckRequest: creq, Note: *note, OverrideReason: *override,
		PRNReason: *prnReason, WitnessID: *witness}
	if req.Outcome, err = mar.ParseOutcome(*outcome); err != nil {
		return usageError{"--outcome: " + err.Error()}
	}
	if *reason != "" {
		if req.Reason, err = mar.ParseNotGivenReason(*reason); err != nil {
			return usageError{"--reason: " + err.Error()}
		}
	}
	if *unscanned != "" {
		if req.Unscanned, err = mar.ParseUnscannedReason(*unscanned); err != nil {
			return usageError{"--unscanned-reason: " + err.Error()}
		}
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		// The witness's PIN is read after the signing user's: one line
		// each on standard input, in that order.
		if req.WitnessID != "" {
			if req.WitnessPIN, err = witnessPIN.require(a); err != nil {
				return mar.Event{}, err
			}
		}
		return a.svc.Record(sess, req)
	})
}

// signedIn opens the home for writing and signs the user in with their
// PIN: the start of every command that records for a member of staff.
func (a *app) signedIn(user string, pin *pinFlag) (*round.Session, error) {
	if _, err := a.open(readWrite); err != nil {
		return nil, err
	}
	return a.signIn(user, pin)
}

// signIn checks a user's PIN in the home opened already.
func (a *app) signIn(user string, pin *pinFlag) (*round.Session, error) {
	if user == "" {
		return nil, usagef("--user is required: who is recording")
	}
	p, err := pin.require(a)
	if err != nil {
		return nil, err
	}
	return a.svc.SignIn(user, p)
}

func runCorrect(a *app, args []string) error {
	fs := a.flags("correct")
	reason := fs.String("reason", "", "why the record is wrong")
	user, pin := a.userFlags(fs, "who corrects it")
	approver := fs.String("approver", "", "a senior or manager who approves, when --user is a care worker")
	approverPIN := a.pinFlag(fs, "approver-pin", "MEDROUND_APPROVER_PIN", "the approver's PIN")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: correct EVENT-UUID --reason TEXT --user ID --pin PIN [--approver ID --approver-pin PIN]")
	}
	id, err := uuid.Parse(pos[0])
	if err != nil {
		return usagef("%q is not an event UUID", pos[0])
	}
	if strings.TrimSpace(*reason) == "" {
		return usagef("--reason is required: say why the record is wrong")
	}
	return a.recordSigned(*user, pin, func(sess *round.Session) (mar.Event, error) {
		var apPIN string
		if *approver != "" {
			if apPIN, err = approverPIN.require(a); err != nil {
				return mar.Event{}, err
			}
		}
		return a.svc.CorrectApproved(sess, id, *reason, *approver, apPIN)
	})
}

func runHistory(a *app, args []string) error {
	fs := a.flags("history")
	span := periodFlags(fs, "from (RFC 3339; default 7 days ago)", "to (RFC 3339; default now)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: history RESIDENT [--from T] [--to T]")
	}
	from, to, err := span()
	if err != nil {
		return err
	}
	if _, err := a.open(readOnly); err != nil {
		return err
	}
	r, err := a.resident(pos[0])
	if err != nil {
		return err
	}
	if from.IsZero() {
		from = a.svc.Now().Add(-7 * 24 * time.Hour)
	}
	items, err := a.svc.History(r.ID, from, to)
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(items)
	}
	return a.printHistory(items)
}

// periodFlags adds --from and --to, with the defaults their help gives;
// the function returned reads them (period) once fs is parsed.
func periodFlags(fs *flag.FlagSet, fromHelp, toHelp string) func() (time.Time, time.Time, error) {
	from := fs.String("from", "", fromHelp)
	to := fs.String("to", "", toHelp)
	return func() (time.Time, time.Time, error) { return period(*from, *to) }
}

// period reads --from and --to; zero values are filled by the caller.
func period(fromS, toS string) (time.Time, time.Time, error) {
	from, err := parseTime("from", fromS)
	if err != nil {
		return from, from, err
	}
	to, err := parseTime("to", toS)
	if err != nil {
		return from, to, err
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, usagef("--from must be before --to")
	}
	return from, to, nil
}

func (a *app) printHistory(items []round.HistoryItem) error {
	loc, err := a.location()
	if err != nil {
		return err
	}
	for _, it := range items {
		e := it.Event
		line := fmt.Sprintf("%s  %s  %-14s", e.OccurredAt.In(loc).Format("2006-01-02 15:04"), e.ID, e.Kind)
		switch e.Kind {
		case mar.KindAdministration:
			line += fmt.Sprintf(" %s %s", e.Outcome, it.Product.Name)
			if e.Outcome == mar.OutcomeGiven {
				line += fmt.Sprintf(" x%g", e.Quantity)
			} else if e.Reason != 0 {
				line += " (" + e.Reason.String() + ")"
			}
			line += " by " + e.UserID
			if e.WitnessID != "" {
				line += ", witness " + e.WitnessID
			}
		case mar.KindCorrection:
			line += fmt.Sprintf(" of %s: %s", e.Corrects, e.Note)
		case mar.KindStatusChange:
			line += " " + e.Status.String()
		case mar.KindPatchSite:
			if s, err := mar.ParseSkinArea(e.Note); err == nil {
				line += " " + s.Words
			}
		case mar.KindPRNEffect:
			if e.Effective != nil && *e.Effective {
				line += " worked"
			} else {
				line += " did not work"
			}
		default:
			if it.Words != "" {
				line += " " + it.Words + " by " + e.UserID
				if e.WitnessID != "" {
					line += ", witness " + e.WitnessID
				}
			}
		}
		if it.CorrectedBy != nil {
			line += "  [ENTERED IN ERROR]"
		}
		fmt.Fprintln(a.stdout, line)
	}
	return nil
}

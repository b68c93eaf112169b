package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"medround/internal/round"
	"medround/internal/store"
	"medround/internal/syncer"
)

// syncOptions are the client's retry settings: the defaults (four retries,
// 0.5 s to 30 s apart); tests shorten them.
var syncOptions = syncer.Options{}

// runEnrol enrols this tablet with a central record and fills it from
// there (home, chart, staff) with a first sync.
func runEnrol(a *app, args []string) error {
	fs := a.flags("enrol")
	server := fs.String("server", "", "the central record's address, https://HOST:PORT")
	code := fs.String("code", "", "the one-time enrolment code")
	name := fs.String("name", "", "a name for this tablet, e.g. Floor 2")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 || *server == "" || *code == "" {
		return usagef("usage: enrol --server URL --code CODE [--name NAME]")
	}
	// Before anything is made: a refused address leaves no empty home.
	if err := syncer.CheckServer(*server); err != nil {
		return err
	}
	dir, err := round.DataDir(a.dataDir, a.getenv)
	if err != nil {
		return err
	}
	// An empty directory becomes a new, empty home, filled by the first
	// sync below.
	svc, err := round.Open(dir, round.OpenOptions{Create: true})
	if err != nil {
		return err
	}
	held, err := homeHeld(svc)
	if cerr := svc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e, err := syncer.EnrolTablet(ctx, dir, *server, *code, *name, held, syncOptions)
	if err != nil {
		return err
	}
	if !a.json {
		fmt.Fprintf(a.stdout, "enrolled in %s as %s\n", e.HomeName, e.DeviceID)
	}
	return a.syncOnce(ctx, false)
}

// runSync runs one sync: exit 1 when the centre could not be reached or
// refused, with everything not acknowledged left queued.
func runSync(a *app, args []string) error {
	fs := a.flags("sync")
	resend := fs.Bool("resend-refused", false, "send again the records the centre refused, once what it refused them for is put right")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 {
		return usagef("usage: sync [--resend-refused] [--json]")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return a.syncOnce(ctx, *resend)
}

// syncOnce opens the tablet's store itself: sync moves records and chart
// changes between stores, below the round service. With resend, the
// records the centre refused go back in the outbox first.
func (a *app) syncOnce(ctx context.Context, resend bool) error {
	dir, err := round.DataDir(a.dataDir, a.getenv)
	if err != nil {
		return err
	}
	c, _, err := syncer.ForTablet(dir, syncOptions)
	if err != nil {
		return err
	}
	st, err := store.Open(filepath.Join(dir, store.DatabaseFile), store.Options{MustExist: true})
	if err != nil {
		return err
	}
	defer st.Close()
	if resend {
		n, err := st.ResendRefused()
		if err != nil {
			return err
		}
		if !a.json {
			fmt.Fprintf(a.stdout, "%d refused records go back in the outbox\n", n)
		}
	}
	r, err := c.Sync(ctx, st)
	if perr := a.printSync(st, r); perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		return fmt.Errorf("sync: %w; %d records stay queued", err, r.Queued)
	}
	return nil
}

// syncReport is what `sync --json` prints: the sync's result and the
// records the centre refused, with its reasons.
type syncReport struct {
	syncer.Result
	RefusedRecords []store.Refusal `json:"refusedRecords"`
}

// printSync prints a sync's result; the records the centre refused are
// listed with its reasons, so a manager can see what was kept back.
func (a *app) printSync(st *store.Store, r syncer.Result) error {
	refused := []store.Refusal{}
	if r.Refused > 0 {
		var err error
		if refused, err = st.Refused(); err != nil {
			return err
		}
	}
	if a.json {
		return a.printJSON(syncReport{Result: r, RefusedRecords: refused})
	}
	fmt.Fprintf(a.stdout, "pushed %d, pulled %d records and %d chart/staff/settings changes; queued %d\n",
		r.Pushed, r.Pulled, r.Changes, r.Queued)
	if r.Conflicts > 0 {
		fmt.Fprintf(a.stdout, "%d records were kept aside by the central record as conflicts: a manager should look at them\n", r.Conflicts)
	}
	if len(refused) == 0 {
		return nil
	}
	words := fmt.Sprintf("%d records", len(refused))
	if len(refused) == 1 {
		words = "1 record"
	}
	fmt.Fprintf(a.stdout, "refused by the centre: %s, kept on this tablet and not sent again; a manager should look at them:\n", words)
	loc := time.UTC
	if h, err := st.Home(); err == nil {
		if l, err := time.LoadLocation(h.TimeZone); err == nil {
			loc = l
		}
	}
	for _, f := range refused {
		fmt.Fprintf(a.stdout, "  %s  %s\n", f.At.In(loc).Format("2006-01-02 15:04"), round.Mask(f.Reason))
	}
	return nil
}

// homeHeld is what the tablet's home holds before it enrols.
func homeHeld(svc *round.Service) (syncer.HomeHeld, error) {
	h, err := svc.Home()
	if err != nil {
		return syncer.HomeHeld{}, err
	}
	rs, err := svc.Residents()
	if err != nil {
		return syncer.HomeHeld{}, err
	}
	return syncer.HomeHeld{Name: h.Name, Residents: len(rs)}, nil
}

package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

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
	if _, err := a.service(); err != nil {
		return err
	}
	dir, err := a.dir()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e, err := syncer.EnrolTablet(ctx, dir, *server, *code, *name, syncOptions)
	if err != nil {
		return err
	}
	if !a.json {
		fmt.Fprintf(a.stdout, "enrolled in %s as %s\n", e.HomeName, e.DeviceID)
	}
	return a.syncOnce(ctx)
}

// runSync runs one sync: exit 1 when the centre could not be reached or
// refused, with everything not acknowledged left queued.
func runSync(a *app, args []string) error {
	fs := a.flags("sync")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 {
		return usagef("usage: sync [--json]")
	}
	if _, err := a.service(); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return a.syncOnce(ctx)
}

func (a *app) syncOnce(ctx context.Context) error {
	dir, err := a.dir()
	if err != nil {
		return err
	}
	c, _, err := syncer.ForTablet(dir, syncOptions)
	if err != nil {
		return err
	}
	r, err := c.Sync(ctx, a.st)
	if a.json {
		if perr := a.printJSON(r); perr != nil && err == nil {
			err = perr
		}
	} else {
		fmt.Fprintf(a.stdout, "pushed %d, pulled %d records and %d chart/staff/settings changes; queued %d\n",
			r.Pushed, r.Pulled, r.Changes, r.Queued)
		if r.Conflicts > 0 {
			fmt.Fprintf(a.stdout, "%d records were kept aside by the central record as conflicts: a manager should look at them\n", r.Conflicts)
		}
	}
	if err != nil {
		return fmt.Errorf("sync: %w; %d records stay queued", err, r.Queued)
	}
	return nil
}

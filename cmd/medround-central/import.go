package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"medround/internal/central"
	"medround/internal/protocol"
	"medround/internal/round"
	"medround/internal/store"
)

// runImport imports FHIR bundles into a home's chart with the tablet's own
// rules and refusals: the home's chart, as its tablets hold it, is rebuilt
// in a scratch tablet store from the centre's changes, round checks the
// import against it there, and the update it would apply becomes the next
// chart change, which tablets pull.
func runImport(a *app, args []string) error {
	fs := a.flags("import")
	home := fs.String("home", "", "home ID")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *home == "" || len(files) == 0 {
		return usagef("usage: import --home HOME FILE.json...")
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	scratchDir, err := os.MkdirTemp("", "medround-central-import-*")
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer os.RemoveAll(scratchDir)
	scratch, err := store.Open(filepath.Join(scratchDir, "medround.db"), store.Options{})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer scratch.Close()
	if err := replayChart(st, *home, scratch); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	u, res, err := round.New(scratch, round.Options{DeviceID: "central-import"}).PrepareImport(files...)
	if err != nil {
		return err
	}
	if res.Summary, err = scratch.ApplyChart(u); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	err = st.AddChart(context.Background(), *home, protocol.ChartUpdate{Residents: u.Residents,
		Products: u.Products, Entries: u.Entries, Allergies: u.Allergies, At: u.At})
	if err != nil {
		return err
	}
	if a.json {
		return json.NewEncoder(a.stdout).Encode(res)
	}
	s := res.Summary
	fmt.Fprintf(a.stdout, "imported into %s: residents %+v, products %+v, entries %+v, allergies %+v\n",
		*home, s.Residents, s.Products, s.Entries, s.Allergies)
	for _, r := range res.Review {
		fmt.Fprintf(a.stdout, "to confirm: %s %s: %s\n", r.Resource, r.Path, r.Message)
	}
	for _, r := range res.Unsupported {
		fmt.Fprintf(a.stdout, "not imported: %s %s: %s\n", r.Resource, r.Path, r.Message)
	}
	return nil
}

// replayChart applies a home's chart and settings changes to a tablet store
// as a tablet's pull would (events are not needed to check an import).
func replayChart(st central.Store, home string, to *store.Store) error {
	var cursor uint64
	for {
		changes, head, err := st.Changes(context.Background(), home, cursor, protocol.MaxPullChanges)
		if err != nil {
			return err
		}
		var pulled []store.PulledChange
		for _, c := range changes {
			cursor = c.Seq
			switch c.Kind {
			case protocol.ChangeChart:
				pulled = append(pulled, store.PulledChange{Chart: &store.ChartUpdate{Residents: c.Chart.Residents,
					Products: c.Chart.Products, Entries: c.Chart.Entries, Allergies: c.Chart.Allergies, At: c.Chart.At}})
			case protocol.ChangeHome:
				pulled = append(pulled, store.PulledChange{Home: c.Home})
			}
		}
		if _, err := to.ApplyPulled(pulled, cursor); err != nil {
			return err
		}
		if len(changes) == 0 || cursor >= head {
			return nil
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"medround/internal/central"
	"medround/internal/central/incident"
	"medround/internal/mar"
)

// finder returns the incident finder, its copies of the homes under the
// data directory (derived: they may be deleted and are rebuilt).
func (a *app) finder(st central.Store) *incident.Finder {
	if a.incidents == nil {
		a.incidents = incident.New(st, filepath.Join(a.dir(), "copies"), nil)
	}
	return a.incidents
}

func runIncidents(a *app, args []string) error {
	fs := a.flags("incidents")
	home := fs.String("home", "", "home ID")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 || *home == "" {
		return usagef("usage: incidents --home HOME [--json]")
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	ctx := context.Background()
	// Search first: records stored just before a crash are searched now.
	if _, err := a.finder(st).Find(ctx, *home); err != nil {
		return err
	}
	evs, err := st.Events(ctx, *home, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	found := []central.StoredEvent{}
	for _, e := range evs {
		if e.Event.Kind == mar.KindIncident {
			found = append(found, e)
		}
	}
	if a.json {
		return json.NewEncoder(a.stdout).Encode(found)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "INCIDENT\tCODE\tRESIDENT\tFOUND\tWHAT")
	for _, e := range found {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", e.Event.ID, strings.Join(e.Event.ReasonCodes, ","), e.Event.ResidentID,
			e.ReceivedAt.Format(time.RFC3339), e.Event.Note)
	}
	return w.Flush()
}

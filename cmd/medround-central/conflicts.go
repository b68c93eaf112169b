package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
)

// conflictRow is a record kept aside as a conflict beside the record the
// centre holds under its UUID, so a manager can see what differs.
type conflictRow struct {
	KeptAside central.Conflict     `json:"keptAside"`
	Stored    *central.StoredEvent `json:"stored,omitempty"`
}

// runConflicts lists the records a home's tablets sent under a UUID the
// centre already held with other content: kept aside, never stored over
// the first, and for a manager to look at.
func runConflicts(a *app, args []string) error {
	fs := a.flags("conflicts")
	home := fs.String("home", "", "home ID")
	if pos, err := parse(fs, args); err != nil || len(pos) != 0 || *home == "" {
		return usagef("usage: conflicts --home HOME [--json]")
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	ctx := context.Background()
	cs, err := st.Conflicts(ctx, *home)
	if err != nil {
		return err
	}
	rows := []conflictRow{}
	if len(cs) > 0 {
		evs, err := st.Events(ctx, *home, time.Time{}, time.Time{})
		if err != nil {
			return err
		}
		byID := make(map[uuid.UUID]*central.StoredEvent, len(evs))
		for i := range evs {
			byID[evs[i].Event.ID] = &evs[i]
		}
		for _, c := range cs {
			rows = append(rows, conflictRow{KeptAside: c, Stored: byID[c.Event.ID]})
		}
	}
	if a.json {
		return json.NewEncoder(a.stdout).Encode(rows)
	}
	return printConflicts(a, rows)
}

func printConflicts(a *app, rows []conflictRow) error {
	if len(rows) == 0 {
		fmt.Fprintln(a.stdout, "no conflicts: no tablet sent other content under a record already held")
		return nil
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EVENT\tRESIDENT\tRECEIVED\tFROM\tKEPT ASIDE\tSTORED")
	for _, r := range rows {
		stored := "(not found)"
		if r.Stored != nil {
			stored = summary(r.Stored.Event) + " from " + r.Stored.Device
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", r.KeptAside.Event.ID, r.KeptAside.Event.ResidentID,
			r.KeptAside.ReceivedAt.Format(time.RFC3339), r.KeptAside.Device, summary(r.KeptAside.Event), stored)
	}
	return w.Flush()
}

// summary is what a record says, in a few words.
func summary(e mar.Event) string {
	s := fmt.Sprintf("%s at %s", e.Kind, e.OccurredAt.UTC().Format(time.RFC3339))
	if e.Kind == mar.KindAdministration {
		s += fmt.Sprintf(", %s %s x%g", e.Outcome, e.EntryID, e.Quantity)
	}
	return s
}

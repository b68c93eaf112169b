package main

import (
	"fmt"
	"text/tabwriter"
	"time"
)

// runAudit lists the audit trail: chart imports, staff and settings
// changes, resident status changes and corrections.
func runAudit(a *app, args []string) error {
	fs := a.flags("audit")
	span := periodFlags(fs, "from (RFC 3339; default 30 days ago)", "to (RFC 3339; default now)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	from, to, err := span()
	if err != nil {
		return err
	}
	svc, err := a.open(readOnly)
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = svc.Now().Add(time.Second)
	}
	if from.IsZero() {
		from = to.AddDate(0, 0, -30)
	}
	items, err := svc.Audit(from, to)
	if err != nil {
		return err
	}
	if a.json {
		return a.printJSON(items)
	}
	loc, err := a.location()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "WHEN\tWHAT\tBY\tRESIDENT\tSUMMARY")
	for _, it := range items {
		by := it.UserID
		if by == "" {
			by = "(new home)"
		}
		if it.ApprovedBy != "" {
			by += ", approved by " + it.ApprovedBy
		}
		summary := it.Summary
		if it.Digest != "" {
			summary += "; sha256 " + it.Digest
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", it.At.In(loc).Format("2006-01-02 15:04"), it.What, by, it.ResidentID, summary)
	}
	return w.Flush()
}

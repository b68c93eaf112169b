package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"medround/internal/central"
	"medround/internal/central/chartimport"
)

// runImport imports FHIR bundles into a home's chart, with the PRN
// protocols of their when-required lines, by the tablet's own rules and
// refusals (chartimport); tablets pull them as the home's next changes.
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
	res, err := chartimport.Import(context.Background(), st, *home, chartimport.Options{}, files...)
	if errors.Is(err, central.ErrHomeChanged) {
		// Import has already checked and written again, Tries times.
		return fmt.Errorf("nothing imported: the home's records kept changing while the import was checked; run the import again when the home's tablets are quieter: %w", err)
	}
	if err != nil {
		return err
	}
	if a.json {
		return json.NewEncoder(a.stdout).Encode(res)
	}
	s := res.Summary
	fmt.Fprintf(a.stdout, "imported into %s: residents %+v, products %+v, entries %+v, allergies %+v, PRN protocols %d\n",
		*home, s.Residents, s.Products, s.Entries, s.Allergies, res.Protocols)
	for _, r := range res.Review {
		fmt.Fprintf(a.stdout, "to confirm: %s %s: %s\n", r.Resource, r.Path, r.Message)
	}
	for _, r := range res.Unsupported {
		fmt.Fprintf(a.stdout, "not imported: %s %s: %s\n", r.Resource, r.Path, r.Message)
	}
	return nil
}

// Command carechart charts the demo's example patch and cream
// (demo.RivastigminePatch, demo.BarrierCream) for a resident of a demo
// home, for the body map's screenshots (cmd/medround/testdata/careshots.sh)
// and for trying the body map by hand. It prints the two pack codes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"medround/internal/demo"
	"medround/internal/store"
)

func main() {
	data := flag.String("data", "", "the demo home's data directory")
	resident := flag.String("resident", "res-001", "the resident's record ID")
	flag.Parse()
	if err := run(*data, *resident); err != nil {
		fmt.Fprintln(os.Stderr, "carechart:", err)
		os.Exit(1)
	}
}

func run(dir, resident string) error {
	st, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	if err != nil {
		return err
	}
	start := time.Now().UTC().AddDate(0, 0, -30)
	for _, u := range []store.ChartUpdate{demo.RivastigminePatch(resident, start), demo.BarrierCream(resident, start)} {
		if _, err := st.ApplyChart(u); err != nil {
			st.Close()
			return fmt.Errorf("chart: %w", err)
		}
	}
	if err := st.Close(); err != nil {
		return err
	}
	expiry := time.Now().AddDate(1, 0, 0)
	fmt.Println(demo.RivastigminePack(expiry, "SHOT"))
	fmt.Println(demo.BarrierCreamPack(expiry, "SHOT"))
	return nil
}

// Command medround is the tablet app for the medicine round: it opens the
// home's store and hands the round service to the screens in internal/ui.
//
//	medround [--data DIR] [--mobile] [--demo] [--idle 3m] [--size 1280x800]
//
// The data directory is --data, else $MEDROUND_DATA, else the user's config
// directory + /medround: the same store medroundctl uses, so a home
// prepared with `medroundctl import` opens here. A tablet enrolled with a
// central record (`medroundctl enrol`, or Settings → Central record in the
// app) syncs with it while the app runs.
//
// For measuring only: MEDROUND_TRACE=1 logs each pack scan's time from its
// Enter to the verdict painted, and MEDROUND_PPROF=FILE makes SIGUSR1 write
// a heap profile to FILE (with the Go runtime's memory figures on stderr).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	_ "time/tzdata" // Europe/London on a tablet without zone files

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"medround/assets"
	"medround/internal/camera"
	"medround/internal/round"
	"medround/internal/syncer"
	"medround/internal/ui"
	"medround/internal/version"
)

// goMemoryLimit is a soft limit on the Go heap. A round's live heap is
// about 27 MB (most of it the fonts), but signing in hashes the PIN with
// Argon2 (19 MB at once), and with the default GOGC the runtime then keeps
// about twice the live heap from the OS. Held to 40 MiB the scavenger gives
// the surplus back: 15 MB less RSS after a round, with no change in
// scan-to-verdict time. It is soft: a home whose live heap outgrows it only
// collects more often. GOMEMLIMIT in the environment overrides it.
const goMemoryLimit = 40 << 20

// syncOptions: fewer retries within one attempt than medroundctl's, as
// the app's loop tries again itself, backing off, and the status bar should
// say "Offline" within seconds of the network going.
var syncOptions = syncer.Options{RetryMax: 2, RetryWaitMin: time.Second, RetryWaitMax: 10 * time.Second}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "medround:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("medround", flag.ContinueOnError)
	dataDir := fs.String("data", "", "data directory (default $MEDROUND_DATA, else the user config dir + /medround)")
	mobile := fs.Bool("mobile", false, "show the tablet layout on a desktop")
	demoHome := fs.Bool("demo", false, "build the demo home when the data directory holds no home yet")
	residents := fs.Int("demo-residents", 12, "how many residents the demo home has")
	idle := fs.Duration("idle", ui.DefaultIdleLock, "lock after this long untouched")
	size := fs.String("size", "1280x800", "window size, WIDTHxHEIGHT (800x1280 for a portrait tablet)")
	showVersion := fs.Bool("version", false, "print the version of this build and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Println("medround", version.String())
		return nil
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goMemoryLimit)
	}
	var width, height float32
	if _, err := fmt.Sscanf(*size, "%fx%f", &width, &height); err != nil || width < 320 || height < 320 {
		return fmt.Errorf("--size %q: want WIDTHxHEIGHT, e.g. 800x1280", *size)
	}
	dir, err := round.DataDir(*dataDir, os.Getenv)
	if err != nil {
		return err
	}
	svc, err := openRound(dir, *demoHome, *residents)
	if err != nil {
		return err
	}
	defer svc.Close()
	// The sync loop stops, and is waited for, before the store closes.
	ctx, stop := context.WithCancel(context.Background())
	link := syncer.StartLink(ctx, dir, svc.Store(), syncOptions, syncer.LoopOptions{})
	defer link.Close()
	defer stop()
	a := app.NewWithID("uk.org.medround.app")
	a.SetIcon(assets.Icon)
	opt := ui.Options{Tablet: *mobile, IdleLock: *idle, Cameras: cameras, OpenCamera: openCamera, Sync: link}
	if os.Getenv("MEDROUND_TRACE") != "" {
		opt.Trace = os.Stderr // scan-to-verdict-painted times, for bench.sh
	}
	if p := os.Getenv("MEDROUND_PPROF"); p != "" {
		heapOnSignal(p) // kill -USR1 writes a heap profile there
	}
	w := ui.New(a, svc, opt).Window()
	w.Resize(fyne.NewSize(width, height))
	w.SetFullScreen(*mobile)
	w.ShowAndRun()
	return nil
}

// cameras lists the video devices; a platform without camera access has
// none rather than an error, so the app simply offers no camera.
func cameras() ([]ui.Camera, error) {
	devs, err := camera.Devices()
	if errors.Is(err, camera.ErrUnsupported) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]ui.Camera, 0, len(devs))
	for _, d := range devs {
		out = append(out, ui.Camera{ID: d.Path, Name: d.Name})
	}
	return out, nil
}

func openCamera(path string) (camera.Source, error) {
	return camera.OpenV4L2(path, camera.Options{})
}

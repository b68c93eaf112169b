// Package chartimport imports FHIR charts at the central record with the
// tablet's own rules and refusals: the home's chart and its PRN protocols,
// as its tablets hold them, are rebuilt in a scratch tablet store from the
// centre's changes; internal/round checks the import against them there
// and records the protocols the prescriptions bring, by the rule a
// tablet's import keeps; and the chart update with those protocols becomes
// the home's next changes, which its tablets pull. Nothing of the rules is
// decided here.
package chartimport

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/round"
	"medround/internal/store"
)

// Tries is how many times an import is checked and written before a home
// whose changes keep moving on is left to the operator: in a busy home a
// tablet pushes a dose every few seconds, so one change between the check
// and the write is common, and five in a row are not.
const Tries = 5

// firstPause is the wait before the second try, doubled before each next
// (0.1, 0.2, 0.4, 0.8 s): long enough for a tablet's push to finish, short
// enough that the operator waits under two seconds in all.
const firstPause = 100 * time.Millisecond

// Options are an import's clock; nil Now means time.Now, nil Sleep waits
// on a timer that ends early when the context is done.
type Options struct {
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// Import reads FHIR R4 bundles and adds the chart they hold, and the PRN
// protocols read from their when-required lines, to a home at the central
// record. All files are one import: if any is bad, or the store refuses,
// nothing changes. A protocol written in the home is never replaced: a
// changed prescription is listed in the result's Review instead. When the
// home changed between the check and the write (ErrHomeChanged), the
// import is checked again against the home as it now is and written
// again, up to Tries times, so a protocol written meanwhile is seen by the
// check; the error is returned only when every try found the home moved.
func Import(ctx context.Context, st central.Store, homeID string, opt Options, files ...string) (*round.ImportResult, error) {
	pause := firstPause
	for try := 1; ; try++ {
		res, err := importOnce(ctx, st, homeID, opt, files)
		switch {
		case !errors.Is(err, central.ErrHomeChanged):
			return res, err
		case try == Tries:
			return nil, fmt.Errorf("import: the home changed during each of %d tries: %w", Tries, err)
		}
		if err := opt.sleep(ctx, pause); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		pause *= 2
	}
}

func (o Options) sleep(ctx context.Context, d time.Duration) error {
	if o.Sleep != nil {
		return o.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// importOnce is one try of an import: the home's chart and protocols
// replayed into a fresh scratch store, the import checked there, and the
// result written if the home holds nothing newer than what was replayed.
func importOnce(ctx context.Context, st central.Store, homeID string, opt Options, files []string) (*round.ImportResult, error) {
	dir, err := os.MkdirTemp("", "medround-central-import-*")
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer os.RemoveAll(dir)
	scratch, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer scratch.Close()
	checked, err := replay(ctx, st, homeID, scratch)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	// The protocols are recorded in the centre's name: no tablet may
	// enrol under it, so none can push a record as the import's.
	svc := round.New(scratch, round.Options{DeviceID: central.CentreDevice, Now: opt.Now})
	u, res, err := svc.PrepareImport(files...)
	if err != nil {
		return nil, err
	}
	if res.Summary, err = scratch.ApplyChart(u); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	records, err := svc.ImportProtocols(nil, res)
	if err != nil {
		return nil, err
	}
	// The store refuses the import if the home changed since the replay:
	// a protocol written in the home meanwhile is never replaced.
	err = st.ImportChart(ctx, homeID, checked, protocol.ChartUpdate{Residents: u.Residents, Products: u.Products,
		Entries: u.Entries, Allergies: u.Allergies, At: u.At}, records)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// replay applies a home's chart and settings changes, and its PRN
// protocols with their corrections, to a tablet store as a tablet's pull
// would, and returns the head of the changes it read. Other events are not
// needed to check an import.
func replay(ctx context.Context, st central.Store, homeID string, to *store.Store) (uint64, error) {
	var cursor uint64
	kept := map[uuid.UUID]bool{} // protocols, and corrections of what is kept
	for {
		changes, head, err := st.Changes(ctx, homeID, cursor, protocol.MaxPullChanges)
		if err != nil {
			return 0, err
		}
		var pulled []store.PulledChange
		for _, c := range changes {
			cursor = c.Seq
			if p, ok := replayed(c, kept); ok {
				pulled = append(pulled, p)
			}
		}
		if _, err := to.ApplyPulled(pulled, cursor); err != nil {
			return 0, err
		}
		if len(changes) == 0 || cursor >= head {
			return cursor, nil
		}
	}
}

// replayed is the change a scratch store needs of c, if any.
func replayed(c central.Change, kept map[uuid.UUID]bool) (store.PulledChange, bool) {
	switch c.Kind {
	case protocol.ChangeChart:
		return store.PulledChange{Chart: &store.ChartUpdate{Residents: c.Chart.Residents,
			Products: c.Chart.Products, Entries: c.Chart.Entries, Allergies: c.Chart.Allergies, At: c.Chart.At}}, true
	case protocol.ChangeHome:
		return store.PulledChange{Home: c.Home}, true
	case protocol.ChangeEvent:
		e := c.Event
		if e != nil && (e.Kind == mar.KindPRNProtocol || (e.Kind == mar.KindCorrection && kept[e.Corrects])) {
			kept[e.ID] = true
			return store.PulledChange{Event: e}, true
		}
	}
	return store.PulledChange{}, false
}

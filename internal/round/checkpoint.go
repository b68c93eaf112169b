package round

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/store"
)

// checkpointLag is how far behind the clock a register checkpoint is
// taken. Records arrive back-dated (a dose recorded after the round, a
// tablet syncing after a night offline), and one dated before the
// checkpoint leaves it unused until the next is taken.
const checkpointLag = 7 * 24 * time.Hour

// checkpointAge is how old a checkpoint grows before a read takes a newer
// one: what is read after it stays about a month of records (some 450 for
// a resident on a dozen medicines), not a year.
const checkpointAge = checkpointLag + 28*24*time.Hour

// checkpointAt is the time a checkpoint taken now summarises up to: the
// start of a UTC day, so that reads through a day take the same one.
func checkpointAt(now time.Time) time.Time {
	return now.UTC().Add(-checkpointLag).Truncate(24 * time.Hour)
}

// stockRegisters works out a resident's registers as they stand: the same
// balances, open discrepancies and last counts as Registers, but worked
// out from the resident's checkpoint on when one is kept, so their Entries
// begin at it (From, Carried). It returns a newer checkpoint to keep, nil
// when none is due.
func (s *Service) stockRegisters(residentID string) (map[string]*ledger.Register, *store.Checkpoint, error) {
	ep, err := s.entryProducts(residentID)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	to := now.Add(24 * time.Hour)
	kept, events, err := s.st.RegisterEvents(residentID, to)
	if err != nil {
		return nil, nil, fmt.Errorf("read register: %w", err)
	}
	sameChart := false
	if kept != nil {
		cp, ok := readCheckpoint(*kept, ep)
		// One taken up to a time after now (the clock was put back) would
		// hold records not yet due to be read.
		if ok && !cp.Through.After(now) && !ledger.ReachesBack(events) {
			var next *store.Checkpoint
			if now.Sub(cp.Through) > checkpointAge {
				next, err = newCheckpoint(residentID, &cp, kept.Count, events, ep, now)
			}
			return ledger.BuildFrom(&cp, events, ep), next, err
		}
		// Not usable: read the whole record.
		sameChart = ok
		if events, err = s.st.Events(residentID, ledgerFrom, to); err != nil {
			return nil, nil, fmt.Errorf("read register: %w", err)
		}
	}
	next, err := newCheckpoint(residentID, nil, 0, events, ep, now)
	if next != nil && sameChart && next.Through.Equal(kept.Through) && next.Count == kept.Count {
		// The same records and chart: a correction after it of a record
		// before it stops it, and would stop a new one taken now too.
		next = nil
	}
	return ledger.Build(events, ep), next, err
}

// readCheckpoint decodes a checkpoint the store proved against the events
// before it, and says whether it was worked out with this chart.
func readCheckpoint(kept store.Checkpoint, ep map[string]string) (ledger.Checkpoint, bool) {
	var cp ledger.Checkpoint
	if err := json.Unmarshal(kept.Body, &cp); err != nil {
		return cp, false // written by another build: worked out again
	}
	return cp, cp.ResidentID == kept.ResidentID && cp.Through.Equal(kept.Through) && cp.Chart == ledger.ChartDigest(ep)
}

// newCheckpoint summarises base (nil: nothing), whose store record covers
// baseCount events, and the events after it before the checkpoint time;
// nil when that time is not after base's.
func newCheckpoint(residentID string, base *ledger.Checkpoint, baseCount int, events []mar.Event,
	ep map[string]string, now time.Time) (*store.Checkpoint, error) {
	through := checkpointAt(now)
	if base != nil && !through.After(base.Through) {
		return nil, nil
	}
	cut := sort.Search(len(events), func(i int) bool { return !events[i].OccurredAt.Before(through) })
	cp := ledger.NewCheckpoint(residentID, ledger.BuildFrom(base, events[:cut], ep), through, ledger.ChartDigest(ep))
	body, err := json.Marshal(cp)
	if err != nil {
		return nil, fmt.Errorf("register checkpoint: %w", err)
	}
	return &store.Checkpoint{ResidentID: residentID, Through: through, Count: baseCount + cut, Body: body}, nil
}

// balancesFromCheckpoint works out a resident's registers as they stood
// just before to from their checkpoint, when the registers would otherwise
// be read from more than checkpointAge before (a register not counted for
// weeks, or never): that is a long read at every scan. It reports false
// when no checkpoint applies (one taken after to, with another chart, or
// with a record after it that voids one before it). It keeps none: a
// check writes nothing.
func (s *Service) balancesFromCheckpoint(residentID string, from, to time.Time) (map[string]*ledger.Register, bool, error) {
	if to.Sub(from) <= checkpointAge {
		return nil, false, nil
	}
	ep, err := s.entryProducts(residentID)
	if err != nil {
		return nil, false, err
	}
	kept, events, err := s.st.RegisterEvents(residentID, to)
	if err != nil {
		return nil, false, fmt.Errorf("read register: %w", err)
	}
	if kept == nil {
		return ledger.Build(events, ep), true, nil // the whole record to `to`, read already
	}
	cp, ok := readCheckpoint(*kept, ep)
	if !ok || kept.Through.After(to) || ledger.ReachesBack(events) {
		return nil, false, nil
	}
	return ledger.BuildFrom(&cp, events, ep), true, nil
}

// keepCheckpoints stores the checkpoints reads found due. A checkpoint not
// kept costs the next read time, never a wrong figure, and a read must
// not fail for it: a read-only file keeps none, and a write that fails
// here fails again, with its error, at the next record.
func (s *Service) keepCheckpoints(cps []store.Checkpoint) {
	if len(cps) > 0 {
		_, _ = s.st.PutRegisterCheckpoints(cps...)
	}
}

// entryProducts maps each of a resident's chart entries to its product:
// doses recorded before they carried their product are placed by it.
func (s *Service) entryProducts(residentID string) (map[string]string, error) {
	chart, err := s.st.Chart(residentID)
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	ep := make(map[string]string, len(chart))
	for _, e := range chart {
		ep[e.ID] = e.ProductID
	}
	return ep, nil
}

// StockRegisters works out a resident's registers as they stand (balance,
// open discrepancies, last count) from their checkpoint on: what the stock
// list, the bedside and the round screen need, without reading a year of
// doses. Registers gives every entry since the first receipt.
func (s *Service) StockRegisters(residentID string) (map[string]*ledger.Register, error) {
	regs, next, err := s.stockRegisters(residentID)
	if err != nil {
		return nil, err
	}
	if next != nil {
		s.keepCheckpoints([]store.Checkpoint{*next})
	}
	return regs, nil
}

// checkCheckpoints works out again, from the events, every register
// checkpoint the store would hand out, and reports each that disagrees:
// a checkpoint is a summary of records, never a figure of its own. One the
// store would not hand out (a record was back-dated before it) or that
// was worked out with another chart is unused, and not a fault.
func (s *Service) checkCheckpoints() []error {
	cps, valid, err := s.st.Checkpoints()
	if err != nil {
		return []error{err}
	}
	var errs []error
	for i, kept := range cps {
		if !valid[i] {
			continue
		}
		if msg, err := s.checkpointDisagrees(kept); err != nil {
			errs = append(errs, err)
		} else if msg != "" {
			errs = append(errs, fmt.Errorf("register checkpoint of %s disagrees with its records: %s", kept.ResidentID, msg))
		}
	}
	return errs
}

func (s *Service) checkpointDisagrees(kept store.Checkpoint) (string, error) {
	var cp ledger.Checkpoint
	if err := json.Unmarshal(kept.Body, &cp); err != nil {
		return "it cannot be read", nil
	}
	ep, err := s.entryProducts(kept.ResidentID)
	if err != nil {
		return "", err
	}
	if cp.Chart != ledger.ChartDigest(ep) {
		return "", nil
	}
	events, err := s.st.Events(kept.ResidentID, ledgerFrom, kept.Through)
	if err != nil {
		return "", fmt.Errorf("check register checkpoint: %w", err)
	}
	return cp.Disagrees(ledger.NewCheckpoint(kept.ResidentID, ledger.Build(events, ep), kept.Through, cp.Chart)), nil
}

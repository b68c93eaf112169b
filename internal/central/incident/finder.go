// Package incident finds at the central record what no single tablet could
// see: two "given" records for one dose slot made on two tablets
// (DOUBLE_DOSE), and doses of one ingredient over its maximum when the
// doses of every tablet are added up (PRN_MAX_EXCEEDED). The centre keeps
// a copy of each home as a tablet keeps it, a tablet store filled by the
// tablet's own pull (syncer.Apply), so the chart versions, the placement of
// records on slots and the ingredient sums are the tablet's, from the
// tablet's rules: check.Placements and check.IngredientTotals. Each
// incident is an event (mar.KindIncident) whose ID names what it is about,
// one slot or one dose, so it is stored once however often it is found, and
// the tablets pull it like any other device's record.
package incident

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store"
	"medround/internal/syncer"
)

// pageSize is how many changes are copied and searched at a time: one
// tablet-store transaction of a push batch or so.
const pageSize = protocol.MaxPullChanges

// Finder keeps the centre's copy of each home and finds incidents in it.
// It is safe for concurrent use. Each home is searched by one Find at a
// time (its copy and its mark are the home's own), while other homes are
// searched alongside: a push to one home of a group does not wait for the
// search of another's.
type Finder struct {
	st  central.Store
	dir string
	now func() time.Time

	mu     sync.Mutex // guards homes and closed
	homes  map[string]*homeCopy
	closed bool
}

// homeCopy is one home's copy, opened by the first Find of the home; its
// lock is held while the home is searched.
type homeCopy struct {
	mu sync.Mutex
	st *store.Store
}

// ErrClosed: the finder was closed.
var ErrClosed = errors.New("incident finder closed")

// New returns a Finder over st keeping its copies in dir (made owner-only).
// The copies are derived: deleting dir makes the next Find rebuild them
// from the change sequence, finding nothing twice.
func New(st central.Store, dir string, now func() time.Time) *Finder {
	if now == nil {
		now = time.Now
	}
	return &Finder{st: st, dir: dir, now: now, homes: map[string]*homeCopy{}}
}

// Close closes the copies, after the searches under way end.
func (f *Finder) Close() error {
	f.mu.Lock()
	f.closed = true
	homes := f.homes
	f.homes = map[string]*homeCopy{}
	f.mu.Unlock()
	var errs []error
	for _, h := range homes {
		h.mu.Lock()
		if h.st != nil {
			errs = append(errs, h.st.Close())
			h.st = nil
		}
		h.mu.Unlock()
	}
	return errors.Join(errs...)
}

// lock returns the home's copy, locked for this Find.
func (f *Finder) lock(homeID string) (*homeCopy, error) {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return nil, fmt.Errorf("find incidents: %w", ErrClosed)
	}
	h := f.homes[homeID]
	if h == nil {
		h = &homeCopy{}
		f.homes[homeID] = h
	}
	f.mu.Unlock()
	h.mu.Lock()
	if f.isClosed() {
		h.mu.Unlock()
		return nil, fmt.Errorf("find incidents: %w", ErrClosed)
	}
	return h, nil
}

func (f *Finder) isClosed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed
}

// Find brings the home's copy up to the centre's changes and stores the
// incidents the new records raise; it returns how many were new. A crash
// anywhere leaves the copy and the mark of what was searched such that the
// next Find searches again what it might have missed.
func (f *Finder) Find(ctx context.Context, homeID string) (int, error) {
	if _, err := f.st.Home(ctx, homeID); err != nil {
		return 0, fmt.Errorf("find incidents: %w", err)
	}
	h, err := f.lock(homeID)
	if err != nil {
		return 0, err
	}
	defer h.mu.Unlock()
	cp, err := f.copyOf(h, homeID)
	if err != nil {
		return 0, err
	}
	applied, err := cp.SyncCursor()
	if err != nil {
		return 0, fmt.Errorf("find incidents: %w", err)
	}
	searched, err := f.readMark(homeID)
	if err != nil {
		return 0, err
	}
	from, found := min(searched, applied), 0
	for {
		changes, head, err := f.st.Changes(ctx, homeID, from, pageSize)
		if err != nil {
			return found, fmt.Errorf("find incidents: %w", err)
		}
		if len(changes) == 0 {
			return found, nil
		}
		last := changes[len(changes)-1].Seq
		n, err := f.page(ctx, cp, homeID, changes, applied)
		found += n
		if err != nil {
			return found, err
		}
		applied, from = max(applied, last), last
		if err := f.writeMark(homeID, last); err != nil {
			return found, err
		}
		if last >= head {
			return found, nil
		}
	}
}

// page applies the changes the copy lacks, searches the residents whose
// records changed, and stores what it found.
func (f *Finder) page(ctx context.Context, cp *store.Store, homeID string, changes []central.Change, applied uint64) (int, error) {
	var fresh []protocol.Change
	touched := spans{}
	for _, c := range changes {
		if c.Seq > applied {
			fresh = append(fresh, c.Change)
		}
		if c.Kind == protocol.ChangeEvent && c.Event != nil && c.Event.Kind != mar.KindIncident {
			touched.add(*c.Event)
		}
	}
	if len(fresh) > 0 {
		if _, err := syncer.Apply(cp, fresh, changes[len(changes)-1].Seq); err != nil {
			return 0, fmt.Errorf("find incidents: copy the home's changes: %w", err)
		}
	}
	if len(touched) == 0 {
		return 0, nil
	}
	found, err := search(cp, homeID, touched, f.now().UTC())
	if err != nil {
		return 0, fmt.Errorf("find incidents: %w", err)
	}
	if len(found) == 0 {
		return 0, nil
	}
	n, err := f.st.PutIncidents(ctx, homeID, found, f.now().UTC())
	if err != nil {
		return 0, fmt.Errorf("find incidents: %w", err)
	}
	return n, nil
}

// copyOf opens (or makes) the home's copy; h is locked.
func (f *Finder) copyOf(h *homeCopy, homeID string) (*store.Store, error) {
	if h.st != nil {
		return h.st, nil
	}
	if err := os.MkdirAll(f.dir, 0o700); err != nil {
		return nil, fmt.Errorf("find incidents: %w", err)
	}
	c, err := store.Open(f.path(homeID, ".db"), store.Options{})
	if err != nil {
		return nil, fmt.Errorf("find incidents: open the home's copy: %w", err)
	}
	h.st = c
	return c, nil
}

// path names a home's file by its ID in hex, so no ID can name another
// path.
func (f *Finder) path(homeID, ext string) string {
	return filepath.Join(f.dir, "home-"+hex.EncodeToString([]byte(homeID))+ext)
}

// readMark reads the sequence number up to which the home was searched.
func (f *Finder) readMark(homeID string) (uint64, error) {
	b, err := os.ReadFile(f.path(homeID, ".searched"))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find incidents: %w", err)
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, nil // an unreadable mark searches from the start: nothing is stored twice
	}
	return n, nil
}

// writeMark replaces the mark atomically: a crash leaves the old one, and
// the next Find searches again from there.
func (f *Finder) writeMark(homeID string, seq uint64) error {
	path := f.path(homeID, ".searched")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strconv.FormatUint(seq, 10)+"\n"), 0o600); err != nil {
		return fmt.Errorf("find incidents: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("find incidents: %w", err)
	}
	return nil
}

package store_test

import (
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// kindIndexHome appends a month of doses for the fixture's residents with
// the rarer records among them (corrections, PRN effects, hospital stays,
// audit lines, follow-ups, incidents), some back-dated, some at the same
// instant, and returns them.
func kindIndexHome(t *testing.T, st *store.Store) []mar.Event {
	t.Helper()
	storetest.WithChart(t, st)
	rng := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	residents := []string{storetest.ResidentMargaret, storetest.ResidentArthur, storetest.ResidentEdith}
	var all []mar.Event
	for n := range 900 {
		at := start.Add(time.Duration(n) * 47 * time.Minute)
		if n%50 == 7 {
			at = at.Add(-72 * time.Hour) // recorded late, for three days back
		}
		if n%97 == 3 && len(all) > 0 {
			at = all[len(all)-1].OccurredAt // the same instant as the last
		}
		r := residents[rng.IntN(3)]
		e := given(r, storetest.EntryMetformin, at)
		var about mar.Event
		if len(all) > 0 {
			about = all[rng.IntN(len(all))]
		}
		switch x := rng.IntN(20); {
		case x == 0 && about.ID != uuid.Nil:
			e = mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, ResidentID: about.ResidentID, OccurredAt: at, Corrects: about.ID}
		case x == 1 && about.ID != uuid.Nil:
			e = mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, ResidentID: about.ResidentID, OccurredAt: at, About: about.ID, Note: "settled"}
		case x == 2:
			e = mar.Event{ID: uuid.New(), Kind: mar.KindAudit, ResidentID: r, OccurredAt: at, Action: mar.AuditAction(1)}
		case x == 3 && about.ID != uuid.Nil:
			e = mar.Event{ID: uuid.New(), Kind: mar.KindReview, ResidentID: about.ResidentID, OccurredAt: at, About: about.ID, Note: "spoke to the GP"}
		case x == 4:
			e = mar.Event{ID: uuid.New(), Kind: mar.KindIncident, ResidentID: r, OccurredAt: at, ReasonCodes: []string{"DOUBLE_DOSE"}}
		}
		if err := st.Append(e); err != nil {
			t.Fatalf("append %d (%s): %v", n, e.Kind, err)
		}
		all = append(all, e)
	}
	return all
}

// The kind index finds exactly what a walk of every record finds, for any
// resident, period and kinds asked for: it is where the check reads GP
// approvals, covert plans, stock counts and recalls from.
func TestEventsOfKindsFindsWhatAWalkFinds(t *testing.T) {
	st := storetest.Open(t)
	all := kindIndexHome(t, st)
	rare := []mar.EventKind{mar.KindCorrection, mar.KindPRNEffect, mar.KindAudit, mar.KindReview, mar.KindIncident, mar.KindCovertPlan}
	rng := rand.New(rand.NewPCG(3, 5))
	first, last := all[0].OccurredAt.Add(-96*time.Hour), all[len(all)-1].OccurredAt.Add(time.Hour)
	span := last.Sub(first)
	for q := range 300 {
		resident := all[rng.IntN(len(all))].ResidentID
		from := first.Add(time.Duration(rng.Int64N(int64(span))))
		to := from.Add(time.Duration(rng.Int64N(int64(span))))
		var kinds []mar.EventKind
		for _, k := range rare {
			if rng.IntN(2) == 0 {
				kinds = append(kinds, k)
			}
		}
		if q%10 == 0 {
			kinds = append(kinds, kinds...) // a kind asked for twice is read once
		}
		got, err := st.EventsOfKinds(resident, from, to, kinds...)
		if err != nil {
			t.Fatal(err)
		}
		every, err := st.Events(resident, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var want []uuid.UUID
		for _, e := range every {
			if slices.Contains(kinds, e.Kind) {
				want = append(want, e.ID)
			}
		}
		var ids []uuid.UUID
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		if !slices.Equal(ids, want) {
			t.Fatalf("query %d: %s %v..%v kinds %v: got %d records %v, a walk finds %d %v",
				q, resident, from, to, kinds, len(ids), ids, len(want), want)
		}
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Errorf("Check: %v", errs)
	}
}

// A kind index that has lost a record, gained one, or files one under
// another kind would hide a GP approval or a covert plan from the check:
// the file is refused as damaged, not read.
func TestDamagedKindIndexIsRefused(t *testing.T) {
	for _, c := range []struct {
		name   string
		damage func(tx *bolt.Tx, b *bolt.Bucket, k []byte) error
	}{
		{"a correction's key lost from the kind index", func(_ *bolt.Tx, b *bolt.Bucket, k []byte) error {
			return b.Delete(k)
		}},
		{"the whole kind index lost", func(tx *bolt.Tx, _ *bolt.Bucket, _ []byte) error {
			return tx.DeleteBucket([]byte("ev-kind"))
		}},
		{"a key naming no record added to the kind index", func(_ *bolt.Tx, b *bolt.Bucket, k []byte) error {
			stray := slices.Clone(k)
			stray[len(stray)-1] ^= 0xff
			return b.Put(stray, nil)
		}},
		{"a correction filed under PRN effects in the kind index", func(_ *bolt.Tx, b *bolt.Bucket, k []byte) error {
			moved := slices.Clone(k)
			moved[len(moved)-25] = byte(mar.KindPRNEffect)
			if err := b.Delete(k); err != nil {
				return err
			}
			return b.Put(moved, nil)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "medround.db")
			st := storetest.OpenAt(t, path)
			all := kindIndexHome(t, st)
			var victim mar.Event
			for _, e := range all {
				if e.Kind == mar.KindCorrection {
					victim = e
					break
				}
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			updateClosedFile(t, path, func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("ev-kind"))
				if b == nil {
					return errors.New("no kind index")
				}
				cur := b.Cursor()
				for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
					if uuid.UUID(k[len(k)-16:]) == victim.ID {
						return c.damage(tx, b, slices.Clone(k))
					}
				}
				return errors.New("the correction is not in the kind index")
			})
			if _, err := store.Open(path, store.Options{}); !errors.Is(err, store.ErrDamaged) {
				t.Errorf("Open = %v, want ErrDamaged", err)
			}
		})
	}
}

// A file of doses alone whose kind index bucket is gone sums the same as
// a sound one (the index is empty either way), but a record appended to
// it would go unindexed: it is refused at open, not found damaged later.
func TestFileWithoutItsKindIndexIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	st := storetest.OpenAt(t, path)
	storetest.WithChart(t, st)
	if err := st.Append(given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	updateClosedFile(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("ev-kind")) })
	if _, err := store.Open(path, store.Options{}); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("Open = %v, want ErrDamaged", err)
	}
}

// updateClosedFile changes a closed database file behind the store's back,
// as damage would.
func updateClosedFile(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(fn)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

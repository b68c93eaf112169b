package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// damageFixture writes a closed database with the fixture chart and 600
// events, a third of them acknowledged, and returns its bytes and events.
func damageFixture(t *testing.T) ([]byte, []mar.Event) {
	path := filepath.Join(t.TempDir(), "medround.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.WithChart(t, st)
	start := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	residents := []string{storetest.ResidentMargaret, storetest.ResidentArthur, storetest.ResidentEdith}
	var all []mar.Event
	for batch := range 6 {
		var events []mar.Event
		for i := range 100 {
			n := batch*100 + i
			e := given(residents[n%3], storetest.EntryMetformin, start.Add(time.Duration(n)*37*time.Minute))
			e.Note = fmt.Sprintf("dose %d", n)
			events = append(events, e)
		}
		if err := st.AppendAll(events); err != nil {
			t.Fatal(err)
		}
		all = append(all, events...)
	}
	var acked []uuid.UUID
	for _, e := range all[:200] {
		acked = append(acked, e.ID)
	}
	if err := st.Ack(acked...); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b, all
}

// TestDamagedFilesAreRefusedOrWhole opens hundreds of damaged copies: each
// must be refused with ErrDamaged, or open with every event intact and pass
// Check. A panic, another error, or an event gone or changed fails.
func TestDamagedFilesAreRefusedOrWhole(t *testing.T) {
	orig, events := damageFixture(t)
	seed := uint64(2025)
	if s, err := strconv.ParseUint(os.Getenv("MEDROUND_DAMAGE_SEED"), 10, 64); err == nil {
		seed = s // make soak tries other seeds
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	dir := t.TempDir()
	var opened, refused int
	for i := range 400 {
		b := append([]byte(nil), orig...)
		what := damage(rng, &b, i)
		path := filepath.Join(dir, fmt.Sprintf("copy-%03d.db", i))
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		ok, err := openDamaged(path, events)
		switch {
		case err != nil:
			t.Errorf("copy %d (%s): %v", i, what, err)
		case ok:
			opened++
		default:
			refused++
		}
		_ = os.Remove(path)
		_ = os.Remove(path + ".bak-v1")
	}
	t.Logf("%d damaged copies opened whole, %d refused", opened, refused)
}

// damage flips bytes or truncates b; the kind depends on i so every run
// covers both.
func damage(rng *rand.Rand, b *[]byte, i int) string {
	switch {
	case i%4 == 3:
		n := rng.IntN(len(*b))
		*b = (*b)[:n]
		return fmt.Sprintf("truncated to %d bytes", n)
	case i%8 == 0: // aim at the two meta pages and the first data pages
		off := rng.IntN(min(len(*b), 4*4096))
		(*b)[off] ^= byte(1 + rng.IntN(255))
		return fmt.Sprintf("byte %d flipped", off)
	}
	flips := 1 + rng.IntN(4)
	what := ""
	for range flips {
		off := rng.IntN(len(*b))
		(*b)[off] ^= byte(1 + rng.IntN(255))
		what += fmt.Sprintf(" %d", off)
	}
	return "bytes flipped at" + what
}

// openDamaged reports whether the copy opened whole (true), was refused
// (false), or broke a rule (error).
func openDamaged(path string, events []mar.Event) (bool, error) {
	st, err := store.Open(path, store.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		if errors.Is(err, store.ErrDamaged) {
			return false, nil
		}
		return false, fmt.Errorf("refused without ErrDamaged: %w", err)
	}
	defer st.Close()
	for _, want := range events {
		got, err := st.Event(want.ID)
		if err != nil {
			return true, fmt.Errorf("opened but event %s is unreadable: %w", want.ID, err)
		}
		if got.Note != want.Note || !got.OccurredAt.Equal(want.OccurredAt) || got.ResidentID != want.ResidentID {
			return true, fmt.Errorf("opened but event %s changed", want.ID)
		}
	}
	if errs := st.Check(); len(errs) > 0 {
		return true, fmt.Errorf("opened but Check fails: %v", errs[0])
	}
	return true, nil
}

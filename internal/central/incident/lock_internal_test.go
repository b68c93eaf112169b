package incident

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/mar"
)

// A search of one home does not hold up another home's (each push of a
// group of homes searches its own), while two searches of one home take
// turns, and a closed finder searches nothing.
func TestHomesAreSearchedApart(t *testing.T) {
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	for _, h := range []string{"willow", "oak"} {
		if err := st.AddHome(ctx, central.Home{ID: h, Settings: mar.DefaultHome()}); err != nil {
			t.Fatal(err)
		}
	}
	f := New(st, t.TempDir(), nil)
	oak, err := f.lock("oak") // a search of oak under way
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	go func() { _, err := f.Find(ctx, "willow"); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("willow's search: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("willow's search waited for oak's")
	}
	go func() { _, err := f.Find(ctx, "oak"); done <- err }()
	select {
	case <-done:
		t.Fatal("a second search of oak ran while the first held it")
	case <-time.After(50 * time.Millisecond):
	}
	oak.mu.Unlock()
	if err := <-done; err != nil {
		t.Errorf("oak's second search: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Find(ctx, "willow"); !errors.Is(err, ErrClosed) {
		t.Errorf("Find after Close = %v, want ErrClosed", err)
	}
}

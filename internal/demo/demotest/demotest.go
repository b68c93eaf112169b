// Package demotest opens real stores holding the demo home for tests. The
// home is built once per test binary and options (hashing PINs and writing
// the history is slow), then each test gets its own copy of the file in
// t.TempDir().
package demotest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// key is what makes two built homes differ; Hash is assumed the same for a
// given key within one test binary.
type key struct {
	residents, historyDays int
	now                    time.Time
	hashed                 bool
	device                 string
}

var (
	mu    sync.Mutex
	built = map[key][]byte{}
)

// Open returns a real store in t.TempDir() holding the demo home built with
// opt, closed when the test ends.
func Open(t testing.TB, opt demo.Options) *store.Store {
	t.Helper()
	data, err := template(opt)
	if err != nil {
		t.Fatalf("build demo home: %v", err)
	}
	path := filepath.Join(t.TempDir(), "medround.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return storetest.OpenAt(t, path)
}

func template(opt demo.Options) ([]byte, error) {
	k := key{opt.Residents, opt.HistoryDays, opt.Now, opt.Hash != nil, opt.DeviceID}
	mu.Lock()
	defer mu.Unlock()
	if data, ok := built[k]; ok {
		return data, nil
	}
	dir, err := os.MkdirTemp("", "demotest")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "medround.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
	}
	err = demo.Build(st, opt)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("demo.Build: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	built[k] = data
	return data, nil
}

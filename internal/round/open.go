package round

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"medround/internal/store"
)

// OpenOptions say how to open a home's data directory.
type OpenOptions struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Create makes a new home's database when the directory has none (and
	// the directory itself when missing). Only starting a home asks for it:
	// `medroundctl init`, `import` and `demo`, and the app's --demo.
	Create bool
	// ReadOnly opens the database for reading only, sharing it with other
	// readers; the file may be read-only and is never changed.
	ReadOnly bool
	// Timeout is how long to wait for another process to let go of the
	// database; store.DefaultTimeout when 0.
	Timeout time.Duration
}

// ErrNoHome means a data directory holds no home's database.
var ErrNoHome = errors.New("no medround home here")

// NoHomeError is a data directory without a database. Missing says the
// directory has the tablet's device ID, so a home was kept there and its
// database has been lost or moved, rather than never made.
type NoHomeError struct {
	Dir     string
	Missing bool
}

func (e *NoHomeError) Error() string {
	db := filepath.Join(e.Dir, store.DatabaseFile)
	if e.Missing {
		return fmt.Sprintf("the database of the home in %s is missing (the directory has this tablet's device ID, so a home was kept here): "+
			"restore the newest backup by copying it to %s while no medround runs; do not start a new home here", e.Dir, db)
	}
	return fmt.Sprintf("there is no medround home in %s: start one with `medroundctl init`, `medroundctl import FILE...` or `medroundctl demo`, "+
		"or restore a backup by copying it to %s; if you meant another directory, check --data or MEDROUND_DATA", e.Dir, db)
}

// Unwrap lets errors.Is(err, ErrNoHome) match.
func (e *NoHomeError) Unwrap() error { return ErrNoHome }

// Open opens the home kept in data directory dir: its database and its
// device ID. Without opt.Create a directory with no database is refused
// with a *NoHomeError; with it, a new empty home is made there, except
// where the device ID shows a database was lost (that needs a backup, not a
// new home). Close the service when done.
func Open(dir string, opt OpenOptions) (*Service, error) {
	if dir == "" {
		return nil, errors.New("no data directory: pass --data DIR or set MEDROUND_DATA")
	}
	path := filepath.Join(dir, store.DatabaseFile)
	made, err := noHome(dir, path, opt.Create && !opt.ReadOnly)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path, store.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, MustExist: !opt.Create})
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, &NoHomeError{Dir: dir}
	}
	if err != nil {
		return nil, err
	}
	var dev string
	if opt.ReadOnly {
		dev, err = store.ReadDeviceID(dir)
	} else {
		dev, err = store.DeviceID(dir)
	}
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	s := New(st, Options{DeviceID: dev, Now: opt.Now})
	s.owned, s.made, s.dir = true, made, dir
	return s, nil
}

// noHome refuses a directory without a database unless create, and
// always when the device ID shows the database was lost.
func noHome(dir, path string, create bool) (made bool, err error) {
	_, err = os.Stat(path)
	switch {
	case err == nil:
		return false, nil
	case !errors.Is(err, os.ErrNotExist):
		return false, fmt.Errorf("open the home in %s: %w", dir, err)
	}
	dev, err := store.ReadDeviceID(dir)
	if err != nil {
		return false, fmt.Errorf("open the home in %s: %w", dir, err)
	}
	if dev != "" {
		return false, &NoHomeError{Dir: dir, Missing: true}
	}
	if !create {
		return false, &NoHomeError{Dir: dir}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, fmt.Errorf("make the data directory %s: %w", dir, err)
	}
	return true, nil
}

// Discard closes a home this Open has just made and removes its database
// and device ID again, when a start that made it failed (an import refused
// part-way): a failed start must not leave a silently empty home behind.
// A home that was already there, or that has residents or staff, is only
// closed.
func (s *Service) Discard() error {
	empty, err := s.Empty()
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil || !s.made || !empty {
		return err
	}
	for _, f := range []string{store.DatabaseFile, store.DeviceIDFile} {
		if err := os.Remove(filepath.Join(s.dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove the empty home: %w", err)
		}
	}
	return nil
}

// Close closes the store when Open opened it; a second Close does nothing.
func (s *Service) Close() error {
	if !s.owned || s.closed {
		return nil
	}
	s.closed = true
	return s.st.Close()
}

// DataDir is the data directory both front ends use: flagDir when given,
// else $MEDROUND_DATA, else the user's config directory + /medround.
func DataDir(flagDir string, getenv func(string) string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	if d := getenv("MEDROUND_DATA"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: pass --data DIR or set MEDROUND_DATA (%w)", err)
	}
	return filepath.Join(base, "medround"), nil
}

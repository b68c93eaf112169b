package store

import (
	"errors"
	"fmt"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w, from one read
// transaction, while recording goes on. It returns the bytes written.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up database: %w", err)
	}
	return n, nil
}

// BackupFile writes a backup to path: to a temporary file beside it, fsync'd,
// then renamed over path, so a crash never leaves a half-written backup under
// the final name. The backup is owner-only (0600) even where path existed
// with a wider mode: it replaces that file. It refuses to write over the
// live database.
func (s *Store) BackupFile(path string) error {
	if same, err := sameFile(path, s.path); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	} else if same {
		return fmt.Errorf("back up to %s: that is the live database; choose another file", path)
	}
	err := writePrivate(path, func(w io.Writer) error {
		_, err := s.Backup(w)
		return err
	})
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// sameFile reports whether a and b name the same file; a missing a is not.
func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

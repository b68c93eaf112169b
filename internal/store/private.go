package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Everything a home's data directory holds, and every backup and export
// made from it, is personal data (names, NHS numbers, medicines, allergies):
// readable by the tablet's user only, whatever mode a file or directory had
// before. Making a new file 0600 is not enough, because os.WriteFile and
// bbolt keep the mode of a file that already exists.

// groupOther are the permission bits other users read and write by.
const groupOther = 0o077

// chmod is os.Chmod, replaced in tests to fail as it does on another user's
// file, which a test running as root cannot make.
var chmod = os.Chmod

// Tighten makes the file or directory at path owner-only, removing every
// group and other permission bit and keeping the owner's (so 0644 becomes
// 0600 and 0755 becomes 0700). It fails with ErrNotPrivate when the mode
// cannot be changed: the file belongs to another user, or its file system
// does not keep permissions.
func Tighten(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("make %s private: %w", path, err)
	}
	if info.Mode().Perm()&groupOther == 0 {
		return nil
	}
	keep := os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky
	err = chmod(path, info.Mode()&keep&^groupOther)
	if err == nil {
		info, err = os.Stat(path)
	}
	if err == nil && info.Mode().Perm()&groupOther != 0 {
		err = errors.New("its file system does not keep permissions")
	}
	if err != nil {
		return fmt.Errorf("%w: %s is open to other users and could not be made private (%v): "+
			"it may belong to another user; have it owned by the user medround runs as, or move it to a disk that keeps permissions",
			ErrNotPrivate, path, err)
	}
	return nil
}

// WriteFilePrivate writes data to path, readable by its owner only (0600),
// as a new file: written to a temporary file beside path, synced, then
// renamed over it. An existing file is replaced, never reused, so neither
// its mode nor its owner carries over, and a crash leaves the old file or
// the new one, never half of one. medroundctl's export writes with it.
func WriteFilePrivate(path string, data []byte) error {
	err := writePrivate(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writePrivate writes a new 0600 file at path with fill, atomically.
func writePrivate(path string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	err = tmp.Chmod(0o600)
	if err == nil {
		err = fill(tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	return err
}

// tightenData makes the database and its directory owner-only before the
// store opens it. A read-only open tightens what it may and goes on where it
// may not: reading must work on a file this user cannot change (a copy on a
// read-only disk, a file checked by another account), and it adds no copy;
// the next read-write open refuses a file it cannot make private.
func tightenData(path string, readOnly bool) error {
	for _, p := range []string{filepath.Dir(path), path} {
		if err := Tighten(p); err != nil && !readOnly {
			return err
		}
	}
	return nil
}

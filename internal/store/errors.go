package store

import (
	"errors"
	"fmt"
)

// Sentinel errors; test with errors.Is. The wrapping error adds the file and
// the cause, and says what to do.
var (
	// ErrInUse means another medround process has the database open.
	ErrInUse = errors.New("data directory in use by another medround process")
	// ErrNewerSchema means the file was written by a newer medround.
	ErrNewerSchema = errors.New("database written by a newer medround")
	// ErrDamaged means the file failed a consistency check.
	ErrDamaged = errors.New("database file is damaged")
	// ErrNotFound means no record has that key.
	ErrNotFound = errors.New("not found")
	// ErrAmbiguous means a scanned identifier belongs to more than one
	// resident, so no resident may be chosen from it.
	ErrAmbiguous = errors.New("identifier matches more than one resident")
	// ErrInvalid means a record was refused because it is incomplete or
	// inconsistent; nothing was written.
	ErrInvalid = errors.New("invalid record")
	// ErrNotPrivate means a file or directory holding personal data is
	// open to other users and could not be made owner-only.
	ErrNotPrivate = errors.New("personal data open to other users")
	// ErrClosed means the store was used after Close.
	ErrClosed = errors.New("store is closed")
)

// restoreHint says how to get a working database back after damage. It is
// part of every ErrDamaged message because the person who reads it is often
// a manager at a care home with no one technical to ask.
const restoreHint = "restore the newest backup: stop medround, copy the backup " +
	"(made by `medroundctl db backup FILE`, or PATH.bak-vN left by an upgrade) over this file, then start medround again"

func damaged(path string, cause error) error {
	return fmt.Errorf("%w: %s: %v; %s", ErrDamaged, path, cause, restoreHint)
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

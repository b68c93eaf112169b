package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	berrors "go.etcd.io/bbolt/errors"

	"medround/internal/mar"
)

// DefaultTimeout is how long Open waits for another process to release the
// file. One second: long enough to ride out a process that is closing, short
// enough that a care worker starting a second copy gets the message at once.
const DefaultTimeout = time.Second

// Options tune Open.
type Options struct {
	// Timeout is how long to wait for the file lock; DefaultTimeout when 0.
	Timeout time.Duration
	// ReadOnly opens the file for reading, sharing it with other readers;
	// it must already exist at the current schema version.
	ReadOnly bool
	// MustExist refuses a missing file with ErrNoDatabase instead of
	// creating an empty database: a mistyped data directory, or a lost
	// file, must never look like a new home with nothing due.
	MustExist bool

	noFreelist bool // only lock and read the meta pages
}

// Store is an open medround database. Its methods are safe for concurrent
// use; bbolt serialises writers.
type Store struct {
	path     string
	readOnly bool

	mu sync.RWMutex // guards db against Close
	db *bolt.DB
	// file is the file bbolt opened, which echoMeta writes its meta copy
	// to; wmu serialises each commit with that copy (see durable.go).
	file *os.File
	wmu  sync.Mutex
	// broken holds the damage a recovered bbolt panic revealed. bbolt may
	// have panicked holding its own locks, so the store is not used again:
	// another call, even Close, could wait on them for ever.
	broken atomic.Pointer[error]
	// settingsGen counts the writes that may change a chart, a product or
	// the home's settings: every write but updateRecords'. Those reads are
	// kept under it, so recording a dose does not make the next check read
	// every chart again. The file is held exclusively for writing, so no
	// other process writes it meanwhile.
	settingsGen atomic.Uint64
	// kinds caches EventsOfKinds per resident and kinds until the next
	// write that may change them (see kinds.go).
	kinds      kindCache
	recordGens recordGens
	charts     genCache[[]mar.ChartEntry]
	products   genCache[mar.Product]
	home       genCache[mar.Home]
}

// ErrNoDatabase means the file does not exist and Open was told not to
// create it (MustExist or ReadOnly).
var ErrNoDatabase = errors.New("no database file")

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Open opens the database at path, creating it (at the current schema
// version) when it does not exist, unless opt.MustExist or opt.ReadOnly. It fails with ErrInUse when another
// process holds the file, ErrNewerSchema when a newer medround wrote it and
// ErrDamaged when it fails the open-time consistency check. An older schema
// is migrated after a backup to PATH.bak-vN. The file and its directory are
// made owner-only first; a read-write Open refuses them with ErrNotPrivate
// when that cannot be done.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if err := ensureFile(path, opt); err != nil {
		return nil, err
	}
	if err := tightenData(path, opt.ReadOnly); err != nil {
		return nil, err
	}
	// Walk the file before bbolt reads it: bbolt trusts the file and a bad
	// freelist count alone makes it allocate terabytes and die.
	pre, err := verifyFile(path)
	if err != nil {
		return nil, refuse(path, opt, err)
	}
	db, file, err := openBolt(path, opt)
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, readOnly: opt.ReadOnly, db: db, file: file}
	if err := s.verifyOnOpen(pre.txid); err != nil {
		s.abandon()
		return nil, err
	}
	if err := s.upgrade(); err != nil {
		s.abandon()
		return nil, err
	}
	return s, nil
}

// ensureFile creates a new database when there is none. The new file is
// built beside the final path and renamed into place, so a crash while
// creating leaves no half-made file; an existing empty file is therefore
// damage, not a fresh start, and is never silently re-initialised.
func ensureFile(path string, opt Options) error {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.Size() == 0:
		return damaged(path, errors.New("the file is empty"))
	case err == nil:
		return nil
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("open database: %w", err)
	case opt.ReadOnly || opt.MustExist:
		return fmt.Errorf("%w: %s", ErrNoDatabase, path)
	}
	return create(path, opt)
}

func create(path string, opt Options) error {
	tmp := path + ".new"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("create database: %w", err)
	}
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: opt.Timeout})
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return createSchema(tx, currentSchema) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	return nil
}

// refuse explains a file that failed the walk before it was locked: another
// process writing it at that moment makes a sound file look damaged, so ask
// for the lock (read-only, which loads nothing but the meta pages) first.
func refuse(path string, opt Options, cause error) error {
	db, _, err := openBolt(path, Options{Timeout: opt.Timeout, ReadOnly: true, noFreelist: true})
	if errors.Is(err, ErrInUse) {
		return err
	}
	if db != nil {
		_ = db.Close()
	}
	return damaged(path, cause)
}

// openBolt opens the file with bbolt. bbolt trusts the file's page pointers
// and can panic, or fault on its memory map, on a damaged file; both become
// ErrDamaged here. The file bbolt opened is captured so that it (and its
// lock) can be released after such a panic; it is returned for echoMeta.
func openBolt(path string, opt Options) (db *bolt.DB, file *os.File, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			if file != nil {
				_ = file.Close()
			}
			db, file, err = nil, nil, damaged(path, fmt.Errorf("bbolt: %v", p))
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{
		Timeout:         opt.Timeout,
		ReadOnly:        opt.ReadOnly,
		PreLoadFreelist: !opt.noFreelist, // load it here, under recover, not later
		// Nothing reads bbolt's counters, and keeping them was work at
		// every read of a check.
		NoStatistics: true,
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, mode)
			file = f
			return f, err
		},
	})
	switch {
	case err == nil:
		return db, file, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, nil, fmt.Errorf("%w: %s (close the other medround, or wait for it to finish)", ErrInUse, path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, nil, damaged(path, err)
	}
	return nil, nil, fmt.Errorf("open database %s: %w", path, err)
}

// Close closes the database. Before closing it commits one empty
// transaction, which writes a fresh freelist and makes both meta pages agree
// even where the last echoMeta failed (see durable.go).
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// What was kept for reads is not served once the store is closed:
	// a read then fails with ErrClosed as every other call does.
	defer s.settingsGen.Add(1)
	if s.db == nil {
		return ErrClosed
	}
	if p := s.broken.Load(); p != nil {
		s.db = nil
		return *p
	}
	var err error
	if !s.readOnly {
		err = s.db.Update(func(*bolt.Tx) error { return nil })
	}
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	s.db = nil
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// readError marks a record that fails its checksum, found outside a
// transaction, as damage.
func (s *Store) readError(err error) error {
	if errors.Is(err, errCorruptValue) {
		return damaged(s.path, err)
	}
	return fmt.Errorf("read events: %w", err)
}

// abandon closes a store Open refused, writing nothing to the file.
func (s *Store) abandon() {
	if s.broken.Load() == nil {
		_ = s.db.Close()
	}
	s.db = nil
}

// view runs fn in a read transaction. A panic or memory fault inside bbolt
// (a damaged page the open-time check could not see) becomes ErrDamaged.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db == nil {
		return ErrClosed
	}
	if p := s.broken.Load(); p != nil {
		return *p
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

// update runs fn in a write transaction, committed and fsync'd when it
// returns nil, rolled back otherwise. Once committed, both of bbolt's meta
// pages are made to name the new transaction (durable.go) before update
// returns, so what it wrote survives the loss of either.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	return s.write(true, nil, fn)
}

// updateRecords is update for a write that adds or acknowledges records
// and nothing else: events, their indexes, the outbox, counters and a
// resident's status. It must never write a chart, a product or the home's
// settings: what was read of those is kept across it.
// residents are those whose records it writes.
func (s *Store) updateRecords(residents []string, fn func(tx *bolt.Tx) error) error {
	return s.write(false, residents, fn)
}

func (s *Store) write(settings bool, residents []string, fn func(tx *bolt.Tx) error) (err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db == nil {
		return ErrClosed
	}
	if s.readOnly {
		return fmt.Errorf("database opened read-only: %w", berrors.ErrDatabaseReadOnly)
	}
	if p := s.broken.Load(); p != nil {
		return *p
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	// Before and after: a read that starts during the write keeps what it
	// read only under a generation that ends when the write does.
	if settings {
		s.settingsGen.Add(1)
		defer s.settingsGen.Add(1)
	}
	s.recordGens.bump(residents)
	defer s.recordGens.bump(residents)
	if err := s.db.Update(fn); err != nil {
		return err
	}
	s.echo()
	return nil
}

// recoverDamage turns a bbolt panic into ErrDamaged and retires the store.
func (s *Store) recoverDamage(err *error) {
	if p := recover(); p != nil {
		*err = damaged(s.path, fmt.Errorf("bbolt: %v", p))
		s.broken.Store(err)
	}
}

// Package boltstore is the central record's embedded store: one bbolt file
// holding every home, device and event, the default for a single home or a
// small group. It implements central.Store and passes
// internal/central/storetest.
package boltstore

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

var _ central.Store = (*Store)(nil)

// Top-level buckets.
var (
	bucketHomes   = []byte("homes")   // home ID -> central.Home
	bucketDevices = []byte("devices") // device ID -> central.Device
	bucketTokens  = []byte("tokens")  // token SHA-256 -> device ID
	bucketCodes   = []byte("codes")   // code SHA-256 -> code
	// bucketData holds one bucket per home ID, with the buckets below.
	bucketData = []byte("data")
)

// Buckets inside a home's bucket.
var (
	bucketChanges   = []byte("changes")   // seq(8, BE) -> change; its Sequence is the home's latest seq
	bucketEvents    = []byte("events")    // event UUID -> seq(8)
	bucketResidents = []byte("residents") // resident ID -> empty, every resident ever charted
	bucketConflicts = []byte("conflicts") // n(8) -> central.Conflict
	bucketUsers     = []byte("users")     // user ID -> mar.User
)

var topBuckets = [][]byte{bucketHomes, bucketDevices, bucketTokens, bucketCodes, bucketData}
var homeBuckets = [][]byte{bucketChanges, bucketEvents, bucketResidents, bucketConflicts, bucketUsers}

// code is an enrolment code as stored; once used, with what it enrolled,
// so the same enrolment can be answered again (central.Enrolment).
type code struct {
	HomeID      string    `json:"homeId"`
	ExpiresAt   time.Time `json:"expiresAt"`
	UsedAt      time.Time `json:"usedAt,omitzero"`
	DeviceID    string    `json:"deviceId,omitempty"`
	TokenHash   []byte    `json:"tokenHash,omitempty"`
	RequestHash []byte    `json:"requestHash,omitempty"`
	Sealed      []byte    `json:"sealed,omitempty"`
}

// Store is the bbolt central store.
type Store struct {
	db *bolt.DB
}

// Open opens or creates the store at path, owner-only. A second process
// gets a clear error after a second rather than waiting for ever.
func Open(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open central store %s: in use by another process", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open central store: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open central store: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open central store: %w", err)
	}
	return &Store{db: db}, nil
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

func put(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

func get(b *bolt.Bucket, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	return true, json.Unmarshal(data, v)
}

// homeBucket returns a home's bucket, or ErrNotFound.
func homeBucket(tx *bolt.Tx, homeID string) (*bolt.Bucket, error) {
	b := tx.Bucket(bucketData).Bucket([]byte(homeID))
	if b == nil {
		return nil, fmt.Errorf("home %q: %w", homeID, central.ErrNotFound)
	}
	return b, nil
}

// appendChange gives c the home's next sequence number and stores it.
func appendChange(hb *bolt.Bucket, c central.Change) (uint64, error) {
	changes := hb.Bucket(bucketChanges)
	changes.FillPercent = 0.9 // written in key order
	seq, err := changes.NextSequence()
	if err != nil {
		return 0, err
	}
	c.Seq = seq
	return seq, put(changes, u64(seq), c)
}

// AddHome adds a home and its first change, its settings.
func (s *Store) AddHome(ctx context.Context, h central.Home) error {
	if h.ID == "" {
		return errors.New("add home: no ID")
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketHomes).Get([]byte(h.ID)) != nil {
			return fmt.Errorf("home %q: %w", h.ID, central.ErrExists)
		}
		if err := put(tx.Bucket(bucketHomes), []byte(h.ID), h); err != nil {
			return err
		}
		hb, err := tx.Bucket(bucketData).CreateBucket([]byte(h.ID))
		if err != nil {
			return err
		}
		for _, name := range homeBuckets {
			if _, err := hb.CreateBucket(name); err != nil {
				return err
			}
		}
		settings := h.Settings
		_, err = appendChange(hb, central.Change{Change: protocol.Change{Kind: protocol.ChangeHome, Home: &settings}, ReceivedAt: h.CreatedAt})
		return err
	})
	if err != nil {
		return fmt.Errorf("add home: %w", err)
	}
	return nil
}

// Home returns a home.
func (s *Store) Home(ctx context.Context, id string) (central.Home, error) {
	var h central.Home
	err := s.db.View(func(tx *bolt.Tx) error {
		ok, err := get(tx.Bucket(bucketHomes), []byte(id), &h)
		if err == nil && !ok {
			err = fmt.Errorf("home %q: %w", id, central.ErrNotFound)
		}
		return err
	})
	return h, err
}

// PutSettings replaces a home's settings.
func (s *Store) PutSettings(ctx context.Context, homeID string, settings mar.Home) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		var h central.Home
		ok, err := get(tx.Bucket(bucketHomes), []byte(homeID), &h)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("home %q: %w", homeID, central.ErrNotFound)
		}
		h.Settings = settings
		if err := put(tx.Bucket(bucketHomes), []byte(homeID), h); err != nil {
			return err
		}
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		_, err = appendChange(hb, central.Change{Change: protocol.Change{Kind: protocol.ChangeHome, Home: &settings}, ReceivedAt: time.Now().UTC()})
		return err
	})
}

// PutUser adds or replaces a member of staff, without lock state.
func (s *Store) PutUser(ctx context.Context, homeID string, u mar.User) error {
	if u.ID == "" {
		return errors.New("put user: no ID")
	}
	u.FailedPINs, u.LockedUntil = 0, time.Time{}
	return s.db.Update(func(tx *bolt.Tx) error {
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		if err := put(hb.Bucket(bucketUsers), []byte(u.ID), u); err != nil {
			return err
		}
		_, err = appendChange(hb, central.Change{Change: protocol.Change{Kind: protocol.ChangeUser, User: &u}, ReceivedAt: time.Now().UTC()})
		return err
	})
}

// AddChart appends a chart update and remembers its residents.
func (s *Store) AddChart(ctx context.Context, homeID string, u protocol.ChartUpdate) error {
	if u.At.IsZero() {
		return errors.New("add chart: update has no time")
	}
	u.At = u.At.UTC()
	return s.db.Update(func(tx *bolt.Tx) error {
		hb, err := homeBucket(tx, homeID)
		if err != nil {
			return err
		}
		return addChartTx(hb, u, time.Now().UTC())
	})
}

// addChartTx notes the update's residents as the home's and appends it.
func addChartTx(hb *bolt.Bucket, u protocol.ChartUpdate, at time.Time) error {
	for _, r := range u.Residents {
		if r.ID == "" {
			return fmt.Errorf("%w: a resident has no ID", central.ErrRefused)
		}
		if err := hb.Bucket(bucketResidents).Put([]byte(r.ID), nil); err != nil {
			return err
		}
	}
	_, err := appendChange(hb, central.Change{Change: protocol.Change{Kind: protocol.ChangeChart, Chart: &u}, ReceivedAt: at})
	return err
}

func jsonDecode(data []byte, v any) error { return json.Unmarshal(data, v) }

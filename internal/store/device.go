package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"
)

// The files of a data directory, named here only: round.Open, both mains
// and the tests find them through these.
const (
	// DatabaseFile is the home's database.
	DatabaseFile = "medround.db"
	// DeviceIDFile names this installation. It outlives a lost database,
	// which is how a missing database is told from a new home.
	DeviceIDFile = "device-id"
	// EnrolmentFile holds the tablet's enrolment with a central record: the
	// centre's address and this tablet's token, owner-only, since the token
	// is this tablet's key to the home's records. internal/syncer writes
	// and reads it; others ask only whether it is there (Enrolled).
	EnrolmentFile = "enrolment.json"
)

// Enrolled reports whether the tablet whose data directory is dir is
// enrolled with a central record: it then shares the home with other
// tablets, whose doses it knows only once it has pulled them. An
// enrolment file that cannot be read, or a directory that cannot be
// looked in, still counts: the tablet may be meant to hear from the
// others, and the check then says it has not, rather than failing. A
// store opened with no data directory (a test's, a tool's) has nowhere to
// keep an enrolment, so is not.
func Enrolled(dir string) bool {
	if dir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, EnrolmentFile))
	return !errors.Is(err, os.ErrNotExist)
}

// DeviceID returns the ID naming this installation in every event it
// records. It is made once and kept in the data directory dir, so the app
// and medroundctl on one tablet share it.
func DeviceID(dir string) (string, error) {
	id, err := ReadDeviceID(dir)
	if err != nil || id != "" {
		return id, err
	}
	u, err := uuid.NewRandomFromReader(rand.Reader)
	if err != nil {
		return "", fmt.Errorf("make device id: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, DeviceIDFile), []byte(u.String()+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write device id: %w", err)
	}
	return u.String(), nil
}

// ReadDeviceID returns the device ID kept in dir, or "" when there is none;
// it never writes, so a read-only opening of a home can use it.
func ReadDeviceID(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, DeviceIDFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read device id: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

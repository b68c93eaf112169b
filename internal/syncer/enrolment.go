package syncer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"

	"medround/internal/store"
)

// enrolmentFile holds the centre's address and this tablet's token, in the
// data directory, owner-only: the token is this tablet's key to the home's
// records. The store names it, so the round can tell an enrolled tablet.
const enrolmentFile = store.EnrolmentFile

// Enrolment is what a tablet keeps after enrolling.
type Enrolment struct {
	Server   string `json:"server"`
	HomeID   string `json:"homeId"`
	HomeName string `json:"homeName"`
	DeviceID string `json:"deviceId"`
	Token    string `json:"token"`
}

// HomeHeld is what a tablet's store already holds when it enrols: the
// home's name and how many residents it has.
type HomeHeld struct {
	Name      string
	Residents int
}

// heldBy reads what st holds.
func heldBy(st *store.Store) (HomeHeld, error) {
	h, err := st.Home()
	if err != nil {
		return HomeHeld{}, fmt.Errorf("read the tablet's home: %w", err)
	}
	rs, err := st.Residents()
	if err != nil {
		return HomeHeld{}, fmt.Errorf("read the tablet's residents: %w", err)
	}
	return HomeHeld{Name: h.Name, Residents: len(rs)}, nil
}

// ErrOtherHome: a tablet holding one home's residents was asked to enrol
// with another home's central record, whose chart and staff would be
// merged into its own: a resident's doses could then be checked against
// another person's chart.
var ErrOtherHome = errors.New("this tablet already holds another home's residents")

// ErrNoEnrolment: the tablet was never enrolled.
var ErrNoEnrolment = errors.New("this tablet is not enrolled with a central record: enrol it first (medroundctl enrol --server URL --code CODE)")

// LoadEnrolment reads the enrolment kept in dir.
func LoadEnrolment(dir string) (Enrolment, error) {
	var e Enrolment
	b, err := os.ReadFile(filepath.Join(dir, enrolmentFile))
	if errors.Is(err, os.ErrNotExist) {
		return e, ErrNoEnrolment
	}
	if err != nil {
		return e, fmt.Errorf("read enrolment: %w", err)
	}
	if err := json.Unmarshal(b, &e); err != nil || e.Token == "" || e.Server == "" {
		return Enrolment{}, fmt.Errorf("read enrolment: %s is damaged: enrol this tablet again", enrolmentFile)
	}
	return e, nil
}

// SaveEnrolment keeps e in dir, readable by its owner only.
func SaveEnrolment(dir string, e Enrolment) error {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("save enrolment: %w", err)
	}
	return store.WriteFilePrivate(filepath.Join(dir, enrolmentFile), append(b, '\n'))
}

// EnrolTablet enrols the tablet whose data directory is dir with the
// centre at server, and keeps the token there. The tablet's device ID
// (store.DeviceID) is the one it enrols with, so records it made before
// enrolling are pushed as its own.
//
// A tablet that already holds residents enrols only with its own home (the
// same name at the centre): a home that used medround alone and then gets
// a central record pushes its records; a tablet of another home, or the
// demo, is refused with ErrOtherHome and keeps no token (revoke the device
// at the centre, then enrol an empty tablet).
func EnrolTablet(ctx context.Context, dir, server, code, name string, held HomeHeld, opt Options) (Enrolment, error) {
	device, err := store.DeviceID(dir)
	if err != nil {
		return Enrolment{}, err
	}
	c, err := NewClient(server, "", opt)
	if err != nil {
		return Enrolment{}, err
	}
	req, err := enrolRequest(dir, server, code)
	if err != nil {
		return Enrolment{}, err
	}
	resp, err := c.Enrol(ctx, code, device, name, req.RequestID)
	if err == nil || errors.Is(err, ErrRefused) || errors.Is(err, ErrNotEnrolled) {
		// Answered: the ID has done its work either way.
		_ = os.Remove(filepath.Join(dir, enrolRequestFile))
	}
	if err != nil {
		return Enrolment{}, err
	}
	if held.Residents > 0 && !strings.EqualFold(strings.TrimSpace(held.Name), strings.TrimSpace(resp.HomeName)) {
		return Enrolment{}, fmt.Errorf("%w: it holds %d residents of %q, and the central record is %q's; "+
			"enrol an empty tablet (a new data directory), and ask a manager to revoke this device at the centre",
			ErrOtherHome, held.Residents, held.Name, resp.HomeName)
	}
	e := Enrolment{Server: server, HomeID: resp.HomeID, HomeName: resp.HomeName, DeviceID: resp.DeviceID, Token: resp.Token}
	if err := SaveEnrolment(dir, e); err != nil {
		return Enrolment{}, err
	}
	return e, nil
}

// ForTablet returns a client for the tablet enrolled in dir.
func ForTablet(dir string, opt Options) (*Client, Enrolment, error) {
	e, err := LoadEnrolment(dir)
	if err != nil {
		return nil, e, err
	}
	c, err := NewClient(e.Server, e.Token, opt)
	return c, e, err
}

// enrolRequestFile keeps the request ID of an enrolment not yet answered,
// with the code (hashed) and address it was for: the same code given again
// after an answer was lost (the centre committed, the tablet never heard)
// is sent with the same ID, and the centre answers the token it gave then
// instead of refusing a used code.
const enrolRequestFile = "enrolment-request.json"

// pendingEnrol is the content of enrolRequestFile.
type pendingEnrol struct {
	Server    string `json:"server"`
	CodeHash  string `json:"codeHash"` // SHA-256 of the code as the centre reads it
	RequestID string `json:"requestId"`
}

// enrolRequest returns the request ID kept for this code and server, or
// keeps a new random one.
func enrolRequest(dir, server, code string) (pendingEnrol, error) {
	h := sha256.Sum256([]byte(normalCode(code)))
	want := pendingEnrol{Server: server, CodeHash: hex.EncodeToString(h[:])}
	var kept pendingEnrol
	if b, err := os.ReadFile(filepath.Join(dir, enrolRequestFile)); err == nil && json.Unmarshal(b, &kept) == nil &&
		kept.Server == want.Server && kept.CodeHash == want.CodeHash && kept.RequestID != "" {
		return kept, nil
	}
	want.RequestID = uuid.NewString()
	b, err := json.Marshal(want)
	if err != nil {
		return want, fmt.Errorf("keep the enrolment request: %w", err)
	}
	if err := store.WriteFilePrivate(filepath.Join(dir, enrolRequestFile), append(b, '\n')); err != nil {
		return want, fmt.Errorf("keep the enrolment request: %w", err)
	}
	return want, nil
}

// normalCode is a code as the centre reads it (central.HashCode): case,
// spaces and dashes do not matter.
func normalCode(typed string) string {
	return strings.NewReplacer("-", "", " ", "").Replace(strings.ToUpper(strings.TrimSpace(typed)))
}

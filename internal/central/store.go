// Package central is the central record: the server every tablet of a home
// syncs with. It enrols tablets with one-time codes and bearer tokens,
// stores each pushed event once by its UUID, keeps a change sequence per
// home (chart, staff, settings and every device's events) for tablets to
// pull, and keeps its data behind the Store interface, so an embedded bbolt
// store (internal/central/boltstore) and a database server can serve it
// alike, both held to the contract suite in internal/central/storetest.
package central

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"time"

	"medround/internal/mar"
	"medround/internal/protocol"
)

// Errors a Store returns, wrapped with context.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
	// ErrCodeInvalid covers an unknown, used and expired enrolment code
	// alike, so a guesser learns nothing from the answer.
	ErrCodeInvalid = errors.New("enrolment code not valid")
	// ErrDeviceTaken: the device ID is enrolled in another home.
	ErrDeviceTaken = errors.New("device enrolled in another home")
	// ErrDeviceEnrolled: the device ID is enrolled in the code's home and
	// not revoked. Enrolling it again would give its records, and its
	// name on every record, to whoever holds a code of the home; it is
	// revoked first.
	ErrDeviceEnrolled = errors.New("device already enrolled")
	// ErrRefused: what was sent breaks a rule (see Store.PutEvents);
	// nothing of it was stored.
	ErrRefused = errors.New("refused")
	// ErrHomeChanged: the home's changes moved on past the head an
	// import was checked against (Store.ImportChart). Checked against
	// less than the home holds, the import could replace a PRN protocol
	// written in the home since; nothing was stored, and the import is
	// to be checked again against the home as it now is (chartimport
	// does, a bounded number of times).
	ErrHomeChanged = errors.New("the home changed while the import was checked")
)

// Home is a care home known to the centre.
type Home struct {
	ID        string    `json:"id"`
	Settings  mar.Home  `json:"settings"`
	CreatedAt time.Time `json:"createdAt"`
}

// Device is an enrolled tablet. Only the SHA-256 of its token is kept.
type Device struct {
	ID         string    `json:"id"`
	HomeID     string    `json:"homeId"`
	Name       string    `json:"name,omitempty"`
	TokenHash  []byte    `json:"tokenHash"`
	EnrolledAt time.Time `json:"enrolledAt"`
	RevokedAt  time.Time `json:"revokedAt,omitzero"`
}

// Revoked reports whether the device may no longer sync.
func (d Device) Revoked() bool { return !d.RevokedAt.IsZero() }

// EnrolmentCode is a one-time code, kept as its SHA-256 only.
type EnrolmentCode struct {
	Hash      []byte    `json:"hash"`
	HomeID    string    `json:"homeId"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// Enrolment is a tablet's enrolment as a Store records it.
type Enrolment struct {
	CodeHash []byte
	Device   Device
	// RequestHash is the tablet's request ID's (RequestHash), Sealed its
	// token sealed under the code and that ID (SealToken). With them the
	// same request may be answered again; without (a version 1 tablet) it
	// may not.
	RequestHash, Sealed []byte
}

// StoredEvent is an event as the centre holds it.
type StoredEvent struct {
	Seq        uint64    `json:"seq"`
	Event      mar.Event `json:"event"`
	Device     string    `json:"device"` // the device that pushed it
	ReceivedAt time.Time `json:"receivedAt"`
}

// Conflict is a pushed event whose UUID was stored with other content. It
// is kept aside; the stored event is never overwritten.
type Conflict struct {
	Event      mar.Event `json:"event"`
	Device     string    `json:"device"`
	ReceivedAt time.Time `json:"receivedAt"`
}

// Change is one entry of a home's change sequence, with the device an
// event came from so a device is not sent its own events back.
type Change struct {
	protocol.Change
	Device     string    `json:"device,omitempty"`
	ReceivedAt time.Time `json:"receivedAt"`
}

// Store holds the central record. Every method is atomic: on error nothing
// changed. Implementations are held to internal/central/storetest.
type Store interface {
	// AddHome adds a home (ErrExists when its ID is taken) and starts its
	// change sequence with its settings.
	AddHome(ctx context.Context, h Home) error
	// Home returns a home, or ErrNotFound.
	Home(ctx context.Context, id string) (Home, error)
	// PutSettings replaces a home's settings and appends them as a change.
	PutSettings(ctx context.Context, homeID string, s mar.Home) error
	// PutUser adds or replaces a member of staff and appends it as a
	// change. Lock state is the tablet's own and is not kept.
	PutUser(ctx context.Context, homeID string, u mar.User) error
	// AddChart appends a chart update to the home's changes.
	AddChart(ctx context.Context, homeID string, u protocol.ChartUpdate) error
	// ImportChart appends a chart update and the records an import made
	// of it (the PRN protocols read from the prescriptions,
	// ValidateImported) to the home's changes in one transaction, the
	// records after the chart, so a tablet never holds the one without
	// the other. checked is the head of the home's changes the import
	// was checked against; when the home holds later changes it refuses
	// (ErrHomeChanged, nothing stored). It refuses (ErrRefused, nothing
	// stored) a record that breaks ValidateImported, names a resident the
	// home's chart does not hold after the update, or whose ID is
	// already stored.
	ImportChart(ctx context.Context, homeID string, checked uint64, u protocol.ChartUpdate, records []mar.Event) error

	// AddCode stores a one-time enrolment code for a home.
	AddCode(ctx context.Context, c EnrolmentCode) error
	// Enrol consumes a code (ErrCodeInvalid when unknown, used or expired
	// at e.Device.EnrolledAt) and stores the device in the code's home.
	// A device ID enrolled before is enrolled again only once revoked
	// (its old token is forgotten); one enrolled and not revoked is
	// refused, ErrDeviceTaken in another home, ErrDeviceEnrolled in the
	// code's. The same enrolment sent again (a used code, the same
	// RequestHash and device ID, the device still enrolled by it, within
	// the code's life) changes nothing and returns that device and the
	// token sealed at the time; sealed is nil for a new enrolment.
	// Whatever its answer, Enrol first forgets the sealed token of every
	// code whose life ended by e.Device.EnrolledAt: no enrolment is
	// answered with it again, so it does not stay on disk. No method
	// shows the seal, so this changes nothing the contract sees.
	Enrol(ctx context.Context, e Enrolment) (d Device, sealed []byte, err error)
	// DeviceByToken finds a device by its token's hash, or ErrNotFound.
	DeviceByToken(ctx context.Context, tokenHash []byte) (Device, error)
	// Devices lists a home's devices, revoked ones too, by ID.
	Devices(ctx context.Context, homeID string) ([]Device, error)
	// RevokeDevice revokes a device; revoking again keeps the first time.
	RevokeDevice(ctx context.Context, id string, at time.Time) error

	// PutEvents stores events pushed by a device into its home, in one
	// transaction, and acknowledges each, in order. It refuses an event
	// (AckRefused, with the reason, nothing of it stored) that breaks
	// ValidatePushed, changes the status of a resident the home's chart
	// does not hold, or corrects an event the home does not hold (nor
	// stored earlier in the batch): every event stored must apply on every
	// tablet of the home. The rest of the batch is stored all the same,
	// so one bad record does not keep the others' doses from the home's
	// tablets. An error means nothing was stored.
	PutEvents(ctx context.Context, deviceID string, events []mar.Event, receivedAt time.Time) ([]protocol.EventAck, error)
	// PutIncidents stores incidents the centre found (ValidateIncident)
	// as events of the home, each appended to its changes so tablets pull
	// it. An incident whose ID is already stored is left as it is, found
	// once, whatever was found since: the ID names what it is about (one
	// dose slot, one dose), so finding it again on a later sync adds
	// nothing. It returns how many were new.
	PutIncidents(ctx context.Context, homeID string, incidents []mar.Event, receivedAt time.Time) (int, error)
	// Changes returns up to limit changes of a home after the sequence
	// number after, in order, and the home's latest sequence number.
	Changes(ctx context.Context, homeID string, after uint64, limit int) ([]Change, uint64, error)
	// Events returns a home's events with from <= OccurredAt < to (zero
	// bounds are open), in the order they were stored.
	Events(ctx context.Context, homeID string, from, to time.Time) ([]StoredEvent, error)
	// Conflicts returns the events a home's devices pushed under a UUID
	// already stored with other content.
	Conflicts(ctx context.Context, homeID string) ([]Conflict, error)

	Close() error
}

// NormaliseEvent puts an event's times in UTC, as every store keeps them,
// so two copies of one event compare equal whatever zone they came in.
func NormaliseEvent(e mar.Event) mar.Event {
	e.OccurredAt = e.OccurredAt.UTC()
	if !e.RecordedAt.IsZero() {
		e.RecordedAt = e.RecordedAt.UTC()
	}
	if !e.SlotDue.IsZero() {
		e.SlotDue = e.SlotDue.UTC()
	}
	return e
}

// SameEvent reports whether two copies of an event say the same thing:
// the test between a duplicate (acknowledged again) and a conflict (kept
// aside).
func SameEvent(a, b mar.Event) bool {
	ja, err1 := json.Marshal(NormaliseEvent(a))
	jb, err2 := json.Marshal(NormaliseEvent(b))
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

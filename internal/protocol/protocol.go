// Package protocol holds the sync wire types shared by the tablet
// (internal/syncer) and the central record (internal/central): JSON
// documents under /v1/, each carrying Version. Wire enums are numbers with
// explicit values, only ever appended to, so an older tablet and a newer
// centre agree on what each means.
package protocol

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// Wire versions. Version is the one this build speaks; a centre also
// answers a tablet of any version from MinVersion on, in that version's
// words (the document it answers carries the request's version), so
// tablets can be updated after their centre. A change an older peer would
// misread is a new version; one the centre cannot answer in an older
// version's words needs a new path prefix.
const (
	Version    = 2
	MinVersion = 1
)

// What each version added. Version 2: the enrolment request ID
// (EnrolRequest.RequestID), which makes an enrolment safe to send again,
// and AckRefused with its Reason, so one event the centre will not take no
// longer refuses the whole push.

// Paths of the API. Every call but PathEnrol carries
// "Authorization: Bearer TOKEN".
const (
	PathPrefix = "/v1/"
	PathEnrol  = "/v1/enrol"
	PathPush   = "/v1/push"
	PathPull   = "/v1/pull"
)

// Size limits. Both sides use them: the tablet to size its batches, the
// centre to refuse what is larger before reading it all.
const (
	// MaxBodyBytes bounds every request body: a full push batch of
	// MaxBatchEvents events of a few hundred bytes each fits several times
	// over, and a runaway or hostile client cannot make the centre buffer
	// more than this per request.
	MaxBodyBytes = 4 << 20
	// MaxBatchEvents is the most events one push carries: big enough that
	// a week offline (~3,000 events) is a handful of requests, small
	// enough that one request is one short transaction at the centre.
	MaxBatchEvents = 500
	// MaxPullChanges is the most changes one pull returns; the tablet
	// pulls again while More is set.
	MaxPullChanges = 500
	// MaxIDLen bounds device, home and user IDs on the wire.
	MaxIDLen = 128
	// MaxNameLen bounds a device's name.
	MaxNameLen = 200
	// MaxCodeLen bounds an enrolment code as typed.
	MaxCodeLen = 64
)

// ErrVersion is returned when a document names another wire version.
var ErrVersion = errors.New("protocol version not supported")

// CheckVersion refuses a document of another wire version: a tablet
// reads only answers in its own.
func CheckVersion(v int) error {
	if v != Version {
		return fmt.Errorf("%w: got %d, this build speaks %d (update medround)", ErrVersion, v, Version)
	}
	return nil
}

// CheckRequestVersion refuses a request the centre cannot answer: one of
// a version before MinVersion or after Version.
func CheckRequestVersion(v int) error {
	if v < MinVersion || v > Version {
		return fmt.Errorf("%w: got %d, this central record speaks %d to %d (update the older of the two)", ErrVersion, v, MinVersion, Version)
	}
	return nil
}

// EnrolRequest asks the centre to enrol this tablet with a one-time code a
// manager got from `medround-central device enrol`.
type EnrolRequest struct {
	Version int    `json:"version"`
	Code    string `json:"code"`
	// DeviceID is the tablet's own device ID (store.DeviceID), the one its
	// events already carry, so records made before enrolment are its own.
	DeviceID string `json:"deviceId"`
	Name     string `json:"name,omitempty"`
	// RequestID (version 2 on, where it is required) is a random UUID the
	// tablet makes for one enrolment and sends again with the same code
	// when it did not get the answer: within the code's life the centre
	// then answers the same token again instead of refusing a used code,
	// so an answer lost after the centre committed leaves no token that
	// nobody holds.
	RequestID string `json:"requestId,omitempty"`
}

// EnrolResponse gives the tablet its token; the centre keeps only its hash.
type EnrolResponse struct {
	Version  int    `json:"version"`
	HomeID   string `json:"homeId"`
	HomeName string `json:"homeName"`
	DeviceID string `json:"deviceId"`
	Token    string `json:"token"`
}

// PushRequest carries outbox events, oldest first.
type PushRequest struct {
	Version int         `json:"version"`
	Events  []mar.Event `json:"events"`
}

// AckStatus is what the centre did with one pushed event.
type AckStatus uint8

// Ack statuses. On the wire: append only.
const (
	// AckStored: the event is new and now stored.
	AckStored AckStatus = 1
	// AckDuplicate: the same event (same UUID, same content) was stored
	// before; the tablet may forget it as it would a stored one.
	AckDuplicate AckStatus = 2
	// AckConflict: another event with this UUID but other content is
	// stored. The stored one is kept; this one is kept aside and reported.
	AckConflict AckStatus = 3
	// AckRefused (version 2 on): the centre will not take this event
	// (EventAck.Reason says why) and stored nothing of it; the rest of the
	// push was taken. The tablet keeps it aside, reported, and does not
	// send it again.
	AckRefused AckStatus = 4
)

// Valid reports whether s is a known status.
func (s AckStatus) Valid() bool { return s >= AckStored && s <= AckRefused }

func (s AckStatus) String() string {
	switch s {
	case AckStored:
		return "stored"
	case AckDuplicate:
		return "duplicate"
	case AckConflict:
		return "conflict"
	case AckRefused:
		return "refused"
	}
	return fmt.Sprintf("ack(%d)", uint8(s))
}

// EventAck acknowledges one pushed event.
type EventAck struct {
	ID     uuid.UUID `json:"id"`
	Status AckStatus `json:"status"`
	// Reason says why an event was refused, in words a manager reads,
	// naming the event by its ID and no personal data.
	Reason string `json:"reason,omitempty"`
}

// PushResponse acknowledges every event of a push, in the order sent. The
// centre answers only after the events are committed. A version 1 push
// with an event the centre refuses gets a 422 instead (its tablet cannot
// read AckRefused), after the rest was stored.
type PushResponse struct {
	Version int        `json:"version"`
	Acks    []EventAck `json:"acks"`
}

// PullRequest asks for the home's changes after Cursor (0: from the start).
type PullRequest struct {
	Version int    `json:"version"`
	Cursor  uint64 `json:"cursor"`
	// Limit caps the changes returned; 0 or more than MaxPullChanges
	// means MaxPullChanges.
	Limit int `json:"limit,omitempty"`
}

// ChangeKind says what a pulled change carries.
type ChangeKind uint8

// Change kinds. On the wire: append only.
const (
	ChangeEvent ChangeKind = 1 // another device's event
	ChangeChart ChangeKind = 2 // residents, products, chart entries, allergies
	ChangeUser  ChangeKind = 3 // a member of staff, with their PIN hash
	ChangeHome  ChangeKind = 4 // the home's settings
)

// ChartUpdate is a chart change as the centre holds it: applied on every
// tablet in sequence order with At as its effective time, so every tablet
// works out the same chart entry versions.
type ChartUpdate struct {
	Residents []mar.Resident   `json:"residents,omitempty"`
	Products  []mar.Product    `json:"products,omitempty"`
	Entries   []mar.ChartEntry `json:"entries,omitempty"`
	Allergies []mar.Allergy    `json:"allergies,omitempty"`
	At        time.Time        `json:"at"`
}

// Change is one entry of a home's change sequence. Exactly the payload
// its Kind names is set.
type Change struct {
	Seq   uint64       `json:"seq"`
	Kind  ChangeKind   `json:"kind"`
	Event *mar.Event   `json:"event,omitempty"`
	Chart *ChartUpdate `json:"chart,omitempty"`
	User  *mar.User    `json:"user,omitempty"`
	Home  *mar.Home    `json:"home,omitempty"`
}

// Validate refuses a change whose payload does not match its kind.
func (c Change) Validate() error {
	set := 0
	for _, p := range []bool{c.Event != nil, c.Chart != nil, c.User != nil, c.Home != nil} {
		if p {
			set++
		}
	}
	ok := set == 1
	switch c.Kind {
	case ChangeEvent:
		ok = ok && c.Event != nil
	case ChangeChart:
		ok = ok && c.Chart != nil
	case ChangeUser:
		ok = ok && c.User != nil
	case ChangeHome:
		ok = ok && c.Home != nil
	default:
		return fmt.Errorf("change %d: unknown kind %d", c.Seq, c.Kind)
	}
	if !ok || c.Seq == 0 {
		return fmt.Errorf("change %d of kind %d: payload does not match its kind", c.Seq, c.Kind)
	}
	return nil
}

// PullResponse carries the changes after the cursor, in sequence order,
// leaving out the calling device's own events. Next is the cursor for the
// next pull; More says whether changes remain after it.
type PullResponse struct {
	Version int      `json:"version"`
	Changes []Change `json:"changes"`
	Next    uint64   `json:"next"`
	More    bool     `json:"more"`
}

// Validate checks a pull response before anything of it is applied: known
// kinds, matching payloads, rising sequence numbers not past Next.
func (r PullResponse) Validate(cursor uint64) error {
	if err := CheckVersion(r.Version); err != nil {
		return err
	}
	if len(r.Changes) > MaxPullChanges {
		return fmt.Errorf("pull response has %d changes, more than %d", len(r.Changes), MaxPullChanges)
	}
	last := cursor
	for _, c := range r.Changes {
		if err := c.Validate(); err != nil {
			return err
		}
		if c.Seq <= last {
			return fmt.Errorf("change %d is out of order after %d", c.Seq, last)
		}
		last = c.Seq
	}
	if r.Next < last {
		return fmt.Errorf("next cursor %d is before change %d", r.Next, last)
	}
	return nil
}

// ErrorResponse is the body of every 4xx and 5xx the centre sends: a
// message that says what was wrong, with no personal data.
type ErrorResponse struct {
	Version int    `json:"version"`
	Error   string `json:"error"`
}

package central

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// Codes of the incidents the centre records, in an incident's
// ReasonCodes. Persisted and shown: never renamed.
const (
	// IncidentDoubleDose: two "given" records for one dose slot.
	IncidentDoubleDose = "DOUBLE_DOSE"
	// IncidentPRNMaxExceeded: doses of one ingredient over the strictest
	// maximum in force, counted across every tablet.
	IncidentPRNMaxExceeded = "PRN_MAX_EXCEEDED"
	// IncidentClockSkew: a tablet's clock was off by more than
	// MaxClockSkew when it sent records.
	IncidentClockSkew = "CLOCK_SKEW"
)

// MaxClockSkew is how far a tablet's clock may be from the centre's: a
// round's dose window is an hour either side, so five minutes off moves no
// dose into the wrong window, and more is worth a manager's eye before it
// does.
const MaxClockSkew = 5 * time.Minute

// IncidentFinder finds the incidents of a home's records after they
// change (internal/central/incident); it returns how many were new.
type IncidentFinder interface {
	Find(ctx context.Context, homeID string) (int, error)
}

// IncidentID names what an incident is about (a slot, a dose, a device's
// day), so finding it again on a later sync stores nothing new.
func IncidentID(homeID, code string, about ...string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("medround:incident\x00"+homeID+"\x00"+code+"\x00"+strings.Join(about, "\x00")))
}

// ClockSkew returns the incident of a device whose clock is off, or false:
// a record stored later than the centre received it, or a request dated
// (sentAt, zero when not sent) more than MaxClockSkew from receivedAt. A
// record made offline long ago is not a sign: only what cannot be is. One
// incident per device and day.
func ClockSkew(homeID, deviceID string, events []mar.Event, sentAt, receivedAt time.Time) (mar.Event, bool) {
	if len(events) == 0 {
		return mar.Event{}, false
	}
	about, off := events[0], time.Duration(0)
	if !sentAt.IsZero() {
		off = sentAt.Sub(receivedAt)
	}
	for _, e := range events {
		if d := e.RecordedAt.Sub(receivedAt); !e.RecordedAt.IsZero() && d > off && d > 0 {
			about, off = e, d
		}
	}
	if off <= MaxClockSkew && off >= -MaxClockSkew {
		return mar.Event{}, false
	}
	way, by := "ahead of", off
	if off < 0 {
		way, by = "behind", -off
	}
	note := fmt.Sprintf("The clock of tablet %s was %d minutes %s the central record's when it sent records. The times it records may be wrong: set the tablet's date and time to automatic, then check the times of its recent records.",
		deviceID, int(by/time.Minute), way)
	return mar.Event{ID: IncidentID(homeID, IncidentClockSkew, deviceID, receivedAt.UTC().Format(time.DateOnly)),
		Kind: mar.KindIncident, DeviceID: CentreDevice, ResidentID: about.ResidentID, OccurredAt: receivedAt.UTC(),
		RecordedAt: receivedAt.UTC(), About: about.ID, ReasonCodes: []string{IncidentClockSkew}, Note: note}, true
}

// sentAt reads a request's Date header; zero when absent or unreadable.
func sentAt(r *http.Request) time.Time {
	t, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// afterPush records a skewed clock and finds the incidents of what was
// stored. The events are committed: what fails here is logged and found
// again on the next push or pull, never refused.
func (s *Server) afterPush(r *http.Request, d Device, events []mar.Event, stored bool, at time.Time) {
	ctx := context.WithoutCancel(r.Context())
	if inc, ok := ClockSkew(d.HomeID, d.ID, events, sentAt(r), at); ok {
		if _, err := s.st.PutIncidents(ctx, d.HomeID, []mar.Event{inc}, at); err != nil {
			s.log("central: record a clock incident: %v", err)
		}
	}
	if stored {
		s.find(ctx, d.HomeID)
	}
}

// find runs the incident finder, when there is one, logging its failure.
func (s *Server) find(ctx context.Context, homeID string) {
	if s.incidents == nil {
		return
	}
	if _, err := s.incidents.Find(ctx, homeID); err != nil {
		s.log("central: find incidents: %v", err)
	}
}

package central

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/protocol"
)

// CentreDevice is the device ID of the events the centre records itself:
// incidents. No tablet may enrol under it.
const CentreDevice = "central"

// ValidateEvent refuses an event that no tablet could store: the rules of
// the tablet's own store (an ID, a time in range, a resident), checked at
// the centre so that nothing it accepts blocks a tablet's pull.
func ValidateEvent(e mar.Event) error {
	switch {
	case e.ID == uuid.Nil:
		return fmt.Errorf("%w: an event has no ID", ErrRefused)
	case e.DeviceID == "":
		return fmt.Errorf("%w: event %s has no device", ErrRefused, e.ID)
	case e.ResidentID == "":
		return fmt.Errorf("%w: event %s has no resident", ErrRefused, e.ID)
	case e.OccurredAt.IsZero() || e.OccurredAt.Year() < 1900 || e.OccurredAt.Year() > 2200:
		return fmt.Errorf("%w: event %s has no valid occurred-at time", ErrRefused, e.ID)
	case !e.Kind.Valid():
		return fmt.Errorf("%w: event %s has an unknown kind", ErrRefused, e.ID)
	case e.Kind == mar.KindIncident:
		// Only the centre finds incidents: a tablet's would be unchecked.
		return fmt.Errorf("%w: event %s is an incident, which only the central record records", ErrRefused, e.ID)
	case e.DeviceID == CentreDevice:
		return fmt.Errorf("%w: event %s names the central record as its device", ErrRefused, e.ID)
	case e.Kind == mar.KindStatusChange && e.Status == 0:
		return fmt.Errorf("%w: status-change event %s has no status", ErrRefused, e.ID)
	case e.Kind == mar.KindAdministration && !e.Outcome.Valid():
		return fmt.Errorf("%w: administration event %s has no valid outcome", ErrRefused, e.ID)
	}
	return nil
}

// ValidatePushed refuses an event a device may not push: one no tablet
// could store (ValidateEvent), or one recorded on another device. A token
// speaks for its own tablet's records only: otherwise a tablet could write
// records in another tablet's name, and a dose would seem to have been
// given, or corrected, on a tablet that never saw it.
func ValidatePushed(deviceID string, e mar.Event) error {
	if err := ValidateEvent(e); err != nil {
		return err
	}
	if e.DeviceID != deviceID {
		return fmt.Errorf("%w: event %s was recorded on another device than the tablet that sent it", ErrRefused, e.ID)
	}
	return nil
}

// RefusedAck acknowledges a pushed event as refused, with the reason err
// gives (a refusal of PutEvents' rules: its words name the event by ID and
// carry no personal data).
func RefusedAck(id uuid.UUID, err error) protocol.EventAck {
	reason := err.Error()
	if errors.Is(err, ErrRefused) {
		reason = strings.TrimPrefix(reason, ErrRefused.Error()+": ")
	}
	return protocol.EventAck{ID: id, Status: protocol.AckRefused, Reason: reason}
}

// InRange reports whether t lies in [from, to), a zero bound being open.
func InRange(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

// ValidateIncident refuses an incident no tablet could store or show: it
// is an event like a tablet's, recorded by CentreDevice, naming its code.
func ValidateIncident(e mar.Event) error {
	switch {
	case e.Kind != mar.KindIncident:
		return fmt.Errorf("%w: event %s is not an incident", ErrRefused, e.ID)
	case e.DeviceID != CentreDevice:
		return fmt.Errorf("%w: incident %s is not the central record's", ErrRefused, e.ID)
	case len(e.ReasonCodes) == 0 || e.ReasonCodes[0] == "":
		return fmt.Errorf("%w: incident %s names no code", ErrRefused, e.ID)
	case e.ID == uuid.Nil || e.ResidentID == "" || e.OccurredAt.IsZero() || e.OccurredAt.Year() < 1900 || e.OccurredAt.Year() > 2200:
		return fmt.Errorf("%w: incident %s lacks an ID, a resident or a valid time", ErrRefused, e.ID)
	}
	return nil
}

// ValidateImported refuses a record an import at the centre may not add
// beside its chart (Store.ImportChart): only a PRN protocol read from the
// prescriptions, recorded by CentreDevice, whose terms read back as every
// tablet's store will read them, for the tablet refuses what it cannot
// read and its pull would stop there.
func ValidateImported(e mar.Event) error {
	switch {
	case e.Kind != mar.KindPRNProtocol:
		return fmt.Errorf("%w: record %s of an import is not a PRN protocol", ErrRefused, e.ID)
	case e.DeviceID != CentreDevice:
		return fmt.Errorf("%w: record %s of an import is not the central record's", ErrRefused, e.ID)
	case e.ID == uuid.Nil || e.ResidentID == "" || e.OccurredAt.IsZero() || e.OccurredAt.Year() < 1900 || e.OccurredAt.Year() > 2200:
		return fmt.Errorf("%w: record %s of an import lacks an ID, a resident or a valid time", ErrRefused, e.ID)
	case e.Corrects != uuid.Nil || e.About != uuid.Nil || e.Outcome != 0:
		return fmt.Errorf("%w: record %s of an import corrects or answers another record", ErrRefused, e.ID)
	}
	if _, err := mar.PRNProtocolFrom(e); err != nil {
		return fmt.Errorf("%w: record %s of an import: %w", ErrRefused, e.ID, err)
	}
	return nil
}

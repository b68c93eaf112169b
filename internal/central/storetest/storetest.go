// Package storetest is the contract every central.Store implementation
// passes: Run it with a constructor for a fresh, empty store. The embedded
// bbolt store runs it in its tests; a database-server store must pass the
// same suite before it is used.
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// T0 is the suite's clock: the first Sunday of British Summer Time 2026,
// 00:30 UTC, half an hour before the clocks go forward.
var T0 = time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC)

// fixture is a store with two homes, each with a resident and a device.
type fixture struct {
	st  central.Store
	ctx context.Context
}

// Run runs the contract suite; newStore returns a fresh store, closed by
// the suite.
func Run(t *testing.T, newStore func(t *testing.T) central.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, f *fixture)
	}{
		{"homes are added once", testHomes},
		{"changes keep their order per home", testChanges},
		{"a code enrols one device once", testEnrol},
		{"an expired or unknown code enrols nothing", testBadCodes},
		{"a device of another home is not taken over", testDeviceTaken},
		{"an enrolled device of the same home is not taken over", testDeviceEnrolled},
		{"re-enrolment after revocation replaces the token", testReEnrol},
		{"the same enrolment sent again gets the same token", testEnrolRepeated},
		{"a revoked device is not found by its token", testRevoke},
		{"an event is stored once by UUID", testEventOnce},
		{"other content under a stored UUID is kept aside", testConflict},
		{"a refused event is refused alone", testRefusedEvents},
		{"homes do not share events", testHomesApart},
		{"events are listed by time", testEventsRange},
		{"an incident is stored once by its ID", testIncidentOnce},
		{"an import's chart and protocols are stored together", testImportChart},
		{"an import checked against an older head is refused", testImportChecked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t)
			t.Cleanup(func() { _ = st.Close() })
			tc.fn(t, setup(t, st))
		})
	}
}

func setup(t *testing.T, st central.Store) *fixture {
	t.Helper()
	f := &fixture{st: st, ctx: context.Background()}
	for _, h := range []string{"willow", "oak"} {
		must(t, st.AddHome(f.ctx, central.Home{ID: h, Settings: mar.Home{Name: h, TimeZone: "Europe/London"}, CreatedAt: T0}))
		must(t, st.AddChart(f.ctx, h, protocol.ChartUpdate{At: T0, Residents: []mar.Resident{{ID: "R101", GivenName: "Margaret"}}}))
	}
	f.enrol(t, "willow", "tab-a")
	f.enrol(t, "oak", "tab-oak")
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// enrol issues a code for home and enrols device with it; it returns the
// token hash.
func (f *fixture) enrol(t *testing.T, home, device string) []byte {
	t.Helper()
	_, codeHash, err := central.NewCode()
	must(t, err)
	must(t, f.st.AddCode(f.ctx, central.EnrolmentCode{Hash: codeHash, HomeID: home, ExpiresAt: T0.Add(central.CodeTTL)}))
	_, tokenHash, err := central.NewToken()
	must(t, err)
	d, err := f.enrolWith(codeHash, central.Device{ID: device, TokenHash: tokenHash, EnrolledAt: T0})
	must(t, err)
	if d.HomeID != home {
		t.Fatalf("Enrol put %s in home %q, want %q", device, d.HomeID, home)
	}
	return tokenHash
}

// enrolWith enrols d with a code as a version 1 tablet does, with no
// request ID to send it again by.
func (f *fixture) enrolWith(codeHash []byte, d central.Device) (central.Device, error) {
	got, sealed, err := f.st.Enrol(f.ctx, central.Enrolment{CodeHash: codeHash, Device: d})
	if err == nil && sealed != nil {
		err = errors.New("a first enrolment was answered as a repeated one")
	}
	return got, err
}

func given(device string, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: device, UserID: "amy",
		ResidentID: "R101", OccurredAt: at, RecordedAt: at, EntryID: "mr-1", EntryVersion: 1,
		SlotDue: at, Outcome: mar.OutcomeGiven, Quantity: 1, Verdict: mar.LevelOK}
}

// put pushes events from device and returns each one's status, failing
// on an acknowledgement that does not name its event.
func (f *fixture) put(t *testing.T, device string, events ...mar.Event) []protocol.AckStatus {
	t.Helper()
	acks := f.putAcks(t, device, events...)
	out := make([]protocol.AckStatus, len(acks))
	for i, a := range acks {
		out[i] = a.Status
	}
	return out
}

func (f *fixture) putAcks(t *testing.T, device string, events ...mar.Event) []protocol.EventAck {
	t.Helper()
	acks, err := f.st.PutEvents(f.ctx, device, events, T0.Add(time.Hour))
	must(t, err)
	if len(acks) != len(events) {
		t.Fatalf("PutEvents returned %d acknowledgements for %d events", len(acks), len(events))
	}
	for i, a := range acks {
		if a.ID != events[i].ID || !a.Status.Valid() || (a.Status == protocol.AckRefused) != (a.Reason != "") {
			t.Fatalf("acknowledgement %d = %+v; want event %s with a known status, and a reason only when refused", i, a, events[i].ID)
		}
	}
	return acks
}

func (f *fixture) events(t *testing.T, home string) []central.StoredEvent {
	t.Helper()
	out, err := f.st.Events(f.ctx, home, time.Time{}, time.Time{})
	must(t, err)
	return out
}

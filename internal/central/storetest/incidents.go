package storetest

import (
	"errors"
	"testing"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

func incident(id uuid.UUID, about mar.Event, code string) mar.Event {
	return mar.Event{ID: id, Kind: mar.KindIncident, DeviceID: central.CentreDevice, ResidentID: about.ResidentID,
		OccurredAt: about.OccurredAt, RecordedAt: T0, About: about.ID, ReasonCodes: []string{code}, Note: "found twice"}
}

// An incident is stored once by its ID, whatever it says the second time,
// is pulled by every device of its home, and a device cannot push one.
func testIncidentOnce(t *testing.T, f *fixture) {
	dose := given("tab-a", T0)
	f.put(t, "tab-a", dose)
	id := uuid.New()
	first := incident(id, dose, "DOUBLE_DOSE")
	n, err := f.st.PutIncidents(f.ctx, "willow", []mar.Event{first}, T0)
	if err != nil || n != 1 {
		t.Fatalf("PutIncidents = %d, %v; want 1 stored", n, err)
	}
	again := first
	again.Note = "found again on a later sync"
	n, err = f.st.PutIncidents(f.ctx, "willow", []mar.Event{again, again}, T0)
	if err != nil || n != 0 {
		t.Errorf("PutIncidents of a stored incident = %d, %v; want 0 stored, no error", n, err)
	}
	var found []central.StoredEvent
	for _, e := range f.events(t, "willow") {
		if e.Event.Kind == mar.KindIncident {
			found = append(found, e)
		}
	}
	if len(found) != 1 || found[0].Event.Note != first.Note || found[0].Device != central.CentreDevice {
		t.Errorf("incidents stored = %+v; want the first one only, from the centre", found)
	}
	changes, _, err := f.st.Changes(f.ctx, "willow", 0, 100)
	must(t, err)
	last := changes[len(changes)-1]
	if last.Kind != protocol.ChangeEvent || last.Event.ID != id || last.Device != central.CentreDevice {
		t.Errorf("last change = %+v; want the incident, from the centre", last)
	}
	if got := f.events(t, "oak"); len(got) != 0 {
		t.Errorf("oak holds %d events; want none of willow's incident", len(got))
	}

	bad := []struct {
		name string
		e    mar.Event
	}{
		{"an incident naming no code", incident(uuid.New(), dose, "")},
		{"an incident from a tablet", func() mar.Event { e := incident(uuid.New(), dose, "X"); e.DeviceID = "tab-a"; return e }()},
		{"an administration as an incident", given(central.CentreDevice, T0)},
	}
	for _, b := range bad {
		if _, err := f.st.PutIncidents(f.ctx, "willow", []mar.Event{b.e}, T0); !errors.Is(err, central.ErrRefused) {
			t.Errorf("%s: PutIncidents = %v, want ErrRefused", b.name, err)
		}
	}
	pushed := incident(uuid.New(), dose, "DOUBLE_DOSE")
	pushed.DeviceID = "tab-a"
	if acks := f.putAcks(t, "tab-a", pushed); acks[0].Status != protocol.AckRefused {
		t.Errorf("a tablet pushing an incident: %+v, want refused", acks[0])
	}
	if _, err := f.st.PutIncidents(f.ctx, "elm", []mar.Event{incident(uuid.New(), dose, "X")}, T0); !errors.Is(err, central.ErrNotFound) {
		t.Errorf("PutIncidents in an unknown home = %v, want ErrNotFound", err)
	}
}

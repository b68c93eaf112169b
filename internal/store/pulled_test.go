package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

func pulledDose(device string, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: device, UserID: "amy",
		ResidentID: storetest.ResidentMargaret, OccurredAt: at, RecordedAt: at,
		EntryID: storetest.EntryMetformin, EntryVersion: 1, SlotDue: at, Outcome: mar.OutcomeGiven, Quantity: 1}
}

func TestApplyPulledStoresAnotherTabletsDoseAsAcknowledged(t *testing.T) {
	st := storetest.Open(t)
	chart := storetest.Chart()
	at := storetest.ChartAt.Add(2 * time.Hour)
	own := pulledDose("tab-b", at)
	if err := st.Append(own); err != nil {
		t.Fatal(err)
	}
	other := pulledDose("tab-a", at.Add(time.Minute))
	home := mar.DefaultHome()
	home.Name = "Willow House"
	sum, err := st.ApplyPulled([]store.PulledChange{{Home: &home}, {Chart: &chart}, {Event: &other}, {Event: &own}}, 9)
	if err != nil {
		t.Fatal(err)
	}
	if sum != (store.PulledSummary{Events: 1, Charts: 1, Homes: 1}) {
		t.Errorf("summary = %+v; want one new event (the own one already held), one chart, one home", sum)
	}
	pending, _ := st.Pending(0)
	if len(pending) != 1 || pending[0].ID != own.ID {
		t.Errorf("outbox = %v; want only this tablet's own dose, still waiting to be sent", pending)
	}
	if ok, _ := st.Acked(other.ID); !ok {
		t.Error("the pulled dose is not marked as held by the centre")
	}
	evs, _ := st.Events(storetest.ResidentMargaret, at.Add(-time.Hour), at.Add(time.Hour))
	if len(evs) != 2 {
		t.Errorf("resident's history holds %d doses, want both tablets' 2", len(evs))
	}
	if h, _ := st.Home(); h.Name != "Willow House" {
		t.Errorf("home name = %q after pull", h.Name)
	}
	if c, _ := st.SyncCursor(); c != 9 {
		t.Errorf("cursor = %d, want 9", c)
	}
	if errs := st.Check(); len(errs) != 0 {
		t.Errorf("Check after pull: %v", errs)
	}
}

func TestApplyPulledRefusesAndChangesNothing(t *testing.T) {
	chart := storetest.Chart()
	at := storetest.ChartAt.Add(time.Hour)
	good := pulledDose("tab-a", at)
	noID := pulledDose("tab-a", at)
	noID.ID = uuid.Nil
	cases := []struct {
		name    string
		changes []store.PulledChange
		cursor  uint64
	}{
		{"an event with no ID after a good one", []store.PulledChange{{Event: &good}, {Event: &noID}}, 20},
		{"a change carrying two records", []store.PulledChange{{Event: &good, Chart: &chart}}, 20},
		{"a cursor behind the one applied", []store.PulledChange{{Event: &good}}, 4},
	}
	for _, c := range cases {
		st := storetest.Open(t)
		if _, err := st.ApplyPulled([]store.PulledChange{{Chart: &chart}}, 5); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ApplyPulled(c.changes, c.cursor); err == nil {
			t.Errorf("%s: ApplyPulled succeeded", c.name)
		}
		if _, err := st.Event(good.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: the good event was stored: %v", c.name, err)
		}
		if cur, _ := st.SyncCursor(); cur != 5 {
			t.Errorf("%s: cursor = %d, want 5 kept", c.name, cur)
		}
	}
}

func TestApplyPulledUserKeepsThisTabletsLock(t *testing.T) {
	st := storetest.Open(t)
	locked := time.Date(2026, 3, 29, 1, 5, 0, 0, time.UTC)
	if err := st.PutUser(mar.User{ID: "amy", Name: "Amy", Role: mar.RoleCarer, PINHash: "old", FailedPINs: 5, LockedUntil: locked}); err != nil {
		t.Fatal(err)
	}
	u := mar.User{ID: "amy", Name: "Amy Carter", Role: mar.RoleSenior, PINHash: "new"}
	if _, err := st.ApplyPulled([]store.PulledChange{{User: &u}}, 1); err != nil {
		t.Fatal(err)
	}
	got, _ := st.User("amy")
	if got.Name != "Amy Carter" || got.Role != mar.RoleSenior || got.PINHash != "new" || got.FailedPINs != 5 || !got.LockedUntil.Equal(locked) {
		t.Errorf("user after pull = %+v; want the centre's name, role and PIN with this tablet's lock", got)
	}
}

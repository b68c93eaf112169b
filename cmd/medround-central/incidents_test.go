package main

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store/storetest"
)

// Two tablets' records of Margaret's 08:00 metformin reach the centre:
// `incidents --json` lists one DOUBLE_DOSE, found when asked if the server
// had not found it yet, and the same one when asked again.
func TestIncidentsCommand(t *testing.T) {
	dir := t.TempDir()
	a := &app{dataDir: dir, getenv: func(string) string { return "" }}
	st, err := a.open()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u := storetest.Chart()
	eight := storetest.ChartAt.Add(2 * time.Hour)
	steps := []error{
		st.AddHome(ctx, central.Home{ID: "willow", Settings: mar.DefaultHome(), CreatedAt: storetest.ChartAt}),
		st.AddChart(ctx, "willow", protocol.ChartUpdate{Residents: u.Residents, Products: u.Products, Entries: u.Entries, At: u.At}),
	}
	for i, dev := range []string{"tab-a", "tab-b"} {
		_, code, _ := central.NewCode()
		_, tok, _ := central.NewToken()
		steps = append(steps, st.AddCode(ctx, central.EnrolmentCode{Hash: code, HomeID: "willow", ExpiresAt: time.Now().Add(time.Hour)}))
		_, _, err := st.Enrol(ctx, central.Enrolment{CodeHash: code, Device: central.Device{ID: dev, TokenHash: tok, EnrolledAt: storetest.ChartAt}})
		at := eight.Add(time.Duration(i) * 10 * time.Minute)
		_, perr := st.PutEvents(ctx, dev, []mar.Event{{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: dev,
			UserID: "amy", ResidentID: storetest.ResidentMargaret, OccurredAt: at, RecordedAt: at,
			EntryID: storetest.EntryMetformin, EntryVersion: 1, SlotDue: eight, Outcome: mar.OutcomeGiven, Quantity: 1}}, time.Now())
		steps = append(steps, err, perr)
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	var first []central.StoredEvent
	for range 2 {
		code, out, errOut := ctl(t, dir, "incidents", "--home", "willow", "--json")
		var got []central.StoredEvent
		if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
			t.Fatalf("incidents: exit %d, %v, %q", code, err, errOut)
		}
		if len(got) != 1 || got[0].Event.ReasonCodes[0] != central.IncidentDoubleDose || (first != nil && got[0].Event.ID != first[0].Event.ID) {
			t.Fatalf("incidents = %+v; want the one DOUBLE_DOSE", got)
		}
		first = got
	}
	if code, _, _ := ctl(t, dir, "incidents", "--home", "elm"); code != 1 {
		t.Errorf("incidents of an unknown home: exit %d, want 1", code)
	}
	if code, _, _ := ctl(t, dir, "incidents"); code != 2 {
		t.Errorf("incidents with no home: exit %d, want 2", code)
	}
}

package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store/storetest"
)

// A tablet sends Margaret's 08:00 metformin again under the same UUID with
// another quantity: `conflicts` shows the copy kept aside beside the one
// stored, so a manager can see what differs.
func TestConflictsCommand(t *testing.T) {
	dir := t.TempDir()
	a := &app{dataDir: dir, getenv: func(string) string { return "" }}
	st, err := a.open()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u := storetest.Chart()
	eight := storetest.ChartAt.Add(2 * time.Hour)
	_, code, _ := central.NewCode()
	_, tok, _ := central.NewToken()
	dose := mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: "tab-a", UserID: "amy",
		ResidentID: storetest.ResidentMargaret, OccurredAt: eight, RecordedAt: eight, EntryID: storetest.EntryMetformin,
		EntryVersion: 1, SlotDue: eight, Outcome: mar.OutcomeGiven, Quantity: 1}
	other := dose
	other.Quantity = 2
	var acks []protocol.EventAck
	steps := []func() error{
		func() error {
			return st.AddHome(ctx, central.Home{ID: "willow", Settings: mar.DefaultHome(), CreatedAt: storetest.ChartAt})
		},
		func() error {
			return st.AddChart(ctx, "willow", protocol.ChartUpdate{Residents: u.Residents, Products: u.Products, Entries: u.Entries, At: u.At})
		},
		func() error {
			return st.AddCode(ctx, central.EnrolmentCode{Hash: code, HomeID: "willow", ExpiresAt: time.Now().Add(time.Hour)})
		},
		func() error {
			_, _, err := st.Enrol(ctx, central.Enrolment{CodeHash: code, Device: central.Device{ID: "tab-a", TokenHash: tok, EnrolledAt: storetest.ChartAt}})
			return err
		},
		func() error { _, err := st.PutEvents(ctx, "tab-a", []mar.Event{dose}, time.Now()); return err },
		func() error { acks, err = st.PutEvents(ctx, "tab-a", []mar.Event{other}, time.Now()); return err },
		st.Close,
	}
	for _, s := range steps {
		if err := s(); err != nil {
			t.Fatal(err)
		}
	}
	if acks[0].Status != protocol.AckConflict {
		t.Fatalf("the second copy was %v, want a conflict", acks[0].Status)
	}
	n, out, errOut := ctl(t, dir, "conflicts", "--home", "willow", "--json")
	var rows []conflictRow
	if err := json.Unmarshal([]byte(out), &rows); n != 0 || err != nil {
		t.Fatalf("conflicts --json: exit %d, %v, %q", n, err, errOut)
	}
	if len(rows) != 1 || rows[0].KeptAside.Event.Quantity != 2 || rows[0].Stored == nil || rows[0].Stored.Event.Quantity != 1 {
		t.Errorf("conflicts = %+v; want the copy of quantity 2 beside the stored one of 1", rows)
	}
	if n, out, _ := ctl(t, dir, "conflicts", "--home", "willow"); n != 0 || !strings.Contains(out, dose.ID.String()) || !strings.Contains(out, "x2") {
		t.Errorf("conflicts: exit %d, %q; want the record named with what it said", n, out)
	}
	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"a home with no conflicts", []string{"home", "add", "--id", "oak", "--name", "Oak"}, 0, ""},
		{"conflicts of it", []string{"conflicts", "--home", "oak"}, 0, "no conflicts"},
		{"conflicts of it as JSON", []string{"conflicts", "--home", "oak", "--json"}, 0, "[]"},
		{"an unknown home", []string{"conflicts", "--home", "elm"}, 1, ""},
		{"no home", []string{"conflicts"}, 2, ""},
	}
	for _, c := range cases {
		if n, out, errOut := ctl(t, dir, c.args...); n != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%s: exit %d, %q %q; want exit %d with %q", c.name, n, out, errOut, c.code, c.out)
		}
	}
}

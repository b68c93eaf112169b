package protocol

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// The numbers are the wire: changing one makes old tablets misread new
// centres.
func TestWireEnumValuesNeverChange(t *testing.T) {
	cases := []struct {
		name      string
		got, want uint8
	}{
		{"ack stored", uint8(AckStored), 1},
		{"ack duplicate", uint8(AckDuplicate), 2},
		{"ack conflict", uint8(AckConflict), 3},
		{"ack refused", uint8(AckRefused), 4},
		{"change event", uint8(ChangeEvent), 1},
		{"change chart", uint8(ChangeChart), 2},
		{"change user", uint8(ChangeUser), 3},
		{"change home", uint8(ChangeHome), 4},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if Version != 2 || MinVersion != 1 {
		t.Errorf("Version = %d, MinVersion = %d; want 2 and 1 (the centre still answers version 1 tablets)", Version, MinVersion)
	}
}

func TestPushRoundTripKeepsEvent(t *testing.T) {
	at := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC) // the night the clocks go forward
	in := PushRequest{Version: Version, Events: []mar.Event{{
		ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: "tab-1", UserID: "amy",
		ResidentID: "R101", OccurredAt: at, RecordedAt: at, EntryID: "mr-1", EntryVersion: 2,
		SlotDue: at, Outcome: mar.OutcomeGiven, Quantity: 1.5, Verdict: mar.LevelOK,
	}}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out PushRequest
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(out)
	if string(b) != string(b2) {
		t.Errorf("round trip changed the push:\n%s\n%s", b, b2)
	}
}

func TestChangeValidate(t *testing.T) {
	ev := &mar.Event{ID: uuid.New()}
	cases := []struct {
		name string
		c    Change
		ok   bool
	}{
		{"event change with its event", Change{Seq: 1, Kind: ChangeEvent, Event: ev}, true},
		{"chart change with its chart", Change{Seq: 1, Kind: ChangeChart, Chart: &ChartUpdate{}}, true},
		{"user change with its user", Change{Seq: 1, Kind: ChangeUser, User: &mar.User{ID: "amy"}}, true},
		{"home change with its settings", Change{Seq: 1, Kind: ChangeHome, Home: &mar.Home{}}, true},
		{"event change carrying a user is refused", Change{Seq: 1, Kind: ChangeEvent, User: &mar.User{}}, false},
		{"change with two payloads is refused", Change{Seq: 1, Kind: ChangeEvent, Event: ev, Home: &mar.Home{}}, false},
		{"change with no payload is refused", Change{Seq: 1, Kind: ChangeHome}, false},
		{"unknown kind from a newer centre is refused", Change{Seq: 1, Kind: 99, Event: ev}, false},
		{"sequence zero is refused", Change{Kind: ChangeEvent, Event: ev}, false},
	}
	for _, c := range cases {
		if err := c.c.Validate(); (err == nil) != c.ok {
			t.Errorf("%s: Validate() = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

func TestPullResponseValidate(t *testing.T) {
	ev := &mar.Event{ID: uuid.New()}
	ch := func(seq uint64) Change { return Change{Seq: seq, Kind: ChangeEvent, Event: ev} }
	cases := []struct {
		name   string
		r      PullResponse
		cursor uint64
		ok     bool
	}{
		{"rising changes", PullResponse{Version: Version, Changes: []Change{ch(3), ch(5)}, Next: 5}, 2, true},
		{"nothing new", PullResponse{Version: Version, Next: 7}, 7, true},
		{"an older version's answer refused", PullResponse{Version: 1, Next: 7}, 7, false},
		{"a newer version's answer refused", PullResponse{Version: Version + 1, Next: 7}, 7, false},
		{"change at or before the cursor refused", PullResponse{Version: Version, Changes: []Change{ch(2)}, Next: 2}, 2, false},
		{"changes out of order refused", PullResponse{Version: Version, Changes: []Change{ch(5), ch(4)}, Next: 5}, 0, false},
		{"next before the last change refused", PullResponse{Version: Version, Changes: []Change{ch(5)}, Next: 4}, 0, false},
	}
	for _, c := range cases {
		if err := c.r.Validate(c.cursor); (err == nil) != c.ok {
			t.Errorf("%s: Validate(%d) = %v, want ok=%v", c.name, c.cursor, err, c.ok)
		}
	}
}

func TestCentreAnswersEveryVersionFromMinVersion(t *testing.T) {
	cases := []struct {
		name string
		v    int
		ok   bool
	}{
		{"a version 1 tablet not yet updated", 1, true},
		{"a tablet of this version", Version, true},
		{"no version", 0, false},
		{"a tablet newer than the centre", Version + 1, false},
	}
	for _, c := range cases {
		if err := CheckRequestVersion(c.v); (err == nil) != c.ok {
			t.Errorf("%s: CheckRequestVersion(%d) = %v, want ok=%v", c.name, c.v, err, c.ok)
		}
	}
}

func TestUnknownFieldIsRefusedWhenDecodedStrictly(t *testing.T) {
	dec := json.NewDecoder(strings.NewReader(`{"version":1,"cursor":3,"sneaky":true}`))
	dec.DisallowUnknownFields()
	var r PullRequest
	if err := dec.Decode(&r); err == nil {
		t.Error("decoding a pull request with an unknown field succeeded")
	}
}

// A new resident's status is left unsaid (zero) by import; it must cross
// the wire and come back unsaid, not fail to decode.
func TestChartUpdateWithUnsaidResidentStatusRoundTrips(t *testing.T) {
	in := ChartUpdate{At: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), Residents: []mar.Resident{{ID: "R101", Active: true}}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out ChartUpdate
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	if out.Residents[0].Status != 0 || !out.At.Equal(in.At) {
		t.Errorf("round trip = %+v, want status unsaid and the same time", out)
	}
}

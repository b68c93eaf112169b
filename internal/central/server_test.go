package central_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/mar"
	"medround/internal/protocol"
)

var t0 = time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC) // the night the clocks go back

type rig struct {
	st    central.Store
	h     http.Handler
	srv   *httptest.Server
	now   time.Time
	token string
}

func newRig(t *testing.T) *rig {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	for _, h := range []string{"willow", "oak"} {
		if err := st.AddHome(ctx, central.Home{ID: h, Settings: mar.Home{Name: h}, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
		if err := st.AddChart(ctx, h, protocol.ChartUpdate{At: t0, Residents: []mar.Resident{{ID: "R101"}}}); err != nil {
			t.Fatal(err)
		}
	}
	r := &rig{st: st, now: t0}
	r.h = central.NewServer(st, central.Options{Now: func() time.Time { return r.now }}).Handler()
	r.srv = httptest.NewServer(r.h)
	t.Cleanup(r.srv.Close)
	r.token = r.enrol(t, "willow", "tab-a")
	return r
}

func (r *rig) code(t *testing.T, home string) string {
	t.Helper()
	code, hash, err := central.NewCodeFor(home)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.st.AddCode(context.Background(), central.EnrolmentCode{Hash: hash, HomeID: home, ExpiresAt: r.now.Add(central.CodeTTL)}); err != nil {
		t.Fatal(err)
	}
	return code
}

func (r *rig) enrol(t *testing.T, home, device string) string {
	t.Helper()
	code := strings.ToLower(r.code(t, home)) // typed in lower case: still valid
	var resp protocol.EnrolResponse
	status, body := r.call(t, protocol.PathEnrol, "", enrolReq(code, device), &resp)
	if status != http.StatusOK || resp.HomeID != home || len(resp.Token) < 43 {
		t.Fatalf("enrol %s: %d %s", device, status, body)
	}
	return resp.Token
}

// enrolReq is a tablet's enrolment request, with its own request ID.
func enrolReq(code, device string) protocol.EnrolRequest {
	return protocol.EnrolRequest{Version: protocol.Version, Code: code, DeviceID: device, RequestID: uuid.NewString()}
}

// call posts v (a string is sent as is) and decodes a 200 into out.
func (r *rig) call(t *testing.T, path, token string, v any, out any) (int, string) {
	t.Helper()
	var body []byte
	if s, ok := v.(string); ok {
		body = []byte(s)
	} else {
		body, _ = json.Marshal(v)
	}
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.Unmarshal(buf.Bytes(), out); err != nil {
			t.Fatalf("decode %s: %v", buf.String(), err)
		}
	}
	return resp.StatusCode, buf.String()
}

func given(device string) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: device, UserID: "amy",
		ResidentID: "R101", OccurredAt: t0, RecordedAt: t0, EntryID: "mr-1", SlotDue: t0,
		Outcome: mar.OutcomeGiven, Quantity: 1}
}

func (r *rig) stored(t *testing.T) int {
	t.Helper()
	evs, err := r.st.Events(context.Background(), "willow", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

func TestRefusedRequestsChangeNothing(t *testing.T) {
	r := newRig(t)
	oakToken := r.enrol(t, "oak", "tab-oak")
	_ = oakToken
	big := protocol.PushRequest{Version: protocol.Version}
	for range protocol.MaxBatchEvents + 1 {
		big.Events = append(big.Events, given("tab-a"))
	}
	good := protocol.PushRequest{Version: protocol.Version, Events: []mar.Event{given("tab-a")}}
	cases := []struct {
		name   string
		path   string
		token  string
		body   any
		status int
		words  string
	}{
		{"push with no token", protocol.PathPush, "", good, 401, "no longer enrolled"},
		{"push with an unknown token", protocol.PathPush, "not-a-token", good, 401, "no longer enrolled"},
		{"malformed JSON", protocol.PathPush, r.token, `{"version":1,"events":[`, 400, "not valid JSON"},
		{"unknown field", protocol.PathPush, r.token, `{"version":1,"events":[],"home":"oak"}`, 400, "unknown field"},
		{"two documents in one body", protocol.PathPush, r.token, `{"version":1,"events":[]}{}`, 400, "after its JSON"},
		{"a newer wire version", protocol.PathPush, r.token, protocol.PushRequest{Version: protocol.Version + 1}, 400, "version"},
		{"no wire version", protocol.PathPush, r.token, protocol.PushRequest{}, 400, "version"},
		{"batch over the limit", protocol.PathPush, r.token, big, 413, "at most"},
		{"body over the size limit", protocol.PathPush, r.token, `{"version":1,"events":[` + strings.Repeat(" ", protocol.MaxBodyBytes) + `]}`, 413, "larger than"},
		{"pull with no token", protocol.PathPull, "", protocol.PullRequest{Version: protocol.Version}, 401, "no longer enrolled"},
		{"enrol with no code", protocol.PathEnrol, "", protocol.EnrolRequest{Version: protocol.Version, DeviceID: "x", RequestID: uuid.NewString()}, 400, "code is needed"},
		{"enrol with no request ID", protocol.PathEnrol, "", protocol.EnrolRequest{Version: protocol.Version, Code: r.code(t, "willow"), DeviceID: "x"}, 400, "request ID"},
		{"enrol with a request ID every tablet could send", protocol.PathEnrol, "", protocol.EnrolRequest{Version: protocol.Version, Code: r.code(t, "willow"), DeviceID: "x", RequestID: uuid.Nil.String()}, 400, "request ID"},
	}
	for _, c := range cases {
		status, body := r.call(t, c.path, c.token, c.body, nil)
		if status != c.status || !strings.Contains(body, c.words) {
			t.Errorf("%s: %d %s; want %d saying %q", c.name, status, body, c.status, c.words)
		}
		if n := r.stored(t); n != 0 {
			t.Errorf("%s: %d events stored, want none", c.name, n)
		}
	}
}

func TestRevokedTabletGets401(t *testing.T) {
	r := newRig(t)
	push := protocol.PushRequest{Version: protocol.Version, Events: []mar.Event{given("tab-a")}}
	if status, body := r.call(t, protocol.PathPush, r.token, push, nil); status != 200 {
		t.Fatalf("push before revocation: %d %s", status, body)
	}
	if err := r.st.RevokeDevice(context.Background(), "tab-a", t0); err != nil {
		t.Fatal(err)
	}
	push.Events = []mar.Event{given("tab-a")}
	status, body := r.call(t, protocol.PathPush, r.token, push, nil)
	if status != 401 || !strings.Contains(body, "This tablet is no longer enrolled") {
		t.Errorf("push after revocation: %d %s", status, body)
	}
	if n := r.stored(t); n != 1 {
		t.Errorf("%d events stored, want the one before revocation", n)
	}
}

func TestPushAcknowledgesOnceThenDuplicate(t *testing.T) {
	r := newRig(t)
	push := protocol.PushRequest{Version: protocol.Version, Events: []mar.Event{given("tab-a")}}
	for i, want := range []protocol.AckStatus{protocol.AckStored, protocol.AckDuplicate} {
		var resp protocol.PushResponse
		status, body := r.call(t, protocol.PathPush, r.token, push, &resp)
		if status != 200 || len(resp.Acks) != 1 || resp.Acks[0].Status != want || resp.Acks[0].ID != push.Events[0].ID {
			t.Errorf("push %d: %d %s; want %v", i+1, status, body, want)
		}
	}
	push.Events[0].Quantity = 2
	var resp protocol.PushResponse
	r.call(t, protocol.PathPush, r.token, push, &resp)
	if resp.Acks[0].Status != protocol.AckConflict {
		t.Errorf("other content under the same UUID: %v, want conflict", resp.Acks[0].Status)
	}
}

// A tablet pulls its own events too (a tablet restored from a backup has
// lost those after it), in pages; a cursor ahead of the centre (the centre
// restored from an older backup) is refused, not echoed back.
func TestPullReturnsOwnEventsAndPages(t *testing.T) {
	r := newRig(t)
	tokB := r.enrol(t, "willow", "tab-b")
	mine, theirs := given("tab-a"), given("tab-b")
	r.call(t, protocol.PathPush, r.token, protocol.PushRequest{Version: protocol.Version, Events: []mar.Event{mine}}, nil)
	r.call(t, protocol.PathPush, tokB, protocol.PushRequest{Version: protocol.Version, Events: []mar.Event{theirs}}, nil)
	var events []uuid.UUID
	cursor, pulls := uint64(0), 0
	for more := true; more; pulls++ {
		var resp protocol.PullResponse
		status, body := r.call(t, protocol.PathPull, r.token, protocol.PullRequest{Version: protocol.Version, Cursor: cursor, Limit: 1}, &resp)
		if status != 200 || resp.Validate(cursor) != nil {
			t.Fatalf("pull after %d: %d %s", cursor, status, body)
		}
		for _, c := range resp.Changes {
			if c.Kind == protocol.ChangeEvent {
				events = append(events, c.Event.ID)
			}
		}
		cursor, more = resp.Next, resp.More
	}
	if len(events) != 2 || events[0] != mine.ID || events[1] != theirs.ID {
		t.Errorf("tab-a pulled events %v; want its own %v and tab-b's %v", events, mine.ID, theirs.ID)
	}
	if pulls != 4 {
		t.Errorf("pulled in %d pages of one, want 4 (home, chart, own event, tab-b's event)", pulls)
	}
	status, body := r.call(t, protocol.PathPull, r.token, protocol.PullRequest{Version: protocol.Version, Cursor: cursor + 100}, nil)
	if status != 409 || !strings.Contains(body, "behind this tablet") {
		t.Errorf("pull with a cursor ahead of the centre: %d %s; want 409", status, body)
	}
}

func TestCodeExpiresAfterADay(t *testing.T) {
	r := newRig(t)
	code := r.code(t, "willow")
	r.now = r.now.Add(central.CodeTTL)
	if status, body := r.call(t, protocol.PathEnrol, "", protocol.EnrolRequest{Version: 1, Code: code, DeviceID: "tab-x"}, nil); status != 403 {
		t.Errorf("a code 24 h old: %d %s; want 403", status, body)
	}
}

func TestPlainHTTPOnlyOnLoopback(t *testing.T) {
	cases := []struct {
		addr    string
		withTLS bool
		ok      bool
	}{
		{"127.0.0.1:8443", false, true},
		{"[::1]:8443", false, true},
		{"localhost:8443", false, true},
		{"0.0.0.0:8443", false, false},
		{":8443", false, false},
		{"192.168.1.20:8443", false, false},
		{"0.0.0.0:8443", true, true},
	}
	for _, c := range cases {
		if err := central.CheckListen(c.addr, c.withTLS); (err == nil) != c.ok {
			t.Errorf("CheckListen(%q, tls=%v) = %v, want ok=%v", c.addr, c.withTLS, err, c.ok)
		}
	}
}

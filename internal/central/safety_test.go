package central_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// One record the centre will not take must not keep the rest of the
// outbox, and so the other tablets' view of the doses, behind it.
func TestPushTakesTheGoodEventsAndRefusesTheBadOne(t *testing.T) {
	r := newRig(t)
	r.enrol(t, "oak", "tab-oak")
	first, foreign, last := given("tab-a"), given("tab-oak"), given("tab-a")
	var resp protocol.PushResponse
	status, body := r.call(t, protocol.PathPush, r.token, protocol.PushRequest{Version: protocol.Version,
		Events: []mar.Event{first, foreign, last}}, &resp)
	if status != 200 || resp.Version != protocol.Version || len(resp.Acks) != 3 {
		t.Fatalf("push with one foreign event: %d %s; want 200 with three acknowledgements", status, body)
	}
	want := []protocol.AckStatus{protocol.AckStored, protocol.AckRefused, protocol.AckStored}
	for i, a := range resp.Acks {
		if a.Status != want[i] {
			t.Errorf("ack %d = %v, want %v", i, a.Status, want[i])
		}
	}
	if a := resp.Acks[1]; a.ID != foreign.ID || !strings.Contains(a.Reason, "another device") {
		t.Errorf("refusal = %+v; want the foreign event, saying it was recorded on another device", a)
	}
	if n := r.stored(t); n != 2 {
		t.Errorf("%d events stored, want the two good ones", n)
	}
}

// A tablet not yet updated cannot read AckRefused: it is told the push was
// refused, as before, but the good events are stored all the same, and
// sending the batch again stores nothing twice.
func TestVersion1PushWithABadEventIsRefusedButStoresTheRest(t *testing.T) {
	r := newRig(t)
	good, bad := given("tab-a"), given("tab-z")
	push := protocol.PushRequest{Version: 1, Events: []mar.Event{good, bad}}
	for i := range 2 {
		status, body := r.call(t, protocol.PathPush, r.token, push, nil)
		if status != 422 || !strings.Contains(body, "another device") {
			t.Errorf("version 1 push %d: %d %s; want 422 naming the refusal", i+1, status, body)
		}
		if n := r.stored(t); n != 1 {
			t.Errorf("after version 1 push %d: %d events stored, want the good one once", i+1, n)
		}
	}
	var resp protocol.PushResponse
	status, body := r.call(t, protocol.PathPush, r.token, protocol.PushRequest{Version: 1, Events: []mar.Event{given("tab-a")}}, &resp)
	if status != 200 || resp.Version != 1 {
		t.Errorf("good version 1 push: %d %s; want 200 answered in version 1", status, body)
	}
	var pull protocol.PullResponse
	if status, body := r.call(t, protocol.PathPull, r.token, protocol.PullRequest{Version: 1}, &pull); status != 200 || pull.Version != 1 {
		t.Errorf("version 1 pull: %d %s; want 200 answered in version 1", status, body)
	}
}

// The answer to an enrolment lost after the centre committed: the tablet
// sends the same request again and gets the token the centre keeps for
// it, not a refusal that leaves a token nobody holds.
func TestEnrolmentSentAgainGetsTheSameToken(t *testing.T) {
	r := newRig(t)
	req := enrolReq(r.code(t, "willow"), "tab-b")
	var first, again protocol.EnrolResponse
	if status, body := r.call(t, protocol.PathEnrol, "", req, &first); status != 200 {
		t.Fatalf("enrol: %d %s", status, body)
	}
	r.now = r.now.Add(time.Hour)
	if status, body := r.call(t, protocol.PathEnrol, "", req, &again); status != 200 || again.Token != first.Token || again.DeviceID != "tab-b" {
		t.Fatalf("the same enrolment again: %d %s; want 200 with the first token", status, body)
	}
	if status, body := r.call(t, protocol.PathPush, again.Token, protocol.PushRequest{Version: protocol.Version, Events: []mar.Event{given("tab-b")}}, nil); status != 200 {
		t.Errorf("push with the token answered again: %d %s", status, body)
	}
	other := req
	other.RequestID = uuid.NewString()
	if status, body := r.call(t, protocol.PathEnrol, "", other, nil); status != 403 {
		t.Errorf("another request with the used code: %d %s; want 403", status, body)
	}
	devs, err := r.st.Devices(t.Context(), "willow")
	if err != nil || len(devs) != 2 {
		t.Errorf("willow's devices = %+v, %v; want tab-a and tab-b once", devs, err)
	}
}

// Device IDs are on every record a tablet pulls: a holder of the home's
// code must not enrol under another tablet's, take over its token and
// write in its name.
func TestEnrolmentUnderAnEnrolledTabletsIDIsRefused(t *testing.T) {
	r := newRig(t)
	status, body := r.call(t, protocol.PathEnrol, "", enrolReq(r.code(t, "willow"), "tab-a"), nil)
	if status != 409 || !strings.Contains(body, "already enrolled") || !strings.Contains(body, "revoke") {
		t.Errorf("enrolling as tab-a with another willow code: %d %s; want 409 saying to revoke it first", status, body)
	}
	if status, body := r.call(t, protocol.PathPush, r.token, protocol.PushRequest{Version: protocol.Version, Events: []mar.Event{given("tab-a")}}, nil); status != 200 {
		t.Errorf("tab-a's own token after the refusal: %d %s; want it still working", status, body)
	}
	if err := r.st.RevokeDevice(t.Context(), "tab-a", r.now); err != nil {
		t.Fatal(err)
	}
	if status, body := r.call(t, protocol.PathEnrol, "", enrolReq(r.code(t, "willow"), "tab-a"), nil); status != 200 {
		t.Errorf("enrolling tab-a again once revoked: %d %s; want 200", status, body)
	}
}

// enrolFrom sends an enrolment as if from addr, and returns the status.
func (r *rig) enrolFrom(t *testing.T, addr, code string) int {
	t.Helper()
	body, _ := json.Marshal(enrolReq(code, "tab-"+uuid.NewString()[:8]))
	req := httptest.NewRequest(http.MethodPost, protocol.PathEnrol, bytes.NewReader(body))
	req.RemoteAddr = addr + ":40000"
	w := httptest.NewRecorder()
	r.h.ServeHTTP(w, req)
	return w.Code
}

// wrongCode is a code of the home's shape (its tag) that was never issued.
func wrongCode(home string) string {
	return central.HomeTag(home) + "-AAAA-BBBB-CCCC-DDDD"
}

// Wrong codes are counted per address and home, per home and per address:
// behind one proxy (one address) a mistyped code at one home does not
// hold up another home's tablets, and guesses at one home from many
// addresses are still limited.
func TestEnrolmentGuessesAreLimited(t *testing.T) {
	r := newRig(t)
	const proxy = "10.0.0.1"
	for i := range 5 {
		if st := r.enrolFrom(t, proxy, wrongCode("willow")); st != 403 {
			t.Fatalf("wrong willow code %d through the proxy: %d, want 403", i+1, st)
		}
	}
	steps := []struct {
		name       string
		addr, code string
		want       int
	}{
		{"willow's good code through the proxy after five wrong ones", proxy, r.code(t, "willow"), 429},
		{"oak's good code through the same proxy", proxy, r.code(t, "oak"), 200},
		{"willow's good code from another address", "10.0.0.2", r.code(t, "willow"), 200},
	}
	for _, s := range steps {
		if got := r.enrolFrom(t, s.addr, s.code); got != s.want {
			t.Errorf("%s: %d, want %d", s.name, got, s.want)
		}
	}
	// Fifteen more wrong willow codes, one from each of fifteen
	// addresses: twenty at willow in the window.
	for i := range 15 {
		if st := r.enrolFrom(t, "10.1.0."+strconv.Itoa(i+1), wrongCode("willow")); st != 403 {
			t.Fatalf("wrong willow code from address %d: %d, want 403", i+1, st)
		}
	}
	if got := r.enrolFrom(t, "10.2.0.1", r.code(t, "willow")); got != 429 {
		t.Errorf("willow's good code from a new address after twenty wrong ones at willow: %d, want 429", got)
	}
	if got := r.enrolFrom(t, "10.2.0.1", r.code(t, "oak")); got != 200 {
		t.Errorf("oak's good code meanwhile: %d, want 200", got)
	}
	r.now = r.now.Add(11 * time.Minute)
	if got := r.enrolFrom(t, proxy, r.code(t, "willow")); got != 200 {
		t.Errorf("willow's good code through the proxy after the window: %d, want 200", got)
	}
}

func TestCodeNamesItsHomeByTag(t *testing.T) {
	code, hash, err := central.NewCodeFor("willow")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, typed, want string
	}{
		{"as printed", code, central.HomeTag("willow")},
		{"typed in lower case without dashes", strings.ToLower(strings.ReplaceAll(code, "-", "")), central.HomeTag("willow")},
		{"an untagged code of the first centres", "AAAA-BBBB-CCCC-DDDD", ""},
		{"too short", "AAAA", ""},
	}
	for _, c := range cases {
		if got := central.CodeTag(c.typed); got != c.want {
			t.Errorf("%s: CodeTag(%q) = %q, want %q", c.name, c.typed, got, c.want)
		}
	}
	if !bytes.Equal(central.HashCode(strings.ToLower(code)), hash) || len(strings.Split(code, "-")) != 5 {
		t.Errorf("code %q: want five groups, its hash the same however typed", code)
	}
	if central.HomeTag("willow") == central.HomeTag("oak") {
		t.Error("willow and oak share a tag")
	}
}

func TestSealedTokenOpensOnlyWithItsCodeAndRequest(t *testing.T) {
	sealed, err := central.SealToken("the-token", "abcd-efgh", "req-1")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := central.OpenToken(sealed, "ABCDEFGH", "req-1"); err != nil || got != "the-token" {
		t.Errorf("open with the code as typed otherwise = %q, %v; want the token", got, err)
	}
	for _, c := range []struct{ code, req string }{{"abcd-efgh", "req-2"}, {"abcd-efgi", "req-1"}} {
		if _, err := central.OpenToken(sealed, c.code, c.req); err == nil {
			t.Errorf("opened with code %q and request %q", c.code, c.req)
		}
	}
	if _, err := central.OpenToken(sealed[:5], "abcd-efgh", "req-1"); err == nil {
		t.Error("opened a truncated seal")
	}
}

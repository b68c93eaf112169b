package syncer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// One record the centre will not take (here one that names another
// tablet, as a database copied from one would hold) is kept aside on the
// tablet with the centre's reason, not sent again, and the records behind
// it still reach the centre and the home's other tablet: before, the
// outbox stopped at it, and the other tablet never learnt the later doses.
func TestRefusedRecordIsKeptAsideAndTheRestGoesThrough(t *testing.T) {
	c := newCentre(t)
	p, url := newProxy(t, c.srv.URL)
	a, b := newTablet(t, c, url), newTablet(t, c, c.srv.URL)
	a.sync(t)
	b.sync(t)
	first := a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	copied := first
	copied.ID, copied.DeviceID = uuid.New(), "old-tablet"
	copied.OccurredAt, copied.RecordedAt = first.OccurredAt.Add(time.Minute), first.RecordedAt.Add(time.Minute)
	must(t, a.st.Append(copied))
	a.now = a.now.Add(10 * time.Minute)
	later := a.give(t, storetest.ResidentMargaret, storetest.GTINParacetamol, 1, "headache")

	if r := a.sync(t); r.Pushed != 2 || r.Refused != 1 || r.Queued != 0 {
		t.Errorf("sync with a refused record = %+v; want 2 pushed, 1 refused, none queued", r)
	}
	refused, err := a.st.Refused()
	must(t, err)
	if len(refused) != 1 || refused[0].ID != copied.ID || !strings.Contains(refused[0].Reason, "another device") {
		t.Errorf("refused records = %+v; want the copied one, with the centre's reason", refused)
	}
	pushes := p.pushes.Load()
	if r := a.sync(t); r.Pushed != 0 || r.Refused != 1 || p.pushes.Load() != pushes {
		t.Errorf("sync again = %+v after %d more pushes; want nothing sent again, still 1 refused", r, p.pushes.Load()-pushes)
	}
	b.sync(t)
	if _, err := b.st.Event(later.ID); err != nil {
		t.Errorf("the other tablet lacks the dose recorded after the refused one: %v", err)
	}
	seen := map[uuid.UUID]bool{}
	for _, e := range c.events(t) {
		seen[e.Event.ID] = true
	}
	if len(seen) != 2 || !seen[first.ID] || !seen[later.ID] {
		t.Errorf("centre holds %v; want the two good records", seen)
	}
	if errs := a.st.Check(); len(errs) != 0 {
		t.Errorf("tablet fails its check: %v", errs)
	}
}

// The centre commits an enrolment and the answer is lost: the tablet's
// retry, and a second try by hand with the same code, get the same token,
// not "code used" and a token nobody holds.
func TestEnrolmentAnswerLostAfterCommitIsAnsweredAgain(t *testing.T) {
	cases := []struct {
		name    string
		dropped int32 // answers lost
		tries   int   // EnrolTablet calls
		enrols  int32 // enrolments that reached the centre
	}{
		{"one answer lost, the client's retry gets it", 1, 1, 2},
		{"every retry's answer lost, enrolled again by hand with the same code", 4, 2, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCentre(t)
			p, url := newProxy(t, c.srv.URL)
			dir, code := t.TempDir(), c.code(t)
			p.dropEnrol.Store(tc.dropped)
			var e syncer.Enrolment
			var err error
			for i := range tc.tries {
				if e, err = syncer.EnrolTablet(context.Background(), dir, url, code, "floor 2", syncer.HomeHeld{}, fastRetry(c.log)); err != nil && i == tc.tries-1 {
					t.Fatalf("enrol: %v", err)
				}
			}
			if got := p.enrols.Load(); got != tc.enrols {
				t.Errorf("%d enrolments reached the centre, want %d (the fault happened)", got, tc.enrols)
			}
			devs, err := c.st.Devices(context.Background(), home)
			must(t, err)
			if len(devs) != 1 || devs[0].ID != e.DeviceID || !bytesEqual(devs[0].TokenHash, central.HashSecret(e.Token)) {
				t.Errorf("centre's devices = %+v; want this tablet once, with the token it holds", devs)
			}
			if _, err := os.Stat(filepath.Join(dir, "enrolment-request.json")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the answered request is still kept: %v", err)
			}
			tb := &tablet{dir: dir, st: storetest.OpenAt(t, filepath.Join(dir, "medround.db")), log: c.log}
			if r := tb.sync(t); r.Changes != 3 {
				t.Errorf("first sync with the token answered again = %+v; want home, chart and staff", r)
			}
		})
	}
}

func bytesEqual(a, b []byte) bool { return string(a) == string(b) }

// Plain HTTP to another machine would carry the token and every record in
// the clear; the client refuses such an address by the centre's own rule.
func TestPlainHTTPOnlyToThisMachine(t *testing.T) {
	cases := []struct {
		server string
		ok     bool
	}{
		{"https://central.example.org:8443", true},
		{"https://192.168.1.20:8443", true},
		{"http://127.0.0.1:8443", true},
		{"http://[::1]:8443", true},
		{"http://localhost:8443", true},
		{"http://LOCALHOST:8443", true},
		{"http://192.168.1.20:8443", false},
		{"http://0.0.0.0:8443", false},
		{"http://central.example.org:8443", false},
		{"http://127.0.0.1.nip.io:8443", false},
	}
	for _, c := range cases {
		_, err := syncer.NewClient(c.server, "", syncer.Options{})
		if (err == nil) != c.ok || (!c.ok && !errors.Is(err, syncer.ErrPlainHTTP)) {
			t.Errorf("NewClient(%q) = %v, want ok=%v", c.server, err, c.ok)
		}
		host := strings.TrimPrefix(strings.TrimPrefix(c.server, "https://"), "http://")
		if strings.HasPrefix(c.server, "http://") && !strings.Contains(host, "example") && !strings.Contains(host, "nip.io") {
			if cerr := central.CheckListen(host, false); (cerr == nil) != c.ok {
				t.Errorf("the centre's rule for %s = %v; the client's ok=%v: they differ", host, cerr, c.ok)
			}
		}
	}
	dir := t.TempDir()
	_, err := syncer.EnrolTablet(context.Background(), dir, "http://192.168.1.20:8443", "AAAA-BBBB", "", syncer.HomeHeld{}, syncer.Options{})
	if !errors.Is(err, syncer.ErrPlainHTTP) || !strings.Contains(err.Error(), "https://") {
		t.Errorf("enrol over plain HTTP to another machine = %v; want ErrPlainHTTP saying to use https://", err)
	}
	if _, err := syncer.LoadEnrolment(dir); !errors.Is(err, syncer.ErrNoEnrolment) {
		t.Errorf("after the refusal the tablet holds an enrolment: %v", err)
	}
}

package syncer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/protocol"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// proxy sits between a tablet and the centre on loopback and injects
// faults into pushes.
type proxy struct {
	target string
	// dropAfterCommit: the next n pushes reach the centre, which commits
	// them, but the tablet's connection is closed before it gets the reply.
	dropAfterCommit atomic.Int32
	// duplicate: every push is sent to the centre twice.
	duplicate atomic.Bool
	pushes    atomic.Int32 // pushes that reached the centre
	// unavailable: the next n requests get 503 without reaching the centre.
	unavailable atomic.Int32
	// dropEnrol: the next n enrolments reach the centre, which commits
	// them, but the tablet's connection is closed before it gets the reply.
	dropEnrol atomic.Int32
	enrols    atomic.Int32 // enrolments that reached the centre
}

func newProxy(t *testing.T, target string) (*proxy, string) {
	t.Helper()
	p := &proxy{target: target}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return p, srv.URL
}

func (p *proxy) forward(r *http.Request, body []byte) (*http.Response, []byte, error) {
	req, _ := http.NewRequestWithContext(r.Context(), r.Method, p.target+r.URL.Path, bytes.NewReader(body))
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if p.unavailable.Add(-1) >= 0 {
		http.Error(w, `{"version":1,"error":"centre restarting"}`, http.StatusServiceUnavailable)
		return
	}
	isPush := r.URL.Path == protocol.PathPush
	sends := 1
	if isPush && p.duplicate.Load() {
		sends = 2
	}
	var resp *http.Response
	var data []byte
	var err error
	for range sends {
		if resp, data, err = p.forward(r, body); err != nil {
			http.Error(w, "proxy: "+err.Error(), http.StatusBadGateway)
			return
		}
		if isPush {
			p.pushes.Add(1)
		}
	}
	isEnrol := r.URL.Path == protocol.PathEnrol
	if isEnrol {
		p.enrols.Add(1)
	}
	if (isPush && p.dropAfterCommit.Add(-1) >= 0) || (isEnrol && p.dropEnrol.Add(-1) >= 0) {
		conn, _, herr := w.(http.Hijacker).Hijack()
		if herr == nil {
			_ = conn.Close()
		}
		return
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(data)
}

func TestFaultsEndWithNoDuplicates(t *testing.T) {
	cases := []struct {
		name       string
		set        func(p *proxy)
		wantPushes int32
	}{
		{"connection dropped after the centre committed", func(p *proxy) { p.dropAfterCommit.Store(1) }, 2},
		{"every push duplicated on the way", func(p *proxy) { p.duplicate.Store(true) }, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCentre(t)
			p, url := newProxy(t, c.srv.URL)
			a := newTablet(t, c, url)
			a.sync(t)
			first := a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
			second := a.give(t, storetest.ResidentMargaret, storetest.GTINParacetamol, 1, "headache")
			tc.set(p)
			r := a.sync(t)
			if r.Pushed != 2 || r.Queued != 0 || r.Conflicts != 0 {
				t.Errorf("sync = %+v; want 2 pushed, none queued, no conflicts", r)
			}
			if got := p.pushes.Load(); got != tc.wantPushes {
				t.Errorf("the centre got %d pushes, want %d (the fault happened)", got, tc.wantPushes)
			}
			seen := map[uuid.UUID]int{}
			for _, e := range c.events(t) {
				seen[e.Event.ID]++
			}
			if len(seen) != 2 || seen[first.ID] != 1 || seen[second.ID] != 1 {
				t.Errorf("centre holds %v; want each record once", seen)
			}
		})
	}
}

func TestUnreachableCentreLeavesEverythingQueued(t *testing.T) {
	c := newCentre(t)
	a := newTablet(t, c, c.srv.URL)
	a.sync(t)
	a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	c.srv.Close()
	cl, _, err := syncer.ForTablet(a.dir, fastRetry(c.log))
	must(t, err)
	r, err := cl.Sync(context.Background(), a.st)
	if !errors.Is(err, syncer.ErrUnreachable) || r.Queued != 1 || r.Pushed != 0 {
		t.Errorf("sync with the centre down = %+v, %v; want ErrUnreachable and the record queued", r, err)
	}
}

func TestRevokedTabletIsToldItIsNoLongerEnrolled(t *testing.T) {
	c := newCentre(t)
	a := newTablet(t, c, c.srv.URL)
	a.sync(t)
	a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	e, err := syncer.LoadEnrolment(a.dir)
	must(t, err)
	must(t, c.st.RevokeDevice(context.Background(), e.DeviceID, time.Now()))
	cl, _, _ := syncer.ForTablet(a.dir, fastRetry(c.log))
	r, err := cl.Sync(context.Background(), a.st)
	if !errors.Is(err, syncer.ErrNotEnrolled) || r.Queued != 1 {
		t.Errorf("sync after revocation = %+v, %v; want ErrNotEnrolled, the record queued", r, err)
	}
}

// countingServer answers each request with the next status, counting
// requests.
func countingServer(t *testing.T, statuses ...int) (*atomic.Int32, string) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		st := statuses[min(i, len(statuses)-1)]
		if st == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "0")
		}
		if st == http.StatusOK {
			_, _ = fmt.Fprintf(w, `{"version":%d,"acks":[]}`, protocol.Version)
			return
		}
		w.WriteHeader(st)
		_, _ = io.WriteString(w, `{"version":1,"error":"no"}`)
	}))
	t.Cleanup(srv.Close)
	return &n, srv.URL
}

func TestRetriesOnlyWhatMaySucceedLater(t *testing.T) {
	cases := []struct {
		name     string
		statuses []int
		requests int32
		wantErr  error
	}{
		{"503 then OK is retried", []int{503, 200}, 2, nil},
		{"429 with Retry-After then OK is retried", []int{429, 200}, 2, nil},
		{"500 every time gives up after the retries", []int{500}, 4, syncer.ErrUnreachable},
		{"400 is never retried", []int{400}, 1, syncer.ErrRefused},
		{"401 is never retried", []int{401}, 1, syncer.ErrNotEnrolled},
		{"403 is never retried", []int{403}, 1, syncer.ErrRefused},
	}
	for _, tc := range cases {
		n, url := countingServer(t, tc.statuses...)
		cl, err := syncer.NewClient(url, "tok", syncer.Options{RetryMax: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond})
		must(t, err)
		_, err = cl.Enrol(context.Background(), "CODE", "dev", "", uuid.NewString())
		if tc.wantErr == nil && err != nil && !strings.Contains(err.Error(), "no token") {
			t.Errorf("%s: %v", tc.name, err)
		}
		if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.wantErr)
		}
		if got := n.Load(); got != tc.requests {
			t.Errorf("%s: %d requests, want %d", tc.name, got, tc.requests)
		}
	}
}

func TestCancelledSyncStopsRetrying(t *testing.T) {
	n, url := countingServer(t, 503)
	cl, err := syncer.NewClient(url, "tok", syncer.Options{RetryMax: 50, RetryWaitMin: 50 * time.Millisecond, RetryWaitMax: 50 * time.Millisecond})
	must(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = cl.Enrol(ctx, "CODE", "dev", "", uuid.NewString())
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second || n.Load() > 5 {
		t.Errorf("cancelled enrol: %v after %v and %d requests; want it to stop at the deadline", err, time.Since(start), n.Load())
	}
}

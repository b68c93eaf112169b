// Package syncer is the tablet side of sync: it enrols the tablet with the
// central record, pushes the outbox in batches (acknowledging each event
// only after the centre says it holds it, and keeping aside those it
// refused), and pulls the home's chart, staff, settings and other tablets'
// records after its cursor. It is, with internal/central, the only code
// that speaks HTTP.
package syncer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"medround/internal/protocol"
)

// Errors a sync ends with, for the status bar and the exit status.
var (
	// ErrUnreachable: the centre could not be reached (or kept failing)
	// after every retry. Nothing was lost: records stay queued.
	ErrUnreachable = errors.New("the central record could not be reached")
	// ErrNotEnrolled: the centre does not know this tablet's token, or it
	// was revoked.
	ErrNotEnrolled = errors.New("this tablet is no longer enrolled")
	// ErrRefused: the centre refused a request (a 4xx); its words follow.
	ErrRefused = errors.New("the central record refused")
	// ErrPlainHTTP: an http:// address of another machine. The tablet's
	// token and its records would cross the network unencrypted; the
	// centre refuses plain HTTP off loopback too (central.CheckListen).
	ErrPlainHTTP = errors.New("the central record's address must start with https://: " +
		"plain http:// is only for a central record on this same machine (127.0.0.1, ::1 or localhost)")
)

// Options tune the client. Zero values take the defaults.
type Options struct {
	// HTTPClient carries the transport (tests give one trusting their
	// certificate); nil means a pooled client with a 30 s timeout.
	HTTPClient *http.Client
	// RetryMax is how many times a request is retried; 0 means 4.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff; 0 means 500 ms and
	// 30 s.
	RetryWaitMin, RetryWaitMax time.Duration
	// Now is the tablet's clock, sent as each request's Date so the centre
	// can tell a tablet whose clock is off; nil means time.Now.
	Now func() time.Time
	// Log, when set, receives retryablehttp's messages without their
	// key-value pairs (which hold the URL and errors); nil logs nothing.
	Log func(msg string)
}

// maxRetryAfter caps a server's Retry-After, so one answer cannot hold a
// sync, and the screen that shows its state, for longer.
const maxRetryAfter = 2 * time.Minute

// Client talks to one central record.
type Client struct {
	rc    *retryablehttp.Client
	base  string
	token string
}

// NewClient returns a client of the centre at server (https://host:port,
// or http:// on loopback), using token for every call but enrolment.
func NewClient(server, token string, opt Options) (*Client, error) {
	if err := CheckServer(server); err != nil {
		return nil, err
	}
	rc := retryablehttp.NewClient()
	rc.Logger = nil // it logs every URL by default
	if opt.Log != nil {
		rc.Logger = redacting{opt.Log}
	}
	rc.RetryMax = cmpOr(opt.RetryMax, 4)
	rc.RetryWaitMin = cmpOr(opt.RetryWaitMin, 500*time.Millisecond)
	rc.RetryWaitMax = cmpOr(opt.RetryWaitMax, 30*time.Second)
	rc.Backoff = backoff
	rc.CheckRetry = retryablehttp.DefaultRetryPolicy
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	// Dated on every attempt, not once: a request retried for minutes
	// must not read as a clock that is minutes behind.
	rc.RequestLogHook = func(_ retryablehttp.Logger, r *http.Request, _ int) {
		r.Header.Set("Date", now().UTC().Format(http.TimeFormat))
	}
	if opt.HTTPClient != nil {
		rc.HTTPClient = opt.HTTPClient
	} else {
		rc.HTTPClient.Timeout = 30 * time.Second
	}
	return &Client{rc: rc, base: strings.TrimRight(server, "/"), token: token}, nil
}

// CheckServer refuses a centre's address the client will not use: not
// https://HOST:PORT, or http:// to another machine (ErrPlainHTTP).
func CheckServer(server string) error {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("central record address %q: give it as https://HOST:PORT", server)
	}
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return ErrPlainHTTP
	}
	return nil
}

// loopback reports whether host is this machine by the centre's rule
// (central.CheckListen): localhost or a loopback IP address.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// backoff is exponential with jitter (a random half to whole of the step,
// so tablets that lost the network together do not return together), and
// honours Retry-After on 429 and 503 up to maxRetryAfter.
func backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
			return minDur(time.Duration(s)*time.Second, maxRetryAfter)
		}
	}
	step := max
	if attempt < 30 {
		step = minDur(min<<attempt, max)
	}
	if step <= 1 {
		return step
	}
	return step/2 + rand.N(step/2)
}

func minDur(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

// redacting passes on retryablehttp's messages without their key-value
// pairs: those hold the URL and errors that could name the server's path
// and, in a response error, what was sent.
type redacting struct{ log func(string) }

func (r redacting) Error(msg string, _ ...any) { r.log("sync: " + msg) }
func (r redacting) Info(msg string, _ ...any)  { r.log("sync: " + msg) }
func (r redacting) Debug(msg string, _ ...any) { r.log("sync: " + msg) }
func (r redacting) Warn(msg string, _ ...any)  { r.log("sync: " + msg) }

// post sends v as JSON to path and decodes a 200 into out. The body is a
// byte slice, so every retry sends it whole.
func (c *Client) post(ctx context.Context, path string, authed bool, v, out any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.base+path, body)
	if err != nil {
		return fmt.Errorf("make request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if authed {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.rc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return ErrUnreachable // the cause names the address; the words are enough
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, protocol.MaxBodyBytes*4))
	if err != nil {
		return fmt.Errorf("%w: reading the answer failed", ErrUnreachable)
	}
	return answer(resp.StatusCode, data, out)
}

func answer(status int, data []byte, out any) error {
	switch {
	case status == http.StatusOK:
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("the central record's answer could not be read: %w", err)
		}
		return nil
	case status == http.StatusUnauthorized:
		return ErrNotEnrolled
	case status >= 500 || status == http.StatusTooManyRequests:
		return fmt.Errorf("%w: it answered %d after every retry", ErrUnreachable, status)
	}
	var e protocol.ErrorResponse
	if json.Unmarshal(data, &e) != nil || e.Error == "" {
		e.Error = http.StatusText(status)
	}
	return fmt.Errorf("%w: %s", ErrRefused, e.Error)
}

// Enrol enrols this tablet (deviceID) with a one-time code. requestID, a
// random UUID made for this enrolment, lets it be sent again, by the
// retries here or by a later call with the same code and ID, when an
// answer is lost: the centre answers the same token again.
func (c *Client) Enrol(ctx context.Context, code, deviceID, name, requestID string) (protocol.EnrolResponse, error) {
	var resp protocol.EnrolResponse
	req := protocol.EnrolRequest{Version: protocol.Version, Code: strings.TrimSpace(code), DeviceID: deviceID, Name: name, RequestID: requestID}
	if err := c.post(ctx, protocol.PathEnrol, false, req, &resp); err != nil {
		return resp, fmt.Errorf("enrol: %w", err)
	}
	if err := protocol.CheckVersion(resp.Version); err != nil {
		return resp, fmt.Errorf("enrol: %w", err)
	}
	if resp.Token == "" || resp.DeviceID != deviceID {
		return resp, errors.New("enrol: the central record's answer has no token for this tablet")
	}
	return resp, nil
}

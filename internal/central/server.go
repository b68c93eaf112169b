package central

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"medround/internal/protocol"
)

// Messages a tablet shows or logs. They never carry personal data.
const (
	msgNotEnrolled = "This tablet is no longer enrolled: ask a manager to enrol it again"
	msgInternal    = "the central record could not do this: try again later"
)

// Options configure a Server.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives one line per refused or failed request: status,
	// path and the error's words, never a body, token or code. Nil
	// discards.
	Log func(format string, args ...any)
	// Incidents, when set, is run after a push stores events and before a
	// pull, so the tablets pull the incidents their records raised.
	Incidents IncidentFinder
	// FHIR, when set, serves PathFHIRAdministrations.
	FHIR Exporter
}

// Server is the central record's HTTP API over a Store.
type Server struct {
	st        Store
	now       func() time.Time
	log       func(string, ...any)
	guesses   *limiter
	incidents IncidentFinder
	fhir      Exporter
}

// NewServer returns the API over st.
func NewServer(st Store, opt Options) *Server {
	s := &Server{st: st, now: opt.Now, log: opt.Log, incidents: opt.Incidents, fhir: opt.FHIR}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = func(string, ...any) {}
	}
	s.guesses = newLimiter(s.now)
	return s
}

// Handler routes /v1/.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+protocol.PathEnrol, s.handleEnrol)
	mux.HandleFunc("POST "+protocol.PathPush, s.authed(s.handlePush))
	mux.HandleFunc("POST "+protocol.PathPull, s.authed(s.handlePull))
	mux.HandleFunc("GET "+PathFHIRAdministrations, s.authed(s.handleFHIR))
	return mux
}

// httpError is a refusal with its status and the words the client gets.
type httpError struct {
	status int
	msg    string
	retry  time.Duration // Retry-After, for 429
}

func (e *httpError) Error() string { return e.msg }

func refuse(status int, format string, a ...any) *httpError {
	return &httpError{status: status, msg: fmt.Sprintf(format, a...)}
}

// fail answers a request with an error. Store failures other than a
// refusal are 500 with words that reveal nothing of the cause.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	switch {
	case errors.As(err, &he):
	case errors.Is(err, ErrRefused):
		he = refuse(http.StatusUnprocessableEntity, "%s", err.Error())
	case errors.Is(err, context.Canceled):
		he = refuse(http.StatusServiceUnavailable, "request cancelled")
	default:
		he = refuse(http.StatusInternalServerError, msgInternal)
		s.log("central: %s %s: %v", r.Method, r.URL.Path, err)
	}
	if he.retry > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(he.retry.Seconds()+0.999)))
	}
	s.log("central: %s %s: %d %s", r.Method, r.URL.Path, he.status, he.msg)
	writeJSON(w, he.status, protocol.ErrorResponse{Version: protocol.Version, Error: he.msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decode reads one JSON document of at most protocol.MaxBodyBytes,
// refusing unknown fields, trailing data and another wire version.
func decode(w http.ResponseWriter, r *http.Request, v any, version func() int) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return refuse(http.StatusUnsupportedMediaType, "send the body as application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, protocol.MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return refuse(http.StatusRequestEntityTooLarge, "request body is larger than %d bytes: send fewer events per batch", protocol.MaxBodyBytes)
		}
		return refuse(http.StatusBadRequest, "request body is not valid JSON for this call: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return refuse(http.StatusBadRequest, "request body has data after its JSON document")
	}
	if err := protocol.CheckVersion(version()); err != nil {
		return refuse(http.StatusBadRequest, "%v", err)
	}
	return nil
}

// authed checks the bearer token: unknown and revoked tokens get 401.
func (s *Server) authed(h func(http.ResponseWriter, *http.Request, Device)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || token == "" || len(token) > 256 {
			s.fail(w, r, refuse(http.StatusUnauthorized, msgNotEnrolled))
			return
		}
		d, err := s.st.DeviceByToken(r.Context(), HashSecret(token))
		switch {
		case errors.Is(err, ErrNotFound) || (err == nil && d.Revoked()):
			s.fail(w, r, refuse(http.StatusUnauthorized, msgNotEnrolled))
			return
		case err != nil:
			s.fail(w, r, err)
			return
		}
		h(w, r, d)
	}
}

func (s *Server) handleEnrol(w http.ResponseWriter, r *http.Request) {
	ip := clientIP(r)
	if wait := s.guesses.wait(ip); wait > 0 {
		s.fail(w, r, &httpError{status: http.StatusTooManyRequests, retry: wait,
			msg: "too many enrolment attempts: wait, then check the code and try again"})
		return
	}
	var req protocol.EnrolRequest
	if err := decode(w, r, &req, func() int { return req.Version }); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := checkEnrolRequest(req); err != nil {
		s.fail(w, r, err)
		return
	}
	token, hash, err := NewToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.st.Enrol(r.Context(), HashCode(req.Code), Device{
		ID: req.DeviceID, Name: req.Name, TokenHash: hash, EnrolledAt: s.now().UTC()})
	switch {
	case errors.Is(err, ErrCodeInvalid):
		s.guesses.failed(ip)
		s.fail(w, r, refuse(http.StatusForbidden, "the enrolment code is not valid: it may be mistyped, used or more than 24 hours old; ask for a new one"))
		return
	case errors.Is(err, ErrDeviceTaken):
		s.fail(w, r, refuse(http.StatusConflict, "this tablet is enrolled in another home: revoke it there first"))
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	h, err := s.st.Home(r.Context(), d.HomeID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, protocol.EnrolResponse{Version: protocol.Version,
		HomeID: d.HomeID, HomeName: h.Settings.Name, DeviceID: d.ID, Token: token})
}

func checkEnrolRequest(req protocol.EnrolRequest) error {
	switch {
	case req.Code == "" || len(req.Code) > protocol.MaxCodeLen:
		return refuse(http.StatusBadRequest, "an enrolment code is needed")
	case req.DeviceID == "" || len(req.DeviceID) > protocol.MaxIDLen || strings.IndexByte(req.DeviceID, 0) >= 0:
		return refuse(http.StatusBadRequest, "the tablet's device ID is missing or too long")
	case req.DeviceID == CentreDevice:
		return refuse(http.StatusBadRequest, "the device ID %q is the central record's own", CentreDevice)
	case len(req.Name) > protocol.MaxNameLen:
		return refuse(http.StatusBadRequest, "the device name is longer than %d bytes", protocol.MaxNameLen)
	}
	return nil
}

func (s *Server) handlePush(w http.ResponseWriter, r *http.Request, d Device) {
	var req protocol.PushRequest
	if err := decodePush(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(req.Events) > protocol.MaxBatchEvents {
		s.fail(w, r, refuse(http.StatusRequestEntityTooLarge, "a push carries at most %d events; this one has %d", protocol.MaxBatchEvents, len(req.Events)))
		return
	}
	at := s.now().UTC()
	statuses, err := s.st.PutEvents(r.Context(), d.ID, req.Events, at)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	resp := protocol.PushResponse{Version: protocol.Version, Acks: make([]protocol.EventAck, len(req.Events))}
	stored := false
	for i, e := range req.Events {
		resp.Acks[i] = protocol.EventAck{ID: e.ID, Status: statuses[i]}
		stored = stored || statuses[i] == protocol.AckStored
	}
	s.afterPush(r, d, req.Events, stored, at)
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) handlePull(w http.ResponseWriter, r *http.Request, d Device) {
	var req protocol.PullRequest
	if err := decode(w, r, &req, func() int { return req.Version }); err != nil {
		s.fail(w, r, err)
		return
	}
	s.find(r.Context(), d.HomeID)
	limit := req.Limit
	if limit <= 0 || limit > protocol.MaxPullChanges {
		limit = protocol.MaxPullChanges
	}
	changes, head, err := s.st.Changes(r.Context(), d.HomeID, req.Cursor, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if req.Cursor > head {
		// The centre was restored from a backup older than what this
		// tablet has seen: answering with its cursor would skip every
		// change numbered again from head on.
		s.fail(w, r, refuse(http.StatusConflict, "the central record is behind this tablet (restored from an older backup?): stop syncing and contact support"))
		return
	}
	resp := protocol.PullResponse{Version: protocol.Version, Changes: []protocol.Change{}, Next: max(req.Cursor, head)}
	if len(changes) > 0 {
		resp.Next = changes[len(changes)-1].Seq
	}
	for _, c := range changes {
		// A device's own events go back to it too: a tablet restored
		// from a backup has lost the ones after it, and the tablet skips
		// those it holds.
		resp.Changes = append(resp.Changes, c.Change)
	}
	resp.More = resp.Next < head
	writeJSON(w, http.StatusOK, resp)
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

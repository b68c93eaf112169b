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

	"github.com/google/uuid"

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
	return checkVersion(version())
}

// checkVersion refuses a request of a wire version the centre cannot
// answer (decode's last step, and the fast push decoder's).
func checkVersion(v int) error {
	if err := protocol.CheckRequestVersion(v); err != nil {
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
	var req protocol.EnrolRequest
	if err := decode(w, r, &req, func() int { return req.Version }); err != nil {
		s.fail(w, r, err)
		return
	}
	// Counted per address and per home: the code's tag says which home
	// it was meant for, right or wrong.
	g := guess{addr: clientIP(r), home: CodeTag(req.Code)}
	if wait := s.guesses.wait(g); wait > 0 {
		s.fail(w, r, &httpError{status: http.StatusTooManyRequests, retry: wait,
			msg: "too many enrolment attempts: wait, then check the code and try again"})
		return
	}
	if err := checkEnrolRequest(req); err != nil {
		s.fail(w, r, err)
		return
	}
	resp, err := s.enrol(r.Context(), req)
	if errors.Is(err, ErrCodeInvalid) {
		s.guesses.failed(g)
	}
	if err != nil {
		s.fail(w, r, enrolRefusal(err, req.DeviceID))
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// enrolRefusal words a store's refusal of an enrolment for the tablet.
func enrolRefusal(err error, deviceID string) error {
	switch {
	case errors.Is(err, ErrCodeInvalid):
		return refuse(http.StatusForbidden, "the enrolment code is not valid: it may be mistyped, used or more than 24 hours old; ask for a new one")
	case errors.Is(err, ErrDeviceTaken):
		return refuse(http.StatusConflict, "this tablet is enrolled in another home: revoke it there first")
	case errors.Is(err, ErrDeviceEnrolled):
		return refuse(http.StatusConflict, "a tablet with this device ID (%s) is already enrolled in this home: "+
			"to enrol it again, a manager first revokes it at the central record (medround-central device revoke %s)", deviceID, deviceID)
	}
	return err
}

// enrol records an enrolment, or finds the same one sent before and
// answers it again with its token.
func (s *Server) enrol(ctx context.Context, req protocol.EnrolRequest) (protocol.EnrolResponse, error) {
	token, hash, err := NewToken()
	if err != nil {
		return protocol.EnrolResponse{}, err
	}
	e := Enrolment{CodeHash: HashCode(req.Code), Device: Device{
		ID: req.DeviceID, Name: req.Name, TokenHash: hash, EnrolledAt: s.now().UTC()}}
	if req.RequestID != "" {
		e.RequestHash = RequestHash(req.RequestID)
		if e.Sealed, err = SealToken(token, req.Code, req.RequestID); err != nil {
			return protocol.EnrolResponse{}, err
		}
	}
	d, sealed, err := s.st.Enrol(ctx, e)
	if err != nil {
		return protocol.EnrolResponse{}, err
	}
	if sealed != nil {
		// The same request again: its answer was lost after the centre
		// committed. The token it was given then is the device's.
		if token, err = OpenToken(sealed, req.Code, req.RequestID); err != nil {
			return protocol.EnrolResponse{}, err
		}
	}
	h, err := s.st.Home(ctx, d.HomeID)
	if err != nil {
		return protocol.EnrolResponse{}, err
	}
	return protocol.EnrolResponse{Version: req.Version, HomeID: d.HomeID, HomeName: h.Settings.Name, DeviceID: d.ID, Token: token}, nil
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
	case req.Version >= 2 && !validRequestID(req.RequestID):
		return refuse(http.StatusBadRequest, "the enrolment request has no valid request ID (a random UUID)")
	case req.Version < 2 && req.RequestID != "":
		return refuse(http.StatusBadRequest, "a request ID needs protocol version 2")
	}
	return nil
}

// validRequestID accepts a random UUID in its usual form: one the tablet
// made with crypto/rand, not a constant every tablet shares.
func validRequestID(id string) bool {
	u, err := uuid.Parse(id)
	return err == nil && len(id) == 36 && u.Version() == 4 && u != uuid.Nil
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
	acks, err := s.st.PutEvents(r.Context(), d.ID, req.Events, at)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stored := false
	for _, a := range acks {
		stored = stored || a.Status == protocol.AckStored
	}
	s.afterPush(r, d, req.Events, stored, at)
	if err := refusedForV1(req.Version, acks); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, protocol.PushResponse{Version: req.Version, Acks: acks})
}

// refusedForV1 is the answer to a version 1 tablet's push with an event
// refused: it cannot read AckRefused, so it is told the push was refused,
// as the first centres did, though the rest was stored; it sends the batch
// again and gets those back as duplicates.
func refusedForV1(version int, acks []protocol.EventAck) error {
	if version >= 2 {
		return nil
	}
	for _, a := range acks {
		if a.Status == protocol.AckRefused {
			return refuse(http.StatusUnprocessableEntity, "%s: %s", ErrRefused, a.Reason)
		}
	}
	return nil
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
	resp := protocol.PullResponse{Version: req.Version, Changes: []protocol.Change{}, Next: max(req.Cursor, head)}
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

package round

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/staff"
	"medround/internal/store"
)

// Counts says how many records of one kind an import added, changed and
// left as they were, so front ends need not import the store for it.
type Counts = store.Counts

// homeSubject is the resident ID the store files an audit event under when
// it is about the home (staff, settings, a chart import) rather than one
// resident. FHIR ids cannot hold "@", so no imported resident has it.
const homeSubject = "@home"

// Import reads FHIR R4 bundles and stores the chart they hold, then records
// an audit event: who, when, what changed (counts and the residents named)
// and the SHA-256 of each file. All files are one import: if any is bad,
// nothing changes. Once a home has staff, a senior or manager imports (an
// import can drop an allergy); the first import into a home with no staff
// needs no one, so a new home can start.
func (s *Service) Import(sess *Session, paths ...string) (*ImportResult, error) {
	if err := s.mayImport(sess); err != nil {
		return nil, err
	}
	digests, residents, err := bundleFacts(paths)
	if err != nil {
		return nil, err
	}
	res, err := s.importFiles(paths...)
	if err != nil {
		return nil, err
	}
	if _, err := s.ImportProtocols(sess, res); err != nil {
		return res, err
	}
	note := importNote(len(paths), res.Summary, residents)
	if err := s.audit(sess, mar.AuditChartImport, note, strings.Join(digests, " ")); err != nil {
		return res, err
	}
	return res, nil
}

func (s *Service) mayImport(sess *Session) error {
	if sess.May(staff.ActChangeChart) {
		return nil
	}
	empty, err := s.staff.Empty()
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if empty {
		return nil
	}
	if sess == nil {
		return &staff.NotAllowedError{Action: staff.ActChangeChart, Why: "a senior or manager signs in to import (--user ID --pin PIN)"}
	}
	return &staff.NotAllowedError{Action: staff.ActChangeChart, Why: "a senior or manager imports the chart"}
}

// bundleFacts reads each file's SHA-256 and the residents it names, for the
// audit event. A file that cannot be read or parsed is left to the import
// itself to report.
func bundleFacts(paths []string) (digests, residents []string, err error) {
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, fmt.Errorf("import %s: %w", filepath.Base(p), err)
		}
		sum := sha256.Sum256(data)
		digests = append(digests, hex.EncodeToString(sum[:]))
		if c, err := fhir.ParseBundle(data, filepath.Base(p)); err == nil {
			for _, r := range c.Residents {
				residents = append(residents, r.ID)
			}
		}
	}
	slices.Sort(residents)
	return digests, slices.Compact(residents), nil
}

// maxNamed bounds the resident IDs an import's audit note lists.
const maxNamed = 40

func importNote(files int, sum store.ImportSummary, residents []string) string {
	c := func(n store.Counts) string {
		return fmt.Sprintf("%d added, %d changed, %d unchanged", n.Added, n.Changed, n.Unchanged)
	}
	note := fmt.Sprintf("chart import of %d file(s): residents %s; medicines %s; chart entries %s; allergies %s",
		files, c(sum.Residents), c(sum.Products), c(sum.Entries), c(sum.Allergies))
	if len(residents) > 0 {
		named := residents[:min(len(residents), maxNamed)]
		note += "; residents in the files: " + strings.Join(named, " ")
		if more := len(residents) - len(named); more > 0 {
			note += fmt.Sprintf(" and %d more", more)
		}
	}
	return note
}

// audit appends an audit event through the store, so it is in the outbox
// like any record. sess is nil only for a new home's first user or import.
func (s *Service) audit(sess *Session, action mar.AuditAction, note, digest string) error {
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindAudit, DeviceID: s.deviceID,
		ResidentID: homeSubject, OccurredAt: now, RecordedAt: now,
		Note: note, Action: action, Digest: digest}
	if sess != nil {
		ev.UserID = sess.user.ID
	}
	if err := s.st.Append(ev); err != nil {
		return fmt.Errorf("record the change in the audit trail: %w", err)
	}
	return nil
}

// settingsChanged says in words which settings differ, "" when none do.
func settingsChanged(old, h mar.Home) string {
	var w []string
	add := func(changed bool, what string) {
		if changed {
			w = append(w, what)
		}
	}
	add(old.Name != h.Name, "home name")
	add(old.TimeZone != h.TimeZone, fmt.Sprintf("time zone %s to %s", old.TimeZone, h.TimeZone))
	add(!slices.Equal(old.Rounds, h.Rounds), fmt.Sprintf("rounds %s to %s", roundsText(old.Rounds), roundsText(h.Rounds)))
	add(old.Window != h.Window, fmt.Sprintf("window %s to %s", old.Window, h.Window))
	add(old.CriticalWindow != h.CriticalWindow, fmt.Sprintf("time-critical window %s to %s", old.CriticalWindow, h.CriticalWindow))
	add(old.GSSubstitute != h.GSSubstitute, "scanner GS substitute")
	add(old.ResidentIDPattern != h.ResidentIDPattern, "resident number pattern")
	add(old.PINDigits != h.PINDigits, fmt.Sprintf("PIN digits %d to %d", max(old.PINDigits, 4), max(h.PINDigits, 4)))
	if old.CountInterval() != h.CountInterval() {
		was, _ := mar.CountIntervalWord(old.CountInterval())
		now, _ := mar.CountIntervalWord(h.CountInterval())
		w = append(w, fmt.Sprintf("controlled drugs counted %s to %s", was, now))
	}
	add(!slices.Equal(old.RegisterSchedules(), h.RegisterSchedules()), fmt.Sprintf("controlled drugs registers for schedules %s to %s",
		schedulesText(old.RegisterSchedules()), schedulesText(h.RegisterSchedules())))
	if len(w) == 0 {
		return ""
	}
	return "settings changed: " + strings.Join(w, "; ")
}

func schedulesText(ss []int) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, strconv.Itoa(s))
	}
	return strings.Join(parts, ", ")
}

func roundsText(rs []mar.Round) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Name+" "+r.At.String())
	}
	return strings.Join(parts, ", ")
}

// AuditItem is one entry of the audit trail.
type AuditItem struct {
	EventID uuid.UUID `json:"eventId"`
	At      time.Time `json:"at"`
	// What is chart-import, user-added, user-changed, settings-changed,
	// status-change, correction, recall, recall-lifted, homely-remedy,
	// homely-approval or covert-plan.
	What       string `json:"what"`
	UserID     string `json:"userId,omitempty"`
	ApprovedBy string `json:"approvedBy,omitempty"` // a correction's approver
	ResidentID string `json:"residentId,omitempty"`
	Summary    string `json:"summary"`
	Digest     string `json:"digest,omitempty"` // SHA-256 of each imported file, hex
	// Corrects is the record a correction marks as entered in error.
	Corrects uuid.UUID `json:"corrects,omitzero"`
}

// Audit lists, oldest first, the changes recorded with from <= time < to:
// chart imports with their summary, staff added or changed, settings
// changed, resident status changes, corrections, batches recalled and
// recalls lifted, the homely remedies list and GPs' approvals of it, and
// covert administration plans. The app's settings
// screen and `medroundctl audit` both show it.
func (s *Service) Audit(from, to time.Time) ([]AuditItem, error) {
	var out []AuditItem
	err := s.st.EachEvent(from, to, func(e mar.Event) error {
		if it, ok := auditItem(e); ok {
			out = append(out, it)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return out, nil
}

// statusWords say a status change as a manager reads it.
var statusWords = map[mar.ResidentStatus]string{
	mar.StatusPresent: "back in the home", mar.StatusHospital: "went to hospital",
	mar.StatusLeave: "went on leave", mar.StatusDischarged: "discharged", mar.StatusDeceased: "died",
}

func auditItem(e mar.Event) (AuditItem, bool) {
	it := AuditItem{EventID: e.ID, At: e.OccurredAt, UserID: e.UserID, ResidentID: e.ResidentID, Summary: e.Note}
	switch e.Kind {
	case mar.KindAudit:
		it.What, it.ResidentID, it.Digest = auditWhat(e), "", e.Digest
	case mar.KindStatusChange:
		it.What, it.Summary = "status-change", statusWords[e.Status]
		if it.Summary == "" {
			it.Summary = "status " + e.Status.String()
		}
		if e.Note != "" {
			it.Summary += ": " + e.Note
		}
	case mar.KindCorrection:
		it.What, it.ApprovedBy, it.Corrects = "correction", e.WitnessID, e.Corrects
		it.Summary = "a record marked as entered in error: " + e.Note
	case mar.KindRecall, mar.KindRecallLifted, mar.KindHomelyRemedy:
		// The home's, not a resident's.
		it.What, it.ResidentID, it.Summary = e.Kind.String(), "", EventWords(e, mar.Product{})
	case mar.KindHomelyApproval, mar.KindCovertPlan:
		it.What, it.Summary = e.Kind.String(), EventWords(e, mar.Product{})
	default:
		return AuditItem{}, false
	}
	return it, true
}

// auditWhat names an audit event's action; an event stored before its
// action was kept says "change" and its note says the rest.
func auditWhat(e mar.Event) string {
	switch e.Action {
	case mar.AuditChartImport, mar.AuditUserAdded, mar.AuditUserChanged, mar.AuditSettingsChanged:
		return e.Action.String()
	}
	return "change"
}

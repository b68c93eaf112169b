package report

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
)

// Kind is which report to build.
type Kind uint8

// Report kinds.
const (
	KindMissed   Kind = 1
	KindLate     Kind = 2
	KindNotGiven Kind = 3
	KindPRN      Kind = 4
	// KindOverridden lists doses given over a warning, with the reason typed.
	KindOverridden Kind = 5
	// KindUnscanned lists doses recorded without a pack scan, with why.
	KindUnscanned Kind = 6
	// KindStopped lists scans the check stopped: near misses.
	KindStopped Kind = 7
	// KindIncidents lists what the central record found and the tablet
	// pulled: a dose recorded twice, an ingredient over its maximum, a
	// tablet's clock.
	KindIncidents Kind = 8
)

var kindNames = []struct {
	k    Kind
	name string
}{{KindMissed, "missed"}, {KindLate, "late"}, {KindNotGiven, "not-given"}, {KindPRN, "prn"},
	{KindOverridden, "overridden"}, {KindUnscanned, "unscanned"}, {KindStopped, "stopped"}, {KindIncidents, "incidents"}}

// Kinds lists the report kinds in the order they are offered.
func Kinds() []Kind {
	return []Kind{KindMissed, KindLate, KindNotGiven, KindPRN, KindOverridden, KindUnscanned, KindStopped, KindIncidents}
}

// String returns the word used on the command line: missed, late,
// not-given, prn, overridden, unscanned, stopped or incidents.
func (k Kind) String() string {
	for _, n := range kindNames {
		if n.k == k {
			return n.name
		}
	}
	return fmt.Sprintf("report-kind(%d)", uint8(k))
}

// ParseKind reads a report kind as the command line gives it.
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, n := range kindNames {
		if n.name == s {
			return n.k, nil
		}
	}
	return 0, fmt.Errorf("unknown report %q: want missed, late, not-given, prn, overridden, unscanned, stopped or incidents", s)
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	*k = v
	return err
}

// Source is what a report reads: the store has exactly these methods.
// EachEvent calls fn for each event that happened (OccurredAt) in
// [from, to), stopping at the first error fn returns.
type Source interface {
	Home() (mar.Home, error)
	Residents() ([]mar.Resident, error)
	ChartHistory(residentID string) ([]mar.ChartEntry, error)
	Products() ([]mar.Product, error)
	EachEvent(from, to time.Time, fn func(mar.Event) error) error
}

// Report is one built report: its rows and their summaries per resident and
// per round (and per reason for the not-given report). Times are in the
// home's zone.
type Report struct {
	Kind     Kind      `json:"kind"`
	Home     string    `json:"home"`
	TimeZone string    `json:"timeZone"`
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	// AsOf is the "now" the report was built for: a window still open then
	// is pending, not missed.
	AsOf time.Time `json:"asOf"`

	// Warnings name chart entries whose doses could not be worked out:
	// their slots are missing from the report.
	Warnings []string `json:"warnings,omitempty"`

	Rows       []Row     `json:"rows"`
	Total      Summary   `json:"total"`
	ByResident []Summary `json:"byResident"`
	ByRound    []Summary `json:"byRound,omitempty"`
	ByReason   []Summary `json:"byReason,omitempty"`
	// ByUser counts rows per care worker who recorded them (overridden and
	// unscanned reports): a pattern is a matter for supervision.
	ByUser []Summary `json:"byUser,omitempty"`
}

// Row is one line of a report: a missed slot, a late or early dose, a dose
// refused or not given, or (PRN report) one resident's use of one PRN entry.
type Row struct {
	ResidentID string `json:"residentId"`
	Resident   string `json:"resident"`
	Room       string `json:"room,omitempty"`
	EntryID    string `json:"entryId"`
	Medicine   string `json:"medicine"`
	Dose       string `json:"dose,omitempty"`
	// Round is the named round of the slot; empty for a PRN dose or a dose
	// due at a time that is no round's.
	Round string `json:"round,omitempty"`
	// TimeCritical marks a medicine that must be given close to time (e.g.
	// for Parkinson's): a missed or late dose of it matters more.
	TimeCritical bool `json:"timeCritical,omitempty"`

	Due    time.Time `json:"due,omitzero"`
	Opens  time.Time `json:"opens,omitzero"`
	Closes time.Time `json:"closes,omitzero"`
	// Away is the resident's status at the due time when it was not
	// "present" (missed report).
	Away string `json:"away,omitempty"`

	EventID    string    `json:"eventId,omitempty"`
	OccurredAt time.Time `json:"occurredAt,omitzero"`
	UserID     string    `json:"userId,omitempty"`
	Outcome    string    `json:"outcome,omitempty"`
	// Reason is the not-given reason code, or "refused".
	Reason         string `json:"reason,omitempty"`
	Note           string `json:"note,omitempty"`
	OverrideReason string `json:"overrideReason,omitempty"`
	// Timing is "late" or "early" (late report); Minutes how many minutes
	// after (positive) or before (negative) the due time the dose was given.
	Timing  string `json:"timing,omitempty"`
	Minutes int    `json:"minutes,omitempty"`

	PRN *PRNUse `json:"prn,omitempty"`

	// Codes are the check's reason codes recorded with a dose given over a
	// warning, or with a scan it stopped.
	Codes []string `json:"codes,omitempty"`
	// Stops counts the stopped scans a stopped-scan row stands for: the
	// same pack stopped again within StopGroupWindow is the same row
	// (groupStops). Repeated are the event IDs of the stops after the
	// first (EventID); a follow-up recorded against any of them is the
	// row's.
	Stops    int      `json:"stops,omitempty"`
	Repeated []string `json:"repeated,omitempty"`
	// Unscanned says why the pack was not scanned (unscanned report).
	Unscanned string `json:"unscanned,omitempty"`
	// Reviewed is the latest follow-up a manager or senior recorded for
	// this row; nil when it is not yet reviewed.
	Reviewed *Reviewed `json:"reviewed,omitempty"`
}

// Reviewed is a follow-up recorded for a row (a mar.KindReview event).
type Reviewed struct {
	EventID string    `json:"eventId"`
	UserID  string    `json:"userId"`
	At      time.Time `json:"at"`
	Action  string    `json:"action"`
}

// PRNUse is one resident's use of one PRN entry over the period.
type PRNUse struct {
	Count int         `json:"count"`
	Times []time.Time `json:"times"`
	Total float64     `json:"total"`
	Unit  string      `json:"unit,omitempty"`
	// Max24h is the largest total given in any 24 hours within the period;
	// Max24hFrom the first dose of that 24 hours.
	Max24h     float64   `json:"max24h"`
	Max24hFrom time.Time `json:"max24hFrom,omitzero"`
	// Limit is the chart's maximum (e.g. "8 tablet per 24h"), empty when the
	// chart gives none. OverLimit is whether a dose of the row took a
	// maximum over, by the check's rule (check.MaximaPassed): per active
	// ingredient in milligrams across every line and form holding it, or
	// the line's own in its unit; Over says which and when.
	Limit     string     `json:"limit,omitempty"`
	OverLimit bool       `json:"overLimit"`
	Over      string     `json:"over,omitempty"`
	Days      []DayTotal `json:"days"`
	// WithEffect counts doses with an effect recorded; Effective those
	// recorded as having worked.
	WithEffect int `json:"withEffect"`
	Effective  int `json:"effective"`
}

// DayTotal is what was given on one local calendar day.
type DayTotal struct {
	Date  string  `json:"date"` // YYYY-MM-DD in the home's zone
	Count int     `json:"count"`
	Total float64 `json:"total"`
}

// Summary counts a report's rows for one group: a resident (Key is the
// resident ID), a round (Key is the round name, empty for doses due at no
// round's time, "prn" for PRN doses), or a reason.
type Summary struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Count is the rows of the group: missed slots, late doses, doses not
	// given, or PRN doses given.
	Count int `json:"count"`
	// Early counts early doses (late report).
	Early int `json:"early,omitempty"`
	// Due counts the regular slots due in the period (missed and late
	// reports), Pending those whose window had not closed by AsOf, and Away
	// those with no record while the resident was away.
	Due     int `json:"due,omitempty"`
	Pending int `json:"pending,omitempty"`
	Away    int `json:"away,omitempty"`
}

// ErrPeriod is returned for a period that is empty or has a zero bound.
var ErrPeriod = errors.New("report period must have from before to")

// MaxPeriod is the longest period a report reads up to now: a year and a
// month, so a year's report fits with room either side. The work and
// memory of a report grow with its period (a dose slot per dose due), and
// a period of decades once took minutes and gigabytes; the part of a
// period after now costs nothing, since a slot not yet open can be neither
// missed nor late.
const MaxPeriod = 400 * 24 * time.Hour

// ErrPeriodTooLong is returned for a period longer than MaxPeriod up to
// now.
var ErrPeriodTooLong = errors.New("a report covers at most 400 days up to now: choose a later --from, or split the period into shorter reports")

// Build builds the report of kind k over [from, to), as seen at now.
func Build(src Source, k Kind, from, to, now time.Time) (*Report, error) {
	if err := checkPeriod("report "+k.String(), from, to, now); err != nil {
		return nil, err
	}
	b, err := newBuilder(src, k, from, to, now)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", k, err)
	}
	return b.build(k)
}

// build runs one kind of report on a loaded builder, so the review builds
// all its sections from one reading of the residents and the chart.
func (b *builder) build(k Kind) (*Report, error) {
	b.rep = b.newReport(k)
	b.reviews = nil
	var err error
	switch k {
	case KindMissed:
		err = b.missed()
	case KindLate:
		err = b.late()
	case KindNotGiven:
		err = b.notGiven()
	case KindPRN:
		err = b.prn()
	case KindOverridden:
		err = b.overridden()
	case KindUnscanned:
		err = b.unscanned()
	case KindStopped:
		err = b.stopped()
	case KindIncidents:
		err = b.incidents()
	default:
		return nil, fmt.Errorf("report %s: unknown kind", k)
	}
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", k, err)
	}
	b.attachReviews()
	return b.rep, nil
}

package check

import (
	"fmt"

	"medround/internal/mar"
	"medround/internal/schedule"
)

// Code is the stable name of a reason. Codes are recorded with every dose
// and read by reports and other systems: never rename one.
type Code string

// Reason codes. Their levels are fixed by codeSeverity.
const (
	ResidentUnknown    Code = "RESIDENT_UNKNOWN"
	ResidentAway       Code = "RESIDENT_AWAY"
	ScanInvalid        Code = "SCAN_INVALID"
	NotOnChart         Code = "NOT_ON_CHART"
	Discontinued       Code = "DISCONTINUED"
	NotStarted         Code = "NOT_STARTED"
	OnHold             Code = "ON_HOLD"
	Expired            Code = "EXPIRED"
	Allergy            Code = "ALLERGY"
	AlreadyGiven       Code = "ALREADY_GIVEN"
	TooEarly           Code = "TOO_EARLY"
	TooSoon            Code = "TOO_SOON"
	MaxDoseReached     Code = "MAX_DOSE_REACHED"
	Late               Code = "LATE"
	ExpiryNotChecked   Code = "EXPIRY_NOT_CHECKED"
	WitnessRequired    Code = "WITNESS_REQUIRED"
	TimeCritical       Code = "TIME_CRITICAL"
	ChartAmbiguous     Code = "CHART_AMBIGUOUS"
	DoseChanged        Code = "DOSE_CHANGED"
	NoDoseDue          Code = "NO_DOSE_DUE"
	CannotDecide       Code = "CANNOT_DECIDE"
	DeclinedEarlier    Code = "DECLINED_EARLIER"
	ResidentNotScanned Code = "RESIDENT_NOT_SCANNED"
	DoseTooHigh        Code = "DOSE_TOO_HIGH"
	RecentSameIngr     Code = "RECENT_SAME_INGREDIENT"
	StrengthUnknown    Code = "STRENGTH_UNKNOWN"
	RecordCorrected    Code = "RECORD_CORRECTED"
	CDBalance          Code = "CD_BALANCE"
	CDBalanceLow       Code = "CD_BALANCE_LOW"
	Recalled           Code = "RECALLED"
	RecallUnchecked    Code = "RECALL_UNCHECKED"
	NoHomelyApproval   Code = "NO_HOMELY_APPROVAL"
	HomelyTimeLimit    Code = "HOMELY_TIME_LIMIT"
	CovertPlan         Code = "COVERT_PLAN"
	CovertReviewDue    Code = "COVERT_REVIEW_DUE"
	PatchSiteReused    Code = "PATCH_SITE_REUSED"
	PatchNotRemoved    Code = "PATCH_NOT_REMOVED"
	UnknownRecord      Code = "RECORD_UNKNOWN_MEDICINE"
	NotHeard           Code = "OTHER_TABLETS_NOT_HEARD"
	NoPRNProtocol      Code = "NO_PRN_PROTOCOL"
	PRNProtocolOld     Code = "PRN_PROTOCOL_OLDER_THAN_CHART"
)

// Codes lists every reason code, in the order of the hazard log.
func Codes() []Code {
	return []Code{ResidentUnknown, ResidentAway, ScanInvalid, NotOnChart, Discontinued,
		NotStarted, OnHold, Expired, Allergy, AlreadyGiven, TooEarly, TooSoon, MaxDoseReached,
		Late, ExpiryNotChecked, WitnessRequired, TimeCritical, ChartAmbiguous, DoseChanged,
		NoDoseDue, CannotDecide, DeclinedEarlier, ResidentNotScanned, DoseTooHigh, RecentSameIngr,
		StrengthUnknown, RecordCorrected, CDBalance, CDBalanceLow, Recalled, RecallUnchecked,
		NoHomelyApproval, HomelyTimeLimit, CovertPlan, CovertReviewDue, PatchSiteReused, PatchNotRemoved,
		UnknownRecord, NotHeard, NoPRNProtocol, PRNProtocolOld}
}

// Severity is how serious one reason is.
type Severity uint8

// Severities, in rising order.
const (
	Info Severity = 1 // worth knowing; does not change the verdict
	Warn Severity = 2 // may be given with a recorded override reason
	Stop Severity = 3 // must not be given
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warn:
		return "warn"
	case Stop:
		return "stop"
	}
	return fmt.Sprintf("severity(%d)", uint8(s))
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range []Severity{Info, Warn, Stop} {
		if v.String() == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("unknown reason level %q: want info, warn or stop", b)
}

// Level is the verdict level this severity raises: info leaves it ok.
func (s Severity) Level() mar.Level {
	switch s {
	case Warn:
		return mar.LevelWarn
	case Stop:
		return mar.LevelStop
	}
	return mar.LevelOK
}

// codeSeverity fixes each code's level, so a rule cannot weaken a hard stop
// by mistake. Timing is a warning, not a stop, so that care workers are not
// pushed to work around the check; real harm stops.
var codeSeverity = map[Code]Severity{
	ResidentUnknown: Stop, ResidentAway: Stop, ScanInvalid: Stop, NotOnChart: Stop,
	Discontinued: Stop, NotStarted: Stop, OnHold: Stop, Expired: Stop, Allergy: Stop,
	AlreadyGiven: Stop, TooEarly: Warn, TooSoon: Stop, MaxDoseReached: Stop, Late: Warn,
	ExpiryNotChecked: Info, WitnessRequired: Info, TimeCritical: Info,
	ChartAmbiguous: Stop, DoseChanged: Warn, NoDoseDue: Stop, CannotDecide: Stop,
	DeclinedEarlier: Info, ResidentNotScanned: Info, DoseTooHigh: Stop, RecentSameIngr: Warn,
	StrengthUnknown: Warn, RecordCorrected: Info,
	CDBalance: Info, CDBalanceLow: Warn, Recalled: Stop, RecallUnchecked: Warn,
	NoHomelyApproval: Stop, HomelyTimeLimit: Warn, CovertPlan: Info, CovertReviewDue: Warn,
	PatchSiteReused: Warn, PatchNotRemoved: Warn, UnknownRecord: Warn, NotHeard: Info,
	// A missing or old PRN protocol is a gap in the home's paperwork, not
	// a harm at the bedside: the interval, maximum, dose range and
	// allergies still come from the chart and still stop. A warning would
	// ask for an override reason at every PRN dose until a senior writes
	// the protocol, and teach staff to type through warnings.
	NoPRNProtocol: Info, PRNProtocolOld: Info,
}

// Severity is the fixed level of the code; an unknown code stops.
func (c Code) Severity() Severity {
	if s, ok := codeSeverity[c]; ok {
		return s
	}
	return Stop
}

// Reason is one finding of the check, with a message written for the care
// worker: what is wrong and what to do next.
type Reason struct {
	Code    Code     `json:"code"`
	Level   Severity `json:"level"`
	Message string   `json:"message"`
}

func newReason(c Code, format string, args ...any) Reason {
	return Reason{Code: c, Level: c.Severity(), Message: fmt.Sprintf(format, args...)}
}

// Verdict is the outcome of a check: the worst level among the reasons,
// every reason, and what the scans matched.
type Verdict struct {
	Level   mar.Level       `json:"verdict"`
	Reasons []Reason        `json:"reasons"`
	Entry   *mar.ChartEntry `json:"entry,omitempty"`
	Product *mar.Product    `json:"product,omitempty"`
	Slot    *schedule.Slot  `json:"slot,omitempty"`
	// RestingSites are, for a patch, the sites still resting from a patch
	// within its rotation, newest first: the body map marks them, and
	// choosing one warns (PatchSiteReused).
	RestingSites []RestingSite `json:"restingSites,omitempty"`
}

// Has reports whether the verdict carries a reason with this code.
func (v Verdict) Has(c Code) bool {
	for _, r := range v.Reasons {
		if r.Code == c {
			return true
		}
	}
	return false
}

// Codes returns the reason codes, as recorded on the event.
func (v Verdict) Codes() []string {
	out := make([]string, len(v.Reasons))
	for i, r := range v.Reasons {
		out[i] = string(r.Code)
	}
	return out
}

// add appends a reason and raises the level if it is worse.
func (v *Verdict) add(r Reason) {
	v.Reasons = append(v.Reasons, r)
	if l := r.Level.Level(); l > v.Level {
		v.Level = l
	}
}

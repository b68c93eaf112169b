package mar

import (
	"fmt"
	"strings"
	"time"
)

// EntryStatus is the prescriber's status of a chart entry (FHIR
// MedicationRequest.status).
type EntryStatus uint8

// Entry statuses. Persisted: append only.
const (
	EntryActive    EntryStatus = 1
	EntryOnHold    EntryStatus = 2
	EntryStopped   EntryStatus = 3
	EntryCompleted EntryStatus = 4
	EntryCancelled EntryStatus = 5
)

var entryStatusNames = names[EntryStatus]{
	EntryActive:    "active",
	EntryOnHold:    "on-hold",
	EntryStopped:   "stopped",
	EntryCompleted: "completed",
	EntryCancelled: "cancelled",
}

// String returns the FHIR status code.
func (s EntryStatus) String() string { return entryStatusNames.format(s, "entry-status") }

// ParseEntryStatus reads a FHIR MedicationRequest status code.
func ParseEntryStatus(s string) (EntryStatus, error) {
	return entryStatusNames.parse(s, "MedicationRequest status")
}

// Valid reports whether s is a known entry status.
func (s EntryStatus) Valid() bool { return entryStatusNames.valid(s) }

// MarshalText implements encoding.TextMarshaler.
func (s EntryStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *EntryStatus) UnmarshalText(b []byte) error {
	v, err := ParseEntryStatus(string(b))
	*s = v
	return err
}

// ClockTime is a time of day in the home's zone, in minutes after midnight.
type ClockTime int

// ParseClockTime reads "HH:MM" or "HH:MM:SS" (seconds are dropped).
func ParseClockTime(s string) (ClockTime, error) {
	var h, m, sec int
	n, _ := fmt.Sscanf(s, "%d:%d:%d", &h, &m, &sec)
	if n < 2 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 {
		return 0, fmt.Errorf("time of day %q: want HH:MM", s)
	}
	return ClockTime(h*60 + m), nil
}

// String formats the time as HH:MM.
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Timing is when a regular entry is due, or how often a PRN entry may be given
// (FHIR Timing.repeat).
type Timing struct {
	TimesOfDay []ClockTime `json:"timesOfDay,omitempty"`
	// When holds FHIR event codes (MORN, NOON, AFT, EVE, NIGHT, HS, WAKE, C,
	// CM, CD, CV); the home's rounds give them a clock time.
	When       []string       `json:"when,omitempty"`
	Frequency  int            `json:"frequency,omitempty"`
	Period     float64        `json:"period,omitempty"`
	PeriodUnit string         `json:"periodUnit,omitempty"` // FHIR units: min, h, d, wk, mo
	DaysOfWeek []time.Weekday `json:"daysOfWeek,omitempty"`
}

// PeriodDuration is Period in PeriodUnit as a duration; 0 when unset or in a
// unit with no fixed length (months).
func (t Timing) PeriodDuration() time.Duration {
	unit := map[string]time.Duration{
		"s": time.Second, "min": time.Minute, "h": time.Hour,
		"d": 24 * time.Hour, "wk": 7 * 24 * time.Hour,
	}[t.PeriodUnit]
	return time.Duration(t.Period * float64(unit))
}

// Quantity is an amount with its unit, e.g. 2 tablet or 5 mL.
type Quantity struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit,omitempty"`
}

// String formats the quantity for a care worker: "2 tablet".
func (q Quantity) String() string {
	return strings.TrimSpace(fmt.Sprintf("%g %s", q.Value, q.Unit))
}

// MaxDose is a ceiling on how much may be given in a rolling period
// (FHIR maxDosePerPeriod), e.g. 8 tablets in 24 hours.
type MaxDose struct {
	Quantity Quantity      `json:"quantity"`
	Period   time.Duration `json:"period"`
}

// ChartEntry is one line of a resident's MAR chart: a FHIR MedicationRequest
// with one dosage instruction. A request with several dosage instructions
// becomes several entries: the first keeps the request's ID, the others end
// in "#2", "#3", ... (so adding an instruction later leaves the first alone).
type ChartEntry struct {
	ID         string      `json:"id"`
	ResidentID string      `json:"residentId"`
	ProductID  string      `json:"productId"`
	Status     EntryStatus `json:"status"`
	AuthoredOn time.Time   `json:"authoredOn,omitzero"`

	Timing Timing `json:"timing"`
	// Start and End bound the entry (FHIR boundsPeriod); zero means open.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`

	PRN       bool   `json:"prn,omitempty"`
	PRNReason string `json:"prnReason,omitempty"` // asNeededCodeableConcept text
	// MinInterval is the least time between two PRN doses (the repeat period).
	MinInterval time.Duration `json:"minInterval,omitempty"`
	MaxDose     *MaxDose      `json:"maxDose,omitempty"`

	// Dose is the prescribed quantity; DoseLow..DoseHigh a range when the
	// prescriber gave one ("1 to 2 tablets"), else both equal Dose.Value.
	Dose     Quantity `json:"dose"`
	DoseLow  float64  `json:"doseLow,omitempty"`
	DoseHigh float64  `json:"doseHigh,omitempty"`

	Route              string `json:"route,omitempty"`
	Text               string `json:"text,omitempty"`
	PatientInstruction string `json:"patientInstruction,omitempty"`
	// TimeCritical marks medicines such as those for Parkinson's whose doses
	// must be given close to time; they get a narrower window.
	TimeCritical bool `json:"timeCritical,omitempty"`
	// PatchRotation is how long a patch's site rests before this entry's
	// next patch may go there; 0 leaves it to the product (PatchRotation).
	PatchRotation time.Duration `json:"patchRotation,omitempty"`

	// Version counts imports that changed this entry. ValidFrom is when this
	// version was imported; ValidTo when a later version superseded it (zero
	// while current). Old versions stay in history.
	Version   int       `json:"version"`
	ValidFrom time.Time `json:"validFrom"`
	ValidTo   time.Time `json:"validTo,omitzero"`
}

// InDoseRange reports whether q is within the prescribed dose.
func (e ChartEntry) InDoseRange(q float64) bool {
	lo, hi := e.DoseLow, e.DoseHigh
	if lo == 0 && hi == 0 {
		lo, hi = e.Dose.Value, e.Dose.Value
	}
	const eps = 1e-9
	return q >= lo-eps && q <= hi+eps
}

// PRNInterval is the least time between two doses of a PRN entry: its
// MinInterval, else the period divided by the frequency ("up to 4 times a
// day" is 6 hours), else 0 when the chart gives neither. derived says the
// interval was worked out rather than written on the chart.
func (e ChartEntry) PRNInterval() (d time.Duration, derived bool) {
	if e.MinInterval > 0 {
		return e.MinInterval, false
	}
	if p := e.Timing.PeriodDuration(); p > 0 && e.Timing.Frequency > 0 {
		return p / time.Duration(e.Timing.Frequency), true
	}
	return 0, false
}

// Current reports whether this version of the entry is the one in force.
func (e ChartEntry) Current() bool { return e.ValidTo.IsZero() }

// Allergy is an allergy or intolerance recorded for a resident.
type Allergy struct {
	ID         string  `json:"id"`
	ResidentID string  `json:"residentId"`
	Substance  Concept `json:"substance"`
	// Active is false for a resolved or inactive allergy (FHIR clinicalStatus).
	Active bool `json:"active"`
}

package mar

import "strings"

// ResidentStatus says whether a resident is in the home to receive doses.
type ResidentStatus uint8

// Resident statuses. Persisted: append only.
const (
	StatusPresent    ResidentStatus = 1
	StatusHospital   ResidentStatus = 2
	StatusLeave      ResidentStatus = 3
	StatusDischarged ResidentStatus = 4
	StatusDeceased   ResidentStatus = 5
)

var statusNames = names[ResidentStatus]{
	StatusPresent:    "present",
	StatusHospital:   "hospital",
	StatusLeave:      "leave",
	StatusDischarged: "discharged",
	StatusDeceased:   "deceased",
}

// String returns the status word used on the command line and in JSON.
func (s ResidentStatus) String() string { return statusNames.format(s, "status") }

// Away reports whether the resident is not in the home to receive doses.
func (s ResidentStatus) Away() bool { return s != StatusPresent }

// Valid reports whether s is a known resident status.
func (s ResidentStatus) Valid() bool { return statusNames.valid(s) }

// ParseResidentStatus reads a status word such as "hospital".
func ParseResidentStatus(s string) (ResidentStatus, error) {
	return statusNames.parse(s, "resident status")
}

// MarshalText implements encoding.TextMarshaler.
func (s ResidentStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *ResidentStatus) UnmarshalText(b []byte) error {
	v, err := ParseResidentStatus(string(b))
	*s = v
	return err
}

// Identifier is one identifier of a resident, as the chart was given it.
type Identifier struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value"`
}

// SystemNHSNumber is the FHIR identifier system of the NHS number.
const SystemNHSNumber = "https://fhir.nhs.uk/Id/nhs-number"

// Resident is a person living in the home whose medicines the home gives.
type Resident struct {
	// ID is the stable key: the FHIR Patient id the chart came with.
	ID          string         `json:"id"`
	NHSNumber   string         `json:"nhsNumber,omitempty"` // 10 digits, check digit verified
	Identifiers []Identifier   `json:"identifiers,omitempty"`
	GivenName   string         `json:"givenName,omitempty"`
	FamilyName  string         `json:"familyName,omitempty"`
	BirthDate   string         `json:"birthDate,omitempty"` // YYYY-MM-DD as FHIR gives it
	Room        string         `json:"room,omitempty"`
	CareNotes   string         `json:"careNotes,omitempty"` // e.g. "crush and give in yoghurt"
	Status      ResidentStatus `json:"status,omitempty"`    // zero: not said (a new resident starts present)
	Active      bool           `json:"active"`
	// GP is the resident's general practitioner, for the MAR chart's header
	// and whoever must ring them about a dose; nil when the chart named
	// none (records stored before it was kept have none).
	GP *GP `json:"gp,omitempty"`
}

// GP is the general practitioner responsible for a resident: a doctor,
// their practice, or both, and a phone number if the chart gave one.
type GP struct {
	Name     string `json:"name,omitempty"`     // "Dr Aisha Khan"
	Practice string `json:"practice,omitempty"` // "Riverside Surgery"
	Phone    string `json:"phone,omitempty"`
}

// Text writes the GP on one line: "Dr Aisha Khan, Riverside Surgery, tel
// 01632 960123"; "" for none.
func (g *GP) Text() string {
	if g == nil {
		return ""
	}
	var parts []string
	for _, s := range []string{g.Name, g.Practice} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if p := strings.TrimSpace(g.Phone); p != "" {
		parts = append(parts, "tel "+p)
	}
	return strings.Join(parts, ", ")
}

// Name is the resident's name as shown to a care worker.
func (r Resident) Name() string {
	return strings.TrimSpace(r.GivenName + " " + r.FamilyName)
}

// Matches reports whether a scanned or typed identifier is one of this
// resident's: the NHS number (spaces ignored) or any other identifier.
func (r Resident) Matches(id string) bool {
	id = strings.TrimSpace(id)
	if id == "" {
		return false
	}
	if r.NHSNumber != "" && strings.ReplaceAll(id, " ", "") == r.NHSNumber {
		return true
	}
	for _, x := range r.Identifiers {
		if x.Value == id {
			return true
		}
	}
	return id == r.ID
}

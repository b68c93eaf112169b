package fhir

import (
	"encoding/json"
	"slices"
	"strings"

	"medround/internal/mar"
)

// The structs below hold the parts of FHIR R4 JSON the chart reads. Elements
// they leave out are found by keyCheck, so that none is dropped unreported.

type coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

type codeableConcept struct {
	Coding []coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

func (c *codeableConcept) concept() mar.Concept {
	if c == nil {
		return mar.Concept{}
	}
	out := mar.Concept{Text: strings.TrimSpace(c.Text)}
	for _, cd := range c.Coding {
		out.Codings = append(out.Codings, mar.Coding{System: cd.System, Code: cd.Code, Display: cd.Display})
	}
	return out
}

// hasCode reports whether the concept holds this system and code.
func (c *codeableConcept) hasCode(system, code string) bool {
	if c == nil {
		return false
	}
	return slices.ContainsFunc(c.Coding, func(cd coding) bool { return cd.System == system && cd.Code == code })
}

// firstCode is the first code of the concept, whatever its system.
func (c *codeableConcept) firstCode() string {
	if c == nil {
		return ""
	}
	for _, cd := range c.Coding {
		if cd.Code != "" {
			return cd.Code
		}
	}
	return ""
}

type identifier struct {
	Use    string `json:"use,omitempty"`
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
}

type reference struct {
	Reference  string      `json:"reference,omitempty"`
	Identifier *identifier `json:"identifier,omitempty"`
	Display    string      `json:"display,omitempty"`
}

// label names the reference in a message.
func (r *reference) label() string {
	switch {
	case r == nil:
		return "(none)"
	case r.Reference != "":
		return r.Reference
	case r.Identifier != nil:
		return "identifier " + r.Identifier.System + "|" + r.Identifier.Value
	}
	return "(empty reference)"
}

type period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

type quantity struct {
	Value  *float64 `json:"value,omitempty"`
	Unit   string   `json:"unit,omitempty"`
	System string   `json:"system,omitempty"`
	Code   string   `json:"code,omitempty"`
}

// unitName is the unit a care worker reads: the human unit, else the code.
func (q *quantity) unitName() string {
	if q.Unit != "" {
		return strings.TrimSpace(q.Unit)
	}
	return strings.TrimSpace(q.Code)
}

type ratio struct {
	Numerator   *quantity `json:"numerator,omitempty"`
	Denominator *quantity `json:"denominator,omitempty"`
}

type valueRange struct {
	Low  *quantity `json:"low,omitempty"`
	High *quantity `json:"high,omitempty"`
}

type extension struct {
	URL          string  `json:"url"`
	ValueString  *string `json:"valueString,omitempty"`
	ValueCode    *string `json:"valueCode,omitempty"`
	ValueBoolean *bool   `json:"valueBoolean,omitempty"`
	// ValueDuration holds a patch site rotation (extPatchRotation).
	ValueDuration *quantity `json:"valueDuration,omitempty"`
}

// Extension URLs medround defines for what FHIR R4 has no element for.
const (
	extRoom           = "urn:medround:room"
	extCareNotes      = "urn:medround:care-notes"
	extResidentStatus = "urn:medround:resident-status"
	extCDSchedule     = "urn:medround:controlled-drug-schedule"
	extTimeCritical   = "urn:medround:time-critical"
	// extPatchRotation is how long a patch site rests before it is used
	// again, as a valueDuration in days or weeks: on a dosageInstruction
	// (the prescriber's, for that line) or on a Medication (its leaflet's).
	extPatchRotation = "urn:medround:patch-site-rotation"
)

// resourceHead is what every resource has.
type resourceHead struct {
	ResourceType      string            `json:"resourceType"`
	ID                string            `json:"id"`
	Contained         []json.RawMessage `json:"contained,omitempty"`
	ModifierExtension []json.RawMessage `json:"modifierExtension,omitempty"`
}

type bundleJSON struct {
	ResourceType string      `json:"resourceType"`
	Type         string      `json:"type"`
	Entry        []entryJSON `json:"entry"`
}

type entryJSON struct {
	FullURL  string          `json:"fullUrl,omitempty"`
	Resource json.RawMessage `json:"resource,omitempty"`
	Request  *struct {
		Method string `json:"method"`
		URL    string `json:"url"`
	} `json:"request,omitempty"`
	Search *struct {
		Mode string `json:"mode"`
	} `json:"search,omitempty"`
}

type humanName struct {
	Use    string   `json:"use,omitempty"`
	Text   string   `json:"text,omitempty"`
	Family string   `json:"family,omitempty"`
	Given  []string `json:"given,omitempty"`
	Period *period  `json:"period,omitempty"`
}

type patientJSON struct {
	resourceHead
	Identifier       []identifier `json:"identifier,omitempty"`
	Active           *bool        `json:"active,omitempty"`
	Name             []humanName  `json:"name,omitempty"`
	BirthDate        string       `json:"birthDate,omitempty"`
	DeceasedBoolean  *bool        `json:"deceasedBoolean,omitempty"`
	DeceasedDateTime string       `json:"deceasedDateTime,omitempty"`
	Extension        []extension  `json:"extension,omitempty"`
	GP               []reference  `json:"generalPractitioner,omitempty"`
}

type medicationJSON struct {
	resourceHead
	Code       *codeableConcept `json:"code,omitempty"`
	Form       *codeableConcept `json:"form,omitempty"`
	Ingredient []struct {
		ItemCodeableConcept *codeableConcept `json:"itemCodeableConcept,omitempty"`
		ItemReference       *reference       `json:"itemReference,omitempty"`
		Strength            *ratio           `json:"strength,omitempty"`
	} `json:"ingredient,omitempty"`
	Extension []extension `json:"extension,omitempty"`
}

type requestJSON struct {
	resourceHead
	Status                    string            `json:"status"`
	Intent                    string            `json:"intent"`
	DoNotPerform              *bool             `json:"doNotPerform,omitempty"`
	MedicationReference       *reference        `json:"medicationReference,omitempty"`
	MedicationCodeableConcept *codeableConcept  `json:"medicationCodeableConcept,omitempty"`
	Subject                   *reference        `json:"subject,omitempty"`
	AuthoredOn                string            `json:"authoredOn,omitempty"`
	DosageInstruction         []json.RawMessage `json:"dosageInstruction,omitempty"`
	Extension                 []extension       `json:"extension,omitempty"`
}

type dosageJSON struct {
	Sequence                *int              `json:"sequence,omitempty"`
	Text                    string            `json:"text,omitempty"`
	PatientInstruction      string            `json:"patientInstruction,omitempty"`
	Timing                  json.RawMessage   `json:"timing,omitempty"`
	AsNeededBoolean         *bool             `json:"asNeededBoolean,omitempty"`
	AsNeededCodeableConcept *codeableConcept  `json:"asNeededCodeableConcept,omitempty"`
	AdditionalInstruction   []codeableConcept `json:"additionalInstruction,omitempty"`
	Route                   *codeableConcept  `json:"route,omitempty"`
	DoseAndRate             []json.RawMessage `json:"doseAndRate,omitempty"`
	MaxDosePerPeriod        *ratio            `json:"maxDosePerPeriod,omitempty"`
	Extension               []extension       `json:"extension,omitempty"`
	ModifierExtension       []json.RawMessage `json:"modifierExtension,omitempty"`
}

type timingJSON struct {
	Event             []string          `json:"event,omitempty"`
	Repeat            json.RawMessage   `json:"repeat,omitempty"`
	Code              *codeableConcept  `json:"code,omitempty"`
	ModifierExtension []json.RawMessage `json:"modifierExtension,omitempty"`
}

type repeatJSON struct {
	BoundsPeriod *period  `json:"boundsPeriod,omitempty"`
	Frequency    *int     `json:"frequency,omitempty"`
	Period       *float64 `json:"period,omitempty"`
	PeriodUnit   string   `json:"periodUnit,omitempty"`
	DayOfWeek    []string `json:"dayOfWeek,omitempty"`
	TimeOfDay    []string `json:"timeOfDay,omitempty"`
	When         []string `json:"when,omitempty"`
}

type doseAndRateJSON struct {
	Type         *codeableConcept `json:"type,omitempty"`
	DoseQuantity *quantity        `json:"doseQuantity,omitempty"`
	DoseRange    *valueRange      `json:"doseRange,omitempty"`
}

type allergyJSON struct {
	resourceHead
	ClinicalStatus     *codeableConcept `json:"clinicalStatus,omitempty"`
	VerificationStatus *codeableConcept `json:"verificationStatus,omitempty"`
	Code               *codeableConcept `json:"code,omitempty"`
	Patient            *reference       `json:"patient,omitempty"`
}

package fhir

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// elements says, for one kind of FHIR object, which of its elements the chart
// reads, which it may leave unread because they do not change what is given,
// when or to whom, and which it cannot leave unread (the chart would be
// wrong) with what to do instead. Any other element is reported as ignored.
type elements struct {
	read  []string
	quiet []string
	fatal map[string]string
}

var (
	bundleElements = elements{
		read:  []string{"resourceType", "type", "entry"},
		quiet: []string{"id", "meta", "implicitRules", "language", "identifier", "timestamp", "total", "link", "signature"},
	}
	entryElements = elements{
		read:  []string{"fullUrl", "resource", "request", "search"},
		quiet: []string{"id", "extension", "link", "response"},
	}
	patientElements = elements{
		read: []string{"resourceType", "id", "identifier", "active", "name", "birthDate",
			"deceasedBoolean", "deceasedDateTime", "extension", "modifierExtension", "contained",
			"generalPractitioner"},
		quiet: []string{"meta", "implicitRules", "language", "text", "telecom", "gender", "address",
			"maritalStatus", "multipleBirthBoolean", "multipleBirthInteger", "photo", "contact",
			"communication", "managingOrganization"},
	}
	medicationElements = elements{
		read:  []string{"resourceType", "id", "code", "form", "ingredient", "extension", "modifierExtension", "contained"},
		quiet: []string{"meta", "implicitRules", "language", "text", "identifier", "status", "manufacturer", "amount", "batch"},
	}
	ingredientElements = elements{
		read:  []string{"itemCodeableConcept", "itemReference", "strength"},
		quiet: []string{"id", "extension", "isActive"},
	}
	requestElements = elements{
		read: []string{"resourceType", "id", "status", "intent", "doNotPerform", "medicationReference",
			"medicationCodeableConcept", "subject", "authoredOn", "dosageInstruction", "extension",
			"modifierExtension", "contained"},
		quiet: []string{"meta", "implicitRules", "language", "text", "identifier", "statusReason",
			"category", "priority", "reportedBoolean", "reportedReference", "encounter",
			"supportingInformation", "requester", "performer", "performerType", "recorder",
			"reasonCode", "reasonReference", "instantiatesCanonical", "instantiatesUri", "basedOn",
			"groupIdentifier", "courseOfTherapyType", "insurance", "dispenseRequest", "substitution",
			"priorPrescription", "detectedIssue", "eventHistory"},
	}
	dosageElements = elements{
		read: []string{"sequence", "text", "patientInstruction", "timing", "asNeededBoolean", "asNeededCodeableConcept",
			"additionalInstruction", "route", "doseAndRate", "maxDosePerPeriod", "extension", "modifierExtension"},
		quiet: []string{"id"},
	}
	timingElements = elements{
		read:  []string{"repeat", "code", "event", "modifierExtension"},
		quiet: []string{"id", "extension"},
	}
	repeatElements = elements{
		read:  []string{"boundsPeriod", "frequency", "period", "periodUnit", "dayOfWeek", "timeOfDay", "when"},
		quiet: []string{"id", "extension"},
		fatal: map[string]string{
			"count":          "the chart cannot stop after a number of doses; give boundsPeriod.end instead",
			"countMax":       "the chart cannot stop after a number of doses; give boundsPeriod.end instead",
			"boundsDuration": "give the course as boundsPeriod with start and end dates",
			"boundsRange":    "give the course as boundsPeriod with start and end dates",
			"frequencyMax":   "a range of frequencies is ambiguous on a MAR; give frequency as the most times allowed",
			"offset":         "offsets from a meal or event are not supported; give timeOfDay",
		},
	}
	doseAndRateElements = elements{
		read:  []string{"type", "doseQuantity", "doseRange"},
		quiet: []string{"id", "extension"},
	}
	allergyElements = elements{
		read: []string{"resourceType", "id", "clinicalStatus", "verificationStatus", "code", "patient",
			"extension", "modifierExtension", "contained"},
		quiet: []string{"meta", "implicitRules", "language", "text", "identifier", "type", "category",
			"criticality", "encounter", "onsetDateTime", "onsetAge", "onsetPeriod", "onsetRange",
			"onsetString", "recordedDate", "recorder", "asserter", "lastOccurrence", "note", "reaction"},
	}
)

// check reports the elements of obj the chart does not read: an error for a
// fatal one, a warning for any other. Keys starting with "_" carry
// extensions of primitive values and are left alone.
func (e elements) check(p *problems, resource, path string, obj json.RawMessage) {
	keys := topLevelKeys(obj)
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasPrefix(k, "_") || contains(e.read, k) || contains(e.quiet, k) {
			continue
		}
		if why, ok := e.fatal[k]; ok {
			p.fail(resource, join(path, k), "not supported: %s", why)
			continue
		}
		p.warn(resource, join(path, k), "ignored: the chart does not use this element")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// warnExtensions reports extensions whose URL is not one the chart reads.
func warnExtensions(p *problems, resource, path string, exts []extension, known ...string) {
	for i, x := range exts {
		if !contains(known, x.URL) {
			p.warn(resource, index(join(path, "extension"), i), "extension %q is not understood and was ignored", x.URL)
		}
	}
}

// failModifiers refuses modifier extensions: FHIR forbids ignoring one, as it
// may reverse the meaning of what holds it.
func failModifiers(p *problems, resource, path string, mods []json.RawMessage) {
	for i, raw := range mods {
		var x extension
		_ = json.Unmarshal(raw, &x)
		p.fail(resource, index(join(path, "modifierExtension"), i),
			"modifier extension %q is not understood and may change the meaning; remove it or import the chart another way", x.URL)
	}
}

// topLevelKeys lists the member names of a JSON object without decoding its
// values: the importer looks at every object's names, and decoding each
// value again would double the time an import takes. Malformed input gives
// a partial list; the typed decode reports it.
func topLevelKeys(obj []byte) []string {
	var keys []string
	depth, expectKey := 0, false
	for i := 0; i < len(obj); i++ {
		switch c := obj[i]; c {
		case '{':
			depth++
			expectKey = depth == 1
		case '[':
			depth++
		case '}', ']':
			depth--
		case ',':
			expectKey = depth == 1
		case '"':
			end := stringEnd(obj, i)
			if depth == 1 && expectKey {
				keys = append(keys, memberName(obj[i:end]))
				expectKey = false
			}
			i = end - 1
		}
	}
	return keys
}

// stringEnd returns the index just after the JSON string starting at
// obj[start], or len(obj) if it never ends.
func stringEnd(obj []byte, start int) int {
	for i := start + 1; i < len(obj); i++ {
		switch obj[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(obj)
}

// memberName reads a quoted member name, unescaping only when it must.
func memberName(quoted []byte) string {
	if len(quoted) >= 2 && quoted[len(quoted)-1] == '"' && bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	var k string
	_ = json.Unmarshal(quoted, &k)
	return k
}

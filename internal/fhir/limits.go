package fhir

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"medround/internal/mar"
)

// Limits on imported text, in characters. Each is well above what a real
// chart holds (an NHS number is 10, a drug name under 100) and small
// enough that a screen, a label or a report line can show it: a 100 MB
// care note is refused, not stored. The README lists them.
const (
	maxID          = 128  // resource ids; FHIR allows 64, "#2" and contained ids add a little
	maxNamePart    = 100  // a resident's given or family name
	maxIdentifier  = 64   // an identifier's value
	maxSystem      = 256  // a code or identifier system (a URL)
	maxCode        = 64   // a code
	maxShortText   = 200  // a medicine, ingredient or allergen name, a coding display, a PRN reason
	maxWord        = 100  // a room, form, route or unit
	maxInstruction = 1000 // dosage text and patient instruction
	maxCareNotes   = 4000 // a resident's care notes
)

// field is one imported text with where it came from and its limit.
type field struct {
	resource, path, value string
	max                   int
	multiLine             bool // line breaks are allowed
}

// checkText refuses imported text that is too long or could drive a
// terminal or screen: control characters (NUL, escape), bidirectional
// overrides that make a name read backwards, and replacement characters
// left by text that was not valid UTF-8. Care notes are cleaned instead,
// and the cleaning reported, since a note is read, not matched.
func (p *parser) checkText() {
	for i := range p.chart.Residents {
		r := &p.chart.Residents[i]
		where := "Patient/" + r.ID
		r.CareNotes = p.cleanNotes(where, r.CareNotes)
		fs := []field{{where, "id", r.ID, maxID, false}, {where, "name.given", r.GivenName, maxNamePart, false},
			{where, "name.family", r.FamilyName, maxNamePart, false}, {where, "birthDate", r.BirthDate, maxWord, false},
			{where, "extension (room)", r.Room, maxWord, false}}
		for _, x := range r.Identifiers {
			fs = append(fs, field{where, "identifier.value", x.Value, maxIdentifier, false}, field{where, "identifier.system", x.System, maxSystem, false})
		}
		if g := r.GP; g != nil {
			fs = append(fs, field{where, "generalPractitioner (name)", g.Name, maxShortText, false},
				field{where, "generalPractitioner (practice)", g.Practice, maxShortText, false},
				field{where, "generalPractitioner (phone)", g.Phone, maxWord, false})
		}
		p.checkFields(fs)
	}
	for _, prod := range p.chart.Products {
		where := "Medication/" + prod.ID
		fs := []field{{where, "id", prod.ID, maxID, false}, {where, "code", prod.Name, maxShortText, false}, {where, "form", prod.Form, maxWord, false}}
		fs = append(fs, codingFields(where, "code.coding", prod.Codings)...)
		for _, ing := range prod.Ingredients {
			fs = append(fs, conceptFields(where, "ingredient", ing)...)
		}
		for _, s := range prod.Strengths {
			fs = append(fs, field{where, "ingredient.strength", s.Amount.Unit, maxWord, false}, field{where, "ingredient.strength", s.Per.Unit, maxWord, false})
		}
		p.checkFields(fs)
	}
	for _, e := range p.chart.Entries {
		where := "MedicationRequest/" + e.ID
		p.checkFields([]field{{where, "id", e.ID, maxID, false}, {where, "dosageInstruction.text", e.Text, maxInstruction, true},
			{where, "dosageInstruction.patientInstruction", e.PatientInstruction, maxInstruction, true},
			{where, "dosageInstruction.asNeededCodeableConcept", e.PRNReason, maxShortText, false},
			{where, "dosageInstruction.route", e.Route, maxWord, false},
			{where, "dosageInstruction.doseAndRate", e.Dose.Unit, maxWord, false}})
	}
	for id, words := range p.additional {
		for _, w := range words {
			p.checkFields([]field{{"MedicationRequest/" + id, "dosageInstruction.additionalInstruction", w, maxShortText, false}})
		}
	}
	for _, a := range p.chart.Allergies {
		where := "AllergyIntolerance/" + a.ID
		p.checkFields(append([]field{{where, "id", a.ID, maxID, false}}, conceptFields(where, "code", a.Substance)...))
	}
}

func conceptFields(where, path string, c mar.Concept) []field {
	return append([]field{{where, path + ".text", c.Text, maxShortText, false}}, codingFields(where, path+".coding", c.Codings)...)
}

func codingFields(where, path string, cs []mar.Coding) []field {
	var out []field
	for _, c := range cs {
		out = append(out, field{where, path + ".system", c.System, maxSystem, false},
			field{where, path + ".code", c.Code, maxCode, false}, field{where, path + ".display", c.Display, maxShortText, false})
	}
	return out
}

func (p *parser) checkFields(fs []field) {
	for _, f := range fs {
		if n := utf8.RuneCountInString(f.value); n > f.max {
			p.fail(f.resource, f.path, "is %d characters, more than the %d the chart keeps; shorten it in the source system", n, f.max)
			continue
		}
		if what := badText(f.value, f.multiLine); what != "" {
			p.fail(f.resource, f.path, "holds %s, which could change what a screen shows; correct it in the source system", what)
		}
	}
}

// badText names the first character of s that imported text must not
// hold, or returns "".
func badText(s string, multiLine bool) string {
	for _, r := range s {
		switch {
		case r == '\n' && multiLine:
		case r == utf8.RuneError:
			return "text that is not valid UTF-8"
		case isBidiControl(r):
			return fmt.Sprintf("a bidirectional control character (U+%04X)", r)
		case unicode.IsControl(r):
			return fmt.Sprintf("a control character (U+%04X)", r)
		}
	}
	return ""
}

// isBidiControl reports the Unicode bidirectional formatting characters:
// embeddings, overrides and isolates can make a name or dose display in
// an order other than the one stored.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// cleanNotes keeps a care note to its limit and removes what could drive a
// screen (line breaks stay), reporting what it did. A note too long is
// refused rather than cut, since its end may be what matters.
func (p *parser) cleanNotes(where, notes string) string {
	if n := utf8.RuneCountInString(notes); n > maxCareNotes {
		p.fail(where, "extension (care notes)", "is %d characters, more than the %d the chart keeps; shorten it in the source system", n, maxCareNotes)
		return ""
	}
	if badText(notes, true) == "" {
		return notes
	}
	var b strings.Builder
	for _, r := range notes {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == '\n':
			b.WriteRune(r)
		case r == utf8.RuneError || isBidiControl(r) || unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	p.review(where, "extension (care notes)", "the care notes held control or bidirectional characters, which were removed; check the notes read as meant")
	return strings.TrimSpace(b.String())
}

package fhir

import (
	"strings"
	"unicode/utf8"

	"medround/internal/mar"
)

// keepAdditional keeps a dosage line's additionalInstruction labels (e.g.
// "If no improvement after 48 hours, contact the GP") for its PRN
// protocol. An instruction with neither text nor a display is a bare code
// no care worker can read: it is left out, and said.
func (p *parser) keepAdditional(where, path, entryID string, cs []codeableConcept) {
	for i, c := range cs {
		label := instructionWords(c)
		if label == "" {
			p.warn(where, index(join(path, "additionalInstruction"), i), "an additional instruction with no text or display was left off the PRN protocol; add its text at the source")
			continue
		}
		if p.additional == nil {
			p.additional = map[string][]string{}
		}
		p.additional[entryID] = append(p.additional[entryID], label)
	}
}

// readProtocols makes the PRN protocol of each active or on-hold
// when-required line that says what it is for: its asNeeded reason is the
// first sign to look for, and its patientInstruction and
// additionalInstruction are kept word for word as the prescription's words.
// Import does not guess which words say when to call the GP: a senior
// completes the protocol in the home. A line with instructions but no
// reason makes none, and is listed for a senior to confirm.
func (p *parser) readProtocols() {
	for _, e := range p.chart.Entries {
		if !e.PRN || (e.Status != mar.EntryActive && e.Status != mar.EntryOnHold) {
			continue
		}
		words := p.additional[e.ID]
		if s := oneLine(e.PatientInstruction); s != "" {
			words = append([]string{s}, words...)
		}
		if e.PRNReason == "" {
			if len(words) > 0 {
				p.review("MedicationRequest/"+e.ID, "dosageInstruction.asNeededCodeableConcept",
					"the when-required line gives instructions but not what it is for: no PRN protocol was made from it; a senior writes one")
			}
			continue
		}
		prescribed := strings.Join(words, "; ")
		if n := utf8.RuneCountInString(prescribed); n > mar.MaxPrescribedText {
			p.fail("MedicationRequest/"+e.ID, "dosageInstruction.additionalInstruction",
				"the instructions come to %d characters, more than the %d a PRN protocol keeps; shorten them in the source system", n, mar.MaxPrescribedText)
			continue
		}
		p.chart.Protocols = append(p.chart.Protocols, mar.PRNProtocol{ResidentID: e.ResidentID, EntryID: e.ID,
			Signs: []string{oneLine(e.PRNReason)}, Prescribed: prescribed, Imported: true})
	}
}

// instructionWords are an instruction's text, else its first display.
func instructionWords(c codeableConcept) string {
	if t := oneLine(c.Text); t != "" {
		return t
	}
	for _, cd := range c.Coding {
		if d := oneLine(cd.Display); d != "" {
			return d
		}
	}
	return ""
}

package mar

// knownTerms names the SNOMED CT and dm+d codes of the allergens and
// substances a chart most often carries without a name: a GP system may
// send an allergy as the bare code 91936005 ("allergy to penicillin"), and
// a code nobody can name cannot be matched against a medicine by class.
// It holds the classes the allergy check knows (penicillins, NSAIDs), their
// common members and the common analgesics. dm+d identifies ingredients
// (substances) and virtual therapeutic moieties by SNOMED CT identifiers,
// so each code is known in both systems. Every code was checked against
// published terminology examples; a pharmacist confirms any allergy named
// from this table at import. Add a code only with its source checked: a
// wrong name here makes a wrong allergy.
var knownTerms = map[string]string{
	// Penicillins.
	"91936005":  "Penicillin",  // allergy to penicillin (finding)
	"764146007": "Penicillin",  // penicillin (substance)
	"373270004": "Penicillin",  // substance with penicillin structure and antibacterial mechanism of action
	"372687004": "Amoxicillin", // amoxicillin (substance)
	"27658006":  "Amoxicillin", // amoxicillin-containing product (dm+d VTM)
	// NSAIDs.
	"372665008": "Non-steroidal anti-inflammatory drug", // NSAID (substance)
	"387207008": "Ibuprofen",                            // ibuprofen (substance)
	"387458008": "Aspirin",                              // aspirin (substance)
	"293586001": "Aspirin",                              // allergy to aspirin (finding)
	// Common analgesics.
	"387517004": "Paracetamol", // paracetamol (substance)
	"90332006":  "Paracetamol", // paracetamol-containing product (dm+d VTM)
	"387494007": "Codeine",     // codeine (substance)
	"373529000": "Morphine",    // morphine (substance)
}

// CodeName names a SNOMED CT or dm+d code from the table of common allergens
// and substances, or returns false.
func CodeName(c Coding) (string, bool) {
	if c.System != SystemSNOMED && c.System != SystemDMD {
		return "", false
	}
	n, ok := knownTerms[c.Code]
	return n, ok
}

// Named reports whether the concept carries a name a person can read: text
// or a coding display. A concept with codes only is not named.
func (c Concept) Named() bool {
	if c.Text != "" {
		return true
	}
	for _, cd := range c.Codings {
		if cd.Display != "" {
			return true
		}
	}
	return false
}

// Names returns what the concept is called: its text, its codings'
// displays, and the table's name for each of its codes. A bare code is
// never a name; the table turns it into one where it can.
func (c Concept) Names() []string {
	var out []string
	if c.Text != "" {
		out = append(out, c.Text)
	}
	for _, cd := range c.Codings {
		if cd.Display != "" {
			out = append(out, cd.Display)
		}
		if n, ok := CodeName(cd); ok {
			out = append(out, n)
		}
	}
	return out
}

// WithNames fills the display of each coding the table can name and that
// has none, and reports whether it named any. The concept is not changed.
func (c Concept) WithNames() (Concept, bool) {
	named := false
	out := Concept{Text: c.Text, Codings: make([]Coding, len(c.Codings))}
	copy(out.Codings, c.Codings)
	for i, cd := range out.Codings {
		if cd.Display != "" {
			continue
		}
		if n, ok := CodeName(cd); ok {
			out.Codings[i].Display = n
			named = true
		}
	}
	if len(c.Codings) == 0 {
		out.Codings = nil
	}
	return out, named
}

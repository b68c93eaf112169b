package fhir

import (
	"encoding/json"
	"strings"

	"medround/internal/mar"
)

// gpTypes are the resources a Patient's generalPractitioner names. A file
// may carry them beside the chart; they are read only through that
// reference, for the GP's name, practice and phone on the MAR chart.
var gpTypes = []string{"Practitioner", "Organization", "PractitionerRole"}

// systemODS is the NHS identifier system of an organisation (a GP
// practice) by its ODS code, which PDS gives in place of a reference.
const systemODS = "https://fhir.nhs.uk/Id/ods-organization-code"

type contactPoint struct {
	System string  `json:"system,omitempty"`
	Value  string  `json:"value,omitempty"`
	Use    string  `json:"use,omitempty"`
	Period *period `json:"period,omitempty"`
}

// gpName is a HumanName with the prefix a doctor's name carries.
type gpName struct {
	Text   string   `json:"text,omitempty"`
	Prefix []string `json:"prefix,omitempty"`
	Given  []string `json:"given,omitempty"`
	Family string   `json:"family,omitempty"`
	Period *period  `json:"period,omitempty"`
}

type gpJSON struct {
	Name         json.RawMessage `json:"name,omitempty"` // HumanName[] (Practitioner) or string (Organization)
	Telecom      []contactPoint  `json:"telecom,omitempty"`
	Practitioner *reference      `json:"practitioner,omitempty"` // PractitionerRole
	Organization *reference      `json:"organization,omitempty"` // PractitionerRole
}

// readGP reads Patient.generalPractitioner: the doctor (a Practitioner, or
// a PractitionerRole's), the practice (an Organization) and a phone, from
// the resources the file carries or, for one it does not, the reference's
// display. Nothing here changes what is given: a GP that cannot be read is
// a warning, and the chart shows none.
func (p *parser) readGP(n *node, refs []reference) *mar.GP {
	gp := &mar.GP{}
	for i := range refs {
		p.addGP(n, &refs[i], index("generalPractitioner", i), gp, true)
	}
	gp.Name, gp.Practice, gp.Phone = oneLine(gp.Name), oneLine(gp.Practice), oneLine(gp.Phone)
	if *gp == (mar.GP{}) {
		if len(refs) > 0 {
			p.warn(n.where, "generalPractitioner", "names no GP this file describes and has no display: the MAR chart shows no GP; add the GP's name to the record")
		}
		return nil
	}
	return gp
}

// addGP fills what gp lacks from one reference; a PractitionerRole's own
// practitioner and organization are followed once (follow).
func (p *parser) addGP(from *node, ref *reference, path string, gp *mar.GP, follow bool) {
	if ref == nil {
		return
	}
	target := p.resolve(from, ref)
	if target != nil {
		if p.gpRead == nil {
			p.gpRead = map[*node]bool{}
		}
		p.gpRead[target] = true
	}
	typ := refType(ref, target)
	var g gpJSON
	if target != nil && !p.decode(target.where, "", target.raw, &g) {
		return
	}
	switch typ {
	case "Practitioner":
		setOnce(&gp.Name, practitionerName(g.Name), ref.Display)
	case "Organization":
		var name string
		_ = json.Unmarshal(g.Name, &name)
		code := ""
		if ref.Identifier != nil && ref.Identifier.System == systemODS && ref.Identifier.Value != "" {
			code = "ODS code " + ref.Identifier.Value
		}
		setOnce(&gp.Practice, name, ref.Display, code)
	case "PractitionerRole":
		if follow && target != nil {
			p.addGP(target, g.Practitioner, path, gp, false)
			p.addGP(target, g.Organization, path, gp, false)
		}
		setOnce(&gp.Name, ref.Display)
	default:
		setOnce(&gp.Name, ref.Display)
	}
	setOnce(&gp.Phone, phone(g.Telecom))
}

// warnUnreadGP reports the practitioners and organisations of the file no
// Patient names as its GP: the chart has no other use for them.
func (p *parser) warnUnreadGP() {
	for _, n := range p.nodes {
		if contains(gpTypes, n.typ) && !p.gpRead[n] {
			p.warn(n.where, "", "is ignored: a %s is read only as a Patient's generalPractitioner", n.typ)
		}
	}
}

// refType is the type of resource a reference names: the resource found,
// else the "Type/id" of the reference.
func refType(ref *reference, target *node) string {
	if target != nil {
		return target.typ
	}
	r, _, _ := strings.Cut(ref.Reference, "/_history/")
	parts := strings.Split(r, "/")
	if len(parts) >= 2 {
		return parts[len(parts)-2]
	}
	if ref.Identifier != nil && ref.Identifier.System == systemODS {
		return "Organization"
	}
	return ""
}

// setOnce sets *dst to the first non-blank of vs, unless it is set.
func setOnce(dst *string, vs ...string) {
	if strings.TrimSpace(*dst) != "" {
		return
	}
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			*dst = v
			return
		}
	}
}

// practitionerName is a Practitioner's current name as a letter would
// write it: "Dr Aisha Khan".
func practitionerName(raw json.RawMessage) string {
	var names []gpName
	if json.Unmarshal(raw, &names) != nil {
		return ""
	}
	for _, h := range names {
		if h.Period != nil && h.Period.End != "" {
			continue // an old name
		}
		if t := strings.TrimSpace(h.Text); t != "" {
			return t
		}
		parts := append(append(append([]string{}, h.Prefix...), h.Given...), h.Family)
		if s := strings.TrimSpace(strings.Join(parts, " ")); s != "" {
			return s
		}
	}
	return ""
}

// phone is the first current phone number, a work number first.
func phone(ts []contactPoint) string {
	best := ""
	for _, t := range ts {
		if t.System != "phone" || strings.TrimSpace(t.Value) == "" || (t.Period != nil && t.Period.End != "") {
			continue
		}
		if t.Use == "work" {
			return t.Value
		}
		if best == "" && t.Use != "old" {
			best = t.Value
		}
	}
	return best
}

package fhir

import (
	"strings"

	"medround/internal/mar"
)

func (p *parser) readPatient(n *node) {
	var pt patientJSON
	if !p.decode(n.where, "", n.raw, &pt) {
		return
	}
	patientElements.check(&p.problems, n.where, "", n.raw)
	failModifiers(&p.problems, n.where, "", pt.ModifierExtension)
	warnExtensions(&p.problems, n.where, "", pt.Extension, extRoom, extCareNotes, extResidentStatus)

	// Status stays zero unless the file says: the store then keeps the status
	// the home set (a re-import must not bring a resident in hospital back).
	r := mar.Resident{ID: n.id, BirthDate: pt.BirthDate, Active: pt.Active == nil || *pt.Active}
	p.readIdentifiers(n, &r, pt.Identifier)
	r.GivenName, r.FamilyName = pickName(pt.Name)
	r.GP = p.readGP(n, pt.GP)
	if r.Name() == "" {
		p.warn(n.where, "name", "the resident has no name: care workers will see only their identifiers")
	}
	for _, x := range pt.Extension {
		switch x.URL {
		case extRoom:
			r.Room = p.extString(n.where, x)
		case extCareNotes:
			r.CareNotes = p.extString(n.where, x)
		case extResidentStatus:
			p.readStatus(n.where, x, &r)
		}
	}
	if (pt.DeceasedBoolean != nil && *pt.DeceasedBoolean) || pt.DeceasedDateTime != "" {
		if r.Status != 0 && r.Status != mar.StatusPresent && r.Status != mar.StatusDeceased {
			p.warn(n.where, "deceased[x]", "the resident is recorded as deceased; status %s was overridden", r.Status)
		}
		r.Status = mar.StatusDeceased
	}
	n.resident = &r
	p.chart.Residents = append(p.chart.Residents, r)
}

func (p *parser) readIdentifiers(n *node, r *mar.Resident, ids []identifier) {
	for i, id := range ids {
		path := index("identifier", i)
		value := strings.TrimSpace(id.Value)
		if value == "" {
			p.warn(n.where, path, "identifier has no value and was ignored")
			continue
		}
		if id.System != mar.SystemNHSNumber {
			r.Identifiers = append(r.Identifiers, mar.Identifier{System: id.System, Value: value})
			continue
		}
		nhs := strings.ReplaceAll(value, " ", "")
		switch {
		case !validNHSNumber(nhs):
			p.fail(n.where, path, "NHS number is not valid (10 digits with a modulus 11 check digit); correct it in the source system")
		case r.NHSNumber != "" && r.NHSNumber != nhs:
			p.fail(n.where, path, "the Patient has two different NHS numbers; keep only the right one")
		default:
			r.NHSNumber = nhs
		}
	}
}

// nameRank orders the HumanName uses a resident may be known by.
var nameRank = map[string]int{"official": 0, "usual": 1, "": 2, "temp": 3, "nickname": 4}

// pickName chooses the name a care worker knows the resident by on their
// wristband: official, else usual, else any current name.
func pickName(names []humanName) (given, family string) {
	best, rank := -1, 99
	for i, h := range names {
		if h.Period != nil && h.Period.End != "" {
			continue // an old name
		}
		r, ok := nameRank[h.Use]
		if !ok {
			continue // old, anonymous, maiden
		}
		if r < rank {
			best, rank = i, r
		}
	}
	if best < 0 {
		return "", ""
	}
	h := names[best]
	given = strings.TrimSpace(strings.Join(h.Given, " "))
	family = strings.TrimSpace(h.Family)
	if given == "" && family == "" {
		given = strings.TrimSpace(h.Text)
	}
	return oneLine(given), oneLine(family)
}

func (p *parser) extString(where string, x extension) string {
	if x.ValueString == nil {
		p.fail(where, "extension", "extension %q needs a valueString", x.URL)
		return ""
	}
	return strings.TrimSpace(*x.ValueString)
}

func (p *parser) readStatus(where string, x extension, r *mar.Resident) {
	v := x.ValueCode
	if v == nil {
		v = x.ValueString
	}
	if v == nil {
		p.fail(where, "extension", "extension %q needs a valueCode: present, hospital, leave, discharged or deceased", x.URL)
		return
	}
	s, err := mar.ParseResidentStatus(*v)
	if err != nil {
		p.fail(where, "extension", "%v", err)
		return
	}
	r.Status = s
}

package check

import (
	"fmt"
	"slices"
	"strings"

	"medround/internal/mar"
)

// minSubstring is the shortest allergen name matched inside a word. Shorter
// names ("egg", "nut") match only whole words, so that they do not match
// inside unrelated names; at five letters and more, "penicillin" must
// match inside "phenoxymethylpenicillin".
const minSubstring = 5

// checkAllergy controls giving a medicine the resident is allergic to. An
// active allergy matches the product or one of its ingredients by a shared
// code, and also by name, because codes seldom capture classes (a
// penicillin allergy is coded for the class; the product for its member).
// Name matching errs towards stopping: a false stop costs a call to a
// senior, a missed allergy can kill.
func (c *checker) checkAllergy() {
	c.allergyTo(*c.v.Product)
}

// checkPackAllergy runs the allergy rule on a scanned pack that matched no
// single chart entry. The pack is stopped already (not on the chart, or
// ambiguous), but a care worker told only "not on the chart" may fetch
// the chart rather than put the pack away: ALLERGY says it could harm.
// Its products are those of the chart and of PackProducts that carry the
// pack's GTIN; a product passed in for another GTIN is ignored, so that a
// caller's mistake cannot name the wrong medicine.
func (c *checker) checkPackAllergy() {
	if c.in.Pack == nil {
		return
	}
	seen := map[string]bool{}
	var ps []mar.Product
	for _, p := range c.in.PackProducts {
		if p.HasGTIN(c.in.Pack.GTIN) && !seen[p.ID] {
			seen[p.ID] = true
			ps = append(ps, p)
		}
	}
	var chartOnly []mar.Product
	for _, p := range c.in.Products {
		if p.HasGTIN(c.in.Pack.GTIN) && !seen[p.ID] {
			seen[p.ID] = true
			chartOnly = append(chartOnly, p)
		}
	}
	slices.SortFunc(chartOnly, func(a, b mar.Product) int { return strings.Compare(a.ID, b.ID) })
	for _, p := range append(ps, chartOnly...) {
		c.allergyTo(p)
	}
}

// allergyTo adds an ALLERGY reason for each active allergy of the
// resident that matches the product.
func (c *checker) allergyTo(p mar.Product) {
	for _, a := range c.in.Allergies {
		if !a.Active || (a.ResidentID != "" && a.ResidentID != c.in.Resident.ID) {
			continue
		}
		matched, ok := allergyMatch(a.Substance, p)
		if !ok && len(conceptNames(a.Substance)) == 0 {
			// A code the table cannot name may still be this medicine's
			// class: unable to tell, the check does not pass.
			what := fmt.Sprintf("recorded only as a code (%s) this tablet cannot name", a.Substance.Label())
			if len(a.Substance.Codings) == 0 {
				what = "with no substance recorded"
			}
			c.v.add(newReason(CannotDecide,
				"Do not give. %s has an allergy %s, so the check cannot tell whether %s is safe. Tell a senior: the allergy must be imported again with its name.",
				residentName(c.in.Resident), what, p.Name))
			continue
		}
		if !ok {
			continue
		}
		c.v.add(newReason(Allergy,
			"Do not give. %s has a recorded allergy to %s, and %s contains %s. Tell a senior; the GP or pharmacist must decide.",
			residentName(c.in.Resident), allergenName(a.Substance), p.Name, matched))
	}
}

// allergenName is what the allergy is to, as a care worker reads it: the
// text or display, else the name of its code, else the code.
func allergenName(c mar.Concept) string {
	if n := c.Names(); len(n) > 0 {
		return n[0]
	}
	return c.Label()
}

func residentName(r *mar.Resident) string {
	if n := r.Name(); n != "" {
		return n
	}
	return "This resident"
}

// allergyMatch reports whether the allergen matches the product, and names
// what it matched: the ingredient, else the product when the match is on
// the product's own name or code (a product with no ingredients listed).
// Ingredients come first, so the message names the substance the resident
// reacts to rather than the brand.
func allergyMatch(allergen mar.Concept, p mar.Product) (string, bool) {
	parts := append(append([]mar.Concept{}, p.Ingredients...), mar.Concept{Codings: p.Codings, Text: p.Name})
	for _, part := range parts {
		if sharesCoding(allergen, part) {
			return allergenName(part), true
		}
	}
	terms := allergenTerms(allergen)
	for _, part := range parts {
		for _, name := range conceptNames(part) {
			for _, t := range terms {
				if containsTerm(name, t) {
					return allergenName(part), true
				}
			}
		}
	}
	return "", false
}

// allergyClasses names the members of drug classes whose names do not
// contain the class name, by normalised stems matched like an allergen
// name. It holds the classes behind most recorded drug allergies in care
// homes: a penicillin allergy must stop flucloxacillin and amoxicillin
// (every penicillin antibiotic is a "-cillin" but the name), and an NSAID
// allergy must stop ibuprofen and aspirin. An allergy to one member is an
// allergy to the class, as the BNF treats both: a resident allergic to
// amoxicillin is allergic to every penicillin, one who reacted to aspirin
// must not have any NSAID. Other classes still need the allergy coded to
// the ingredient.
var allergyClasses = []struct {
	names, members []string
}{
	{[]string{"penicillin"}, []string{"cillin", "amoxiclav", "fluampicil"}},
	{[]string{"nsaid", "non steroidal anti inflammatory"}, []string{"ibuprofen", "naproxen", "diclofenac", "aceclofenac", "aspirin",
		"acetylsalicylic", "mefenamic", "celecoxib", "etoricoxib", "parecoxib", "etodolac",
		"meloxicam", "piroxicam", "tenoxicam", "indometacin", "indomethacin", "ketoprofen",
		"flurbiprofen", "fenoprofen", "tiaprofenic", "nabumetone", "sulindac", "ketorolac"}},
}

// allergenTerms returns the normalised names an allergen matches: its own
// names, their singular ("penicillins" is recorded as often as
// "penicillin"), and the members of any class they name or belong to.
func allergenTerms(allergen mar.Concept) []string {
	var out []string
	for _, n := range conceptNames(allergen) {
		out = append(out, n)
		if s := singular(n); s != n {
			out = append(out, s)
		}
	}
	var members []string
	for _, cl := range allergyClasses {
		if namesClass(out, cl.names) || namesClass(out, cl.members) {
			members = append(members, cl.members...)
		}
	}
	return append(out, members...)
}

func namesClass(terms, class []string) bool {
	for _, t := range terms {
		for _, c := range class {
			if containsTerm(t, c) {
				return true
			}
		}
	}
	return false
}

// singular drops a plural "s" from each word of six letters or more, so
// that "penicillins" and "NSAIDs" match their members; shorter words
// ("gas") and "ss" endings ("grass") are left.
func singular(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		if len(w) >= 6 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			words[i] = strings.TrimSuffix(w, "s")
		}
	}
	return strings.Join(words, " ")
}

func sharesCoding(a, b mar.Concept) bool {
	for _, x := range a.Codings {
		for _, y := range b.Codings {
			if x.Code != "" && x.System == y.System && x.Code == y.Code {
				return true
			}
		}
	}
	return false
}

// conceptNames returns the concept's names, normalised: its text, its
// coding displays, and the name of each code the table of common
// allergens knows (mar.CodeName). A bare code is never compared as a name:
// an allergy coded 91936005 means penicillin, and only its name stops
// amoxicillin.
func conceptNames(c mar.Concept) []string {
	var out []string
	for _, s := range c.Names() {
		if n := mar.NormaliseText(s); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// containsTerm reports whether the normalised name contains the normalised
// term: anywhere when the term is long enough, else as whole words.
func containsTerm(name, term string) bool {
	if len(term) >= minSubstring {
		return strings.Contains(name, term)
	}
	padded := " " + name + " "
	return strings.Contains(padded, " "+term+" ")
}

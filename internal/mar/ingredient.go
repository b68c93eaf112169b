package mar

import "strings"

// saltWords are the salt and ester parts of an ingredient's name that do
// not change what the active moiety is: "amlodipine besilate" is the
// amlodipine of a generic "amlodipine" line, "codeine phosphate" the codeine
// of co-codamol. A name made only of salt words ("sodium chloride") keeps
// them, so two electrolytes do not become one ingredient.
var saltWords = map[string]bool{
	"sulfate": true, "sulphate": true, "hydrochloride": true, "phosphate": true, "sodium": true,
	"potassium": true, "calcium": true, "magnesium": true, "maleate": true, "besilate": true,
	"besylate": true, "mesilate": true, "mesylate": true, "tartrate": true, "bitartrate": true,
	"citrate": true, "fumarate": true, "succinate": true, "acetate": true, "bromide": true,
	"hydrobromide": true, "chloride": true, "dihydrate": true, "monohydrate": true, "trihydrate": true,
	"hemihydrate": true, "anhydrous": true, "hyclate": true, "lactate": true, "gluconate": true,
	"nitrate": true, "propionate": true, "dipropionate": true, "valerate": true, "trometamol": true,
	"disodium": true, "dipotassium": true, "hydrogen": true, "base": true,
}

// IngredientKey is the name two ingredients are compared by when their
// codes do not settle it: NormaliseText with salt words dropped.
func IngredientKey(name string) string {
	words := strings.Fields(NormaliseText(name))
	var kept []string
	for _, w := range words {
		if !saltWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return strings.Join(words, " ")
	}
	return strings.Join(kept, " ")
}

// SameIngredient reports whether two ingredient concepts are the same
// active ingredient: a code they share in one system, or else the same
// IngredientKey of any of their names. Codes alone do not decide "not the
// same": paracetamol is a SNOMED substance in one product and a dm+d VTM in
// co-codamol, and charts mix the two, so two different codes still match by
// name. The hazard is a missed match (a double dose), so a match by either
// route counts.
func SameIngredient(a, b Concept) bool { return (*IngredientMatcher)(nil).Same(a, b) }

// IngredientMatcher is SameIngredient, SharesIngredient and
// CommonIngredient keeping the key of each name it has worked out: the
// check compares the same few ingredients many times for one dose. The
// zero value is ready to use; a nil matcher keeps nothing. It is not safe
// for concurrent use.
type IngredientMatcher struct {
	keys map[string]string
}

// key is IngredientKey of name, worked out once.
func (m *IngredientMatcher) key(name string) string {
	if m == nil {
		return IngredientKey(name)
	}
	k, ok := m.keys[name]
	if !ok {
		if m.keys == nil {
			m.keys = make(map[string]string)
		}
		k = IngredientKey(name)
		m.keys[name] = k
	}
	return k
}

// Same is SameIngredient.
func (m *IngredientMatcher) Same(a, b Concept) bool {
	for _, x := range a.Codings {
		for _, y := range b.Codings {
			if x.Code != "" && x.System == y.System && x.Code == y.Code {
				return true
			}
		}
	}
	for _, na := range a.Names() {
		ka := m.key(na)
		if ka == "" {
			continue
		}
		for _, nb := range b.Names() {
			if ka == m.key(nb) {
				return true
			}
		}
	}
	return false
}

// Shares is SharesIngredient.
func (m *IngredientMatcher) Shares(a, b Product) bool {
	_, ok := m.Common(a, b)
	return ok || (a.ID != "" && a.ID == b.ID)
}

// Common is CommonIngredient.
func (m *IngredientMatcher) Common(a, b Product) (Concept, bool) {
	for _, x := range a.Ingredients {
		for _, y := range b.Ingredients {
			if m.Same(x, y) {
				return x, true
			}
		}
	}
	return Concept{}, false
}

// SharesIngredient reports whether two products are the same product or
// have an active ingredient in common.
func SharesIngredient(a, b Product) bool { return (*IngredientMatcher)(nil).Shares(a, b) }

// CommonIngredient returns the first ingredient of a that b also has.
func CommonIngredient(a, b Product) (Concept, bool) { return (*IngredientMatcher)(nil).Common(a, b) }

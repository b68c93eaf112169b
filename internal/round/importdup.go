package round

import (
	"errors"
	"fmt"
	"slices"

	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/store"
)

// ingredientName is the key (mar.IngredientKey) of the name an ingredient
// is known by: its text, else its display, else the name of its code; ""
// when it has none.
func ingredientName(c mar.Concept) string {
	for _, n := range c.Names() {
		if v := mar.IngredientKey(n); v != "" {
			return v
		}
	}
	return ""
}

// ingredientMismatches lists ingredient codes given two names, and names
// given two codes in one system, across every product after the import.
// Only conflicts involving a product of this import are listed, so an old
// one is not repeated on every import. Codes of different systems (a
// SNOMED CT substance, a dm+d VTM) differ for one substance by design and
// are not compared.
func ingredientMismatches(all map[string]mar.Product, update []mar.Product) []fhir.Unsupported {
	inUpdate := map[string]bool{}
	for _, p := range update {
		inUpdate[p.ID] = true
	}
	type use struct{ value, product string }
	byCode := map[string][]use{} // system|code -> names
	byName := map[string][]use{} // system|name -> codes
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		for _, ing := range all[id].Ingredients {
			name := ingredientName(ing)
			for _, cd := range ing.Codings {
				if cd.Code == "" || name == "" {
					continue
				}
				byCode[cd.System+"|"+cd.Code] = append(byCode[cd.System+"|"+cd.Code], use{name, id})
				byName[cd.System+"|"+name] = append(byName[cd.System+"|"+name], use{cd.Code, id})
			}
		}
	}
	var out []fhir.Unsupported
	report := func(key string, uses []use, what string) {
		for _, a := range uses {
			for _, b := range uses {
				if a.value < b.value && (inUpdate[a.product] || inUpdate[b.product]) {
					out = append(out, fhir.Unsupported{Resource: "Medication/" + b.product, Path: "ingredient",
						Message: fmt.Sprintf(what, key, a.value, a.product, b.value)})
					return
				}
			}
		}
	}
	for _, key := range sortedKeys(byCode) {
		report(key, byCode[key], "ingredient code %s is named %q in Medication/%s and %q here: one of them is wrong, and doses of the same ingredient may not be added up; a pharmacist should correct it")
	}
	for _, key := range sortedKeys(byName) {
		report(key, byName[key], "ingredient %s has code %s in Medication/%s and %s here: a pharmacist should confirm which is right")
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// duplicateTherapy lists, for each resident the import charts, pairs of
// lines in force (active or on hold, not ended) from different requests
// that share an active ingredient: brand and generic amlodipine, or a new
// request beside the one it was meant to replace. A senior confirms they
// are meant together, or has one stopped.
func (s *Service) duplicateTherapy(u *store.ChartUpdate, products map[string]mar.Product) ([]fhir.Unsupported, error) {
	var residents []string
	updated := map[string]mar.ChartEntry{}
	for _, e := range u.Entries {
		if !slices.Contains(residents, e.ResidentID) {
			residents = append(residents, e.ResidentID)
		}
		updated[e.ID] = e
	}
	var out []fhir.Unsupported
	for _, rid := range residents {
		lines, err := s.linesInForce(rid, updated, u)
		if err != nil {
			return nil, err
		}
		for j := 1; j < len(lines); j++ {
			for i := range j {
				a, b := lines[i], lines[j]
				if baseID(a.ID) == baseID(b.ID) {
					continue // dosage lines of one request are meant together
				}
				if common := sharedIngredient(products[a.ProductID], products[b.ProductID]); common != "" {
					out = append(out, fhir.Unsupported{Resource: "Patient/" + rid,
						Message: fmt.Sprintf("%s (%s) and %s (%s) are both in force and both contain %s: a senior must confirm they are meant together, or have one stopped",
							entryWhere(a.ID), products[a.ProductID].Name, entryWhere(b.ID), products[b.ProductID].Name, common)})
				}
			}
		}
	}
	return out, nil
}

// linesInForce is a resident's chart after the import: the stored lines with
// the update's in place of any of the same ID, keeping those active or on
// hold and not ended, sorted by ID.
func (s *Service) linesInForce(residentID string, updated map[string]mar.ChartEntry, u *store.ChartUpdate) ([]mar.ChartEntry, error) {
	stored, err := s.st.Chart(residentID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	byID := map[string]mar.ChartEntry{}
	for _, e := range stored {
		byID[e.ID] = e
	}
	for id, e := range updated {
		if e.ResidentID == residentID {
			byID[id] = e
		}
	}
	var out []mar.ChartEntry
	for _, id := range sortedKeys(byID) {
		e := byID[id]
		live := e.Status == mar.EntryActive || e.Status == mar.EntryOnHold
		if live && (e.End.IsZero() || e.End.After(u.At)) {
			out = append(out, e)
		}
	}
	return out, nil
}

// sharedIngredient names an active ingredient two products have in common
// (mar.CommonIngredient, the rule the check uses); a product without
// ingredients listed is compared by itself.
func sharedIngredient(a, b mar.Product) string {
	if c, ok := mar.CommonIngredient(withSelf(a), withSelf(b)); ok {
		if n := ingredientName(c); n != "" {
			return n
		}
		return c.Label()
	}
	return ""
}

// withSelf gives a product with no ingredients listed one ingredient: the
// product itself, by its codes (not GTINs) and name.
func withSelf(p mar.Product) mar.Product {
	if len(p.Ingredients) > 0 || p.ID == "" {
		return p
	}
	var codes []mar.Coding
	for _, c := range p.Codings {
		if c.System != mar.SystemGTIN {
			codes = append(codes, c)
		}
	}
	p.Ingredients = []mar.Concept{{Codings: codes, Text: p.Name}}
	return p
}

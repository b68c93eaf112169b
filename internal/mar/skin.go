package mar

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SkinAreas lists the body map's areas a cream or other topical medicine
// is applied to, front then back: the patch sites (BodySites) and the
// other areas a topical MAR chart's body map shows, such as the pressure
// areas (sacrum, buttocks, heels) barrier creams go on.
func SkinAreas() []BodySite {
	areas := []BodySite{
		{"face", "face", false}, {"neck", "neck", false},
		{"forearm-left", "left forearm", false}, {"forearm-right", "right forearm", false},
		{"hand-left", "left hand", false}, {"hand-right", "right hand", false},
		{"abdomen", "abdomen", false}, {"groin", "groin", false},
		{"lower-leg-left", "left lower leg", false}, {"lower-leg-right", "right lower leg", false},
		{"foot-left", "left foot", false}, {"foot-right", "right foot", false},
		{"sacrum", "base of the spine (sacrum)", true},
		{"buttock-left", "left buttock", true}, {"buttock-right", "right buttock", true},
		{"back-thigh-left", "back of the left thigh", true}, {"back-thigh-right", "back of the right thigh", true},
		{"calf-left", "left calf", true}, {"calf-right", "right calf", true},
		{"heel-left", "left heel", true}, {"heel-right", "right heel", true},
	}
	return append(BodySites(), areas...)
}

// ParseSkinArea reads a skin area's word.
func ParseSkinArea(s string) (BodySite, error) { return parseSite("skin area", s, SkinAreas()) }

// ParseSkinAreas reads the areas a cream went on, their words separated by
// commas; each once, in the order given. None is an error: the record of
// a cream applied says where.
func ParseSkinAreas(s string) ([]BodySite, error) {
	var out []BodySite
	var errs []error
	for w := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(w) == "" {
			continue
		}
		a, err := ParseSkinArea(w)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("no skin area: say where the cream went")
	}
	return out, nil
}

// SiteWords joins the words of sites, as a request and the command line
// carry them.
func SiteWords(sites []BodySite) string {
	w := make([]string, len(sites))
	for i, s := range sites {
		w[i] = s.Word
	}
	return strings.Join(w, ",")
}

// IsTopical reports whether a chart entry puts its product on the skin,
// as a cream, ointment, gel or lotion applied by a care worker: by the
// route where the chart gives one, else by the product's form. A patch is
// not (it has its own site and rotation), nor is a medicine for the eye,
// ear, nose, mouth, rectum or vagina, whose place is its route.
func IsTopical(e ChartEntry, p Product) bool {
	if IsPatch(p) {
		return false
	}
	if r := strings.ToLower(e.Route); r != "" {
		return strings.Contains(r, "topical") || (strings.Contains(r, "cutaneous") && !strings.Contains(r, "subcutaneous"))
	}
	form := strings.ToLower(p.Form + " " + p.Name)
	for _, not := range []string{"eye", "ear", "nasal", "oral", "mouth", "rectal", "vaginal", "injection"} {
		if strings.Contains(form, not) {
			return false
		}
	}
	for _, f := range []string{"cream", "ointment", "gel", "lotion", "emollient", "barrier", "balm"} {
		if strings.Contains(form, f) {
			return true
		}
	}
	return false
}

// Patch site rotation limits a chart or product may set: a rotation of
// less than a day would let a site be used again while still marked, and
// one over 90 days is a typing error no leaflet asks for.
const (
	MinPatchRotation = 24 * time.Hour
	MaxPatchRotation = 90 * 24 * time.Hour
)

// PatchRotation is how long a patch site rests before it is used again:
// the chart entry's rotation where the prescriber gave one, else the
// product's (its leaflet: rivastigmine 14 days), else
// DefaultPatchRotation.
func PatchRotation(e ChartEntry, p Product) time.Duration {
	for _, d := range []time.Duration{e.PatchRotation, p.PatchRotation} {
		if d >= MinPatchRotation && d <= MaxPatchRotation {
			return d
		}
	}
	return DefaultPatchRotation
}

// ValidPatchRotation says whether a rotation read from a chart may be kept.
func ValidPatchRotation(d time.Duration) error {
	if d < MinPatchRotation || d > MaxPatchRotation {
		return fmt.Errorf("patch site rotation %s: want 1 to 90 days", d)
	}
	return nil
}

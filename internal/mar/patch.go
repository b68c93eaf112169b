package mar

import (
	"fmt"
	"strings"
	"time"
)

// BodySite is a place on the body a patch or cream is applied, from the
// fixed lists of the body map. Its word is stored (KindPatchSite): the
// lists are only appended to, and a word means the same place in both.
// Left and right are the resident's own.
type BodySite struct {
	Word  string // stored, e.g. "upper-arm-left"
	Words string // what a care worker reads
	Back  bool   // on the back of the body map, else the front
}

// BodySites lists the body map's sites, front then back. They are the
// usual patch sites of the manufacturers' leaflets (upper arm, chest,
// upper and lower back, side) on each side.
func BodySites() []BodySite {
	return []BodySite{
		{"upper-arm-left", "left upper arm", false}, {"upper-arm-right", "right upper arm", false},
		{"chest-left", "left upper chest", false}, {"chest-right", "right upper chest", false},
		{"side-left", "left side of the chest", false}, {"side-right", "right side of the chest", false},
		{"thigh-left", "left thigh", false}, {"thigh-right", "right thigh", false},
		{"upper-back-left", "left upper back", true}, {"upper-back-right", "right upper back", true},
		{"lower-back-left", "left lower back", true}, {"lower-back-right", "right lower back", true},
		{"back-arm-left", "back of the left upper arm", true}, {"back-arm-right", "back of the right upper arm", true},
	}
}

// ParseBodySite reads a patch site's word.
func ParseBodySite(s string) (BodySite, error) { return parseSite("body site", s, BodySites()) }

func parseSite(what, s string, list []BodySite) (BodySite, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	words := make([]string, 0, len(list))
	for _, b := range list {
		if b.Word == s {
			return b, nil
		}
		words = append(words, b.Word)
	}
	return BodySite{}, fmt.Errorf("%s %q: want one of %s", what, s, strings.Join(words, ", "))
}

// DefaultPatchRotation is how long a patch site rests before it is used
// again when the chart says nothing else: the fentanyl and buprenorphine
// leaflets say 3 to 4 weeks, and skin damaged by a patch absorbs the next
// one faster.
const DefaultPatchRotation = 21 * 24 * time.Hour

// IsPatch reports whether a product is a transdermal patch, by its dose
// form or, where the chart gave none, its name.
func IsPatch(p Product) bool {
	for _, s := range []string{p.Form, p.Name} {
		s = strings.ToLower(s)
		if strings.Contains(s, "patch") || strings.Contains(s, "transdermal") {
			return true
		}
	}
	return false
}

// PatchWear is how long a patch stays on: the entry's interval between
// doses (every 72 hours, every 7 days, each morning); 0 when the chart
// gives none.
func PatchWear(e ChartEntry) time.Duration {
	if e.PRN {
		d, _ := e.PRNInterval()
		return d
	}
	t := e.Timing
	if len(t.DaysOfWeek) == 1 {
		return 7 * 24 * time.Hour
	}
	if t.Period == 0 && len(t.DaysOfWeek) == 0 && len(t.When)+len(t.TimesOfDay) == 1 {
		return 24 * time.Hour // one a day, at one time: the next replaces it
	}
	if p := e.Timing.PeriodDuration(); p > 0 {
		if f := max(e.Timing.Frequency, 1); len(e.Timing.TimesOfDay) <= 1 {
			return p / time.Duration(f)
		}
	}
	return 0
}

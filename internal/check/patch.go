package check

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// patchLookback is how far back the check looks for the last patch of an
// entry: a weekly patch and a day more.
const patchLookback = 8 * 24 * time.Hour

// NeedsSite reports whether recording this dose as given needs where it
// went on the body map: the site of a patch, the skin areas of a cream.
func NeedsSite(v Verdict) bool { return IsPatchDose(v) || IsCreamDose(v) }

// IsPatchDose reports whether the verdict's dose is a transdermal patch.
func IsPatchDose(v Verdict) bool { return v.Product != nil && mar.IsPatch(*v.Product) }

// IsCreamDose reports whether the verdict's dose is a cream or other
// medicine a care worker puts on the skin.
func IsCreamDose(v Verdict) bool {
	return v.Product != nil && v.Entry != nil && mar.IsTopical(*v.Entry, *v.Product)
}

// checkPatch controls a patch put on skin still healing from the last one
// at that site, and two patches on at once (the old one not taken off
// doubles the dose: fentanyl and buprenorphine are opioids).
func (c *checker) checkPatch() {
	if !IsPatchDose(c.v) {
		return
	}
	sites, removed := c.patchRecords()
	if prev := c.lastPatch(); prev != nil && !removed[prev.ID] {
		where := "its site"
		if s, ok := sites[prev.ID]; ok {
			where = "the " + s.site.Words
		}
		c.v.add(newReason(PatchNotRemoved,
			"The last %s patch, put on at %s, is not recorded as taken off. Check the resident's skin (%s) and take the old patch off before putting on a new one; record it taken off.",
			c.v.Product.Name, c.when(prev.OccurredAt), where))
	}
	rest := mar.PatchRotation(*c.v.Entry, *c.v.Product)
	c.v.RestingSites = restingSites(sites, c.in.Now, rest)
	if c.in.Care.Site == "" {
		return
	}
	site, err := mar.ParseBodySite(c.in.Care.Site)
	if err != nil {
		c.v.add(newReason(CannotDecide, "Do not give yet. The body site chosen is not one the check knows. Choose the site again."))
		return
	}
	for _, r := range c.v.RestingSites {
		if r.Site.Word == site.Word {
			c.v.add(newReason(PatchSiteReused,
				"A patch went on the %s at %s, less than %s ago (this patch's site rotation). Choose another site; using this one needs a reason, which is recorded.",
				site.Words, c.when(r.Since), days(rest)))
			return
		}
	}
}

// RestingSite is a patch site still resting from the last patch put on
// it: a patch may go there again from Until.
type RestingSite struct {
	Site  mar.BodySite `json:"site"`
	Since time.Time    `json:"since"`
	Until time.Time    `json:"until"`
}

// restingSites lists the sites a patch went on within rest before now,
// each once with its latest patch, newest first.
func restingSites(sites map[uuid.UUID]patchSite, now time.Time, rest time.Duration) []RestingSite {
	latest := map[string]RestingSite{}
	for _, s := range sites {
		if s.at.After(now) || now.Sub(s.at) >= rest {
			continue
		}
		if r, ok := latest[s.site.Word]; !ok || s.at.After(r.Since) {
			latest[s.site.Word] = RestingSite{Site: s.site, Since: s.at, Until: s.at.Add(rest)}
		}
	}
	out := make([]RestingSite, 0, len(latest))
	for _, r := range latest {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b RestingSite) int { return b.Since.Compare(a.Since) })
	return out
}

// checkSkinAreas refuses a cream whose areas the check cannot read: the
// record would not say where it went.
func (c *checker) checkSkinAreas() {
	if c.in.Care.Site == "" || !IsCreamDose(c.v) {
		return
	}
	if _, err := mar.ParseSkinAreas(c.in.Care.Site); err != nil {
		c.v.add(newReason(CannotDecide, "Do not apply yet. An area chosen on the body map is not one the check knows. Choose the areas again."))
	}
}

// days says a whole number of days: "14 days".
func days(d time.Duration) string {
	n := int(d.Round(24*time.Hour) / (24 * time.Hour))
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// patchSite is where a standing patch dose went.
type patchSite struct {
	site mar.BodySite
	at   time.Time
}

// patchRecords reads the resident's patch sites by the dose they belong
// to (only doses that still stand, and not a cream's areas: a cream does
// not mark the skin as a patch does), and which doses' patches came off.
func (c *checker) patchRecords() (map[uuid.UUID]patchSite, map[uuid.UUID]bool) {
	given := map[uuid.UUID]time.Time{}
	for _, d := range c.givenDoses() {
		if !d.known || mar.IsPatch(d.product) {
			given[d.ev.ID] = d.ev.OccurredAt
		}
	}
	standing := mar.NewStanding(c.in.History)
	sites, removed := map[uuid.UUID]patchSite{}, map[uuid.UUID]bool{}
	for _, ev := range c.in.History {
		at, ok := given[ev.About]
		if !ok || !standing.Stands(ev.ID) || (ev.ResidentID != "" && ev.ResidentID != c.in.Resident.ID) {
			continue
		}
		switch ev.Kind {
		case mar.KindPatchSite:
			if s, err := mar.ParseBodySite(ev.Note); err == nil {
				sites[ev.About] = patchSite{site: s, at: at}
			}
		case mar.KindPatchRemoved:
			removed[ev.About] = true
		}
	}
	return sites, removed
}

// lastPatch is the latest standing patch given before Now of this line or
// of any patch with an ingredient in common (a fentanyl patch re-prescribed
// at another strength on a new line): the old one may still be on.
func (c *checker) lastPatch() *mar.Event {
	return c.lastPatchOf(c.v.Entry.ID, *c.v.Product, c.in.Now.Add(-patchLookback))
}

// lastPatchOf is the latest standing dose given after from and not after
// Now of the line entryID, or of a patch sharing an ingredient with p.
func (c *checker) lastPatchOf(entryID string, p mar.Product, from time.Time) *mar.Event {
	var last *mar.Event
	for _, d := range c.givenDoses() {
		ev := d.ev
		if !ev.OccurredAt.After(from) || ev.OccurredAt.After(c.in.Now) {
			continue
		}
		same := ev.EntryID == entryID ||
			(d.known && mar.IsPatch(d.product) && c.match.Shares(d.product, p))
		if same && (last == nil || ev.OccurredAt.After(last.OccurredAt)) {
			last = ev
		}
	}
	return last
}

// PatchOn is a patch on the resident: the dose that put it on, and the
// product it was given as.
type PatchOn struct {
	Dose    mar.Event
	Product mar.Product
}

// PatchesOn lists the patches on the resident at in.Now, oldest first,
// by the rule PATCH_NOT_REMOVED warns by, so the resident page shows the
// patch the check asks about: a standing patch dose given after since,
// not recorded as taken off, and the latest of its line and of the
// patches with an ingredient in common (a later one of those was checked
// against it, so went on in its place). A dose whose product cannot be
// told is left out: it cannot be said to be a patch.
func PatchesOn(in Input, since time.Time) []PatchOn {
	if in.Resident == nil {
		return nil
	}
	c := &checker{in: in, match: &mar.IngredientMatcher{}}
	c.history = newHistory(in.Resident.ID, in.History)
	_, removed := c.patchRecords()
	var out []PatchOn
	for _, d := range c.givenDoses() {
		if !d.known || !mar.IsPatch(d.product) || removed[d.ev.ID] {
			continue
		}
		if c.lastPatchOf(d.ev.EntryID, d.product, since) == d.ev {
			out = append(out, PatchOn{Dose: *d.ev, Product: d.product})
		}
	}
	return out
}

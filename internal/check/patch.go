package check

import (
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// patchLookback is how far back the check looks for the last patch of an
// entry: a weekly patch and a day more.
const patchLookback = 8 * 24 * time.Hour

// NeedsSite reports whether recording this dose as given needs the body
// site the patch went on.
func NeedsSite(v Verdict) bool { return v.Product != nil && mar.IsPatch(*v.Product) }

// checkPatch controls a patch put on skin still healing from the last one
// at that site, and two patches on at once (the old one not taken off
// doubles the dose: fentanyl and buprenorphine are opioids).
func (c *checker) checkPatch() {
	if !NeedsSite(c.v) {
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
	if c.in.Care.PatchSite == "" {
		return
	}
	site, err := mar.ParseBodySite(c.in.Care.PatchSite)
	if err != nil {
		c.v.add(newReason(CannotDecide, "Do not give yet. The body site chosen is not one the check knows. Choose the site again."))
		return
	}
	for _, s := range sites {
		if s.site.Word == site.Word && c.in.Now.Sub(s.at) < mar.DefaultPatchRotation && !s.at.After(c.in.Now) {
			c.v.add(newReason(PatchSiteReused,
				"A patch went on the %s at %s, less than %s ago. Choose another site; using this one needs a reason, which is recorded.",
				site.Words, c.when(s.at), span(mar.DefaultPatchRotation)))
			return
		}
	}
}

// patchSite is where a standing patch dose went.
type patchSite struct {
	site mar.BodySite
	at   time.Time
}

// patchRecords reads the resident's patch sites by the dose they belong
// to (only doses that still stand), and which doses' patches came off.
func (c *checker) patchRecords() (map[uuid.UUID]patchSite, map[uuid.UUID]bool) {
	given := map[uuid.UUID]time.Time{}
	for _, evs := range c.history.byEntry {
		for _, ev := range evs {
			if ev.Outcome == mar.OutcomeGiven {
				given[ev.ID] = ev.OccurredAt
			}
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
	var last *mar.Event
	from := c.in.Now.Add(-patchLookback)
	for _, d := range c.givenDoses() {
		ev := d.ev
		if !ev.OccurredAt.After(from) || ev.OccurredAt.After(c.in.Now) {
			continue
		}
		same := ev.EntryID == c.v.Entry.ID ||
			(d.known && mar.IsPatch(d.product) && c.match.Shares(d.product, *c.v.Product))
		if same && (last == nil || ev.OccurredAt.After(last.OccurredAt)) {
			last = ev
		}
	}
	return last
}

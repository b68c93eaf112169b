package check

import (
	"time"

	"medround/internal/mar"
)

// Care is what the check reads about homely remedies, covert plans and
// patches, beyond the chart.
type Care struct {
	// Homely are the home's remedies by ID. The caller puts each on the
	// resident's chart as a when-required line (mar.HomelyRemedy.Entry and
	// Product), so that every rule applies to it as to a prescribed dose;
	// the check reads them here for their time limit.
	Homely map[string]mar.HomelyRemedy
	// Approvals are the resident's GP approvals by remedy ID (the latest
	// of each).
	Approvals map[string]mar.HomelyApproval
	// Covert are the resident's covert plans (the latest for each entry,
	// and for all medicines).
	Covert []mar.CovertPlan
	// Site is where the dose goes: the body site word of a patch
	// (mar.BodySites), or the skin area words of a cream, separated by
	// commas (mar.SkinAreas); empty when not yet chosen.
	Site string
	// Protocols are the resident's PRN protocols in force, by chart entry
	// ID (the latest of each).
	Protocols map[string]mar.PRNProtocol
}

// checkCare runs the rules of homely remedies, covert plans and patches on
// the chosen entry.
func (c *checker) checkCare() {
	c.checkHomely()
	c.noteCovert()
	c.checkPatch()
	c.checkSkinAreas()
	c.noteProtocol()
}

// checkHomely controls a homely remedy given without the GP's approval,
// or for longer than the home's list allows.
func (c *checker) checkHomely() {
	e := c.v.Entry
	if !mar.IsHomelyEntry(e.ID) {
		return
	}
	id := e.ID[len(mar.HomelyPrefix):]
	h, known := c.in.Care.Homely[id]
	a, approved := c.in.Care.Approvals[id]
	switch {
	case !known:
		c.v.add(newReason(CannotDecide,
			"Do not give. This homely remedy is not on the home's list any more. Ask the manager."))
		return
	case !approved || a.At.After(c.in.Now):
		c.v.add(newReason(NoHomelyApproval,
			"Do not give. %s is a homely remedy and the GP has not approved it for this resident. Ask the GP before giving it.", h.Name))
		return
	case mar.PastDate(a.Review, c.in.Now, c.loc):
		c.v.add(newReason(NoHomelyApproval,
			"Do not give. The GP's approval of %s as a homely remedy for this resident (by %s) was due for review on %s and has lapsed. Ask the GP to review it.",
			h.Name, a.GP, a.Review))
		return
	}
	c.checkHomelyDays(h)
}

// checkHomelyDays warns when a homely remedy has been given for longer
// than its days: the symptom needs the GP, not more of the remedy. A
// course is the run of doses each within a day of the next.
func (c *checker) checkHomelyDays(h mar.HomelyRemedy) {
	limit := time.Duration(h.Days) * 24 * time.Hour
	doses := c.history.givenSince(c.v.Entry.ID, c.in.Now.Add(-limit-48*time.Hour))
	start := c.in.Now
	for changed := true; changed; {
		changed = false
		for _, ev := range doses {
			t := ev.OccurredAt
			if t.Before(start) && start.Sub(t) <= 24*time.Hour {
				start, changed = t, true
			}
		}
	}
	if c.in.Now.Sub(start) >= limit {
		c.v.add(newReason(HomelyTimeLimit,
			"%s has been given as a homely remedy since %s, longer than the %d days the home's list allows. Tell the GP before giving it again; giving it needs a reason, which is recorded.",
			h.Name, c.when(start), h.Days))
	}
}

// noteCovert shows the covert plan for this medicine, and warns when its
// review is due: giving a medicine hidden in food is lawful only under a
// plan that is kept up to date.
func (c *checker) noteCovert() {
	for _, p := range c.in.Care.Covert {
		if !p.For(c.v.Entry.ID) {
			continue
		}
		c.v.add(newReason(CovertPlan,
			"Covert plan (agreed by %s, best-interests decision %s): %s.", p.AgreedBy, p.BestInterests, p.How))
		if mar.PastDate(p.Review, c.in.Now, c.loc) {
			c.v.add(newReason(CovertReviewDue,
				"The covert plan was due for review on %s. Tell the manager so the GP and pharmacist review it; giving it needs a reason, which is recorded.", p.Review))
		}
		return
	}
}

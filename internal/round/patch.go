package round

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
)

// patchReadBack is how far back the resident page looks for a patch still
// on: a monthly patch and a day more.
const patchReadBack = 32 * 24 * time.Hour

// PatchOn is a patch on the resident now, as the check's PATCH_NOT_REMOVED
// sees it (check.PatchesOn): the last one of its line, and of the patches
// sharing an ingredient with it, given and not recorded as taken off.
type PatchOn struct {
	EntryID string    `json:"entryId"`
	Product string    `json:"product"`
	Dose    uuid.UUID `json:"dose"` // the record that put it on
	// Site is where it went; its Word is empty when no site was recorded.
	Site mar.BodySite `json:"site"`
	On   time.Time    `json:"on"`
	// DueOff is when it comes off, from the chart's interval; zero when
	// the chart gives none.
	DueOff time.Time `json:"dueOff,omitzero"`
}

// patchesOn lists the resident's patches on at `at`.
func (s *Service) patchesOn(residentID string, at time.Time) ([]PatchOn, error) {
	in := check.Input{Now: at.UTC(), Resident: &mar.Resident{ID: residentID}}
	var err error
	if in.Chart, err = s.st.Chart(residentID); err != nil {
		return nil, fmt.Errorf("read chart: %w", err)
	}
	if in.Products, err = s.products(in.Chart); err != nil {
		return nil, err
	}
	if in.History, err = s.st.Events(residentID, at.Add(-patchReadBack), at.Add(time.Minute)); err != nil {
		return nil, fmt.Errorf("read patch records: %w", err)
	}
	if err := s.addOldVersions(&in); err != nil {
		return nil, err
	}
	if err := s.addEventProducts(in.Products, in.History); err != nil {
		return nil, err
	}
	standing := mar.NewStanding(in.History)
	sites := map[uuid.UUID]string{}
	for _, e := range in.History {
		if e.Kind == mar.KindPatchSite && standing.Stands(e.ID) {
			sites[e.About] = e.Note
		}
	}
	var out []PatchOn
	for _, p := range check.PatchesOn(in, at.Add(-patchReadBack)) {
		on := PatchOn{EntryID: p.Dose.EntryID, Product: p.Product.Name, Dose: p.Dose.ID, On: p.Dose.OccurredAt}
		on.Site, _ = mar.ParseBodySite(sites[p.Dose.ID])
		if i := slices.IndexFunc(in.Chart, func(e mar.ChartEntry) bool { return e.ID == p.Dose.EntryID }); i >= 0 {
			if w := mar.PatchWear(in.Chart[i]); w > 0 {
				on.DueOff = p.Dose.OccurredAt.Add(w)
			}
		}
		out = append(out, on)
	}
	return out, nil
}

// CareView is what the resident page shows of covert plans, homely
// remedies and patches.
type CareView struct {
	Covert []mar.CovertPlan `json:"covert,omitempty"`
	// CovertReviewDue says the plan for all medicines, or any, is past its
	// review date.
	CovertReviewDue bool                 `json:"covertReviewDue,omitempty"`
	Homely          []mar.HomelyApproval `json:"homely,omitempty"`
	// HomelyList is the home's homely remedies list by ID, as the check
	// reads it, for the names and terms of the approvals.
	HomelyList map[string]mar.HomelyRemedy `json:"homelyList,omitempty"`
	Patches    []PatchOn                   `json:"patches,omitempty"`
}

// careView gathers the resident page's covert plans, homely remedy
// approvals and patches on.
func (s *Service) careView(residentID string, at time.Time) (CareView, error) {
	approvals, covert, err := s.residentCare(residentID, at)
	if err != nil {
		return CareView{}, err
	}
	home, err := s.st.Home()
	if err != nil {
		return CareView{}, fmt.Errorf("read home settings: %w", err)
	}
	loc, err := home.Location()
	if err != nil {
		loc = time.UTC
	}
	v := CareView{Covert: covert}
	for _, p := range covert {
		v.CovertReviewDue = v.CovertReviewDue || mar.PastDate(p.Review, at, loc)
	}
	for _, a := range approvals {
		v.Homely = append(v.Homely, a)
	}
	slices.SortFunc(v.Homely, func(a, b mar.HomelyApproval) int { return strings.Compare(a.RemedyID, b.RemedyID) })
	v.Patches, err = s.patchesOn(residentID, at)
	return v, err
}

// withSites adds to a patch or cream given the record of where it went
// (a patch's one site, each area of a cream), in the same transaction; one
// given with no site is refused, since the next patch's rotation, the
// removal of this one and the topical MAR all need it.
func withSites(dose mar.Event, site string, v check.Verdict) ([]mar.Event, error) {
	if dose.Outcome != mar.OutcomeGiven || !check.NeedsSite(v) {
		return []mar.Event{dose}, nil
	}
	if strings.TrimSpace(site) == "" {
		return nil, ErrNoSite
	}
	var sites []mar.BodySite
	if check.IsPatchDose(v) {
		b, err := mar.ParseBodySite(site)
		if err != nil {
			return nil, err
		}
		sites = []mar.BodySite{b}
	} else {
		var err error
		if sites, err = mar.ParseSkinAreas(site); err != nil {
			return nil, err
		}
	}
	out := []mar.Event{dose}
	for _, b := range sites {
		out = append(out, mar.Event{ID: uuid.New(), Kind: mar.KindPatchSite, DeviceID: dose.DeviceID, UserID: dose.UserID,
			ResidentID: dose.ResidentID, OccurredAt: dose.OccurredAt, RecordedAt: dose.RecordedAt,
			About: dose.ID, EntryID: dose.EntryID, Note: b.Word})
	}
	return out, nil
}

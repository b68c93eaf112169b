package round

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"medround/internal/barcode"
	"medround/internal/mar"
	"medround/internal/staff"
)

// ApprovalRequest is a GP's approval of a homely remedy for a resident, as
// a senior or manager records it.
type ApprovalRequest struct {
	ResidentScan string // the resident's wristband code or ID
	RemedyID     string // the remedy's ID on the home's list
	GP           string // the GP who approved it
	// ApprovedOn is the day the GP approved it (YYYY-MM-DD, in the home's
	// zone); empty for today. The approval counts from then.
	ApprovedOn string
	Review     string // YYYY-MM-DD: the approval lapses after this day
}

// ApproveHomely records a GP's approval of a homely remedy for a resident,
// dated the day the GP gave it, until its review date.
func (s *Service) ApproveHomely(sess *Session, req ApprovalRequest) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActHomelyApprove) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActHomelyApprove, Why: "a senior or manager records it"}
	}
	list, err := s.HomelyRemedies()
	if err != nil {
		return mar.Event{}, err
	}
	if _, ok := list[req.RemedyID]; !ok {
		return mar.Event{}, fmt.Errorf("%q is not on the home's homely remedies list: add it first", req.RemedyID)
	}
	r, err := s.residentFor(req.ResidentScan)
	if err != nil {
		return mar.Event{}, err
	}
	ev := s.careEvent(sess, r.ID)
	at, day, err := approvedAt(req.ApprovedOn, ev.RecordedAt, s.homeZone())
	if err != nil {
		return mar.Event{}, err
	}
	a := mar.HomelyApproval{ResidentID: r.ID, RemedyID: req.RemedyID, GP: req.GP, At: at, Review: req.Review}
	if err := a.Valid(); err != nil {
		return mar.Event{}, err
	}
	if a.Review < day {
		return mar.Event{}, fmt.Errorf("the review date %s is before the GP approved it (%s): check the dates", a.Review, day)
	}
	a.Fill(&ev) // OccurredAt is when the GP approved it; RecordedAt stays now
	return s.appendCare(ev, "homely remedy approval")
}

// approvedAt is when an approval given on the day `on` (YYYY-MM-DD; empty
// for today) counts from, and that day. Today's counts from now, as
// before the day could be given; an earlier day's from its start, at
// midnight UTC, which is the same day in the UK all year round. A day
// after today is refused: an approval nobody has given yet must not let a
// remedy be given.
func approvedAt(on string, now time.Time, loc *time.Location) (time.Time, string, error) {
	today := now.In(loc).Format(time.DateOnly)
	on = strings.TrimSpace(on)
	if on == "" || on == today {
		return now, today, nil
	}
	d, err := time.Parse(time.DateOnly, on)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("the date the GP approved it, %q: want YYYY-MM-DD", on)
	}
	if on > today {
		return time.Time{}, "", fmt.Errorf("the date the GP approved it, %s, is after today: check the date", on)
	}
	return d, on, nil
}

// recordedLater reports whether the record e was made after prev (an
// empty prev: none yet), so the latest record of an approval is the one
// that stands whatever day each is dated.
func recordedLater(e, prev mar.Event) bool {
	if prev.RecordedAt.IsZero() || e.RecordedAt.After(prev.RecordedAt) {
		return true
	}
	return e.RecordedAt.Equal(prev.RecordedAt) && !e.OccurredAt.Before(prev.OccurredAt)
}

// homeZone is the home's time zone, UTC when it cannot be read: the day a
// plan or approval is dated is then off by an hour at most.
func (s *Service) homeZone() *time.Location {
	h, err := s.st.Home()
	if err != nil {
		return time.UTC
	}
	if loc := s.location(h); loc != nil {
		return loc
	}
	return time.UTC
}

// planDates refuses a covert plan whose dates cannot be true: a capacity
// assessment or best-interests decision not yet made, a decision before
// the assessment it rests on, or a review before the decision. The dates
// are known to read as YYYY-MM-DD (CovertPlan.Valid), so they compare as
// text.
func planDates(p mar.CovertPlan, now time.Time, loc *time.Location) error {
	today := now.In(loc).Format(time.DateOnly)
	switch {
	case p.Capacity > today || p.BestInterests > today:
		return errors.New("the capacity assessment and the best-interests decision must already have been made: check their dates")
	case p.BestInterests < p.Capacity:
		return errors.New("the best-interests decision is dated before the capacity assessment it follows: check the dates")
	case p.Review < p.BestInterests:
		return errors.New("the review date is before the best-interests decision: check the dates")
	}
	return nil
}

// homelyPack writes the remedy's pack as the GTIN-14 a scan of it gives,
// and refuses a pack that is no GTIN or is another remedy's on the list:
// one pack under two remedies would leave the check to guess which dose,
// interval and maximum apply.
func (s *Service) homelyPack(h *mar.HomelyRemedy) error {
	gtin := barcode.GTIN14(strings.TrimSpace(h.GTIN))
	if gtin == "" {
		return fmt.Errorf("the pack number %q is not a GTIN: scan the home's stock pack, or type the 8 to 14 digits under its barcode", h.GTIN)
	}
	h.GTIN = gtin
	list, err := s.HomelyRemedies()
	if err != nil {
		return err
	}
	for _, other := range list {
		if other.GTIN == gtin && other.ID != h.ID {
			return fmt.Errorf("this pack is on the home's list already, as %s (%s): change that one instead", other.ID, other.Name)
		}
	}
	return nil
}

// HomelyDraft is what a scan of the home's stock pack tells of a homely
// remedy: the remedy on the list with that pack (Listed), else what a
// chart's product with that pack says of it (Known), else its GTIN alone.
type HomelyDraft struct {
	Remedy mar.HomelyRemedy
	Listed bool
	Known  bool
}

// HomelyDraftFor reads a scan of a stock pack for a manager filling in a
// homely remedy.
func (s *Service) HomelyDraftFor(scan string) (HomelyDraft, error) {
	code, err := s.parse(scan)
	if err != nil {
		return HomelyDraft{}, err
	}
	if code.Kind != barcode.KindPack {
		return HomelyDraft{}, errors.New("that is not a medicine pack: scan the home's stock pack")
	}
	gtin := packScan(code).GTIN
	list, err := s.HomelyRemedies()
	if err != nil {
		return HomelyDraft{}, err
	}
	for _, h := range list {
		if h.GTIN == gtin {
			return HomelyDraft{Remedy: h, Listed: true}, nil
		}
	}
	products, err := s.st.Products()
	if err != nil {
		return HomelyDraft{}, fmt.Errorf("read products: %w", err)
	}
	d := HomelyDraft{Remedy: mar.HomelyRemedy{GTIN: gtin}}
	for _, p := range products {
		if p.HasGTIN(gtin) {
			d.Known = true
			fromProduct(&d.Remedy, p)
			break
		}
	}
	return d, nil
}

// fromProduct fills a remedy's name, ingredient, strength and unit from a
// product with its pack: its first ingredient, by SNOMED CT code where
// the chart coded it, so the ingredient's maximum adds up with the chart's.
func fromProduct(h *mar.HomelyRemedy, p mar.Product) {
	h.Name = p.Name
	if len(p.Ingredients) == 0 {
		return
	}
	ing := p.Ingredients[0]
	h.Ingredient = ing.Label()
	for _, c := range ing.Codings {
		if c.System == mar.SystemSNOMED && c.Code != "" {
			h.Ingredient = c.Code
			break
		}
	}
	if len(p.Ingredients) == 1 && len(p.Strengths) > 0 {
		st := p.Strengths[0]
		if strings.EqualFold(st.Amount.Unit, "mg") && st.Per.Value == 1 {
			h.StrengthMG, h.Dose.Unit = st.Amount.Value, st.Per.Unit
		}
	}
}

// homelyProduct is the home's stock pack a record of a homely remedy (a
// dose given as one, or a GP's approval of one) was about, by the remedy
// on the home's list; ok is false for any other record.
func homelyProduct(e mar.Event, list map[string]mar.HomelyRemedy) (mar.Product, bool) {
	id := ""
	switch {
	case e.Kind == mar.KindHomelyApproval:
		id = e.EntryID
	case mar.IsHomelyEntry(e.EntryID):
		id = strings.TrimPrefix(e.EntryID, mar.HomelyPrefix)
	default:
		return mar.Product{}, false
	}
	if h, ok := list[id]; ok {
		return h.Product(), true
	}
	// A remedy no longer readable from the list still names its record.
	return mar.Product{ID: mar.HomelyPrefix + id, Name: "homely remedy " + id}, true
}

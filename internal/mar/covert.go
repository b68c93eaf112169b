package mar

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// CovertPlan is the agreed plan for giving a resident's medicines hidden in
// food or drink (NICE SC1): only after a mental capacity assessment and a
// best-interests decision, agreed with the GP, the pharmacist and the
// family, and given the way the pharmacist advised.
type CovertPlan struct {
	ResidentID string
	// EntryID is the one chart entry the plan is for; empty for all of the
	// resident's medicines.
	EntryID       string
	Capacity      string // YYYY-MM-DD of the mental capacity assessment
	BestInterests string // YYYY-MM-DD of the best-interests decision
	AgreedBy      string // e.g. "Dr Shah (GP), J Patel (pharmacist), daughter"
	How           string // e.g. "crush and mix with a spoon of yoghurt"
	Review        string // YYYY-MM-DD: the plan is due a review after this day
}

// Valid says what is missing in a plan: each part is what makes giving a
// medicine covertly lawful, so none may be left out.
func (p CovertPlan) Valid() error {
	var errs []error
	if p.ResidentID == "" || strings.TrimSpace(p.AgreedBy) == "" || strings.TrimSpace(p.How) == "" {
		errs = append(errs, errors.New("a covert plan names the resident, who agreed it and how to give the medicine"))
	}
	for _, d := range []struct{ what, v string }{{"capacity assessment", p.Capacity},
		{"best-interests decision", p.BestInterests}, {"review", p.Review}} {
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			errs = append(errs, fmt.Errorf("%s date %q: want YYYY-MM-DD", d.what, d.v))
		}
	}
	for _, s := range []string{p.AgreedBy, p.How, p.EntryID} {
		if err := oneLine("covert plan", s); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Fill sets the event fields that hold the plan (see KindCovertPlan).
func (p CovertPlan) Fill(e *Event) {
	e.Kind, e.ResidentID, e.EntryID, e.Expiry = KindCovertPlan, p.ResidentID, p.EntryID, p.Review
	e.Note = formatNoteFields(noteField{"how", strings.TrimSpace(p.How)}, noteField{"agreed", strings.TrimSpace(p.AgreedBy)},
		noteField{"capacity", p.Capacity}, noteField{"best-interests", p.BestInterests})
}

// CovertPlanFrom reads a plan back from its event.
func CovertPlanFrom(e Event) (CovertPlan, error) {
	if e.Kind != KindCovertPlan {
		return CovertPlan{}, fmt.Errorf("event %s is a %s, not a covert plan", e.ID, e.Kind)
	}
	f, err := parseNoteFields(e.Note)
	if err != nil {
		return CovertPlan{}, fmt.Errorf("covert plan: %w", err)
	}
	p := CovertPlan{ResidentID: e.ResidentID, EntryID: e.EntryID, How: f["how"], AgreedBy: f["agreed"],
		Capacity: f["capacity"], BestInterests: f["best-interests"], Review: e.Expiry}
	if err := p.Valid(); err != nil {
		return CovertPlan{}, fmt.Errorf("covert plan: %w", err)
	}
	return p, nil
}

// For reports whether the plan covers a chart entry.
func (p CovertPlan) For(entryID string) bool { return p.EntryID == "" || p.EntryID == entryID }

package mar

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// HomelyPrefix starts the chart entry and product IDs a homely remedy is
// given under, so they never collide with a prescribed entry's.
const HomelyPrefix = "homely:"

// HomelyRemedy is a medicine from the home's own stock (paracetamol for
// mild pain, senna, simple linctus) that a care worker may give without a
// prescription, for a short time, to a resident whose GP approved it.
type HomelyRemedy struct {
	ID   string
	GTIN string // the home's stock pack
	Name string
	// Ingredient is its active ingredient: a name, or a SNOMED CT code.
	Ingredient string
	// StrengthMG is milligrams of the ingredient in one dose unit; 0 when
	// not given (the ingredient's total cannot then be added up).
	StrengthMG float64
	Dose       Quantity
	Interval   time.Duration // the least time between doses
	Max        float64       // the most in 24 hours, in Dose.Unit
	Days       int           // how many days it may be given before the GP is told
}

// Valid says what is missing or wrong in a remedy's terms.
func (h HomelyRemedy) Valid() error {
	var errs []error
	for _, f := range []struct{ what, v string }{{"ID", h.ID}, {"pack GTIN", h.GTIN}, {"name", h.Name},
		{"ingredient", h.Ingredient}, {"dose unit", h.Dose.Unit}} {
		if strings.TrimSpace(f.v) == "" {
			errs = append(errs, fmt.Errorf("a homely remedy needs its %s", f.what))
		} else if err := oneLine(f.what, f.v); err != nil {
			errs = append(errs, err)
		}
	}
	if !positive(h.Dose.Value) || !positive(h.Max) || h.Max < h.Dose.Value {
		errs = append(errs, errors.New("a homely remedy needs a dose above zero and a 24-hour maximum of at least one dose"))
	}
	if h.Interval < time.Minute || h.Days < 1 || h.StrengthMG < 0 || math.IsNaN(h.StrengthMG) || math.IsInf(h.StrengthMG, 0) {
		errs = append(errs, errors.New("a homely remedy needs an interval of a minute or more and at least one day of use"))
	}
	return errors.Join(errs...)
}

func positive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

// Fill sets the event fields that hold the remedy (see KindHomelyRemedy).
func (h HomelyRemedy) Fill(e *Event) {
	e.Kind, e.EntryID, e.GTIN, e.Quantity, e.DoseUnit = KindHomelyRemedy, h.ID, h.GTIN, h.Dose.Value, h.Dose.Unit
	strength := ""
	if h.StrengthMG > 0 {
		strength = strconv.FormatFloat(h.StrengthMG, 'g', -1, 64)
	}
	e.Note = formatNoteFields(noteField{"name", h.Name}, noteField{"ingredient", h.Ingredient},
		noteField{"strength-mg", strength}, noteField{"every", h.Interval.String()},
		noteField{"max-24h", strconv.FormatFloat(h.Max, 'g', -1, 64)}, noteField{"days", strconv.Itoa(h.Days)})
}

// HomelyRemedyFrom reads a remedy back from its event, refusing one whose
// terms are damaged or incomplete.
func HomelyRemedyFrom(e Event) (HomelyRemedy, error) {
	if e.Kind != KindHomelyRemedy {
		return HomelyRemedy{}, fmt.Errorf("event %s is a %s, not a homely remedy", e.ID, e.Kind)
	}
	f, err := parseNoteFields(e.Note)
	if err != nil {
		return HomelyRemedy{}, fmt.Errorf("homely remedy %s: %w", e.EntryID, err)
	}
	h := HomelyRemedy{ID: e.EntryID, GTIN: e.GTIN, Name: f["name"], Ingredient: f["ingredient"],
		Dose: Quantity{Value: e.Quantity, Unit: e.DoseUnit}}
	var errs [4]error
	h.Interval, errs[0] = time.ParseDuration(f["every"])
	h.Max, errs[1] = strconv.ParseFloat(f["max-24h"], 64)
	h.Days, errs[2] = strconv.Atoi(f["days"])
	if s := f["strength-mg"]; s != "" {
		h.StrengthMG, errs[3] = strconv.ParseFloat(s, 64)
	}
	if err := errors.Join(append(errs[:], h.Valid())...); err != nil {
		return HomelyRemedy{}, fmt.Errorf("homely remedy %s: %w", e.EntryID, err)
	}
	return h, nil
}

// EntryID is the chart entry ID the remedy is given under.
func (h HomelyRemedy) EntryID() string { return HomelyPrefix + h.ID }

// IsHomelyEntry reports whether a chart entry ID is a homely remedy's.
func IsHomelyEntry(id string) bool { return strings.HasPrefix(id, HomelyPrefix) }

// Product is the home's stock pack as a product the check can match.
func (h HomelyRemedy) Product() Product {
	ing := Concept{Text: h.Ingredient}
	if isDigits(h.Ingredient) {
		ing = Concept{Codings: []Coding{{System: SystemSNOMED, Code: h.Ingredient}}}
		ing, _ = ing.WithNames()
	}
	p := Product{ID: h.EntryID(), Name: h.Name, GTINs: []string{h.GTIN}, Ingredients: []Concept{ing}}
	if h.StrengthMG > 0 {
		p.Strengths = []Strength{{Amount: Quantity{Value: h.StrengthMG, Unit: "mg"}, Per: Quantity{Value: 1, Unit: h.Dose.Unit}}}
	}
	return p
}

// Entry is the remedy as a when-required chart line of the resident, so
// that every rule of the check (allergy, the interval against the same
// ingredient on the chart, the maximum) applies to it as to any dose.
func (h HomelyRemedy) Entry(residentID string) ChartEntry {
	return ChartEntry{ID: h.EntryID(), ResidentID: residentID, ProductID: h.EntryID(), Status: EntryActive,
		PRN: true, PRNReason: "homely remedy", MinInterval: h.Interval,
		MaxDose: &MaxDose{Quantity: Quantity{Value: h.Max, Unit: h.Dose.Unit}, Period: 24 * time.Hour},
		Dose:    h.Dose, Version: 1,
		Text: fmt.Sprintf("Homely remedy: %s, at least %s apart, at most %s in 24 hours, for up to %s before the GP is told",
			Amount(h.Dose.Value, h.Dose.Unit), shortDuration(h.Interval), Amount(h.Max, h.Dose.Unit), Amount(float64(h.Days), "day"))}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// shortDuration writes 4h0m0s as "4h" and 30m0s as "30m".
func shortDuration(d time.Duration) string {
	s := d.String()
	s = strings.TrimSuffix(s, "0s")
	return strings.TrimSuffix(s, "0m")
}

// HomelyApproval is a GP's approval of one homely remedy for one resident.
type HomelyApproval struct {
	ResidentID string
	RemedyID   string
	GP         string
	At         time.Time // when the GP approved it
	Review     string    // YYYY-MM-DD: the approval lapses after this day
}

// Valid says what is missing in an approval.
func (a HomelyApproval) Valid() error {
	if a.ResidentID == "" || a.RemedyID == "" || strings.TrimSpace(a.GP) == "" || a.At.IsZero() {
		return errors.New("a homely remedy approval names the resident, the remedy, the GP and when")
	}
	if _, err := time.Parse(time.DateOnly, a.Review); err != nil {
		return fmt.Errorf("review date %q: want YYYY-MM-DD", a.Review)
	}
	return nil
}

// Fill sets the event fields that hold the approval.
func (a HomelyApproval) Fill(e *Event) {
	e.Kind, e.ResidentID, e.EntryID, e.Note, e.Expiry, e.OccurredAt =
		KindHomelyApproval, a.ResidentID, a.RemedyID, strings.TrimSpace(a.GP), a.Review, a.At
}

// HomelyApprovalFrom reads an approval back from its event.
func HomelyApprovalFrom(e Event) (HomelyApproval, error) {
	a := HomelyApproval{ResidentID: e.ResidentID, RemedyID: e.EntryID, GP: e.Note, At: e.OccurredAt, Review: e.Expiry}
	if e.Kind != KindHomelyApproval {
		return HomelyApproval{}, fmt.Errorf("event %s is a %s, not a homely remedy approval", e.ID, e.Kind)
	}
	return a, a.Valid()
}

// PastDate reports whether now, in loc, is after the day date
// (YYYY-MM-DD). A date that cannot be read counts as past: a review date
// nobody can read must not keep a plan or approval in force.
func PastDate(date string, now time.Time, loc *time.Location) bool {
	d, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		return true
	}
	return !now.In(loc).Before(d.AddDate(0, 0, 1))
}

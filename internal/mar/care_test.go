package mar_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

func paracetamolRemedy() mar.HomelyRemedy {
	return mar.HomelyRemedy{ID: "PARA", GTIN: "05000000000142", Name: "Paracetamol 500mg tablets", Ingredient: "387517004",
		StrengthMG: 500, Dose: mar.Quantity{Value: 2, Unit: "tablet"}, Interval: 4 * time.Hour, Max: 8, Days: 2}
}

func TestHomelyRemedyReadsBackFromItsEvent(t *testing.T) {
	h := paracetamolRemedy()
	e := mar.Event{ID: uuid.New()}
	h.Fill(&e)
	got, err := mar.HomelyRemedyFrom(e)
	if err != nil || got != h {
		t.Fatalf("HomelyRemedyFrom(Fill(%+v)) = %+v, %v", h, got, err)
	}
	p := got.Product()
	if p.Ingredients[0].Label() != "Paracetamol" || !p.HasGTIN(h.GTIN) || p.Strengths[0].Amount.Value != 500 {
		t.Errorf("Product() = %+v, want paracetamol named from its SNOMED code, with the pack and strength", p)
	}
	if en := got.Entry("R1"); !en.PRN || en.MinInterval != 4*time.Hour || en.MaxDose.Quantity.Value != 8 || !mar.IsHomelyEntry(en.ID) {
		t.Errorf("Entry() = %+v, want a PRN line with the interval and maximum", en)
	}
}

func TestHomelyRemedyRefusesBadTerms(t *testing.T) {
	for _, c := range []struct {
		name string
		mod  func(*mar.HomelyRemedy)
	}{
		{"no ingredient", func(h *mar.HomelyRemedy) { h.Ingredient = "" }},
		{"a maximum below one dose", func(h *mar.HomelyRemedy) { h.Max = 1 }},
		{"no days", func(h *mar.HomelyRemedy) { h.Days = 0 }},
		{"no interval", func(h *mar.HomelyRemedy) { h.Interval = 0 }},
		{"a name over two lines", func(h *mar.HomelyRemedy) { h.Name = "Paracetamol\ndays: 99" }},
	} {
		h := paracetamolRemedy()
		c.mod(&h)
		if h.Valid() == nil {
			t.Errorf("%s: Valid() = nil", c.name)
		}
	}
	damaged := mar.Event{Kind: mar.KindHomelyRemedy, EntryID: "PARA", GTIN: "1", Quantity: 2, DoseUnit: "tablet",
		Note: "name: P\ningredient: p\nevery: soon\nmax-24h: 8\ndays: 2"}
	if _, err := mar.HomelyRemedyFrom(damaged); err == nil {
		t.Error("a remedy whose interval cannot be read was read")
	}
	if _, err := mar.HomelyRemedyFrom(mar.Event{Kind: mar.KindHomelyRemedy, Note: "days: 1\ndays: 2"}); err == nil {
		t.Error("a remedy with a key given twice was read")
	}
}

func TestCovertPlanReadsBackFromItsEvent(t *testing.T) {
	p := mar.CovertPlan{ResidentID: "R1", Capacity: "2026-01-02", BestInterests: "2026-01-05",
		AgreedBy: "Dr Shah (GP): daughter", How: "crush: mix with yoghurt", Review: "2026-07-01"}
	e := mar.Event{ID: uuid.New()}
	p.Fill(&e)
	if got, err := mar.CovertPlanFrom(e); err != nil || got != p {
		t.Fatalf("CovertPlanFrom(Fill(%+v)) = %+v, %v", p, got, err)
	}
	p.Review = "July"
	if p.Valid() == nil {
		t.Error("a plan with no readable review date is valid")
	}
}

func TestPastDateIsAfterTheWholeDay(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	for _, c := range []struct {
		date string
		now  time.Time
		want bool
	}{
		{"2026-07-01", time.Date(2026, 7, 1, 22, 59, 0, 0, time.UTC), false}, // 23:59 BST on the day
		{"2026-07-01", time.Date(2026, 7, 1, 23, 0, 0, 0, time.UTC), true},   // midnight BST after it
		{"2026-07-01", time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC), false},
		{"not a date", time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC), true},
	} {
		if got := mar.PastDate(c.date, c.now, london); got != c.want {
			t.Errorf("PastDate(%q, %v) = %v, want %v", c.date, c.now, got, c.want)
		}
	}
}

func TestBodySitesParseAndPatchesAreKnown(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range mar.BodySites() {
		if got, err := mar.ParseBodySite(" " + strings.ToUpper(s.Word)); err != nil || got != s || seen[s.Word] {
			t.Errorf("ParseBodySite(%q) = %+v, %v (seen before: %v)", s.Word, got, err, seen[s.Word])
		}
		seen[s.Word] = true
	}
	if _, err := mar.ParseBodySite("elbow"); err == nil || !strings.Contains(err.Error(), "upper-arm-left") {
		t.Errorf("ParseBodySite(elbow) = %v, want an error naming the sites", err)
	}
	if !mar.IsPatch(mar.Product{Form: "Transdermal patch"}) || mar.IsPatch(mar.Product{Form: "tablet", Name: "Amlodipine"}) {
		t.Error("IsPatch does not tell a patch from a tablet")
	}
}

// FuzzCareNotes: whatever a damaged or hostile note holds, reading it never
// panics, and what reads back is valid.
func FuzzCareNotes(f *testing.F) {
	e := mar.Event{}
	paracetamolRemedy().Fill(&e)
	f.Add(e.Note, 2.0)
	f.Add("how: x\nagreed: y\ncapacity: 2026-01-01\nbest-interests: 2026-01-01", 0.0)
	f.Add(":\n::", -1.0)
	f.Fuzz(func(t *testing.T, note string, q float64) {
		h, err := mar.HomelyRemedyFrom(mar.Event{Kind: mar.KindHomelyRemedy, EntryID: "X", GTIN: "1", Quantity: q, DoseUnit: "tablet", Note: note})
		if err == nil && h.Valid() != nil {
			t.Errorf("read an invalid remedy %+v", h)
		}
		p, err := mar.CovertPlanFrom(mar.Event{Kind: mar.KindCovertPlan, ResidentID: "R", Note: note, Expiry: "2026-01-01"})
		if err == nil && p.Valid() != nil {
			t.Errorf("read an invalid plan %+v", p)
		}
	})
}

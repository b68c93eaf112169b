package fhir

import (
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestParseCareHome(t *testing.T) {
	c := mustParse(t, readFixture(t, "carehome.json"))
	if len(c.Residents) != 3 || len(c.Products) != 11 || len(c.Entries) != 11 || len(c.Allergies) != 1 {
		t.Fatalf("got %d residents, %d products, %d entries, %d allergies; want 3, 11, 11, 1",
			len(c.Residents), len(c.Products), len(c.Entries), len(c.Allergies))
	}
	if len(c.Unsupported) != 0 {
		t.Errorf("a clean chart gave warnings: %v", c.Unsupported)
	}
	res := map[string]mar.Resident{}
	for _, r := range c.Residents {
		res[r.ID] = r
	}
	prods := map[string]mar.Product{}
	for _, p := range c.Products {
		prods[p.ID] = p
	}
	ent := map[string]mar.ChartEntry{}
	for _, e := range c.Entries {
		ent[e.ID] = e
	}

	// Margaret's file says nothing of where she is: status 0 leaves the home's own.
	me := res["margaret-evans"]
	if me.NHSNumber != "9434765919" || me.Name() != "Margaret Rose Evans" || me.Room != "12" || me.Status != 0 || !me.Matches("R1001") {
		t.Errorf("Margaret = %+v", me)
	}
	if dp := res["doris-patel"]; dp.Status != mar.StatusHospital {
		t.Errorf("Doris, in hospital, has status %s", dp.Status)
	}
	if ah := res["arthur-hughes"]; ah.CareNotes != "Crush tablets and give in yoghurt" {
		t.Errorf("Arthur's care notes = %q", ah.CareNotes)
	}

	para := ent["rx-me-paracetamol"]
	if !para.PRN || para.PRNReason != "Pain" || para.MinInterval != 4*time.Hour || para.DoseLow != 1 || para.DoseHigh != 2 {
		t.Errorf("PRN paracetamol = %+v", para)
	}
	if para.MaxDose == nil || para.MaxDose.Quantity.Value != 8 || para.MaxDose.Period != 24*time.Hour {
		t.Errorf("paracetamol max dose = %+v, want 8 tablet in 24h", para.MaxDose)
	}
	if p := prods["paracetamol-500"]; len(p.GTINs) != 2 || !p.HasGTIN("05015150012341") {
		t.Errorf("paracetamol GTINs = %v, want two GTIN-14s", p.GTINs)
	}
	if z := prods["zomorph-10"]; z.CDSchedule != 2 || !z.NeedsWitness() {
		t.Errorf("morphine CD schedule = %d, want 2", z.CDSchedule)
	}
	if l := prods["lorazepam-1"]; l.CDSchedule != 4 || l.NeedsWitness() {
		t.Errorf("lorazepam CD schedule = %d, want 4 (no witness)", l.CDSchedule)
	}
	cc := ent["rx-me-cocareldopa"]
	wantTimes := []mar.ClockTime{6 * 60, 10 * 60, 14 * 60, 18 * 60, 22 * 60}
	if !cc.TimeCritical || len(cc.Timing.TimesOfDay) != 5 || cc.Timing.TimesOfDay[4] != wantTimes[4] {
		t.Errorf("co-careldopa = time-critical %v at %v, want time-critical at %v", cc.TimeCritical, cc.Timing.TimesOfDay, wantTimes)
	}
	al := ent["rx-me-alendronic"]
	if al.Timing.PeriodUnit != "wk" || len(al.Timing.DaysOfWeek) != 1 || al.Timing.DaysOfWeek[0] != time.Monday || al.PatientInstruction == "" {
		t.Errorf("weekly alendronic acid = %+v", al.Timing)
	}
	if s := ent["rx-ah-simvastatin"].Status; s != mar.EntryOnHold {
		t.Errorf("simvastatin status = %s, want on-hold", s)
	}
	if s := ent["rx-dp-furosemide"].Status; s != mar.EntryStopped {
		t.Errorf("furosemide status = %s, want stopped", s)
	}
	if e := ent["rx-ah-lactulose"]; e.Dose != (mar.Quantity{Value: 15, Unit: "mL"}) || len(e.Timing.When) != 2 {
		t.Errorf("lactulose = %v at %v", e.Dose, e.Timing.When)
	}
	cream := ent["rx-dp-cream"]
	if p, ok := prods[cream.ProductID]; !ok || p.Name != "Zerobase cream" || !strings.HasPrefix(p.ID, "concept-") || cream.Route != "Topical" {
		t.Errorf("cream from medicationCodeableConcept: product %+v, route %q", p, cream.Route)
	}
	a := c.Allergies[0]
	if a.ResidentID != "margaret-evans" || !a.Active || mar.NormaliseText(a.Substance.Label()) != "penicillin" {
		t.Errorf("penicillin allergy = %+v", a)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if !para.Start.Equal(start) || !para.End.IsZero() {
		t.Errorf("paracetamol runs %v to %v, want from %v, open-ended", para.Start, para.End, start)
	}
}

func TestParseTransactionWithUUIDReferences(t *testing.T) {
	c := mustParse(t, readFixture(t, "transaction-uuid.json"))
	if len(c.Residents) != 1 || len(c.Entries) != 1 || len(c.Allergies) != 1 {
		t.Fatalf("got %d residents, %d entries, %d allergies", len(c.Residents), len(c.Entries), len(c.Allergies))
	}
	r := c.Residents[0]
	if e := c.Entries[0]; e.ResidentID != r.ID || e.ProductID != c.Products[0].ID {
		t.Errorf("entry %+v does not point at resident %s and product %s", e, r.ID, c.Products[0].ID)
	}
	if c.Allergies[0].ResidentID != r.ID {
		t.Errorf("allergy for %q, want %q", c.Allergies[0].ResidentID, r.ID)
	}
}

func TestParseIsDeterministic(t *testing.T) {
	data := readFixture(t, "carehome.json")
	a, b := mustParse(t, data), mustParse(t, data)
	for i := range a.Products {
		if a.Products[i].ID != b.Products[i].ID {
			t.Errorf("product %d has id %q then %q: a re-import would not be a no-op", i, a.Products[i].ID, b.Products[i].ID)
		}
	}
}

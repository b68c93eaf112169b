package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

func TestApplyChartStoresTheFixture(t *testing.T) {
	st := storetest.Open(t)
	sum, err := st.ApplyChart(storetest.Chart())
	if err != nil {
		t.Fatal(err)
	}
	want := store.ImportSummary{
		Residents: store.Counts{Added: 3}, Products: store.Counts{Added: 4},
		Entries: store.Counts{Added: 5}, Allergies: store.Counts{Added: 1},
	}
	if sum != want {
		t.Errorf("first import = %+v, want %+v", sum, want)
	}
	rs, err := st.Residents()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{storetest.ResidentMargaret, storetest.ResidentArthur, storetest.ResidentEdith}) {
		t.Errorf("Residents() = %v, want by room", ids)
	}
	chart, err := st.Chart(storetest.ResidentEdith)
	if err != nil || len(chart) != 2 {
		t.Fatalf("Chart(Edith) = %d entries, %v; want 2", len(chart), err)
	}
	for _, e := range chart {
		if e.Version != 1 || !e.ValidFrom.Equal(storetest.ChartAt) || !e.Current() {
			t.Errorf("entry %s version %d from %v to %v, want version 1 current from import", e.ID, e.Version, e.ValidFrom, e.ValidTo)
		}
	}
}

func TestReimportingTheSameChartChangesNothing(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	u := storetest.Chart()
	u.At = u.At.Add(24 * time.Hour)
	// Times given in another zone are the same instants.
	london, _ := time.LoadLocation("Europe/London")
	u.Entries[0].AuthoredOn = u.Entries[0].AuthoredOn.In(london)
	sum, err := st.ApplyChart(u)
	if err != nil {
		t.Fatal(err)
	}
	want := store.ImportSummary{
		Residents: store.Counts{Unchanged: 3}, Products: store.Counts{Unchanged: 4},
		Entries: store.Counts{Unchanged: 5}, Allergies: store.Counts{Unchanged: 1},
	}
	if sum != want {
		t.Errorf("re-import = %+v, want %+v", sum, want)
	}
	hist, _ := st.ChartHistory(storetest.ResidentMargaret)
	if len(hist) != 2 {
		t.Errorf("history after identical re-import has %d versions, want 2", len(hist))
	}
}

func TestChangedDoseSupersedesFromImportTime(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	u := storetest.Chart()
	u.At = storetest.ChartAt.Add(48 * time.Hour)
	u.Entries[0].Dose.Value = 2 // metformin doubled
	sum, err := st.ApplyChart(u)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Entries != (store.Counts{Changed: 1, Unchanged: 4}) {
		t.Errorf("entries = %+v, want 1 changed", sum.Entries)
	}
	cur, err := st.Entry(storetest.EntryMetformin)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Version != 2 || cur.Dose.Value != 2 || !cur.ValidFrom.Equal(u.At) || !cur.Current() {
		t.Errorf("current = v%d dose %v from %v, want v2 dose 2 from %v", cur.Version, cur.Dose.Value, cur.ValidFrom, u.At)
	}
	hist, _ := st.ChartHistory(storetest.ResidentMargaret)
	var old []mar.ChartEntry
	for _, e := range hist {
		if e.ID == storetest.EntryMetformin && e.Version == 1 {
			old = append(old, e)
		}
	}
	if len(old) != 1 || !old[0].ValidTo.Equal(u.At) || old[0].Dose.Value != 1 {
		t.Errorf("old version = %+v, want dose 1 valid to %v", old, u.At)
	}
	chart, _ := st.Chart(storetest.ResidentMargaret)
	if len(chart) != 2 {
		t.Errorf("chart has %d entries in force, want 2", len(chart))
	}
}

func TestReimportKeepsStatusSetByTheHome(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	// The home records Arthur going to hospital: a status-change event.
	e := mar.Event{ID: uuid.New(), Kind: mar.KindStatusChange, ResidentID: storetest.ResidentArthur,
		OccurredAt: time.Now(), Status: mar.StatusHospital, UserID: "u-senior"}
	if err := st.Append(e); err != nil {
		t.Fatal(err)
	}
	for _, status := range []mar.ResidentStatus{0, mar.StatusPresent, mar.StatusDeceased} {
		u := storetest.Chart()
		for i := range u.Residents {
			u.Residents[i].Status = status // what the chart source says, or nothing
		}
		if _, err := st.ApplyChart(u); err != nil {
			t.Fatal(err)
		}
		if r, _ := st.Resident(storetest.ResidentArthur); r.Status != mar.StatusHospital {
			t.Errorf("after a re-import saying %v Arthur is %v, want still hospital: only a status event moves him", status, r.Status)
		}
	}
}

func TestImportSetsTheFirstStatusOfANewResident(t *testing.T) {
	st := storetest.Open(t)
	u := storetest.Chart()
	u.Residents[1].Status = mar.StatusHospital
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	if r, _ := st.Resident(storetest.ResidentArthur); r.Status != mar.StatusHospital {
		t.Errorf("new resident imported in hospital is %v", r.Status)
	}
	if r, _ := st.Resident(storetest.ResidentEdith); r.Status != mar.StatusPresent {
		t.Errorf("new resident imported with no status is %v, want present", r.Status)
	}
}

func TestApplyChartIsAllOrNothing(t *testing.T) {
	cases := map[string]func(*store.ChartUpdate){
		"entry for a resident not in the home": func(u *store.ChartUpdate) { u.Entries[4].ResidentID = "R999" },
		"entry for a product not supplied":     func(u *store.ChartUpdate) { u.Entries[4].ProductID = "P-none" },
		"allergy for unknown resident":         func(u *store.ChartUpdate) { u.Allergies[0].ResidentID = "R999" },
		"resident with no ID":                  func(u *store.ChartUpdate) { u.Residents[2].ID = "" },
		"no import time":                       func(u *store.ChartUpdate) { u.At = time.Time{} },
		"ID with a NUL byte":                   func(u *store.ChartUpdate) { u.Products[0].ID = "P\x00" },
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			st := storetest.Open(t)
			u := storetest.Chart()
			spoil(&u)
			if _, err := st.ApplyChart(u); !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("ApplyChart = %v, want ErrInvalid", err)
			}
			if rs, _ := st.Residents(); len(rs) != 0 {
				t.Errorf("%d residents stored after a refused import, want 0", len(rs))
			}
		})
	}
}

func TestFindResident(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	cases := []struct{ name, scan, want string }{
		{"NHS number as printed with spaces", "943 476 5919", storetest.ResidentMargaret},
		{"NHS number from a wristband", storetest.NHSArthur, storetest.ResidentArthur},
		{"local resident number on an ID card", "R0003", storetest.ResidentEdith},
		{"chart ID typed by hand", " R002 ", storetest.ResidentArthur},
	}
	for _, c := range cases {
		r, err := st.FindResident(c.scan)
		if err != nil || r.ID != c.want {
			t.Errorf("%s: FindResident(%q) = %q, %v; want %q", c.name, c.scan, r.ID, err, c.want)
		}
	}
	for _, scan := range []string{"", "R0", "9434765918", "R0001 "[:3]} {
		if _, err := st.FindResident(scan); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("FindResident(%q) = %v, want ErrNotFound", scan, err)
		}
	}
}

func TestFindResidentRefusesAnIdentifierTwoResidentsShare(t *testing.T) {
	st := storetest.Open(t)
	u := storetest.Chart()
	u.Residents[1].Identifiers = append(u.Residents[1].Identifiers, mar.Identifier{Value: "R0001"})
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	if r, err := st.FindResident("R0001"); !errors.Is(err, store.ErrAmbiguous) {
		t.Errorf("FindResident(shared) = %q, %v; want ErrAmbiguous", r.ID, err)
	}
}

func TestFindResidentFollowsChangedIdentifiers(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	u := storetest.Chart()
	u.Residents[0].Identifiers[1].Value = "R0101" // new wristband number
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.FindResident("R0001"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old wristband still finds a resident: %v", err)
	}
	if r, err := st.FindResident("R0101"); err != nil || r.ID != storetest.ResidentMargaret {
		t.Errorf("new wristband = %q, %v", r.ID, err)
	}
}

func TestProductsGTINsAndAllergies(t *testing.T) {
	st := storetest.Open(t)
	storetest.WithChart(t, st)
	got, err := st.ResidentsWithGTIN(storetest.GTINParacetamol2)
	if err != nil || !slices.Equal(got, []string{storetest.ResidentMargaret, storetest.ResidentArthur}) {
		t.Errorf("ResidentsWithGTIN(paracetamol) = %v, %v", got, err)
	}
	if got, _ := st.ResidentsWithGTIN(storetest.GTINUncharted); len(got) != 0 {
		t.Errorf("uncharted GTIN on charts of %v", got)
	}
	p, err := st.Product(storetest.ProductMorphine)
	if err != nil || !p.NeedsWitness() {
		t.Errorf("Product(morphine) = %+v, %v; want a schedule 2 CD", p, err)
	}
	if ps, _ := st.Products(); len(ps) != 4 {
		t.Errorf("Products() = %d, want 4", len(ps))
	}
	if _, err := st.Product("nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Product(unknown) = %v", err)
	}
	as, err := st.Allergies(storetest.ResidentArthur)
	if err != nil || len(as) != 1 || as[0].Substance.Label() != "Penicillin" {
		t.Errorf("Allergies(Arthur) = %+v, %v", as, err)
	}
	// Moving the product of an entry moves the GTIN lookup with it.
	u := storetest.Chart()
	u.At = u.At.Add(time.Hour)
	u.Entries[1].ProductID = storetest.ProductMetformin
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.ResidentsWithGTIN(storetest.GTINParacetamol); !slices.Equal(got, []string{storetest.ResidentArthur}) {
		t.Errorf("after re-charting, paracetamol on %v, want only Arthur", got)
	}
}

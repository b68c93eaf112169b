package store_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// The chart and products a check reads are kept until the next write: a
// chart change must be seen by the very next read, and a caller changing
// the chart it was given must not change what the next caller reads.
func TestChartAndProductReadsFollowEveryWrite(t *testing.T) {
	st := storetest.Open(t)
	u := storetest.Chart()
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	first, err := st.Chart(storetest.ResidentMargaret)
	if err != nil || len(first) == 0 {
		t.Fatalf("Chart = %d entries, %v", len(first), err)
	}
	first[0].ProductID = "changed by a caller"
	again, _ := st.Chart(storetest.ResidentMargaret)
	if again[0].ProductID == "changed by a caller" {
		t.Fatal("a caller's change to the chart it was given reached the next caller")
	}
	p, _ := st.Product(storetest.ProductParacetamol)
	u.At = u.At.Add(1)
	for i := range u.Products {
		if u.Products[i].ID == storetest.ProductParacetamol {
			u.Products[i].Name = "Paracetamol 500mg caplets"
		}
	}
	for i := range u.Entries {
		if u.Entries[i].ResidentID == storetest.ResidentMargaret {
			u.Entries[i].Text = "changed by the GP"
		}
	}
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	if q, _ := st.Product(storetest.ProductParacetamol); q.Name == p.Name {
		t.Errorf("product read after an import is the old one: %q", q.Name)
	}
	after, _ := st.Chart(storetest.ResidentMargaret)
	for _, e := range after {
		if e.Text != "changed by the GP" {
			t.Errorf("chart read after an import is the old one: entry %s says %q", e.ID, e.Text)
		}
	}
}

// The home's settings are read at every scan and kept until the next
// write: a change of rounds or zone is seen by the very next check.
func TestHomeReadsFollowEveryWrite(t *testing.T) {
	st := storetest.Open(t)
	h, err := st.Home()
	if err != nil || len(h.Rounds) == 0 {
		t.Fatalf("Home = %+v, %v", h, err)
	}
	h.Rounds[0].Name = "changed by a caller"
	if again, _ := st.Home(); again.Rounds[0].Name == "changed by a caller" {
		t.Fatal("a caller's change to the settings it was given reached the next caller")
	}
	h.Rounds[0].Name, h.TimeZone = "Breakfast", "Europe/Dublin"
	if err := st.PutHome(h); err != nil {
		t.Fatal(err)
	}
	if after, _ := st.Home(); after.TimeZone != "Europe/Dublin" || after.Rounds[0].Name != "Breakfast" {
		t.Errorf("settings read after a change are the old ones: %+v", after)
	}
}

// Recording a dose writes no chart: the chart read before it is still the
// one in force, and an import after it is seen at once.
func TestChartKeptAcrossARecordButNotAnImport(t *testing.T) {
	st := storetest.Open(t)
	u := storetest.Chart()
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Chart(storetest.ResidentMargaret)
	if err := st.Append(given(storetest.ResidentMargaret, before[0].ID, u.At.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Chart(storetest.ResidentMargaret)
	if len(after) != len(before) || after[0].Text != before[0].Text {
		t.Fatalf("chart after a record = %+v, want %+v", after, before)
	}
	u.At = u.At.Add(2 * time.Hour)
	for i := range u.Entries {
		u.Entries[i].Text = "changed by the GP"
	}
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	if again, _ := st.Chart(storetest.ResidentMargaret); again[0].Text != "changed by the GP" {
		t.Errorf("chart read after an import following a record is the old one: %q", again[0].Text)
	}
}

// A closed store serves nothing it kept: a read fails as any call does.
func TestKeptReadsEndWithClose(t *testing.T) {
	st := storetest.Open(t)
	if _, err := st.ApplyChart(storetest.Chart()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Chart(storetest.ResidentMargaret); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Chart(storetest.ResidentMargaret); err == nil {
		t.Error("a closed store still answered with the chart it kept")
	}
	if _, err := st.Product(storetest.ProductParacetamol); err == nil {
		t.Error("a closed store still answered with a product it kept")
	}
}

// A pull of other tablets' records keeps the charts read before it (an
// enrolled tablet pulls every minute) but each record pulled is seen by
// the very next read of its resident, and a chart pulled by the very next
// read of the chart.
func TestPulledRecordsAndChartsAreSeenAtOnce(t *testing.T) {
	st := storetest.Open(t)
	u := storetest.Chart()
	if _, err := st.ApplyChart(u); err != nil {
		t.Fatal(err)
	}
	at := u.At.Add(time.Hour)
	from, to := at.Add(-24*time.Hour), at.Add(24*time.Hour)
	chart, _ := st.Chart(storetest.ResidentMargaret)
	if kept, err := st.EventsOfKinds(storetest.ResidentMargaret, from, to, mar.KindIncident); err != nil || len(kept) != 0 {
		t.Fatalf("incidents before the pull = %d, %v", len(kept), err)
	}
	incident := mar.Event{ID: uuid.New(), Kind: mar.KindIncident, ResidentID: storetest.ResidentMargaret,
		OccurredAt: at, DeviceID: "tablet-2", ReasonCodes: []string{"DOUBLE_DOSE"}}
	dose := given(storetest.ResidentArthur, storetest.EntryParacetamolR002, at)
	dose.DeviceID = "tablet-2"
	if _, err := st.ApplyPulled([]store.PulledChange{{Event: &incident}, {Event: &dose}}, 1); err != nil {
		t.Fatal(err)
	}
	got, err := st.EventsOfKinds(storetest.ResidentMargaret, from, to, mar.KindIncident)
	if err != nil || len(got) != 1 || got[0].ID != incident.ID {
		t.Errorf("incidents after the pull = %+v, %v; want the pulled one", got, err)
	}
	if again, _ := st.Chart(storetest.ResidentMargaret); len(again) != len(chart) || again[0].Text != chart[0].Text {
		t.Errorf("chart after a pull of records = %+v, want %+v", again, chart)
	}
	u.At = u.At.Add(2 * time.Hour)
	for i := range u.Entries {
		u.Entries[i].Text = "changed at the centre"
	}
	if _, err := st.ApplyPulled([]store.PulledChange{{Chart: &u}}, 2); err != nil {
		t.Fatal(err)
	}
	if after, _ := st.Chart(storetest.ResidentMargaret); after[0].Text != "changed at the centre" {
		t.Errorf("chart read after a pulled chart change is the old one: %q", after[0].Text)
	}
}

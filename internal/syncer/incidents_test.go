package syncer_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// incidents returns the incidents the centre holds, by code.
func (c *centre) incidents(t *testing.T) map[string][]mar.Event {
	t.Helper()
	out := map[string][]mar.Event{}
	for _, e := range c.events(t) {
		if e.Event.Kind == mar.KindIncident {
			out[e.Event.ReasonCodes[0]] = append(out[e.Event.ReasonCodes[0]], e.Event)
		}
	}
	return out
}

// residentIncidents is what the tablet's resident page shows.
func (tb *tablet) residentIncidents(t *testing.T, resident string) []mar.Event {
	t.Helper()
	v, err := tb.svc.ResidentView(resident, tb.now)
	must(t, err)
	return v.Incidents
}

// Two tablets, offline, each give Margaret her 08:00 metformin: the centre
// finds one DOUBLE_DOSE incident for the slot however many times they sync,
// and both tablets pull it and show it on her page.
func TestSameSlotGivenOnTwoTabletsIsOneDoubleDoseIncident(t *testing.T) {
	c := newCentre(t)
	a, b := newTablet(t, c, c.srv.URL), newTablet(t, c, c.srv.URL)
	a.sync(t)
	b.sync(t)
	doseA := a.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	b.now = b.now.Add(10 * time.Minute)
	doseB := b.give(t, storetest.ResidentMargaret, storetest.GTINMetformin, 0, "")
	for range 3 {
		a.sync(t)
		b.sync(t)
	}
	got := c.incidents(t)
	if len(got) != 1 || len(got[central.IncidentDoubleDose]) != 1 {
		t.Fatalf("centre's incidents = %v; want exactly one DOUBLE_DOSE", got)
	}
	inc := got[central.IncidentDoubleDose][0]
	if inc.About != doseB.ID || inc.EntryID != storetest.EntryMetformin || !inc.SlotDue.Equal(doseA.SlotDue) ||
		inc.ResidentID != storetest.ResidentMargaret || inc.Note == "" {
		t.Errorf("incident = %+v; want Margaret's 08:00 metformin, about the later dose %s", inc, doseB.ID)
	}
	for name, tb := range map[string]*tablet{"A": a, "B": b} {
		if _, err := tb.st.Event(inc.ID); err != nil {
			t.Errorf("tablet %s did not pull the incident: %v", name, err)
		}
		if shown := tb.residentIncidents(t, storetest.ResidentMargaret); len(shown) != 1 || shown[0].ID != inc.ID {
			t.Errorf("tablet %s's page for Margaret shows incidents %v; want the one", name, shown)
		}
		if n, _ := tb.st.PendingCount(); n != 0 {
			t.Errorf("tablet %s has %d records waiting; a pulled incident is never sent back", name, n)
		}
	}
}

// Paracetamol for Margaret on two tablets, each within its own limits:
// A gives 2 tablets at 08:00, 12:00 and 16:00, B at 10:00 and 14:00. The
// tenth tablet in 24 hours, A's 16:00 dose, passes the 8-tablet (4 g)
// maximum: one PRN_MAX_EXCEEDED incident, about that dose.
func TestPRNMaximumPassedAcrossTabletsIsAnIncident(t *testing.T) {
	c := newCentre(t)
	a, b := newTablet(t, c, c.srv.URL), newTablet(t, c, c.srv.URL)
	a.sync(t)
	b.sync(t)
	start := storetest.ChartAt.Add(2 * time.Hour) // 08:00
	var last uuid.UUID
	for _, h := range []int{0, 4, 8} {
		a.now = start.Add(time.Duration(h) * time.Hour)
		last = a.give(t, storetest.ResidentMargaret, storetest.GTINParacetamol, 2, "pain").ID
	}
	for _, h := range []int{2, 6} {
		b.now = start.Add(time.Duration(h) * time.Hour)
		b.give(t, storetest.ResidentMargaret, storetest.GTINParacetamol, 2, "pain")
	}
	a.sync(t)
	b.sync(t)
	a.sync(t)
	got := c.incidents(t)
	over := got[central.IncidentPRNMaxExceeded]
	if len(got) != 1 || len(over) != 1 || over[0].About != last {
		t.Fatalf("centre's incidents = %v; want one PRN_MAX_EXCEEDED about A's 16:00 dose %s", got, last)
	}
	for name, tb := range map[string]*tablet{"A": a, "B": b} {
		if _, err := tb.st.Event(over[0].ID); err != nil {
			t.Errorf("tablet %s did not pull the incident: %v", name, err)
		}
	}
}

// A tablet whose clock runs an hour fast: its records are stored later than
// the centre received them. One CLOCK_SKEW incident for the day, however
// often it syncs; a tablet that was offline for days raises none.
func TestClockAheadIsOneIncidentADay(t *testing.T) {
	c := newCentre(t)
	a, b := newTablet(t, c, c.srv.URL), newTablet(t, c, c.srv.URL)
	a.sync(t)
	b.sync(t)
	a.now = time.Now().Add(time.Hour).UTC()
	for _, r := range []string{storetest.ResidentMargaret, storetest.ResidentArthur} {
		a.give(t, r, storetest.GTINParacetamol, 1, "pain")
		a.sync(t)
	}
	b.give(t, storetest.ResidentArthur, storetest.GTINParacetamol, 1, "pain") // days ago, offline since
	b.sync(t)
	got := c.incidents(t)
	skew := got[central.IncidentClockSkew]
	if len(got) != 1 || len(skew) != 1 {
		t.Fatalf("centre's incidents = %v; want one CLOCK_SKEW", got)
	}
	if dev, _ := syncerDevice(a); skew[0].Note == "" || !containsWord(skew[0].Note, dev) {
		t.Errorf("clock incident says %q; want it to name tablet %s", skew[0].Note, dev)
	}
}

func syncerDevice(tb *tablet) (string, error) { return store.DeviceID(tb.dir) }

func containsWord(s, w string) bool { return w != "" && strings.Contains(s, w) }

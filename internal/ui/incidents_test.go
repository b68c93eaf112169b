package ui

import (
	"testing"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/store"
)

// The app names the central record's incident codes without importing the
// server: the copies must stay the same.
func TestIncidentCodesAreTheCentresOnes(t *testing.T) {
	for _, c := range [][2]string{{incidentDoubleDose, central.IncidentDoubleDose},
		{incidentPRNMaxExceeded, central.IncidentPRNMaxExceeded}, {incidentClockSkew, central.IncidentClockSkew}} {
		if c[0] != c[1] {
			t.Errorf("the app's code %q; the centre's %q", c[0], c[1])
		}
	}
}

// pullIncident stores an incident as a sync pulls it from the centre.
func (h *harness) pullIncident(residentID, entryID, code, note string, cursor uint64) {
	h.t.Helper()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindIncident, DeviceID: central.CentreDevice, ResidentID: residentID,
		OccurredAt: at("08:11"), RecordedAt: at("08:20"), EntryID: entryID, ReasonCodes: []string{code}, Note: note}
	if _, err := h.st.ApplyPulled([]store.PulledChange{{Event: &ev}}, cursor); err != nil {
		h.t.Fatalf("pull incident: %v", err)
	}
}

// Two tablets gave Margaret her 08:00 dose: the centre's DOUBLE_DOSE
// incident stands on her page for the care worker who opens it, and on no
// one else's. A tablet's clock found wrong is shown to the manager in the
// settings, not on the resident's page.
func TestIncidentsFromTheCentreAreShown(t *testing.T) {
	h := newHarness(t)
	rs, err := h.svc.Residents()
	must(t, err)
	margaret := rs[0]
	if margaret.Identifiers[0].Value != "R101" {
		t.Fatalf("first demo resident is %v; want R101", margaret.Identifiers)
	}
	double := "The 08:00 dose of Amlodipine 5 mg tablets on Wed 25 Nov was recorded as given twice: at 08:02 on tablet floor-1 and at 08:11 on tablet floor-2. Check the resident now and report it as the home's medication incident policy says."
	clockNote := "The clock of tablet floor-2 was 62 minutes ahead of the central record's when it sent records."
	h.pullIncident(margaret.ID, "res-001-rx-02", central.IncidentDoubleDose, double, 5)
	h.pullIncident(margaret.ID, "", central.IncidentClockSkew, clockNote, 6)
	h.clock.set(at("08:30"))

	h.signIn("amy", "1111")
	h.scan("R101")
	h.sees("Incident found by the central record: check the resident and tell a senior")
	h.sees("DOSE RECORDED TWICE (found 08:20): " + double)
	h.notSees(clockNote)
	h.sees("08:11  Incident found by the central record: dose recorded twice · Amlodipine 5mg tablets")
	h.tap("Round")
	h.scan("R102")
	h.notSees("Incident found by the central record")

	h.tap("Lock")
	h.signIn("meg", "3333")
	h.tap("Round") // back from the page the lock kept
	h.tap("Settings")
	h.tap("Central record")
	h.sees("08:20: " + clockNote)
	h.notSees("recorded as given twice")
}

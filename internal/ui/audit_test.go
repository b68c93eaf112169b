package ui

import (
	"testing"
	"time"

	"medround/internal/mar"
)

// A manager reads the audit trail in the settings: the chart import and
// the staff added, newest first, with who did them. A week later they are
// one page back. A carer who signs in on the screen the manager left
// open is not shown it.
func TestManagerReadsTheAuditTrailAndACarerDoesNot(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	meg := h.app.session
	if _, err := h.svc.Import(meg, "../fhir/testdata/carehome.json"); err != nil {
		t.Fatalf("import: %v", err)
	}
	h.clock.set(demoNow.Add(10 * time.Minute))
	if _, err := h.svc.AddUser(meg, "kim", "Kim Lee", mar.RoleCarer, "4545"); err != nil {
		t.Fatalf("add kim: %v", err)
	}
	h.tap("Settings")
	h.tap("Audit trail")
	h.sees("The last seven days, newest first")
	h.sees("08:15 · Staff added · by Meg")
	h.sees("kim added as carer")
	h.sees("08:05 · Chart imported · by Meg")
	h.sees("SHA-256 of the files: ")
	if rows := h.app.settings.audit.rows.rows; rows[0].title.Text[:5] != "08:15" {
		t.Errorf("first row %q, want the newest (08:15)", rows[0].title.Text)
	}

	h.clock.set(demoNow.Add(9 * 24 * time.Hour))
	h.tap("Home settings")
	h.tap("Audit trail")
	h.sees("No changes recorded in these seven days.")
	h.tap("Older")
	h.sees("Staff added · by Meg")
	h.tap("Newer")
	h.sees("No changes recorded in these seven days.")

	h.tap("Lock")
	h.signIn("amy", "1111")
	h.sees("Only a manager can change the settings.")
	h.notSees("Staff added")
	if h.hasButton("Audit trail") {
		t.Error("a carer is offered the audit trail")
	}
}

package syncer_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/central/chartimport"
	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/staff"
)

const (
	protocolFile = "../fhir/testdata/prn-protocol.json"
	edith        = "R1009"
	edithPara    = "rx-em-paracetamol"
)

// importAt imports FHIR bundles at the centre on the test's clock.
func (c *centre) importAt(t *testing.T, at time.Time, files ...string) *round.ImportResult {
	t.Helper()
	res, err := chartimport.Import(context.Background(), c.st, home, chartimport.Options{Now: func() time.Time { return at }}, files...)
	if err != nil {
		t.Fatalf("import at the centre: %v", err)
	}
	return res
}

// changedPrescription is the PRN protocol fixture with its instruction
// to call the GP after 48 hours changed to after hours.
func changedPrescription(t *testing.T, hours string) string {
	t.Helper()
	data, err := os.ReadFile(protocolFile)
	must(t, err)
	path := filepath.Join(t.TempDir(), "changed-"+hours+".json")
	must(t, os.WriteFile(path, []byte(strings.Replace(string(data), "48 hours", hours+" hours", 1)), 0o600))
	return path
}

// protocolOn is the protocol in force on a tablet for Edith's paracetamol.
func protocolOn(t *testing.T, tb *tablet) *mar.PRNProtocol {
	t.Helper()
	v, err := tb.svc.PRNProtocol(edith, edithPara)
	must(t, err)
	return v.Current
}

// A chart imported at the central record reaches both tablets with the
// PRN protocols its prescriptions bring, by the tablet's own rule: a
// changed prescription brings a new version while the last came from a
// prescription, and never replaces a protocol a senior wrote in the home,
// which the import lists for review instead.
func TestChartImportedAtTheCentreBringsItsPRNProtocols(t *testing.T) {
	c := newCentre(t)
	hash, err := staff.HashPIN("2222")
	must(t, err)
	must(t, c.st.PutUser(context.Background(), home, mar.User{ID: "sam", Name: "Sam Senior", Role: mar.RoleSenior, PINHash: hash}))
	a, b := newTablet(t, c, c.srv.URL), newTablet(t, c, c.srv.URL)
	at := a.now

	if res := c.importAt(t, at, protocolFile); res.Protocols != 1 {
		t.Fatalf("first import recorded %d protocols, want 1 (the line with a reason)", res.Protocols)
	}
	a.sync(t)
	b.sync(t)
	for name, tb := range map[string]*tablet{"A": a, "B": b} {
		p := protocolOn(t, tb)
		if p == nil || !p.Imported || !slices.Equal(p.Signs, []string{"pain"}) || !strings.Contains(p.Prescribed, "48 hours") {
			t.Errorf("tablet %s: protocol in force %+v; want the one imported from the prescription", name, p)
		}
	}
	if res := c.importAt(t, at.Add(time.Minute), protocolFile); res.Protocols != 0 {
		t.Errorf("re-import of the same prescription recorded %d protocols, want none", res.Protocols)
	}

	at = at.Add(time.Hour)
	if res := c.importAt(t, at, changedPrescription(t, "24")); res.Protocols != 1 {
		t.Errorf("changed prescription over an imported protocol recorded %d, want 1 new version", res.Protocols)
	}
	a.now, b.now = at.Add(time.Hour), at.Add(time.Hour)
	a.sync(t)
	if p := protocolOn(t, a); p == nil || !strings.Contains(p.Prescribed, "24 hours") {
		t.Fatalf("tablet A: protocol in force %+v; want the changed prescription's", p)
	}
	sam, err := a.svc.SignIn("sam", "2222")
	must(t, err)
	written, err := a.svc.SetPRNProtocol(sam, mar.PRNProtocol{ResidentID: edith, EntryID: edithPara,
		Signs: []string{"Says her hip hurts"}, IfNoEffect: "Tell the senior after an hour", CallGP: "Pain on most days for 3 days"})
	must(t, err)
	a.sync(t)

	at = a.now.Add(time.Hour)
	res := c.importAt(t, at, changedPrescription(t, "12"))
	listed := slices.ContainsFunc(res.Review, func(u fhir.Unsupported) bool {
		return strings.Contains(u.Resource, edithPara) && strings.Contains(u.Message, "a senior reviews it")
	})
	if res.Protocols != 0 || !listed {
		t.Errorf("changed prescription over the home's protocol: %d recorded, review %v; want none and the line listed", res.Protocols, res.Review)
	}
	a.now, b.now = at.Add(time.Hour), at.Add(time.Hour)
	a.sync(t)
	b.sync(t)
	for name, tb := range map[string]*tablet{"A": a, "B": b} {
		if p := protocolOn(t, tb); p == nil || p.ID != written.ID {
			t.Errorf("tablet %s: protocol in force %+v; want the one Sam wrote", name, p)
		}
	}
	n := 0
	for _, e := range c.events(t) {
		if e.Event.Kind == mar.KindPRNProtocol && e.Device == central.CentreDevice {
			n++
		}
	}
	if n != 2 {
		t.Errorf("the centre holds %d imported protocols, want 2 (the first and the changed prescription's)", n)
	}
}

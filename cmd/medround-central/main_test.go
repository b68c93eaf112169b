package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/demo"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store/storetest"
)

func ctl(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"--data", dir}, args...), &out, &errOut, func(string) string { return "" })
	return code, out.String(), errOut.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestAdministration(t *testing.T) {
	dir := t.TempDir()
	steps := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"add a home", []string{"home", "add", "--id", "oak", "--name", "Oak Lodge"}, 0, "home oak added"},
		{"the same home again is refused", []string{"home", "add", "--id", "oak", "--name", "Oak"}, 1, ""},
		{"an unknown zone is a usage error", []string{"home", "add", "--id", "elm", "--name", "Elm", "--zone", "Mars/Olympus"}, 2, ""},
		{"add a senior", []string{"user", "add", "--home", "oak", "--id", "sam", "--name", "Sam Patel", "--role", "senior", "--pin", "2222"}, 0, "user sam added"},
		{"a PIN of letters is refused", []string{"user", "add", "--home", "oak", "--id", "x", "--name", "X", "--role", "carer", "--pin", "abcd"}, 2, ""},
		{"a role that does not exist is refused", []string{"user", "add", "--home", "oak", "--id", "x", "--name", "X", "--role", "boss", "--pin", "1234"}, 2, ""},
		{"import the care home chart", []string{"import", "--home", "oak", "../medroundctl/testdata/carehome.json"}, 0, "PRN protocols 2"},
		{"import a missing file changes nothing", []string{"import", "--home", "oak", "testdata/none.json"}, 1, ""},
		{"list devices of a home with none", []string{"device", "list", "--home", "oak"}, 0, "DEVICE"},
		{"revoke an unknown device", []string{"device", "revoke", "tab-x"}, 1, ""},
		{"the imported PRN protocols are the home's events", []string{"events", "--home", "oak", "--json"}, 0, `"kind":"prn-protocol","deviceId":"central"`},
	}
	for _, s := range steps {
		code, out, errOut := ctl(t, dir, s.args...)
		if code != s.code || !strings.Contains(out, s.out) {
			t.Errorf("%s: exit %d, out %q, err %q; want exit %d with %q", s.name, code, out, errOut, s.code, s.out)
		}
	}
	code, out, _ := ctl(t, dir, "device", "enrol", "--home", "oak")
	if code != 0 || len(strings.ReplaceAll(lastLine(out), "-", "")) != 20 {
		t.Fatalf("device enrol: exit %d, %q; want the code on the last line", code, out)
	}
	st, err := (&app{dataDir: dir, getenv: func(string) string { return "" }}).open()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	changes, _, err := st.Changes(context.Background(), "oak", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []protocol.ChangeKind
	for _, c := range changes {
		kinds = append(kinds, c.Kind)
	}
	want := []protocol.ChangeKind{protocol.ChangeHome, protocol.ChangeUser, protocol.ChangeChart, protocol.ChangeEvent, protocol.ChangeEvent}
	if !slices.Equal(kinds, want) || len(changes[2].Chart.Residents) == 0 || changes[3].Device != central.CentreDevice {
		t.Errorf("oak's changes are %v; want home, user, a chart with residents, its two PRN protocols from the centre (and nothing from the refused steps)", kinds)
	}
	if _, err := st.DeviceByToken(context.Background(), central.HashCode(lastLine(out))); err == nil {
		t.Error("an enrolment code works as a device token")
	}
}

func TestDemoPrintsACodeAndRefusesTwice(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := ctl(t, dir, "demo")
	if code != 0 || !strings.Contains(out, "Willow House") || len(strings.ReplaceAll(lastLine(out), "-", "")) != 20 {
		t.Fatalf("demo: exit %d, %q %q", code, out, errOut)
	}
	if code, _, errOut := ctl(t, dir, "demo"); code != 1 || !strings.Contains(errOut, "already set up") {
		t.Errorf("demo twice: exit %d, %q", code, errOut)
	}
	code, out, _ = ctl(t, dir, "events", "--home", "willow", "--json")
	var evs []central.StoredEvent
	if code != 0 || json.Unmarshal([]byte(out), &evs) != nil || len(evs) != demoProtocols(t) {
		t.Errorf("events of the new demo home: exit %d, %d events; want its %d PRN protocols", code, len(evs), demoProtocols(t))
	}
}

// demoProtocols is how many PRN protocols the demo home's charts have.
func demoProtocols(t *testing.T) int {
	t.Helper()
	_, chart := demo.Parts(demo.Options{})
	ps, err := demo.Protocols(chart, central.CentreDevice, rand.Reader)
	if err != nil || len(ps) == 0 {
		t.Fatalf("demo.Protocols = %d, %v; want the demo home's protocols", len(ps), err)
	}
	return len(ps)
}

// protocolLine is what a demo PRN protocol says and who wrote it, without
// its record's ID and device.
type protocolLine struct{ resident, entry, digest, by string }

// TestDemoBringsTheTabletDemosPRNProtocols: a tablet enrolled with the
// centre's demo home holds the same PRN protocols as the tablet's own demo
// home, written by Sam, pulled with the chart they belong to, so the
// round shows the same guidance whichever demo a trainer started from.
func TestDemoBringsTheTabletDemosPRNProtocols(t *testing.T) {
	dir := t.TempDir()
	want := demoProtocols(t)
	if code, out, errOut := ctl(t, dir, "demo"); code != 0 || !strings.Contains(out, fmt.Sprintf("%d PRN protocols", want)) {
		t.Fatalf("demo: exit %d, %q %q; want it to say it brought %d PRN protocols", code, out, errOut, want)
	}
	st, err := (&app{dataDir: dir, getenv: func(string) string { return "" }}).open()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	changes, _, err := st.Changes(context.Background(), "willow", 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	chart := slices.IndexFunc(changes, func(c central.Change) bool { return c.Kind == protocol.ChangeChart })
	var centre []protocolLine
	for i, c := range changes {
		if c.Kind != protocol.ChangeEvent {
			continue
		}
		p, err := mar.PRNProtocolFrom(*c.Event)
		if err != nil || i < chart || c.Device != central.CentreDevice {
			t.Fatalf("change %d of the demo home = %+v (%v); want PRN protocols from the centre, after the chart (change %d)", i, c, err, chart)
		}
		centre = append(centre, protocolLine{p.ResidentID, p.EntryID, p.Digest(), p.By})
	}
	tablet := tabletDemoProtocols(t)
	for _, ps := range [][]protocolLine{centre, tablet} {
		slices.SortFunc(ps, func(a, b protocolLine) int { return strings.Compare(a.entry, b.entry) })
	}
	if !slices.Equal(centre, tablet) || len(centre) != want {
		t.Errorf("the centre's demo PRN protocols = %v\nthe tablet demo's = %v; want the same %d", centre, tablet, want)
	}
}

// tabletDemoProtocols are the PRN protocols the tablet's demo home records.
func tabletDemoProtocols(t *testing.T) []protocolLine {
	t.Helper()
	tab := storetest.Open(t)
	now := time.Now()
	if err := demo.Build(tab, demo.Options{Now: now, HistoryDays: 1, Hash: func(string) (string, error) { return "no PIN", nil }}); err != nil {
		t.Fatal(err)
	}
	var out []protocolLine
	err := tab.EachEvent(now.AddDate(0, -3, 0), now.AddDate(0, 0, 1), func(e mar.Event) error {
		if e.Kind != mar.KindPRNProtocol {
			return nil
		}
		p, err := mar.PRNProtocolFrom(e)
		out = append(out, protocolLine{p.ResidentID, p.EntryID, p.Digest(), p.By})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestServeRefusesPlainHTTPOffLoopback(t *testing.T) {
	code, _, errOut := ctl(t, t.TempDir(), "serve", "--addr", "0.0.0.0:0")
	if code != 1 || !strings.Contains(errOut, "loopback") {
		t.Errorf("serve on 0.0.0.0 without TLS: exit %d, %q", code, errOut)
	}
}

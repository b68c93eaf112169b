package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestPRNProtocolCommands: the demo's paracetamol protocol is shown with
// the chart's limits; Gaviscon has none, and its check says so; a care
// worker may not write one, a senior may, and the parts not given are kept.
func TestPRNProtocolCommands(t *testing.T) {
	dir := demoDir(t)
	run := func(args ...string) (int, string, string) {
		return ctl(t, append([]string{"--data", dir}, args...)...)
	}
	const para, gaviscon = "res-001-rx-01", "res-001-rx-11"
	code, out, errs := run("prn", "protocol", "show", "--resident", "R101", "--entry", para)
	for _, want := range []string{"From the chart: 1 to 2 tablets; at least 4 hours apart; at most 8 tablets in 24 hours",
		"Facial expression: tense, frowning", "How to choose the dose: 1 tablet for mild pain", "written by sam"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("show paracetamol: exit %d %q\n%s\nwant %q", code, errs, out, want)
		}
	}
	if _, out, _ := run("prn", "protocol", "show", "--resident", "R101", "--entry", gaviscon); !strings.Contains(out, "NO PRN PROTOCOL") {
		t.Errorf("show Gaviscon:\n%s\nwant NO PRN PROTOCOL", out)
	}
	if _, out, _ := run("check", "--resident", "R101", "--entry", gaviscon); !strings.Contains(out, "NO_PRN_PROTOCOL") {
		t.Errorf("check of Gaviscon without a protocol:\n%s\nwant NO_PRN_PROTOCOL", out)
	}
	set := []string{"prn", "protocol", "set", "--resident", "R101", "--entry", gaviscon, "--sign", "Says she has heartburn",
		"--sign", "Rubbing her chest after meals", "--if-no-effect", "Sit her upright; tell the senior"}
	for _, c := range []struct {
		name string
		args []string
		want int
	}{
		{"a care worker may not write a protocol", append(set, "--user", "amy", "--pin", "1111"), exitError},
		{"without the entry is a usage error", []string{"prn", "protocol", "set", "--resident", "R101", "--user", "sam", "--pin", "2222"}, exitUsage},
		{"a protocol for a regular medicine is refused", []string{"prn", "protocol", "set", "--resident", "R101", "--entry", "res-001-rx-02",
			"--sign", "x", "--user", "sam", "--pin", "2222"}, exitError},
		{"an unknown subcommand is a usage error", []string{"prn", "protocol", "delete"}, exitUsage},
		{"a senior writes the protocol", append(set, "--user", "sam", "--pin", "2222"), 0},
		{"a manager changes when to call the GP, keeping the rest", []string{"prn", "protocol", "set", "--resident", "R101", "--entry", gaviscon,
			"--call-gp", "Needed most days for a week", "--user", "meg", "--pin", "3333"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if code, _, errs := run(c.args...); code != c.want {
				t.Errorf("exit %d %q, want %d", code, errs, c.want)
			}
		})
	}
	_, out, _ = run("--json", "prn", "protocol", "show", "--resident", "R101", "--entry", gaviscon)
	var v struct {
		Current struct {
			Signs      []string
			IfNoEffect string
			CallGP     string
			By         string
		} `json:"current"`
		Versions []json.RawMessage `json:"versions"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	if len(v.Versions) != 2 || v.Current.By != "meg" || len(v.Current.Signs) != 2 ||
		v.Current.IfNoEffect != "Sit her upright; tell the senior" || v.Current.CallGP != "Needed most days for a week" {
		t.Errorf("after the senior and the manager: %+v (versions %d), want the manager's version keeping the senior's signs", v.Current, len(v.Versions))
	}
	if _, out, _ := run("check", "--resident", "R101", "--entry", gaviscon); strings.Contains(out, "NO_PRN_PROTOCOL") {
		t.Errorf("check of Gaviscon with a protocol still says none:\n%s", out)
	}
}

package main

import (
	"strings"
	"testing"
)

// TestHomelyRemedyAndCovertPlan: a manager lists the home's paracetamol;
// the check stops it until a senior records the GP's approval; a covert
// plan is shown on the chart page.
func TestHomelyRemedyAndCovertPlan(t *testing.T) {
	dir := demoDir(t)
	run := func(args ...string) (int, string, string) {
		return ctl(t, append([]string{"--data", dir}, args...)...)
	}
	add := []string{"homely", "add", "--id", "PARA", "--pack", "05000000000142", "--name", "Paracetamol 500mg tablets",
		"--ingredient", "387517004", "--dose", "2", "--unit", "tablet", "--interval", "4h", "--max", "8", "--days", "2"}
	if code, _, errs := run(append(add, "--user", "amy", "--pin", "1111")...); code != exitError {
		t.Errorf("a care worker adds a homely remedy: exit %d %q, want refused", code, errs)
	}
	if code, _, errs := run(append(add[:len(add)-2], "--user", "meg", "--pin", "3333")...); code != exitUsage {
		t.Errorf("homely add without --days: exit %d %q, want a usage error", code, errs)
	}
	if code, _, errs := run(append(add, "--user", "meg", "--pin", "3333")...); code != 0 {
		t.Fatalf("homely add: exit %d %q", code, errs)
	}
	code, out, _ := run("check", "--resident", "R104", "--pack", "05000000000142")
	if code != exitStop || !strings.Contains(out, "NO_HOMELY_APPROVAL") {
		t.Errorf("check of homely paracetamol before approval: exit %d\n%s\nwant stop NO_HOMELY_APPROVAL", code, out)
	}
	if code, _, errs := run("homely", "approve", "--resident", "R104", "--id", "PARA", "--gp", "Dr Shah",
		"--review", "2099-01-31", "--user", "sam", "--pin", "2222"); code != 0 {
		t.Fatalf("homely approve: exit %d %q", code, errs)
	}
	if _, out, _ := run("check", "--resident", "R104", "--pack", "05000000000142"); strings.Contains(out, "NO_HOMELY_APPROVAL") {
		t.Errorf("check of approved homely paracetamol:\n%s\nwant no NO_HOMELY_APPROVAL", out)
	}
	if code, _, errs := run("covert", "set", "--resident", "R104", "--capacity", "2026-01-02", "--best-interests", "2026-01-05",
		"--agreed", "Dr Shah (GP), daughter", "--how", "crush and mix with yoghurt", "--review", "2099-01-01",
		"--user", "sam", "--pin", "2222"); code != 0 {
		t.Fatalf("covert set: exit %d %q", code, errs)
	}
	if _, out, _ := run("chart", "R104"); !strings.Contains(out, "COVERT PLAN (all medicines): crush and mix with yoghurt") {
		t.Errorf("chart of a resident with a covert plan:\n%s", out)
	}
	if code, _, errs := run("patch", "remove", "--resident", "R104"); code != exitUsage {
		t.Errorf("patch remove without --entry: exit %d %q, want a usage error", code, errs)
	}
}

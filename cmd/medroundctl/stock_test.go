package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestControlledDrugsRegister runs the register from the command line as a
// home would: a receipt, a count that differs (exit 10), the manager's
// follow-up, a destruction refused without a senior, and the register
// with its running balance.
func TestControlledDrugsRegister(t *testing.T) {
	dir := demoDir(t)
	mst := pack("mst-10")
	sign := []string{"--user", "amy", "--pin", "1111", "--witness", "sam", "--witness-pin", "2222"}
	run := func(args ...string) (int, string, string) {
		return ctl(t, append([]string{"--data", dir}, args...)...)
	}
	balance := func() float64 {
		code, out, errs := run("--json", "cd", "register", "--resident", "R101", "--pack", mst)
		var views []struct {
			Balance float64 `json:"balance"`
			Open    []struct {
				EventID string `json:"eventId"`
			} `json:"open"`
			Entries []struct {
				Balance float64 `json:"balance"`
			} `json:"entries"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &views) != nil || len(views) != 1 {
			t.Fatalf("cd register: exit %d, %q %q", code, out, errs)
		}
		v := views[0]
		if n := len(v.Entries); n == 0 || v.Entries[n-1].Balance != v.Balance {
			t.Errorf("cd register: the last entry's running balance differs from the balance %g", v.Balance)
		}
		return v.Balance
	}
	start := balance()
	recv := append([]string{"cd", "receive", "--resident", "R101", "--pack", mst, "--quantity", "28"}, sign...)
	if code, _, errs := run(recv...); code != exitError || !strings.Contains(errs, "received from") {
		t.Errorf("cd receive without --from: exit %d %q, want 1 asking from whom", code, errs)
	}
	if code, _, errs := run(append(recv, "--from", "Boots pharmacy")...); code != 0 {
		t.Fatalf("cd receive: exit %d %q", code, errs)
	}
	if got := balance(); got != start+28 {
		t.Errorf("balance after receiving 28 = %g, want %g", got, start+28)
	}
	if code, _, errs := run("cd", "receive", "--resident", "R101", "--pack", mst, "--quantity", "28", "--from", "Boots",
		"--user", "amy", "--pin", "1111"); code != exitError || !strings.Contains(errs, "second member of staff") {
		t.Errorf("cd receive with no witness: exit %d %q, want 1 asking for a witness", code, errs)
	}
	code, out, errs := run(append([]string{"--json", "cd", "count", "--resident", "R101", "--pack", mst, "--quantity", "3"}, sign...)...)
	var counted struct {
		Event struct {
			ID string `json:"id"`
		} `json:"event"`
		Difference float64 `json:"difference"`
	}
	if code != exitDiffers || json.Unmarshal([]byte(out), &counted) != nil || counted.Difference != 3-(start+28) {
		t.Fatalf("cd count of 3: exit %d %q %q, want 10 and the difference", code, out, errs)
	}
	if got := balance(); got != 3 {
		t.Errorf("balance after counting 3 = %g, want the count", got)
	}
	if code, _, errs := run("cd", "resolve", counted.Event.ID, "--action", "police told", "--user", "sam", "--pin", "2222"); code != exitError {
		t.Errorf("a senior closes a discrepancy: exit %d %q, want refused", code, errs)
	}
	if code, _, errs := run("cd", "resolve", counted.Event.ID, "--action", "police told", "--user", "meg", "--pin", "3333"); code != 0 {
		t.Errorf("the manager closes the discrepancy: exit %d %q", code, errs)
	}
	if _, out, _ := run("cd", "register", "--resident", "R101", "--pack", mst); strings.Contains(out, "OPEN DISCREPANCY") {
		t.Errorf("closed discrepancy still open:\n%s", out)
	}
	if code, _, _ := run(append([]string{"cd", "count", "--resident", "R101", "--pack", mst, "--quantity", "3"}, sign...)...); code != 0 {
		t.Errorf("a count that agrees: exit %d, want 0", code)
	}
	destroy := []string{"cd", "destroy", "--resident", "R101", "--pack", mst, "--quantity", "1", "--reason", "dropped on the floor",
		"--user", "amy", "--pin", "1111", "--witness", "ben", "--witness-pin", "4444"}
	if code, _, errs := run(destroy...); code != exitError {
		t.Errorf("two care workers destroy a controlled drug: exit %d %q, want refused", code, errs)
	}
	if code, _, errs := run(append(destroy[:len(destroy)-4], "--witness", "sam", "--witness-pin", "2222")...); code != 0 {
		t.Errorf("a care worker and a senior destroy a tablet: exit %d %q", code, errs)
	}
	if got := balance(); got != 2 {
		t.Errorf("balance after destroying one of 3 = %g, want 2", got)
	}
	if code, _, errs := run(append([]string{"cd", "receive", "--resident", "R101", "--pack", pack("amlodipine-5"), "--quantity", "28", "--from", "Boots"}, sign...)...); code != exitUsage {
		t.Errorf("cd receive of amlodipine: exit %d %q, want a usage error naming stock", code, errs)
	}
	_, out, _ = run("history", "R101")
	for _, want := range []string{"received 28 of Morphine", "from Boots pharmacy", "counted 3 of", "destroyed 1 of", ": dropped on the floor by amy, witness sam"} {
		if !strings.Contains(out, want) {
			t.Errorf("history does not say %q:\n%s", want, out)
		}
	}
}

// TestStockAndRecall: a receipt of an everyday medicine shows days left;
// a manager's recall of its batch stops the check.
func TestStockAndRecall(t *testing.T) {
	dir := demoDir(t)
	run := func(args ...string) (int, string, string) {
		return ctl(t, append([]string{"--data", dir}, args...)...)
	}
	amlo := pack("amlodipine-5")
	if code, _, errs := run("stock", "receive", "--resident", "R101", "--pack", amlo, "--quantity", "28", "--user", "amy", "--pin", "1111"); code != 0 {
		t.Fatalf("stock receive: exit %d %q", code, errs)
	}
	code, out, errs := run("--json", "stock", "--resident", "R101")
	var lines []struct {
		EntryID  string  `json:"entryId"`
		Product  string  `json:"product"`
		InStock  float64 `json:"inStock"`
		DaysLeft *int    `json:"daysLeft"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &lines) != nil || len(lines) == 0 {
		t.Fatalf("stock --json: exit %d %q %q", code, out, errs)
	}
	found := false
	for _, l := range lines {
		if strings.HasPrefix(l.Product, "Amlodipine") {
			found = true
			if l.InStock < 28 || l.DaysLeft == nil || *l.DaysLeft < 28 {
				t.Errorf("amlodipine stock = %+v, want at least 28 in stock and days left", l)
			}
		}
	}
	if !found {
		t.Errorf("stock has no amlodipine line: %s", out)
	}
	if code, _, errs := run("stock", "recall", "--pack", amlo, "--action", "return the packs to Boots", "--user", "amy", "--pin", "1111"); code != exitError {
		t.Errorf("a care worker marks a recall: exit %d %q, want refused", code, errs)
	}
	if code, _, errs := run("stock", "recall", "--pack", amlo, "--action", "return the packs to Boots", "--user", "meg", "--pin", "3333"); code != 0 {
		t.Fatalf("stock recall: exit %d %q", code, errs)
	}
	code, out, _ = run("check", "--resident", "R101", "--pack", amlo)
	if code != exitStop || !strings.Contains(out, "RECALLED") || !strings.Contains(out, "return the packs to Boots") {
		t.Errorf("check of a recalled batch: exit %d\n%s\nwant stop RECALLED naming what to do", code, out)
	}
	liftBy := func(user, pin string, more ...string) (int, string) {
		code, _, errs := run(append([]string{"stock", "recall", "--lift", "--pack", amlo, "--reason", "the MHRA withdrew the alert",
			"--user", user, "--pin", pin}, more...)...)
		return code, errs
	}
	for _, tt := range []struct {
		name       string
		user, pin  string
		more       []string
		code       int
		stillStops bool
	}{
		{"a care worker cannot lift a recall", "amy", "1111", nil, exitError, true},
		{"a senior cannot lift a recall", "sam", "2222", nil, exitError, true},
		{"a lift of a batch never recalled is refused", "meg", "3333", []string{"--batch", "OTHER"}, exitError, true},
		{"the manager lifts the recall", "meg", "3333", nil, 0, false},
		{"a recall lifted cannot be lifted twice", "meg", "3333", nil, exitError, false},
	} {
		if code, errs := liftBy(tt.user, tt.pin, tt.more...); code != tt.code {
			t.Errorf("%s: exit %d %q, want %d", tt.name, code, errs, tt.code)
		}
		if _, out, _ := run("check", "--resident", "R101", "--pack", amlo); strings.Contains(out, "RECALLED") != tt.stillStops {
			t.Errorf("%s: check after it says\n%s\nwant RECALLED %v", tt.name, out, tt.stillStops)
		}
	}
	if _, out, _ := run("audit"); !strings.Contains(out, "recall") {
		t.Errorf("audit after a recall and its lift:\n%s\nwant both named", out)
	}
}

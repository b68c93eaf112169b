package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"medround/internal/ledger"
	"medround/internal/round"
	"medround/internal/store"
)

// TestCDSettingsFromTheCommandLine: the manager sets how often registers
// are counted and which schedules keep one; others are refused; each
// change is in the audit trail; a schedule 4 medicine then keeps a
// register.
func TestCDSettingsFromTheCommandLine(t *testing.T) {
	dir := demoDir(t)
	meg := []string{"--user", "meg", "--pin", "3333"}
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"the settings read without signing in", []string{"cd", "interval"}, 0, "counted: weekly"},
		{"a care worker cannot have registers counted daily", []string{"cd", "interval", "--every", "daily", "--user", "amy", "--pin", "1111"}, exitError, ""},
		{"a monthly count is not offered", append([]string{"cd", "interval", "--every", "monthly"}, meg...), exitUsage, ""},
		{"the manager has registers counted daily", append([]string{"cd", "interval", "--every", "daily"}, meg...), 0, "counted: daily"},
		{"a senior cannot add schedule 4 registers", []string{"cd", "schedules", "--keep", "3,4", "--user", "sam", "--pin", "2222"}, exitError, ""},
		{"a schedule that does not exist is refused", append([]string{"cd", "schedules", "--keep", "3,9"}, meg...), exitError, ""},
		{"the manager adds schedule 4 registers; schedule 2 is always kept", append([]string{"cd", "schedules", "--keep", "3,4"}, meg...), 0, "schedules: 2, 3, 4"},
		{"lorazepam, schedule 4, now has its register", []string{"cd", "receive", "--resident", "R102", "--pack", pack("lorazepam-1"),
			"--quantity", "14", "--from", "Boots", "--user", "amy", "--pin", "1111", "--witness", "sam", "--witness-pin", "2222"}, 0, "balance:"},
		{"the audit trail shows both changes", []string{"audit"}, 0, "controlled drugs counted weekly to daily"},
		{"the audit trail names the schedules", []string{"audit"}, 0, "registers for schedules 2, 3 to 2, 3, 4"},
	}
	for _, tt := range tests {
		code, out, errs := ctl(t, append([]string{"--data", dir}, tt.args...)...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("%s: exit %d\n%s%s\nwant exit %d saying %q", tt.name, code, out, errs, tt.code, tt.out)
		}
	}
}

// TestDBCheckFindsACheckpointThatDisagrees: `db check` works every register
// checkpoint out again from the records and names one that disagrees.
func TestDBCheckFindsACheckpointThatDisagrees(t *testing.T) {
	dir := demoDir(t)
	at, _ := time.Parse(time.RFC3339, demoAt)
	st, err := store.Open(filepath.Join(dir, store.DatabaseFile), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := round.New(st, round.Options{DeviceID: "test", Now: func() time.Time { return at }}).StockRegisters("res-001"); err != nil {
		t.Fatal(err)
	}
	kept, _, err := st.RegisterEvents("res-001", at)
	if err != nil || kept == nil {
		t.Fatalf("no checkpoint kept: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := ctl(t, "--data", dir, "db", "check"); code != 0 {
		t.Fatalf("db check with a checkpoint that agrees: exit %d\n%s%s", code, out, errs)
	}
	if st, err = store.Open(filepath.Join(dir, store.DatabaseFile), store.Options{}); err != nil {
		t.Fatal(err)
	}
	var cp ledger.Checkpoint
	if err := json.Unmarshal(kept.Body, &cp); err != nil {
		t.Fatal(err)
	}
	c := cp.Registers["mst-10"]
	c.Balance--
	cp.Registers["mst-10"] = c
	kept.Body, _ = json.Marshal(cp)
	if n, err := st.PutRegisterCheckpoints(*kept); n != 1 || err != nil {
		t.Fatalf("put the drifted checkpoint: %d, %v", n, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, _ := ctl(t, "--data", dir, "db", "check")
	if code != exitError || !strings.Contains(out, "register checkpoint of res-001 disagrees with its records: register of mst-10") {
		t.Errorf("db check with a checkpoint one tablet out: exit %d\n%s\nwant it named", code, out)
	}
}

package main

import (
	"strings"
	"testing"
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

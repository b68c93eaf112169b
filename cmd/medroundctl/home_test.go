package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSilentEmptyHome: every command but init, import and demo refuses a
// directory without a database, naming it and saying how to start a home
// or restore a backup, and leaves no database behind.
func TestNoSilentEmptyHome(t *testing.T) {
	commands := [][]string{
		{"residents"}, {"chart", "R101"}, {"due"}, {"history", "R101"},
		{"report", "missed", "--from", "2026-11-24T00:00:00Z", "--to", demoAt},
		{"export", "--from", "2026-11-24T00:00:00Z", "--to", demoAt},
		{"db", "check"}, {"db", "backup", filepath.Join(t.TempDir(), "b.db")}, {"audit"}, {"user", "list"},
		{"check", "--resident", "R101", "--pack", pack("amlodipine-5")},
		{"record", "--resident", "R101", "--pack", pack("amlodipine-5"), "--outcome", "given", "--user", "amy", "--pin", "1111"},
		{"user", "add", "--id", "meg", "--name", "Meg", "--role", "manager", "--pin", "3333"},
		{"resident", "status", "R101", "hospital", "--user", "amy", "--pin", "1111"},
		{"labels", "staff", "--out", t.TempDir()},
	}
	for _, missing := range []bool{false, true} {
		for _, args := range commands {
			dir := t.TempDir()
			if missing {
				os.WriteFile(filepath.Join(dir, "device-id"), []byte("a1b2\n"), 0o600)
			}
			code, out, errs := ctl(t, append([]string{"--data", dir}, args...)...)
			name := strings.Join(args[:min(2, len(args))], " ")
			if code != exitError || !strings.Contains(errs, dir) {
				t.Errorf("%s in an empty directory (device ID kept: %v): exit %d, stderr %q; want 1 naming the directory", name, missing, code, errs)
			}
			want := "medroundctl init"
			if missing {
				want = "missing"
			}
			if !strings.Contains(errs, want) || !strings.Contains(errs, "backup") {
				t.Errorf("%s (device ID kept: %v): stderr %q does not say %q and how to restore a backup", name, missing, errs, want)
			}
			if out != "" {
				t.Errorf("%s: printed %q", name, out)
			}
			if _, err := os.Stat(filepath.Join(dir, "medround.db")); err == nil {
				t.Errorf("%s made a database in an empty directory", name)
			}
		}
	}
}

func TestInitStartsAnEmptyHomeOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home")
	if code, out, errs := ctl(t, "--data", dir, "init"); code != 0 || !strings.Contains(out, "user add") {
		t.Fatalf("init: exit %d, %q %q", code, out, errs)
	}
	if code, out, _ := ctl(t, "--data", dir, "db", "check"); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("db check after init: exit %d, %q", code, out)
	}
	if code, _, errs := ctl(t, "--data", dir, "user", "add", "--id", "meg", "--name", "Meg Holloway", "--role", "manager", "--pin", "3333"); code != 0 {
		t.Fatalf("first user after init: exit %d, %q", code, errs)
	}
	if code, _, _ := ctl(t, "--data", dir, "init"); code != exitError {
		t.Errorf("init over a home with staff: exit %d, want 1", code)
	}
	if code, _, _ := ctl(t, "--data", demoDir(t), "demo"); code != exitError {
		t.Errorf("demo over a home: exit %d, want 1", code)
	}
}

// TestReadOnlyCommandsNeverChangeTheFile runs every read-only command on a
// read-only database and checks the bytes are the same after.
func TestReadOnlyCommandsNeverChangeTheFile(t *testing.T) {
	dir := demoDir(t)
	db := filepath.Join(dir, "medround.db")
	if err := os.Chmod(db, 0o400); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(db)
	commands := [][]string{
		{"residents"}, {"chart", "R101"}, {"due", "--at", demoAt}, {"history", "R101"},
		{"report", "missed", "--from", "2026-11-24T00:00:00Z", "--to", demoAt},
		{"export", "--from", "2026-11-24T00:00:00Z", "--to", demoAt},
		{"db", "check"}, {"db", "backup", filepath.Join(t.TempDir(), "b.db")}, {"audit"}, {"user", "list"},
		{"check", "--resident", "R101", "--pack", pack("co-careldopa-25-100"), "--at", "2026-11-25T14:05:00Z"},
	}
	for _, args := range commands {
		if code, _, errs := ctl(t, append([]string{"--data", dir}, args...)...); code != 0 {
			t.Errorf("%s on a read-only file: exit %d, %q", strings.Join(args, " "), code, errs)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a read-only command changed the database file")
	}
}

func TestPINsFromTheEnvironmentAndStandardInput(t *testing.T) {
	record := []string{"record", "--resident", "R101", "--pack", pack("mst-10"), "--outcome", "given",
		"--at", "2026-11-25T21:00:00Z", "--note", "entered after the round", "--user", "amy", "--witness", "sam"}
	tests := []struct {
		name  string
		extra []string
		stdin string
		env   map[string]string
		want  int
	}{
		{"both PINs from the environment", nil, "", map[string]string{"MEDROUND_PIN": "1111", "MEDROUND_WITNESS_PIN": "2222"}, exitOK},
		{"both PINs on standard input, giver first", []string{"--pin", "-", "--witness-pin", "-"}, "1111\n2222\n", nil, exitOK},
		{"giver's PIN on standard input, witness's in the environment", []string{"--pin", "-"}, "1111\r\n", map[string]string{"MEDROUND_WITNESS_PIN": "2222"}, exitOK},
		{"standard input runs out before the witness's PIN", []string{"--pin", "-", "--witness-pin", "-"}, "1111\n", nil, exitUsage},
		{"no PIN anywhere", nil, "", nil, exitUsage},
		{"the witness's PIN wrong in the environment", nil, "", map[string]string{"MEDROUND_PIN": "1111", "MEDROUND_WITNESS_PIN": "9999"}, exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := demoDir(t)
			args := append(append([]string{"--data", dir}, record...), tt.extra...)
			code, _, errs := ctlWith(t, tt.stdin, tt.env, args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.want, errs)
			}
		})
	}
	dir := demoDir(t)
	code, _, errs := ctlWith(t, "3333\n4545\n", map[string]string{}, "--data", dir, "user", "add", "--id", "ann",
		"--name", "Ann Lee", "--role", "carer", "--pin", "-", "--by", "meg", "--by-pin", "-")
	if code != 0 {
		t.Fatalf("user add with the manager's and the new PIN on standard input: exit %d, %q", code, errs)
	}
	if code, _, errs := ctlWith(t, "", map[string]string{"MEDROUND_BY_PIN": "4545"}, "--data", dir, "user", "change", "ann",
		"--pin", "5656", "--by", "ann"); code != 0 {
		t.Errorf("ann changes her own PIN, hers from MEDROUND_BY_PIN: exit %d, %q", code, errs)
	}
}

func TestImportIsSignedAndAudited(t *testing.T) {
	dir := demoDir(t)
	file := "testdata/carehome.json"
	if code, _, errs := ctl(t, "--data", dir, "import", file); code != exitError || !strings.Contains(errs, "senior or manager") {
		t.Errorf("import into a home with staff, nobody signed: exit %d, %q", code, errs)
	}
	if code, _, errs := ctl(t, "--data", dir, "import", file, "--user", "amy", "--pin", "1111"); code != exitError {
		t.Errorf("import by a care worker: exit %d, %q", code, errs)
	}
	env := map[string]string{"MEDROUND_PIN": "2222"}
	if code, _, errs := ctlWith(t, "", env, "--data", dir, "import", file, "--user", "sam"); code != 0 {
		t.Fatalf("import by a senior: exit %d, %q", code, errs)
	}
	code, out, errs := ctl(t, "--data", dir, "--json", "audit", "--from", "2020-01-01T00:00:00Z")
	if code != 0 {
		t.Fatalf("audit: exit %d, %q", code, errs)
	}
	var items []struct{ What, UserID, Summary string }
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("audit --json: %v\n%s", err, out)
	}
	found := false
	for _, it := range items {
		if it.UserID == "sam" && strings.Contains(it.Summary, "chart import of 1 file") {
			found = true
		}
	}
	if !found {
		t.Errorf("audit does not list sam's import: %s", out)
	}
	if code, out, _ := ctl(t, "--data", dir, "audit", "--from", "2020-01-01T00:00:00Z"); code != 0 || !strings.Contains(out, "sam") {
		t.Errorf("audit table: exit %d\n%s", code, out)
	}
}

func TestUppercaseIDBesideLowercaseIsRefused(t *testing.T) {
	dir := demoDir(t)
	code, _, errs := ctl(t, "--data", dir, "user", "add", "--id", "SAM", "--name", "Sam Again", "--role", "senior",
		"--pin", "5555", "--by", "meg", "--by-pin", "3333")
	if code != exitError || !strings.Contains(errs, "already has this user ID") {
		t.Errorf("adding SAM beside sam: exit %d, %q", code, errs)
	}
	code, _, errs = ctl(t, "--data", dir, "record", "--resident", "R101", "--pack", pack("mst-10"), "--outcome", "given",
		"--at", "2026-11-25T21:00:00Z", "--note", "late", "--user", "sam", "--pin", "2222", "--witness", "SAM", "--witness-pin", "2222")
	if code != exitError || !strings.Contains(errs, "someone other") {
		t.Errorf("sam witnessing himself as SAM: exit %d, %q", code, errs)
	}
}

func TestCareWorkerRecordsHospitalButNotADeath(t *testing.T) {
	dir := demoDir(t)
	if code, _, errs := ctl(t, "--data", dir, "resident", "status", "R102", "hospital", "--user", "amy", "--pin", "1111"); code != 0 {
		t.Errorf("a care worker records hospital: exit %d, %q", code, errs)
	}
	if code, _, errs := ctl(t, "--data", dir, "resident", "status", "R102", "deceased", "--user", "amy", "--pin", "1111"); code != exitError {
		t.Errorf("a care worker records a death: exit %d, %q", code, errs)
	}
}

func TestErrorsMaskIdentifiersAndPaths(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"an NHS number", "no resident with NHS number 9434765919 here", "no resident with NHS number NHS number ******5919 here"},
		{"a spaced NHS number", "scan 943 476 5919 failed", "scan NHS number ******5919 failed"},
		{"a resident number", "resident R101 not found", "resident R*** not found"},
		{"a FHIR patient", "resident Patient/margaret-evans: changed", "resident Patient/***: changed"},
		{"a quoted resident ID", `events of "res-001": read failed`, `events of "***": read failed`},
		{"a file path", "open /home/care/medround/medround.db: permission denied", "open <file>: permission denied"},
		{"a GTIN is not an NHS number", "GTIN 05000045600017 unknown", "GTIN 05000045600017 unknown"},
	}
	for _, tt := range tests {
		if got := mask(tt.in); got != tt.want {
			t.Errorf("%s: mask(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestJSONErrorKeepsTheCause(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := ctl(t, "--data", dir, "--json", "residents")
	if code != exitError || errs == "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var doc struct{ Error, Cause string }
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Error == "" || doc.Cause == "" {
		t.Errorf("--json error document = %q (%v)", out, err)
	}
}

func TestFailedFirstImportLeavesNoHome(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home")
	bad := filepath.Join(t.TempDir(), "truncated.json")
	data, _ := os.ReadFile("testdata/carehome.json")
	os.WriteFile(bad, data[:len(data)/2], 0o600)
	if code, _, _ := ctl(t, "--data", dir, "import", bad); code != exitError {
		t.Fatalf("import of a truncated file: exit %d", code)
	}
	if code, _, errs := ctl(t, "--data", dir, "residents"); code != exitError || !strings.Contains(errs, "no medround home") {
		t.Errorf("after a failed first import: exit %d, %q; want no home", code, errs)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/store"
)

// The demo home is built at 10:30 on a Wednesday in November (GMT).
const demoAt = "2026-11-25T10:30:00Z"

var (
	demoOnce sync.Once
	demoDB   []byte
)

// ctl runs medroundctl in-process and returns its exit code and output.
func ctl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return ctlWith(t, "", nil, args...)
}

// ctlWith runs medroundctl with this standard input and environment.
func ctlWith(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// demoDir is a data directory holding a copy of the demo home.
func demoDir(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ctl-demo")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		if code, _, errs := ctl(t, "--data", dir, "demo", "--at", demoAt); code != 0 {
			t.Fatalf("demo: exit %d: %s", code, errs)
		}
		demoDB, _ = os.ReadFile(filepath.Join(dir, "medround.db"))
	})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "medround.db"), demoDB, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func pack(productID string) string {
	return demo.PackCode(productID, time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), "B42")
}

func TestExitCodes(t *testing.T) {
	dir := demoDir(t)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"help"}, exitOK},
		{"no command", []string{}, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"check", "--colour"}, exitUsage},
		{"time not RFC 3339", []string{"check", "--resident", "R101", "--pack", "x", "--at", "25/11/2026 10:00"}, exitUsage},
		{"check without a pack or an entry", []string{"check", "--resident", "R101"}, exitUsage},
		{"co-careldopa at 14:05 is ok", []string{"check", "--resident", "R101", "--pack", pack("co-careldopa-25-100"), "--at", "2026-11-25T14:05:00Z"}, exitOK},
		{"metformin at 13:00 for 17:00 warns: too early", []string{"check", "--resident", "R101", "--pack", pack("metformin-500"), "--at", "2026-11-25T13:00:00Z"}, exitWarn},
		{"metformin at 10:30, 2h30 after the morning dose, stops: too soon", []string{"check", "--resident", "R101", "--pack", pack("metformin-500"), "--at", demoAt}, exitStop},
		{"flucloxacillin for the penicillin-allergic resident stops", []string{"check", "--resident", "R101", "--pack", pack("flucloxacillin-500"), "--at", demoAt}, exitStop},
		{"NHS number with a wrong check digit stops", []string{"check", "--resident", "9990000019", "--pack", pack("amlodipine-5"), "--at", demoAt}, exitStop},
		{"report with an unknown kind", []string{"report", "forgotten", "--from", "2026-11-24T00:00:00Z", "--to", demoAt}, exitUsage},
		{"record with the wrong PIN is an error", []string{"record", "--resident", "R101", "--pack", pack("co-careldopa-25-100"),
			"--outcome", "given", "--user", "amy", "--pin", "9999", "--at", "2026-11-25T14:05:00Z"}, exitError},
		{"parse a GTIN with a wrong check digit is an error", []string{"parse", "05000045600025"}, exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := ctl(t, append([]string{"--data", dir}, tt.args...)...)
			if code != tt.want {
				t.Errorf("medroundctl %s: exit %d, want %d (stderr %q)", strings.Join(tt.args, " "), code, tt.want, errs)
			}
			if code == exitError || code == exitUsage {
				if n := strings.Count(strings.TrimSpace(errs), "\n"); tt.name != "no command" && n > 1 {
					t.Errorf("error is not one clear line: %q", errs)
				}
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	dir := demoDir(t)
	code, out, _ := ctl(t, "--data", dir, "check", "--json", "--resident", "R101", "--pack", pack("flucloxacillin-500"), "--at", demoAt)
	if code != exitStop {
		t.Fatalf("exit %d, want %d", code, exitStop)
	}
	var doc struct {
		Verdict  string `json:"verdict"`
		Reasons  []struct{ Code, Level, Message string }
		Resident struct{ ID string } `json:"resident"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("check --json is not JSON: %v\n%s", err, out)
	}
	if doc.Verdict != "stop" || doc.Resident.ID != "res-001" || len(doc.Reasons) == 0 {
		t.Errorf("check --json = %s", out)
	}
	for _, r := range doc.Reasons {
		if r.Code == "" || r.Level == "" || r.Message == "" {
			t.Errorf("reason without code, level or message: %+v", r)
		}
	}
}

func TestRecordPrintsTheEventAndHistoryShowsIt(t *testing.T) {
	dir := demoDir(t)
	// The demo day is in the past, so this is a late entry: it needs a note.
	code, out, errs := ctl(t, "--data", dir, "record", "--resident", "R101", "--pack", pack("co-careldopa-25-100"),
		"--outcome", "given", "--user", "amy", "--pin", "1111", "--at", "2026-11-25T14:05:00Z",
		"--note", "entered after the round")
	if code != 0 {
		t.Fatalf("record: exit %d: %s", code, errs)
	}
	id := strings.TrimSpace(out)
	if len(id) != 36 {
		t.Fatalf("record printed %q, want a UUID", out)
	}
	_, hist, _ := ctl(t, "--data", dir, "history", "R101", "--from", "2026-11-25T00:00:00Z", "--to", "2026-11-26T00:00:00Z")
	if !strings.Contains(hist, id) {
		t.Errorf("history does not list %s:\n%s", id, hist)
	}
	code, _, errs = ctl(t, "--data", dir, "correct", id, "--reason", "wrong resident", "--user", "sam", "--pin", "2222")
	if code != 0 {
		t.Fatalf("correct: exit %d: %s", code, errs)
	}
	_, hist, _ = ctl(t, "--data", dir, "history", "R101", "--from", "2026-11-25T00:00:00Z", "--to", "2026-11-26T00:00:00Z")
	if !strings.Contains(hist, "ENTERED IN ERROR") {
		t.Errorf("history does not mark the corrected record:\n%s", hist)
	}
}

func TestSecondProcessGetsInUse(t *testing.T) {
	dir := demoDir(t)
	st, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	code, _, errs := ctl(t, "--data", dir, "residents")
	if code != exitError || !strings.Contains(errs, "in use") {
		t.Errorf("second opener: exit %d, stderr %q; want 1 and an 'in use' error", code, errs)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second opener waited %v", d)
	}
}

func TestImportIsAtomicAndIdempotent(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := ctl(t, "--data", dir, "import", "testdata/carehome.json")
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "added") {
		t.Errorf("import printed %q", out)
	}
	_, out, _ = ctl(t, "--data", dir, "import", "testdata/carehome.json")
	if !strings.Contains(out, "0 added, 0 changed") {
		t.Errorf("re-import changed something: %q", out)
	}
	bad := filepath.Join(t.TempDir(), "truncated.json")
	data, _ := os.ReadFile("testdata/carehome.json")
	os.WriteFile(bad, data[:len(data)/2], 0o600)
	_, before, _ := ctl(t, "--data", dir, "residents")
	if code, _, errs := ctl(t, "--data", dir, "import", "testdata/carehome.json", bad); code != exitError || errs == "" {
		t.Errorf("truncated file: exit %d, stderr %q", code, errs)
	}
	if _, after, _ := ctl(t, "--data", dir, "residents"); after != before {
		t.Errorf("a failed import changed the residents:\n%s\n%s", before, after)
	}
}

func TestReportsAndDatabaseCommands(t *testing.T) {
	dir := demoDir(t)
	for _, kind := range []string{"missed", "late", "not-given", "prn"} {
		code, out, errs := ctl(t, "--data", dir, "report", kind, "--from", "2026-11-23T00:00:00Z", "--to", demoAt, "--format", "csv")
		if code != 0 || !strings.Contains(out, ",") {
			t.Errorf("report %s: exit %d, out %q, err %q", kind, code, out, errs)
		}
	}
	if code, out, errs := ctl(t, "--data", dir, "db", "check"); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("db check: exit %d, %q %q", code, out, errs)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errs := ctl(t, "--data", dir, "db", "backup", backup); code != 0 {
		t.Errorf("db backup: exit %d, %q", code, errs)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Size() == 0 {
		t.Errorf("backup file: %v", err)
	}
	if code, out, errs := ctl(t, "--data", dir, "export", "--from", "2026-11-24T00:00:00Z", "--to", demoAt); code != 0 || !strings.Contains(out, "MedicationAdministration") {
		t.Errorf("export: exit %d, err %q", code, errs)
	}
}

func TestDecodeAndParse(t *testing.T) {
	code, out, errs := ctl(t, "decode", "testdata/pack.png")
	if code != 0 || !strings.Contains(out, "GTIN 05012345678900") {
		t.Errorf("decode: exit %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = ctl(t, "parse", "(01)05000045600017(17)271231(10)B1")
	if code != 0 || !strings.Contains(out, "expiry 2027-12-31") {
		t.Errorf("parse: exit %d, out %q", code, out)
	}
	if code, _, _ := ctl(t, "decode", "main.go"); code != exitError {
		t.Errorf("decode of a Go file: exit %d", code)
	}
}

// TestChartSaysWhatTheCheckSays: after two paracetamol tablets, the chart
// command's PRN line and a check of the same pack agree that it is too soon.
func TestChartSaysWhatTheCheckSays(t *testing.T) {
	dir := demoDir(t)
	para := pack("paracetamol-500")
	if code, _, errs := ctl(t, "--data", dir, "record", "--resident", "R101", "--pack", para, "--quantity", "2",
		"--outcome", "given", "--prn-reason", "headache", "--user", "amy", "--pin", "1111"); code != 0 {
		t.Fatalf("record: exit %d: %s", code, errs)
	}
	code, out, errs := ctl(t, "--data", dir, "chart", "R101")
	if code != 0 {
		t.Fatalf("chart: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "PRN Paracetamol 500mg tablets: may be given from") || !strings.Contains(out, "TOO_SOON") {
		t.Errorf("chart does not say paracetamol is too soon:\n%s", out)
	}
	if !strings.Contains(out, "GP: Dr Aisha Khan, Riverside Surgery, tel 01632 960123\n") {
		t.Errorf("chart does not name the GP:\n%s", out)
	}
	if code, _, _ := ctl(t, "--data", dir, "check", "--resident", "R101", "--pack", para); code != exitStop {
		t.Errorf("check of paracetamol just after a dose: exit %d, want %d", code, exitStop)
	}
}

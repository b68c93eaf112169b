package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegisterPrintouts: `cd register --pdf` and `stock --csv` write the
// registers as owner-only files; the PDF has a page per register as the
// paper book looks, read back with pdftotext.
func TestRegisterPrintouts(t *testing.T) {
	dir := demoDir(t)
	out := t.TempDir()
	run := func(args ...string) (int, string, string) {
		return ctl(t, append([]string{"--data", dir}, args...)...)
	}
	tests := []struct {
		name string
		args []string
		file string
		want []string
	}{
		{"the home's controlled drugs registers as PDF", []string{"cd", "register", "--pdf"}, "cd.pdf", nil},
		{"one resident's registers as CSV", []string{"cd", "register", "--resident", "R101", "--csv"}, "cd.csv",
			[]string{"resident_id,resident,medicine", "Morphine sulfate 10mg modified-release tablets"}},
		{"the stock record as CSV", []string{"stock", "--csv"}, "stock.csv", []string{"Amlodipine 5mg tablets", "Arthur Bennett"}},
		{"one resident's stock record as PDF", []string{"stock", "--resident", "R102", "--pdf"}, "stock.pdf", nil},
	}
	for _, tt := range tests {
		path := filepath.Join(out, tt.file)
		if code, _, errs := run(append(tt.args, path)...); code != 0 {
			t.Fatalf("%s: exit %d %q", tt.name, code, errs)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want an owner-only file", tt.name, fi, err)
			continue
		}
		data, _ := os.ReadFile(path)
		for _, w := range tt.want {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s: the file lacks %q", tt.name, w)
			}
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-layout", filepath.Join(out, "cd.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(string(text), "\f")
		if len(pages)-1 != 3 || !strings.Contains(pages[0], "Resident: Margaret Ellis") ||
			!strings.Contains(pages[1], "Medicine: Oxycodone") || !strings.Contains(pages[2], "Medicine: Buprenorphine") {
			t.Errorf("cd.pdf has %d pages, want one per controlled drugs register of the home:\n%s", len(pages)-1, text)
		}
	}
	for _, bad := range [][]string{
		{"cd", "register", "--resident", "R101", "--pack", pack("mst-10"), "--pdf", filepath.Join(out, "x.pdf")},
		{"cd", "register", "--pdf", filepath.Join(out, "x.pdf"), "--csv", filepath.Join(out, "x.csv")},
	} {
		if code, _, _ := run(bad...); code != exitUsage {
			t.Errorf("%q: exit %d, want a usage error", bad, code)
		}
	}
	if code, _, errs := run("stock", "--resident", "R999", "--csv", filepath.Join(out, "none.csv")); code != exitError || errs == "" {
		t.Errorf("stock --csv of no such resident: exit %d %q, want an error", code, errs)
	}
}

// TestCLIRefusesACareWorkerWitness: a controlled drug received with a care
// worker as its witness is refused from the command line as in the app
// (TestAppRefusesWhatTheCLIRefuses in internal/ui): both go through
// round.RecordStock.
func TestCLIRefusesACareWorkerWitness(t *testing.T) {
	dir := demoDir(t)
	code, _, errs := ctl(t, "--data", dir, "cd", "receive", "--resident", "R101", "--pack", pack("mst-10"), "--quantity", "28",
		"--from", "Boots", "--user", "amy", "--pin", "1111", "--witness", "ben", "--witness-pin", "4444")
	if code != exitError || !strings.Contains(errs, "senior or manager") {
		t.Errorf("cd receive witnessed by a care worker: exit %d %q, want refused naming a senior or manager", code, errs)
	}
}

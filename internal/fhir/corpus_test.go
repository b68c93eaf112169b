package fhir

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"medround/internal/corpustest"
)

// corpusDir is the FHIR part of the shared corpus; the tests reading it
// fail when it is missing (see corpustest).
var corpusDir = filepath.Join(corpustest.Root(), "fhir")

// TestCorpus imports every file of the shared FHIR corpus (official R4
// examples, NHS PDS sandbox patients, the schema itself): each either parses
// or fails with a one-line error naming the file and what is unsupported.
func TestCorpus(t *testing.T) {
	corpustest.Dir(t, "fhir")
	var parsed, failed, warnings int
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		name := filepath.Base(path)
		chart, err := ParseBundle(data, name)
		if err != nil {
			failed++
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "fhir "+name+": ") || len(msg) < len(name)+12 {
				t.Errorf("%s: error is not a one-line message naming the file: %q", name, msg)
			}
			if testing.Verbose() {
				t.Logf("refused %s", msg)
			}
			return nil
		}
		parsed++
		warnings += len(chart.Unsupported)
		if testing.Verbose() {
			t.Logf("parsed %s: %d residents, %d products, %d entries, %d warnings", name,
				len(chart.Residents), len(chart.Products), len(chart.Entries), len(chart.Unsupported))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus: %d parsed (%d warnings), %d refused with an error", parsed, warnings, failed)
}

// TestCorpusAsOneBundle puts the official Patient, Medication and
// MedicationRequest examples, which refer to each other, into one Bundle, so
// the real requests are read against their real subjects and medicines.
func TestCorpusAsOneBundle(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpustest.Dir(t, "fhir/r4/examples"), "*.json"))
	if len(files) == 0 {
		t.Fatal("the corpus has no FHIR examples in fhir/r4/examples")
	}
	var entries []string
	for _, f := range files {
		base := filepath.Base(f)
		if !strings.HasPrefix(base, "Patient-") && !strings.HasPrefix(base, "Medication-") && !strings.HasPrefix(base, "MedicationRequest-") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, `{"resource":`+string(data)+`}`)
	}
	bundle := `{"resourceType":"Bundle","type":"collection","entry":[` + strings.Join(entries, ",") + `]}`
	chart, err := ParseBundle([]byte(bundle), "examples-bundle.json")
	if err == nil {
		t.Fatalf("the official examples imported without error (%d entries); some use timings a MAR cannot hold", len(chart.Entries))
	}
	perr, ok := err.(*Error)
	if !ok {
		t.Fatalf("error is %T, want *Error", err)
	}
	for _, p := range perr.Problems {
		if s := p.String(); strings.Contains(s, "\n") || p.Resource == "" || p.Message == "" {
			t.Errorf("problem not a named one-liner: %q", s)
		}
		if testing.Verbose() {
			t.Logf("%s", p)
		}
	}
	t.Logf("official examples in one Bundle: %d problems", len(perr.Problems))
}

// TestCorpusSequencedDosages reads the official examples that give dosage
// instructions in sequence: medrx0302 ("two tablets at once", then one a
// day, no dates) and medrx0321 (insulin lines at sequence 1 and 2) would
// double doses side by side on a chart and are refused for it; medrx0303,
// a taper in dated steps, and medrx0339, two lines of one sequence, are not.
func TestCorpusSequencedDosages(t *testing.T) {
	dir := filepath.Join(corpusDir, "r4/examples")
	patient, err := os.ReadFile(filepath.Join(dir, "Patient-pat1.json"))
	if err != nil {
		corpustest.Missing(t, err)
	}
	for name, refused := range map[string]bool{"medrx0302": true, "medrx0321": true, "medrx0303": false, "medrx0339": false} {
		data, err := os.ReadFile(filepath.Join(dir, "MedicationRequest-"+name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = ParseBundle(bundleOf(string(patient), string(data)), name+".json")
		var said bool
		if perr, ok := err.(*Error); ok {
			for _, p := range perr.Problems {
				said = said || strings.HasSuffix(p.Path, ".sequence")
			}
		}
		if said != refused {
			t.Errorf("%s: refused for its sequence = %v, want %v (%v)", name, said, refused, err)
		}
	}
}

// TestNHSNumberCorpus checks the modulus 11 rule against the shared NHS
// number vectors, after the space removal the importer does.
func TestNHSNumberCorpus(t *testing.T) {
	data, err := os.ReadFile(corpustest.File(t, "nhs-number/nhs_numbers.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, line := range strings.Split(string(data), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) < 3 || !strings.HasPrefix(f[2], "pass") && !strings.HasPrefix(f[2], "fail") {
			continue
		}
		var in string
		if err := json.Unmarshal([]byte(f[0]), &in); err != nil {
			t.Fatalf("row %q: %v", f[0], err)
		}
		want := strings.HasPrefix(f[2], "pass")
		if got := validNHSNumber(strings.ReplaceAll(in, " ", "")); got != want {
			t.Errorf("validNHSNumber(%q) = %v, want %v (%s)", in, got, want, f[2])
		}
		rows++
	}
	t.Logf("%d NHS numbers checked", rows)
}

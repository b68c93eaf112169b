package corpustest

import (
	"errors"
	"testing"
)

// fakeTB records how a test ended without ending the real one.
type fakeTB struct {
	testing.TB
	failed, skipped bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }
func (f *fakeTB) Skipf(string, ...any)  { f.skipped = true }
func (f *fakeTB) Errorf(string, ...any) { f.failed = true }
func (f *fakeTB) Logf(string, ...any)   {}
func (f *fakeTB) Setenv(k, v string)    {}
func (f *fakeTB) Cleanup(func())        {}
func (f *fakeTB) Name() string          { return "fake" }
func (f *fakeTB) TempDir() string       { return "" }
func (f *fakeTB) Fatal(...any)          { f.failed = true }
func (f *fakeTB) Skip(...any)           { f.skipped = true }

func TestMissingCorpus(t *testing.T) {
	tests := []struct {
		name               string
		env                string
		wantFail, wantSkip bool
	}{
		{"a CI run without the corpus fails", "", true, false},
		{"a run marked without the corpus skips", "1", false, true},
		{"any other value still fails", "yes", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(NoCorpusEnv, tt.env)
			f := &fakeTB{}
			Missing(f, errors.New("no such directory"))
			if f.failed != tt.wantFail || f.skipped != tt.wantSkip {
				t.Errorf("%s=%q: failed %v skipped %v, want %v %v", NoCorpusEnv, tt.env, f.failed, f.skipped, tt.wantFail, tt.wantSkip)
			}
		})
	}
}

func TestMissingSubdirectoryFails(t *testing.T) {
	t.Setenv(NoCorpusEnv, "")
	f := &fakeTB{}
	Dir(f, "no-such-part-of-the-corpus")
	if !f.failed {
		t.Error("Dir of a missing subdirectory did not fail the test")
	}
}

// TestCorpusIsHere holds this checkout to having the corpus, as CI does.
func TestCorpusIsHere(t *testing.T) {
	for _, sub := range []string{"barcodes", "fhir", "gs1", "nhs-number"} {
		Dir(t, sub)
	}
}

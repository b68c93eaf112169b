// Package corpustest finds the shared corpus of real test data
// (../shared/corpus beside the repository) for the tests that read it.
//
// A corpus test that skipped when the corpus was missing would pass in a CI
// that never checked it out, and the decoder, the importer and the schema
// checks would go untested without anyone seeing it. So a missing corpus
// fails the test; a run that knowingly goes without it says so with
// MEDROUND_NO_CORPUS=1, and only then are these tests skipped.
package corpustest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// NoCorpusEnv names the environment variable that marks a run without the
// shared corpus: set to 1, corpus tests skip instead of failing.
const NoCorpusEnv = "MEDROUND_NO_CORPUS"

// Root returns the shared corpus directory: ../shared/corpus beside the
// repository, found from this file's place so it is right from any package.
func Root() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "corpus")
	}
	repo := filepath.Join(filepath.Dir(file), "..", "..")
	return filepath.Clean(filepath.Join(repo, "..", "shared", "corpus"))
}

// Dir returns the corpus subdirectory sub (empty for the root). When it is
// missing the test fails, or skips when NoCorpusEnv is 1.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join(Root(), sub)
	if _, err := os.Stat(dir); err != nil {
		Missing(t, err)
	}
	return dir
}

// File returns the path of the corpus file rel after checking it is there,
// with Dir's rule for a missing one.
func File(t testing.TB, rel string) string {
	t.Helper()
	path := filepath.Join(Root(), rel)
	if _, err := os.Stat(path); err != nil {
		Missing(t, err)
	}
	return path
}

// Missing ends a test that could not read the corpus: a failure, or a skip
// in a run marked with NoCorpusEnv=1.
func Missing(t testing.TB, err error) {
	t.Helper()
	if os.Getenv(NoCorpusEnv) == "1" {
		t.Skipf("shared corpus not read (%s=1): %v", NoCorpusEnv, err)
		return
	}
	t.Fatalf("shared corpus not found: %v; check it out at ../shared/corpus beside the repository, or set %s=1 for a run without it", err, NoCorpusEnv)
}

package fhir

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoForbiddenImports keeps the importer pure: it turns bytes into chart
// values and back, and the caller stores them.
func TestNoForbiddenImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	forbidden := map[string]string{
		"go.etcd.io/bbolt": "only internal/store touches the database; an import must be stored atomically by internal/round",
		"fyne.io/fyne/v2":  "the importer has no user interface",
		"net/http":         "the importer reads files it is given; only syncer and central speak HTTP",
	}
	for _, dep := range strings.Fields(string(out)) {
		for prefix, why := range forbidden {
			if dep == prefix || strings.HasPrefix(dep, prefix+"/") {
				t.Errorf("internal/fhir imports %s: %s", dep, why)
			}
		}
	}
}

package report

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps reports a pure function of what a Source returns:
// the CLI and the manager screen both call them, and the store is reached
// only through the Source interface.
func TestDependencies(t *testing.T) {
	forbidden := map[string]string{
		"fyne.io/fyne/v2":         "reports have no user interface; internal/ui shows them",
		"go.etcd.io/bbolt":        "reports do no storage; internal/store owns bbolt",
		"net/http":                "reports never talk to the network; internal/syncer does",
		"medround/internal/store": "reports read through the Source interface, so they can be tested without a database",
		"log":                     "report output carries residents' names, which must never reach a log",
		"log/slog":                "report output carries residents' names, which must never reach a log",
	}
	out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, ".").Output()
	if err != nil {
		t.Fatalf("go list failed, so the dependencies cannot be checked: %v", err)
	}
	deps, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list failed, so the dependencies cannot be checked: %v", err)
	}
	imports := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		imports[p] = true
	}
	for _, dep := range strings.Fields(string(deps)) {
		for prefix, why := range forbidden {
			direct := prefix == "log" || prefix == "log/slog"
			if direct && !imports[dep] {
				continue // the standard library logs for itself; this package must not
			}
			if dep == prefix || strings.HasPrefix(dep, prefix+"/") {
				t.Errorf("report imports %s: %s", dep, why)
			}
		}
	}
}

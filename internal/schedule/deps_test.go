package schedule

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the schedule a pure function of its inputs: it is
// run by the app, the CLI and the reports alike, and must not reach a
// screen, a database or the network.
func TestDependencies(t *testing.T) {
	forbidden := map[string]string{
		"fyne.io/fyne/v2":  "the schedule has no user interface; internal/ui shows it",
		"go.etcd.io/bbolt": "the schedule does no storage; internal/store owns bbolt",
		"net/http":         "the schedule never talks to the network; internal/syncer does",
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for prefix, why := range forbidden {
			if dep == prefix || strings.HasPrefix(dep, prefix+"/") {
				t.Errorf("schedule imports %s: %s", dep, why)
			}
		}
	}
}

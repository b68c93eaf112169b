package labels

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies: cards are drawn the same in the app and the CLI, without a screen, a database or the network.
func TestDependencies(t *testing.T) {
	forbidden := map[string]string{
		"fyne.io/fyne/v2":  "cards are images drawn with x/image; internal/ui shows them",
		"go.etcd.io/bbolt": "labels does no storage; internal/store owns bbolt",
		"net/http":         "labels never talks to the network; internal/syncer does",
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for prefix, why := range forbidden {
			if dep == prefix || strings.HasPrefix(dep, prefix+"/") {
				t.Errorf("labels imports %s: %s", dep, why)
			}
		}
	}
}

package camera

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies: camera frames are read and decoded without a screen, a database or the network; the UI shows the result, the round records it.
func TestDependencies(t *testing.T) {
	forbidden := map[string]string{
		"fyne.io/fyne/v2":  "the camera package only produces frames and reads; internal/ui shows them",
		"go.etcd.io/bbolt": "camera does no storage; internal/store owns bbolt",
		"net/http":         "camera never talks to the network; internal/syncer does",
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for prefix, why := range forbidden {
			if dep == prefix || strings.HasPrefix(dep, prefix+"/") {
				t.Errorf("camera imports %s: %s", dep, why)
			}
		}
	}
}

package camera

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// listDevices finds video nodes matching devGlob (e.g. /dev/video*) and
// names them from sysDir (e.g. /sys/class/video4linux/<node>/name), in
// numeric order so video2 comes before video10.
func listDevices(devGlob, sysDir string) ([]Device, error) {
	paths, err := filepath.Glob(devGlob)
	if err != nil {
		return nil, fmt.Errorf("list cameras %s: %w", devGlob, err)
	}
	slices.SortFunc(paths, func(a, b string) int {
		return nodeNumber(a) - nodeNumber(b)
	})
	devs := make([]Device, 0, len(paths))
	for _, p := range paths {
		name, _ := os.ReadFile(filepath.Join(sysDir, filepath.Base(p), "name"))
		devs = append(devs, Device{Path: p, Name: strings.TrimSpace(string(name))})
	}
	return devs, nil
}

// nodeNumber is N in /dev/videoN, or -1.
func nodeNumber(path string) int {
	base := filepath.Base(path)
	i := strings.IndexFunc(base, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return -1
	}
	n, err := strconv.Atoi(base[i:])
	if err != nil {
		return -1
	}
	return n
}

package camera

import (
	"fmt"
	"image"
	"slices"
	"strings"
)

// defaultSize (1280x720) is the frame size asked for when Options leave it out: enough
// pixels for a 10 mm DataMatrix held 15 cm from a tablet camera, few enough
// to decode at camera rate on a low-end tablet.
var defaultSize = image.Point{X: 1280, Y: 720}

// sizeRange is one frame size a camera offers for a pixel format: discrete
// (min equal to max) or a stepwise range.
type sizeRange struct {
	minW, maxW, stepW int
	minH, maxH, stepH int
}

// offer is a pixel format and the sizes the camera gives it at.
type offer struct {
	format fourcc
	sizes  []sizeRange
}

// choice is the negotiated format and size.
type choice struct {
	format fourcc
	size   image.Point
}

// formatCost ranks the formats the package converts by how much work a
// frame takes; formats missing here cannot be converted.
var formatCost = map[fourcc]int{fmtGREY: 0, fmtYUYV: 1, fmtMJPEG: 2, fmtJPEG: 3}

// parseFormat reads a format name from Options; "" means automatic.
func parseFormat(s string) (fourcc, error) {
	if s == "" {
		return 0, nil
	}
	s = strings.ToUpper(s)
	if s == "MJPEG" {
		s = "MJPG"
	}
	if len(s) == 4 {
		if _, ok := formatCost[makeFourcc(s)]; ok {
			return makeFourcc(s), nil
		}
	}
	return 0, fmt.Errorf("camera format %q: use YUYV, MJPG or GREY", s)
}

// choose picks the format and size closest to want. Nearest pixel count
// wins; between formats that reach the same size the cheaper conversion
// wins. A forced format (non-zero) must be on offer.
//
// It does not weigh frame rate: a USB 2 camera may give YUYV at 1280x720 at
// only 10 frames a second where MJPEG gives 30; force MJPG for such a camera.
func choose(offers []offer, want image.Point, force fourcc) (choice, error) {
	if want.X <= 0 || want.Y <= 0 {
		want = defaultSize
	}
	var best choice
	bestCost, found := int64(0), false
	for _, o := range offers {
		if _, ok := formatCost[o.format]; !ok || (force != 0 && o.format != force) {
			continue
		}
		for _, r := range o.sizes {
			size := r.nearest(want)
			if size.X <= 0 || size.Y <= 0 {
				continue
			}
			cost := abs64(int64(size.X)*int64(size.Y) - int64(want.X)*int64(want.Y))
			if !found || cost < bestCost || (cost == bestCost && formatCost[o.format] < formatCost[best.format]) {
				best, bestCost, found = choice{format: o.format, size: size}, cost, true
			}
		}
	}
	if !found {
		return choice{}, noFormatError(offers, force)
	}
	return best, nil
}

func noFormatError(offers []offer, force fourcc) error {
	var names []string
	for _, o := range offers {
		names = append(names, o.format.String())
	}
	slices.Sort(names)
	if force != 0 {
		return fmt.Errorf("camera does not offer %s (it offers %s)", force, strings.Join(names, ", "))
	}
	return fmt.Errorf("camera offers no format this app can read (it offers %s; YUYV, MJPG or GREY needed)", strings.Join(names, ", "))
}

// nearest returns the size in r closest to want, snapped to r's steps.
func (r sizeRange) nearest(want image.Point) image.Point {
	return image.Point{X: snap(want.X, r.minW, r.maxW, r.stepW), Y: snap(want.Y, r.minH, r.maxH, r.stepH)}
}

func snap(v, lo, hi, step int) int {
	v = min(max(v, lo), hi)
	if step > 0 {
		v = lo + (v-lo+step/2)/step*step
		if v > hi {
			v -= step
		}
	}
	return v
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

//go:build linux

package camera

import (
	"errors"
	"path/filepath"
	"testing"
)

// The machines this runs on in CI have no camera, so the V4L2 path is
// tested only for its clear errors; frame conversion and format choice are
// tested on their own.
func TestOpenMissingCameraSaysNoDevice(t *testing.T) {
	_, err := OpenV4L2(filepath.Join(t.TempDir(), "video0"), Options{})
	if !errors.Is(err, ErrNoDevice) {
		t.Errorf("OpenV4L2(missing) = %v, want ErrNoDevice", err)
	}
}

func TestOpenNonCameraFileFails(t *testing.T) {
	if _, err := OpenV4L2("/dev/null", Options{}); err == nil {
		t.Error("OpenV4L2(/dev/null) opened a camera")
	}
}

func TestOpenRejectsUnknownFormatBeforeTouchingDevice(t *testing.T) {
	if _, err := OpenV4L2("/dev/null", Options{Format: "H264"}); err == nil || errors.Is(err, ErrNoDevice) {
		t.Errorf("OpenV4L2 with format H264 = %v, want a format error", err)
	}
}

func TestOpenFirstWithoutCamera(t *testing.T) {
	devs, err := Devices()
	if err != nil {
		t.Fatal(err)
	}
	if len(devs) > 0 {
		t.Skipf("this machine has %d video devices; the no-camera path cannot be tested here", len(devs))
	}
	if _, err := Open(Options{}); !errors.Is(err, ErrNoDevice) {
		t.Errorf("Open with no camera = %v, want ErrNoDevice", err)
	}
}

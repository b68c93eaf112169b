package ui

import (
	"errors"
	"fmt"
	"image"
	"testing"

	"medround/internal/camera"
	"medround/internal/labels"
)

// cameraHolding is a camera that sees R101's printed ID card.
func cameraHolding(t *testing.T, h func() *harness) func(string) (camera.Source, error) {
	return func(id string) (camera.Source, error) {
		if id != "/dev/video2" {
			t.Errorf("opened camera %q, want the one chosen in the settings", id)
		}
		sc, err := h().svc.Identify("R101")
		if err != nil || sc.Resident == nil {
			return nil, fmt.Errorf("identify R101: %v", err)
		}
		card, err := labels.ResidentCard(*sc.Resident, labels.Options{Home: "Willow House"})
		if err != nil {
			return nil, err
		}
		return camera.NewImageSource([]image.Image{card, card, card}, 1000), nil
	}
}

func twoCameras() ([]Camera, error) {
	return []Camera{{ID: "/dev/video0", Name: "Integrated Camera"}, {ID: "/dev/video2", Name: "USB Camera"}}, nil
}

func TestSettingsListCamerasAndKeepTheChoice(t *testing.T) {
	h := newHarnessWith(t, func(o *Options) { o.Cameras = twoCameras })
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.notSees("No camera found")
	h.sees("Integrated Camera (/dev/video0)")
	h.choose("Choose", "USB Camera (/dev/video2)")
	if id := h.app.cameraID(); id != "/dev/video2" {
		t.Errorf("camera chosen %q, want /dev/video2", id)
	}
}

func TestScanWithCameraOpensTheResidentOnTheCard(t *testing.T) {
	var h *harness
	h = newHarnessWith(t, func(o *Options) {
		o.Cameras = twoCameras
		o.OpenCamera = cameraHolding(t, func() *harness { return h })
	})
	h.app.fyneApp.Preferences().SetString(cameraPref, "/dev/video2")
	h.signIn("amy", "1111")
	h.tapResident("Arthur Bennett")
	h.sees("Arthur Bennett")
	h.tap("Scan with camera")
	h.sees("Margaret Ellis")
	h.sees("ALLERGIES: Penicillin")
	if h.app.resident.scan == "" {
		t.Error("a resident read by the camera counts as chosen by hand, want scanned")
	}
}

func TestCameraThatWillNotOpenSaysSoPlainly(t *testing.T) {
	h := newHarnessWith(t, func(o *Options) {
		o.Cameras = twoCameras
		o.OpenCamera = func(string) (camera.Source, error) {
			return nil, errors.New("open camera /dev/video0: device busy")
		}
	})
	h.signIn("amy", "1111")
	h.scan("R101")
	h.tap("Scan with camera")
	h.sees("Cannot scan with the camera: it would not start. Check no other program is using it")
	h.notSees("/dev/video0")
	h.sees("Scan with camera")
}

func TestNoCameraButtonWithoutCamera(t *testing.T) {
	h := newHarnessWith(t, func(o *Options) {
		o.Cameras = func() ([]Camera, error) { return nil, nil }
		o.OpenCamera = func(string) (camera.Source, error) { return nil, camera.ErrNoDevice }
	})
	h.signIn("amy", "1111")
	h.scan("R101")
	if h.hasButton("Scan with camera") {
		t.Error("camera offered on a tablet with none")
	}
}

package camera

import (
	"os"
	"path/filepath"
	"testing"
)

func TestListDevicesNamesAndOrders(t *testing.T) {
	dev, sys := t.TempDir(), t.TempDir()
	for _, n := range []string{"video10", "video2", "video0", "video1"} {
		if err := os.WriteFile(filepath.Join(dev, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// video1 is the UVC metadata node: it has a name too; video10 has none.
	names := map[string]string{"video0": "Integrated Camera: Integrated C\n", "video1": "Integrated Camera: Integrated C", "video2": "USB2.0 PC CAMERA"}
	for n, name := range names {
		if err := os.MkdirAll(filepath.Join(sys, n), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sys, n, "name"), []byte(name), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, err := listDevices(filepath.Join(dev, "video*"), sys)
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{
		{filepath.Join(dev, "video0"), "Integrated Camera: Integrated C"},
		{filepath.Join(dev, "video1"), "Integrated Camera: Integrated C"},
		{filepath.Join(dev, "video2"), "USB2.0 PC CAMERA"},
		{filepath.Join(dev, "video10"), ""},
	}
	if len(got) != len(want) {
		t.Fatalf("listDevices = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("device %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestListDevicesNoneIsEmpty(t *testing.T) {
	got, err := listDevices(filepath.Join(t.TempDir(), "video*"), t.TempDir())
	if err != nil || len(got) != 0 {
		t.Errorf("listDevices on a machine without cameras = %v, %v; want none, nil", got, err)
	}
}

package store

import "testing"

func TestDeviceIDIsMadeOnceAndKept(t *testing.T) {
	dir := t.TempDir()
	first, err := DeviceID(dir)
	if err != nil || len(first) != 36 {
		t.Fatalf("DeviceID = %q, %v; want a UUID", first, err)
	}
	again, err := DeviceID(dir)
	if err != nil || again != first {
		t.Errorf("second DeviceID = %q, %v; want %q kept", again, err, first)
	}
}

package store

import (
	"os"
	"path/filepath"
	"testing"
)

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

func TestEnrolledIsTheEnrolmentFile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content string // "" writes no enrolment file
		want    bool
	}{
		{"a home that uses one tablet alone is not enrolled", "", false},
		{"a tablet enrolled with the central record is", `{"server":"https://centre","token":"t"}`, true},
		{"a tablet whose enrolment file is damaged is still enrolled: it cannot hear from the others", "{", true},
	} {
		dir := t.TempDir()
		if tc.content != "" {
			if err := os.WriteFile(filepath.Join(dir, EnrolmentFile), []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if got := Enrolled(dir); got != tc.want {
			t.Errorf("%s: Enrolled = %v; want %v", tc.name, got, tc.want)
		}
	}
	if Enrolled("") {
		t.Errorf("a store with no data directory: Enrolled = true; want false")
	}
	file := filepath.Join(t.TempDir(), "not-a-directory")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if !Enrolled(file) {
		t.Errorf("a data directory that cannot be looked in: Enrolled = false; want true, so the check says it has not heard from the others")
	}
}

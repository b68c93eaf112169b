package ui

import (
	"testing"
	"time"

	"medround/internal/mar"
)

// The resident page's line of details names the GP, so whoever must ring
// them about a dose finds the number there.
func TestResidentDetailsNameTheGP(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		r    mar.Resident
		want string
	}{
		{"GP with practice and phone", mar.Resident{Room: "3", GP: &mar.GP{Name: "Dr Aisha Khan",
			Practice: "Riverside Surgery", Phone: "01632 960123"}},
			"Room 3\nGP: Dr Aisha Khan, Riverside Surgery, tel 01632 960123"},
		{"no GP recorded says nothing of one", mar.Resident{Room: "3"}, "Room 3"},
	}
	for _, tt := range tests {
		if got := residentDetails(tt.r, now); got != tt.want {
			t.Errorf("%s: residentDetails = %q, want %q", tt.name, got, tt.want)
		}
	}
}

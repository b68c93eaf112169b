package ui

import (
	"testing"
	"time"

	"medround/internal/round"
)

// Flucloxacillin scanned three times in a minute for Margaret, who is
// allergic to penicillin, is one near miss in the review: "scanned 3
// times", every stop still stored.
func TestReviewShowsRepeatedStopsAsOneRow(t *testing.T) {
	h := newHarness(t)
	amy, err := h.svc.SignIn("amy", "1111")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		res, err := h.svc.CheckScan(amy, round.CheckRequest{ResidentScan: "R101", PackScan: pack("flucloxacillin-500")})
		if err != nil || res.NotKept != nil {
			t.Fatalf("check: %v %v", err, res.NotKept)
		}
		h.clock.t = h.clock.t.Add(20 * time.Second)
	}
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("Stopped scans (near misses) (")
	var stops int
	for _, r := range h.app.review.section().Rows {
		if r.StopsText() != "" {
			stops += r.Stops
		}
	}
	if stops != 3 {
		t.Errorf("grouped stops = %d, want the 3 scans in one row", stops)
	}
	h.sees("scanned 3 times")
}

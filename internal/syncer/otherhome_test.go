package syncer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"medround/internal/syncer"
)

// A tablet that already holds one home's residents must not take another
// home's chart and staff on top of them: a resident's doses could then be
// checked against another person's chart. An empty tablet, or one of the
// same home (it used medround alone before the centre), enrols.
func TestEnrolRefusesATabletHoldingAnotherHome(t *testing.T) {
	c := newCentre(t)
	tests := []struct {
		name string
		held syncer.HomeHeld
		want error
	}{
		{"a tablet holding the demo home's residents enrolling with Willow House is refused",
			syncer.HomeHeld{Name: "Demo Home", Residents: 12}, syncer.ErrOtherHome},
		{"an empty tablet enrols", syncer.HomeHeld{Name: "Care home"}, nil},
		{"a tablet of the same home, used alone before, enrols", syncer.HomeHeld{Name: "willow house ", Residents: 3}, nil},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		_, err := syncer.EnrolTablet(context.Background(), dir, c.srv.URL, c.code(t), "floor 1", tt.held, fastRetry(c.log))
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: EnrolTablet = %v, want %v", tt.name, err, tt.want)
		}
		_, statErr := os.Stat(filepath.Join(dir, "enrolment.json"))
		if kept := statErr == nil; kept != (tt.want == nil) {
			t.Errorf("%s: token kept = %v", tt.name, kept)
		}
	}
}

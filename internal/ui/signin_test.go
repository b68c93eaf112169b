package ui

import (
	"strings"
	"testing"
)

// TestSignInScreenSaysWhatAScanWasInsteadOfABadge: every scan on the
// sign-in screen that is not a staff badge of this home says so and what
// to do, and none echoes what was scanned (a card holds an NHS number).
func TestSignInScreenSaysWhatAScanWasInsteadOfABadge(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		chosen string // a name tapped before the scan
		want   string
	}{
		{"resident's card by resident number", "R101", "", "That is a resident's card, not a staff badge."},
		{"wristband of no resident of this home", "9434765919", "", "That is a resident's card, not a staff badge."},
		{"medicine pack GS1 code", pack("amlodipine-5"), "", "That is a medicine pack, not a staff badge."},
		{"medicine pack after a name was tapped", pack("amlodipine-5"), "Amy", "That is a medicine pack, not a staff badge."},
		{"badge of someone not at this home", "STAFF:nobody", "", "That staff badge is not for anyone at this home."},
		{"badge with no user on it", "STAFF:", "", "That scan is not a staff badge."},
		{"code that means nothing here", "HELLO", "", "That scan is not a staff badge."},
		{"pack code with a scanner prefix it cannot read", "]d2(01)05000045600024", "", "That scan is not a staff badge."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			if tt.chosen != "" {
				h.tap(tt.chosen)
			}
			h.scan(tt.code)
			h.sees(tt.want)
			if !h.app.signIn.problem.Visible() {
				t.Error("the problem label is hidden")
			}
			if tt.code != "" && strings.Contains(h.app.signIn.problem.Text, tt.code) {
				t.Errorf("the message echoes the scan %q: %s", tt.code, h.app.signIn.problem.Text)
			}
			if h.app.session != nil {
				t.Error("a scan that is no badge signed someone in")
			}
		})
	}
}

// TestSignInBadgeAfterAWrongScanClearsTheProblem: the next right scan
// takes over from the message.
func TestSignInBadgeAfterAWrongScanClearsTheProblem(t *testing.T) {
	h := newHarness(t)
	h.scan("R101")
	h.sees("not a staff badge")
	h.scan("STAFF:sam")
	h.notSees("not a staff badge")
	h.sees("Sam Patel: enter your PIN")
}

// With a name chosen, a PIN typed on a keyboard signs in (a hardware
// keyboard sends keys as fast as a scanner); a pack's barcode or a
// resident's card of a PIN's length is said for what it was and never
// tried as a PIN, so it does not count toward the lockout.
func TestSignInScanOfAPackIsNeverTriedAsAPIN(t *testing.T) {
	tests := []struct {
		name  string
		codes []string
		want  string
	}{
		{"an EAN-8 pack barcode is said to be a pack", []string{"96385074", "96385074", "96385074", "96385074", "96385074", "96385074"}, "That is a medicine pack, not a staff badge. It was not tried as a PIN"},
		{"a UPC-A pack barcode is said to be a pack", []string{"036000291452"}, "That is a medicine pack, not a staff badge. It was not tried as a PIN"},
		{"a resident's card is said for what it is", []string{"R101"}, "That is a resident's card, not a staff badge. It was not tried as a PIN: type your PIN on the keypad."},
		{"a code too long for a PIN is not tried", []string{"12345678901234567"}, "not a PIN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.tap("Amy")
			for _, c := range tt.codes {
				h.scan(c)
				h.sees(tt.want)
				if h.app.session != nil {
					t.Fatalf("the scan %q signed someone in", c)
				}
			}
			h.notSees("Wrong PIN")
			h.notSees("locked")
			h.sees("Amy Carter: enter your PIN")
			h.scan("1111")
			if h.app.session == nil || h.app.session.User().ID != "amy" {
				t.Fatalf("the right PIN typed on a keyboard after the scans did not sign in: %s", h.texts())
			}
		})
	}
}

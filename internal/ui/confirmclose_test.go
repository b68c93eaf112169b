package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// warnedWithReason opens amlodipine late (a warning) for R101 and types
// an override reason.
func warnedWithReason(t *testing.T) *harness {
	h := newHarness(t)
	h.clock.set(at("09:40"))
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("Warning: give only with a reason")
	h.entry("Why give it despite the warning").SetText("resident was at breakfast in the garden")
	return h
}

// TestNewPackOverATypedReasonAsksFirst: the question names what was typed,
// keeping it leaves the verdict and the reason as they were.
func TestNewPackOverATypedReasonAsksFirst(t *testing.T) {
	h := warnedWithReason(t)
	h.scan(pack("gaviscon"))
	c := h.app.resident.record.closing
	if !c.showing() {
		t.Fatal("a new pack closed a verdict with a typed reason without asking")
	}
	if !strings.Contains(c.text.Text, "“resident was at breakfast in the garden”") || !strings.Contains(c.text.Text, "Amlodipine") {
		t.Errorf("the question does not show what was typed for which medicine: %q", c.text.Text)
	}
	test.Tap(c.keep)
	if c.showing() {
		t.Fatal("the question stays after Keep")
	}
	h.sees("Warning: give only with a reason")
	if got := h.entry("Why give it despite the warning").Text; got != "resident was at breakfast in the garden" {
		t.Errorf("reason after Keep = %q", got)
	}
	h.tap("Given")
	h.sees("Recorded at 09:40: Amlodipine 5mg tablets given")
}

// TestNewPackOverATypedReasonChecksItWhenChosen: choosing the new pack
// checks it, and the page says the first check closed.
func TestNewPackOverATypedReasonChecksItWhenChosen(t *testing.T) {
	h := warnedWithReason(t)
	h.scan(pack("gaviscon"))
	test.Tap(h.app.resident.record.closing.replace)
	h.sees("Gaviscon")
	h.sees("Amlodipine 5mg tablets check closed, nothing recorded.")
	if got := h.app.resident.record.override.Text; got != "" {
		t.Errorf("the old reason was carried to the new check: %q", got)
	}
}

// TestNewPackOverAnUntouchedVerdictNeedsNoQuestion: with nothing typed the
// new pack is checked at once, as before.
func TestNewPackOverAnUntouchedVerdictNeedsNoQuestion(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.scan(pack("gaviscon"))
	if h.app.resident.record.closing.showing() {
		t.Fatal("asked with nothing typed")
	}
	h.sees("Amlodipine 5mg tablets check closed, nothing recorded.")
}

// TestLockDismissesTheQuestion: the next user never finds the last one's
// question, or their typed reason, on screen.
func TestLockDismissesTheQuestion(t *testing.T) {
	h := warnedWithReason(t)
	h.scan(pack("gaviscon"))
	h.tap("Lock")
	if h.app.resident.record.closing.showing() {
		t.Fatal("the question stays over the sign-in screen")
	}
}

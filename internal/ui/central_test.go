package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"medround/internal/store"
)

// A manager typing the centre's address as http:// on another machine is
// told to use https://, and nothing is enrolled: the token and the records
// would otherwise cross the home's network unencrypted.
func TestEnrolOverPlainHTTPToAnotherMachineIsRefused(t *testing.T) {
	var link *steppedLink
	h := newHarnessOn(t, func(st *store.Store, o *Options) {
		link = newSteppedLink(t, t.TempDir(), st, o.Now)
		o.Sync = link
	})
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	h.entry("Central record address").SetText("http://192.168.1.20:8443")
	h.entry("Enrolment code").SetText("ABCD-EFGH-IJKL-MNOP")
	h.tap("Enrol this tablet")
	h.sees("Not enrolled: the central record's address must start with https://")
	if _, ok := link.Enrolment(); ok {
		t.Error("the tablet is enrolled after the refusal")
	}
}

// TestCentralTabNotEnrolledHasNoBlankGap: on a tablet not enrolled, the
// status is followed by the next section, not by the empty room of a
// detail line and a Sync now button that are not there.
func TestCentralTabNotEnrolledHasNoBlankGap(t *testing.T) {
	h := newHarnessOn(t, func(st *store.Store, o *Options) {
		o.Sync = newSteppedLink(t, t.TempDir(), st, o.Now)
	})
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	h.sees("This tablet is not enrolled with a central record")
	c := h.app.settings.central
	body := c.box.(*container.Scroll).Content.(*fyne.Container).Objects[0].(*fyne.Container)
	var shown []fyne.CanvasObject
	for _, o := range body.Objects {
		if o.Visible() {
			shown = append(shown, o)
		}
	}
	if len(shown) < 2 || shown[0] != c.state {
		t.Fatalf("the tab starts with %v, want the status", shown)
	}
	if _, ok := shown[1].(*widget.Separator); !ok {
		t.Errorf("under the status comes %T (detail %q shown %v, Sync now row shown %v), want the separator",
			shown[1], c.detail.Text, c.detail.Visible(), c.syncRow.Visible())
	}
	if c.refused.resendRow.Visible() {
		t.Error("the Send them again row takes room with no refused record")
	}
}

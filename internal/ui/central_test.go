package ui

import (
	"testing"

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

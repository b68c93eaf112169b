package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"medround/internal/round"
	"medround/internal/store/storetest"
)

// goChain are pieces of text that only a Go error chain or a file path
// puts on screen: a care worker must read what to do instead.
var goChain = []string{"store is closed", "medround.db", "/tmp", "list users", ": %!"}

func noGoChain(t *testing.T, h *harness) {
	t.Helper()
	for _, s := range goChain {
		h.notSees(s)
	}
}

// The tablet's store fails before anyone signs in: the sign-in screen and
// the status bar say what to do, not the store's error.
func TestStoreFailingAtSignInSaysWhatToDo(t *testing.T) {
	test.NewTempApp(t)
	svc := round.New(storetest.Closed(t), round.Options{DeviceID: "test-tablet", Now: func() time.Time { return demoNow }})
	a := New(fyne.CurrentApp(), svc, Options{Now: func() time.Time { return demoNow }, Go: func(f func()) { f() }})
	h := &harness{t: t, app: a, win: a.win}
	h.sees("Cannot list the staff: the home's database is closed: close medround and start it again")
	h.sees("Cannot count the records waiting to send: the home's database is closed")
	noGoChain(t, h)
}

// The store fails while a care worker is on the round: a resident chosen
// from the round says the page cannot load and what to do, and a
// wristband scanned says the same.
func TestStoreFailingOnTheRoundSaysWhatToDo(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	if err := h.st.Close(); err != nil {
		t.Fatal(err)
	}
	h.scan("R102")
	h.sees("Scan not recognised: the home's database is closed: close medround and start it again")
	noGoChain(t, h)
	h.tapResident("Margaret Ellis")
	h.sees("Cannot load this resident: the home's database is closed: close medround and start it again")
	if text := h.texts(); strings.Contains(text, "Margaret Ellis") || strings.Contains(text, "ALLERGIES") {
		t.Errorf("a resident's details show from a closed store: %s", text)
	}
	noGoChain(t, h)
}

// A manager removed the night round while residents have night doses: the
// board says whose medicine needs it and what to do, in one sentence with
// no chart IDs and no error chain.
func TestRoundWithoutARoundTheChartNeedsSaysWhatToDo(t *testing.T) {
	h := newHarness(t)
	home, err := h.svc.Home()
	if err != nil {
		t.Fatal(err)
	}
	home.Rounds = home.Rounds[:len(home.Rounds)-1] // the night round is the last
	sess, err := h.svc.SignIn("meg", "3333")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.svc.PutHome(sess, home); err != nil {
		t.Fatal(err)
	}
	h.signIn("amy", "1111")
	h.sees("Cannot load the round: ")
	h.sees("at the night round, which this home does not have")
	h.sees("ask a manager to add the night round and its time in Settings, or to correct the chart")
	for _, s := range []string{"chart entry", "cannot work out", "round doses:", "\n"} {
		if text := h.texts(); strings.Contains(text, "Cannot load the round") && strings.Contains(text, s) {
			t.Errorf("the round's error shows %q: %s", s, text)
		}
	}
	noGoChain(t, h)
}

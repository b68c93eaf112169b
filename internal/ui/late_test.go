package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// heldReads holds the app's store reads back, as a slow tablet does, so a
// test can let them land after the care worker has moved on.
type heldReads struct {
	hold    bool
	pending []func()
}

func (d *heldReads) run(f func()) {
	if d.hold {
		d.pending = append(d.pending, f)
		return
	}
	f()
}

// release lets every read held so far finish, in the order started.
func (d *heldReads) release() {
	p := d.pending
	d.pending, d.hold = nil, false
	for _, f := range p {
		f()
	}
}

func newHeldHarness(t *testing.T) (*harness, *heldReads) {
	d := &heldReads{}
	return newHarnessWith(t, func(o *Options) { o.Go = d.run }), d
}

// Amy scans a pack, then locks before the tablet has identified it. Sam,
// signing in next, must not find amy's verdict open for him to record as
// if he had scanned it.
func TestPackScannedBeforeLockIsNotCheckedForNextUser(t *testing.T) {
	h, d := newHeldHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.sees("Margaret Ellis")
	d.hold = true
	h.scan(pack("amlodipine-5"))
	d.hold = false
	h.tap("Lock")
	h.sees("Not signed in")
	d.hold = true
	d.release()
	h.notSees("OK to give")
	h.signIn("sam", "2222")
	h.sees("Margaret Ellis")
	h.notSees("OK to give")
	if h.app.resident.record.result != nil {
		t.Fatal("amy's verdict is open for sam")
	}
	h.scan(pack("amlodipine-5")) // sam scans it himself
	h.sees("OK to give")
}

// A wristband scanned just before the lock, identified after it, opens
// nothing: the sign-in screen stays, and Lock still works afterwards.
func TestWristbandLandingAfterLockOpensNothing(t *testing.T) {
	h, d := newHeldHarness(t)
	h.signIn("amy", "1111")
	d.hold = true
	h.scan("R101")
	d.hold = false
	h.tap("Lock")
	h.sees("Not signed in")
	d.release()
	h.sees("Tap your name or scan your staff badge")
	h.notSees("ALLERGIES: Penicillin")
	if h.app.current != screen(h.app.signIn) {
		t.Fatal("a screen other than sign-in shows with nobody signed in")
	}
}

// With nobody signed in, no screen but sign-in can be shown.
func TestNoScreenButSignInWhileNobodySignedIn(t *testing.T) {
	h := newHarness(t)
	for _, s := range []screen{h.app.board, h.app.resident, h.app.history, h.app.settings} {
		h.app.show(s)
		if h.app.current != screen(h.app.signIn) {
			t.Fatalf("%T shown with nobody signed in", s)
		}
	}
}

// A pack scanned on Margaret's page, identified after the care worker has
// moved on to the next resident, is not checked against the next one.
func TestPackScanLandingAfterMovingOnIsNotCheckedAgainstNextResident(t *testing.T) {
	h, d := newHeldHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.sees("Margaret Ellis")
	first := h.app.resident.id
	d.hold = true
	h.scan(pack("amlodipine-5"))
	d.hold = false
	h.tap("Round")
	h.scan("R102")
	if h.app.resident.id == first {
		t.Fatalf("still on %s after scanning R102", first)
	}
	d.release()
	if h.app.resident.record.result != nil {
		t.Fatal("a pack scanned on R101's page was checked on R102's")
	}
	h.notSees("OK to give")
	h.notSees("Do not give")
}

// Escape, Cancel or another pack scanned while a record is being saved do
// not throw its result away: the page says it was recorded.
func TestRecordBeingSavedSurvivesEscapeCancelAndScan(t *testing.T) {
	for _, tc := range []struct {
		name  string
		press func(h *harness)
	}{
		{"escape pressed while saving", func(h *harness) { h.key(fyne.KeyEscape) }},
		{"cancel tapped while saving", func(h *harness) { h.app.resident.record.close() }},
		{"next pack scanned while saving", func(h *harness) { h.scan(pack("metformin-500")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, d := newHeldHarness(t)
			h.signIn("amy", "1111")
			h.scan("R101")
			h.scan(pack("amlodipine-5"))
			h.sees("OK to give")
			before, _ := h.svc.PendingCount()
			d.hold = true
			h.tap("Given")
			if !h.button("Cancel").Disabled() {
				t.Fatal("Cancel enabled while the record is saved")
			}
			tc.press(h)
			d.release()
			h.sees("Recorded at 08:05: Amlodipine")
			if after, _ := h.svc.PendingCount(); after != before+1 {
				t.Fatalf("%d records waiting, want %d", after, before+1)
			}
		})
	}
}

// A lock asked for while a record is saved (Lock is disabled then; the idle
// timer may still fire) comes once the save ends, and the record shows in
// the status bar's count and on the page for the next user.
func TestRecordSavedAfterLockStillCounts(t *testing.T) {
	h, d := newHeldHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	before, _ := h.svc.PendingCount()
	d.hold = true
	h.tap("Given")
	d.hold = false
	if !h.button("Lock").Disabled() {
		t.Fatal("Lock enabled while the record is saved")
	}
	h.app.lock() // as the idle timer does
	d.release()
	if h.app.resident.record.busy {
		t.Fatal("the record panel stays busy after the lock")
	}
	if h.app.session != nil {
		t.Fatal("the lock asked for during the save did not come after it")
	}
	h.signIn("amy", "1111")
	if after, _ := h.svc.PendingCount(); after != before+1 {
		t.Fatalf("%d records waiting, want %d", after, before+1)
	}
	h.sees("Recorded at 08:05: Amlodipine")
	h.scan(pack("amlodipine-5"))
	h.sees("Do not give") // already given: the check sees the record
}

// Amy's follow-up query, still running when she locks and sam signs in,
// must not ask sam whether amy's dose worked.
func TestFollowUpQueryLandingAfterNextSignInIsDropped(t *testing.T) {
	h, d := newHeldHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("gaviscon"))
	h.entry("Why is it needed now?").SetText("indigestion after breakfast")
	h.tap("Given")
	h.sees("Recorded at 08:05: Gaviscon")
	h.clock.set(at("09:10"))
	d.hold = true
	h.tap("Round") // amy's follow-up query is held
	d.hold = false
	h.tap("Lock")
	h.signIn("sam", "2222")
	d.release() // amy's query lands while sam is signed in
	h.notSees("Did the Gaviscon")
	h.app.followUp.answer(true) // nothing to answer for sam
	h.lockAndSignIn("amy", "1111")
	h.sees("Did the Gaviscon Advance oral suspension given to Margaret Ellis at 08:05 work?")
}

// A pack's GTIN scanned at the PIN step is not taken as a PIN and does
// not use up one of the tries.
func TestPackScannedAtPINStepIsNotAWrongTry(t *testing.T) {
	h := newHarness(t)
	h.tap("Amy Carter")
	h.sees("Amy Carter: enter your PIN")
	for i := 0; i < 6; i++ {
		h.scan("05012345678900")
		h.sees("type your PIN on the keypad")
	}
	for _, k := range "9999" {
		h.tap(string(k))
	}
	h.tap("Sign in")
	h.sees("Wrong PIN. 4 tries left")
}

// lockAndSignIn locks the tablet and signs userID in.
func (h *harness) lockAndSignIn(userID, pin string) {
	h.t.Helper()
	h.tap("Lock")
	h.signIn(userID, pin)
}

// A second pack scanned over an open verdict says the first was closed
// unrecorded, and an Alt+G pressed at once, meant for the first, does not
// record the second.
func TestSecondPackOverOpenVerdictSaysSoAndHoldsAltG(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("OK to give")
	before, _ := h.svc.PendingCount()
	h.scan(pack("metformin-500"))
	h.sees("Amlodipine 5mg tablets check closed, nothing recorded.")
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(givenShortcut) // at once
	if after, _ := h.svc.PendingCount(); after != before {
		t.Fatalf("Alt+G at once recorded: %d waiting, want %d", after, before)
	}
	h.altG()
	h.sees("Recorded at 08:05: Metformin")
}

// A pack scanned with no verdict open closes nothing and says nothing of it.
func TestFirstPackSaysNothingClosed(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.notSees("check closed")
}

// A quantity that is not a number, however ParseFloat spells it, is not
// recorded as given.
func TestQuantityNotANumberIsRefused(t *testing.T) {
	for _, qty := range []string{"NaN", "+Inf", "-Inf", "infinity"} {
		t.Run(qty, func(t *testing.T) {
			h := newHarness(t)
			h.signIn("amy", "1111")
			h.scan("R101")
			h.scan(pack("amlodipine-5"))
			h.sees("OK to give")
			h.app.resident.record.qty.SetText(qty)
			h.tap("Given")
			h.sees("enter the quantity given as a number")
			h.notSees("Recorded at")
		})
	}
}

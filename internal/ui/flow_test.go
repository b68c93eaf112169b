package ui

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSignInWithBadgeAndPIN(t *testing.T) {
	h := newHarness(t)
	h.sees("Tap your name or scan your staff badge")
	h.sees("Not signed in")
	h.signIn("amy", "1111")
	h.sees("Amy Carter (carer)")
	h.sees("Morning round (08:00)")
	h.sees("Margaret Ellis")
}

func TestWrongPINSaysTriesLeftThenLocks(t *testing.T) {
	h := newHarness(t)
	h.tap("Amy Carter")
	h.sees("Amy Carter: enter your PIN")
	for i := 0; i < 4; i++ {
		h.tap("9")
		h.tap("9")
		h.tap("9")
		h.tap("9")
		h.tap("Sign in")
	}
	h.sees("Wrong PIN. 1 try left before you are locked out.")
	for _, d := range "9999" {
		h.tap(string(d))
	}
	h.tap("Sign in")
	h.sees("Too many wrong PINs: locked until 08:10")
	for _, d := range "1111" {
		h.tap(string(d))
	}
	h.tap("Sign in")
	h.sees("Too many wrong PINs")
	h.sees("Not signed in")
}

func TestOpenResidentByScan(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.sees("Margaret Ellis")
	h.sees("ALLERGIES: Penicillin")
	h.sees("Room 1")
	h.sees("Due today")
	h.sees("Amlodipine 5mg tablets")
	h.sees("When required (PRN)")
	h.sees("Scan a medicine pack to check it")
}

func TestScanCorrectPackAndRecordIt(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("OK to give")
	h.sees("Amlodipine 5mg tablets")
	if q := h.entry("").Text; q != "1" {
		t.Errorf("quantity prefilled %q, want 1", q)
	}
	h.tap("Given")
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets given.")
	h.sees("Given 08:05")
	h.notSees("OK to give")
}

func TestScanWrongPackShowsStop(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	// Flucloxacillin is on the next resident's chart and is a penicillin.
	h.scan(pack("flucloxacillin-500"))
	h.sees("Do not give")
	h.sees("What to do")
	h.sees("Close: do not give")
	if b := h.button("Close: do not give"); b.Disabled() {
		t.Error("close button disabled")
	}
	for _, hidden := range []string{"Given", "Refused"} {
		if h.hasButton(hidden) {
			t.Errorf("button %q offered on a stop", hidden)
		}
	}
	h.tap("Close: do not give")
	h.sees("Scan a medicine pack to check it")
}

func TestLateDoseNeedsOverrideReason(t *testing.T) {
	h := newHarness(t)
	h.clock.set(at("09:40"))
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("Warning: give only with a reason")
	if !h.button("Given").Disabled() {
		t.Fatal("Given enabled before an override reason was given")
	}
	h.entry("Why give it despite the warning").SetText("resident was at breakfast in the garden")
	h.tap("Given")
	h.sees("Recorded at 09:40: Amlodipine 5mg tablets given (the dose due 08:00).")
}

func TestControlledDrugNeedsWitness(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("mst-10"))
	h.sees("OK to give")
	h.sees("Controlled drug: witness")
	if !h.button("Given").Disabled() {
		t.Fatal("Given enabled before a witness signed")
	}
	h.scan("STAFF:sam")
	p := h.app.resident.record
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(p.witnessBox).Y - d.AbsolutePositionForObject(p.scroll).Y
	// Scrolled to show the box's bottom edge exactly: allow for float
	// rounding (a resident line with the GP left it 0.00003 over).
	const slack = 0.5
	if top < -slack || top+p.witnessBox.Size().Height > p.scroll.Size().Height+slack {
		t.Errorf("witness's PIN asked for out of sight: its box spans %v to %v of a form %v high",
			top, top+p.witnessBox.Size().Height, p.scroll.Size().Height)
	}
	h.entry("Witness's PIN").SetText("0000")
	h.tap("Given")
	h.sees("Not recorded: witness: wrong PIN")
	h.entry("Witness's PIN").SetText("2222")
	h.tap("Given")
	h.sees("Recorded at 08:05: Morphine sulfate 10mg modified-release tablets given.")
	h.sees("witnessed by Sam Patel")
}

func TestPRNTooSoonAndFollowUp(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("gaviscon"))
	h.sees("OK to give")
	h.sees("Why is this when-required dose given?")
	if !h.button("Given").Disabled() {
		t.Fatal("Given enabled before the PRN reason")
	}
	h.entry("Why is it needed now?").SetText("indigestion after breakfast")
	h.tap("Given")
	h.sees("Recorded at 08:05: Gaviscon Advance oral suspension given.")
	h.sees("Too soon: can be given from 12:05")

	h.clock.set(at("09:10"))
	h.scan(pack("gaviscon"))
	h.sees("Do not give")
	h.tap("Close: do not give")

	h.tap("Round")
	h.sees("Did the Gaviscon Advance oral suspension given to Margaret Ellis at 08:05 work?")
	h.tap("Yes, it worked")
	h.notSees("Did the Gaviscon")
}

func TestChooseByHandNeedsReason(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.tap("Choose by hand")
	h.tap("Amlodipine 5mg tablets")
	h.sees("First say why the pack is not scanned.")
	h.app.resident.manual.why.SetSelected("Barcode damaged")
	h.tap("Amlodipine 5mg tablets")
	h.sees("OK to give")
	h.tap("Given")
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets given.")
	h.sees("not scanned: barcode-damaged")
}

func TestRefusedAndNotGiven(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	if !h.button("Not given").Disabled() {
		t.Fatal("Not given enabled before a reason was chosen")
	}
	h.choose("Reason not given", "Asleep")
	h.tap("Not given")
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets not given (asleep).")
	h.scan(pack("omeprazole-20"))
	h.tap("Refused")
	h.sees("Recorded at 08:05: Omeprazole 20mg gastro-resistant capsules refused.")
}

func TestLockOnIdleKeepsTheRound(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("OK to give")
	h.timers.fire()
	h.sees("Tap your name or scan your staff badge")
	h.sees("Not signed in")
	h.signIn("sam", "2222")
	h.sees("Sam Patel (senior)")
	h.sees("Margaret Ellis")
	h.notSees("OK to give") // the next user scans the pack again
	h.sees("Scan a medicine pack to check it")
}

func TestLockOnDemand(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.tap("Lock")
	h.sees("Not signed in")
	h.scan("R101")
	h.sees("Sign in first")
}

func TestPendingCountGoesUpAfterARecord(t *testing.T) {
	h := newHarness(t)
	n, err := h.svc.PendingCount()
	if err != nil {
		t.Fatal(err)
	}
	h.sees(notEnrolled(n))
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.tap("Given")
	h.sees(notEnrolled(n + 1))
}

func TestHistoryAndCorrection(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.tap("Given")
	h.tap("History")
	h.sees("History: Margaret Ellis")
	h.sees("Wed 25 Nov 2026")
	h.tapLast("Entered in error")
	h.sees("A care worker's correction is approved by a senior or manager")
	h.entry("Why was it entered in error?").SetText("scanned for the wrong resident")
	if !h.button("Mark as entered in error").Disabled() {
		t.Fatal("a care worker's correction allowed without an approver")
	}
	h.tap("Lock")
	h.signIn("sam", "2222")
	h.sees("History: Margaret Ellis")
	h.tapLast("Entered in error")
	h.notSees("A care worker's correction is approved")
	if !h.button("Mark as entered in error").Disabled() {
		t.Fatal("correction allowed without a reason")
	}
	h.entry("Why was it entered in error?").SetText("scanned for the wrong resident")
	h.tap("Mark as entered in error")
	h.sees("Marked as entered in error")
	h.sees("Entered in error: scanned for the wrong resident (Sam Patel, 08:05)")
	h.tap("Day before")
	h.sees("Tue 24 Nov 2026")
}

// givenThenCorrecting records amlodipine for R101 as amy and opens its
// correction in the history.
func givenThenCorrecting(t *testing.T) *harness {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.tap("Given")
	h.tap("History")
	h.tapLast("Entered in error")
	h.entry("Why was it entered in error?").SetText("scanned for the wrong resident")
	return h
}

func TestCarerCorrectsWithSeniorsApproval(t *testing.T) {
	h := givenThenCorrecting(t)
	h.scan("STAFF:sam") // the senior's badge names the approver
	if got := h.app.history.approver.Selected; got != "Sam Patel" {
		t.Fatalf("approver after scanning sam's badge = %q, want Sam Patel", got)
	}
	h.entry("Approver's PIN").SetText("2222")
	h.tap("Mark as entered in error")
	h.sees("Marked as entered in error")
	h.sees("Entered in error: scanned for the wrong resident (Amy Carter, approved by Sam Patel, 08:05)")
	h.notSees("A care worker's correction is approved")
}

func TestCarerCorrectionRefusedWithoutASeniorsApproval(t *testing.T) {
	for _, c := range []struct {
		name     string
		approver string
		pin      string
		want     string
	}{
		{"another care worker approves", "Ben Okafor", "4444",
			"Not corrected: your role may not do this: the approver must be another member of staff who is a senior or manager"},
		{"the senior's PIN is wrong", "Sam Patel", "9999", "Not corrected: approver: wrong PIN"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := givenThenCorrecting(t)
			h.choose("Senior or manager approving", c.approver)
			h.entry("Approver's PIN").SetText(c.pin)
			h.tap("Mark as entered in error")
			h.sees(c.want)
			h.notSees("Entered in error: scanned")
			if pin := h.app.history.approverPIN.Text; pin != "" {
				t.Errorf("approver's PIN left in the field after a refusal: %q", pin)
			}
		})
	}
}

func TestLockForgetsTheApproversPIN(t *testing.T) {
	h := givenThenCorrecting(t)
	h.choose("Senior or manager approving", "Sam Patel")
	h.entry("Approver's PIN").SetText("2222")
	h.tap("Lock")
	if pin := h.app.history.approverPIN.Text; pin != "" {
		t.Errorf("approver's PIN kept over the lock: %q", pin)
	}
	h.signIn("ben", "4444")
	h.notSees("Correct a record")
}

func TestBoardPagesAndSearch(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.sees("Page 1 of 3 · 12 residents")
	landscape := strings.Count(h.texts(), "Room ")
	h.sees("Room 1  ·  Margaret Ellis")
	h.notSees("Room 6  ·")
	h.tap("Next page")
	h.sees("Page 2 of 3")
	h.sees("Room 6  ·  Kenneth Entwistle")
	h.tap("Previous page")
	h.app.board.search.SetText("Bennett")
	h.sees("Page 1 of 1 · 1 residents")
	h.sees("Room 2  ·  Arthur Bennett")
	h.app.board.search.SetText("")
	h.win.Resize(fyne.NewSize(800, 1280))
	if portrait := strings.Count(h.texts(), "Room "); portrait <= landscape {
		t.Errorf("portrait shows %d rows a page, landscape %d: want more in portrait", portrait, landscape)
	}
}

func TestSettingsOnlyForManager(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	if h.hasButton("Settings") {
		t.Fatal("a carer is offered the settings")
	}
	h.tap("Lock")
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.sees("Willow House")
	h.sees("No camera found")
	h.entry("e.g. ~").SetText("~")
	h.tap("Save settings")
	h.sees("Settings saved.")
	home, err := h.svc.Home()
	if err != nil || home.GSSubstitute != "~" {
		t.Fatalf("home after save = %+v, %v", home, err)
	}
}

func TestPackTypedByHandIsNotChecked(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.typeByHand(pack("amlodipine-5"))
	h.notSees("OK to give")
	h.sees("Typing is not taken as a scan. If the pack will not scan, use Choose by hand")
	h.sees("Scan a medicine pack to check it")
}

func TestResidentChosenByTapAsksToConfirmIdentity(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.tapResident("Margaret Ellis")
	h.scan(pack("amlodipine-5"))
	h.sees("OK to give")
	h.sees("The resident was chosen on screen, not scanned: check their identity")
	h.tap("Given")
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets given.")

	h.scan("R101") // the wristband: now the resident is scanned
	h.scan(pack("omeprazole-20"))
	h.sees("OK to give")
	h.notSees("chosen on screen")
}

func TestRoundInDoorOrder(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	var rooms []int
	for {
		for _, r := range h.app.board.lines {
			if !r.box.Visible() {
				continue
			}
			var n int
			if _, err := fmt.Sscanf(r.title.Text, "Room %d", &n); err != nil {
				t.Fatalf("row %q: %v", r.title.Text, err)
			}
			rooms = append(rooms, n)
		}
		if h.button("Next page").Disabled() {
			break
		}
		h.tap("Next page")
	}
	if len(rooms) != 12 || !sort.IntsAreSorted(rooms) {
		t.Errorf("rooms in the order %v, want 12 in door order (2 before 10)", rooms)
	}
}

func TestKeyboardGivenNeverSkipsAStep(t *testing.T) {
	h := newHarness(t)
	before, _ := h.svc.PendingCount()
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("gaviscon"))
	h.scan(pack("gaviscon")) // a second scan's Return confirms nothing
	h.sees("OK to give")
	h.key(fyne.KeyReturn)
	h.altG() // the PRN reason is still needed: Alt+G goes to it
	why := h.entry("Why is it needed now?")
	if h.win.Canvas().Focused() != why {
		t.Fatal("Alt+G did not take the care worker to the empty PRN reason")
	}
	if after, _ := h.svc.PendingCount(); after != before {
		t.Fatalf("%d records before any Given, want %d", after, before)
	}
	test.Type(why, "indigestion after breakfast")
	why.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // hands the keys back
	h.altG()
	h.sees("Recorded at 08:05: Gaviscon Advance oral suspension given.")
}

func TestEscapeClosesTheVerdictThenGoesBack(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("OK to give")
	h.key(fyne.KeyEscape)
	h.notSees("OK to give")
	h.sees("Scan a medicine pack to check it")
	h.key(fyne.KeyEscape)
	h.sees("Page 1 of 3")
}

func TestPRNGivenYesterdaySaysSo(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	yesterday := 0
	for _, r := range []string{"R101", "R102", "R103", "R104"} {
		h.scan(r)
		for i, row := range h.app.resident.prn.rows {
			if !h.app.resident.prn.objs[i].Visible() {
				continue // kept from an earlier resident
			}
			text := row.totals.Text
			if strings.HasPrefix(text, "Last given yesterday ") {
				yesterday++
			} else if strings.HasPrefix(text, "Last given ") {
				t.Errorf("%s: %q: the demo's when-required doses were all given before today, so the day must show", r, text)
			}
		}
	}
	if yesterday == 0 {
		t.Fatalf("no page says a when-required dose was last given yesterday; the last shows: %s", h.texts())
	}
}

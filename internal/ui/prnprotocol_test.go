package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"medround/internal/check"
	"medround/internal/mar"
)

// The demo's paracetamol protocol (written by Sam) is shown before a PRN
// dose is recorded, its signs are the reason's choices, and the dose is
// recorded with the signs chosen.
func TestPRNProtocolShownBeforeAPRNDose(t *testing.T) {
	h := newHarness(t)
	h.clock.set(at("07:05"))
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("paracetamol-500"))
	h.sees("OK to give")
	h.sees("PRN protocol: Paracetamol 500mg tablets")
	h.sees("Dose, interval and maximum (from the chart): 1 to 2 tablets; at least 4 hours apart; at most 8 tablets in 24 hours")
	h.sees("How to choose the dose: 1 tablet for mild pain")
	h.sees("When to call the GP: Pain or fever still there after 48 hours")
	h.sees("Written by Sam Patel")
	p := h.app.resident.record
	if !h.button("Given").Disabled() {
		t.Fatal("Given enabled before the PRN reason")
	}
	grimace := mar.AbbeySigns()[1]
	for _, c := range []struct {
		name string
		tap  string
		want string
	}{
		{"a sign tapped is the reason", "Says they have pain or aches", "Says they have pain or aches"},
		{"a second sign is added to it", grimace, "Says they have pain or aches; " + grimace},
		{"a sign tapped again is taken out", "Says they have pain or aches", grimace},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, ok := p.signs.buttons[c.tap]
			if !ok {
				t.Fatalf("no sign %q offered; signs: %v", c.tap, p.signs.buttons)
			}
			test.Tap(b)
			if p.prnWhy.Text != c.want {
				t.Errorf("PRN reason %q, want %q", p.prnWhy.Text, c.want)
			}
		})
	}
	h.sees("Chosen: " + grimace)
	p.prnWhy.SetText(p.prnWhy.Text + "; holding her left knee")
	h.tap("Given")
	h.sees("Recorded at 07:05: Paracetamol 500mg tablets given.")
	ev := lastDose(t, h, "R101")
	if want := grimace + "; holding her left knee"; ev.PRNReason != want {
		t.Errorf("recorded PRN reason %q, want %q", ev.PRNReason, want)
	}
}

// A PRN line with no protocol (the demo's Gaviscon) says so, in the
// verdict and the panel, and offers no signs: the reason is typed.
func TestPRNWithoutAProtocolSaysSo(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("gaviscon"))
	h.sees("OK to give")
	h.sees("No PRN protocol has been written for this medicine")
	p := h.app.resident.record
	if !p.result.Verdict.Has(check.NoPRNProtocol) {
		t.Errorf("verdict %v without NO_PRN_PROTOCOL", p.result.Verdict.Codes())
	}
	if p.signs.box.Visible() {
		t.Error("signs offered for a line with no protocol")
	}
	h.scan(pack("amlodipine-5"))
	h.notSees("PRN protocol")
}

// A senior writes the protocol of the Gaviscon line from the resident's
// page, and the next scan shows it.
func TestSeniorWritesAPRNProtocol(t *testing.T) {
	h := newHarness(t)
	h.signIn("sam", "2222")
	h.scan("R101")
	test.Tap(prnRowOf(t, h, "Gaviscon Advance oral suspension").proto)
	h.sees("PRN protocol: Gaviscon Advance oral suspension for Margaret Ellis")
	h.sees("No PRN protocol has been written for this medicine")
	s := h.app.protocol
	s.signs.SetText("Says she has heartburn\nRubbing her chest after meals")
	h.tap("Add the Abbey pain scale signs")
	if got := lines(s.signs.Text); len(got) != 2+len(mar.AbbeySigns()) {
		t.Errorf("signs after adding Abbey's: %q", got)
	}
	s.noEffect.SetText("Sit her upright;\ntell the senior")
	s.callGP.SetText("Needed on most days for a week")
	h.clock.set(at("08:20"))
	h.tap("Save as a new version")
	h.sees("Saved at 08:20 by Sam Patel.")
	h.sees("Written by Sam Patel on 25 Nov 2026 08:20")
	h.sees("If it does not work: Sit her upright; tell the senior")
	v, err := h.svc.PRNProtocol("R101", prnRowOf(t, h, "Gaviscon Advance oral suspension").entry.ID)
	if err != nil || v.Current == nil || v.Current.By != "sam" || v.Current.Signs[1] != "Rubbing her chest after meals" {
		t.Fatalf("stored protocol %+v, %v", v, err)
	}
	h.tap("Back to resident")
	h.scan(pack("gaviscon"))
	h.notSees("No PRN protocol has been written")
	if _, ok := h.app.resident.record.signs.buttons["Says she has heartburn"]; !ok {
		t.Error("the new protocol's signs are not offered as the reason")
	}
}

// A care worker reads the protocol but is not offered the form; the round
// refuses a protocol from them whatever the screen does.
func TestCareWorkerMayNotWriteAPRNProtocol(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	test.Tap(prnRowOf(t, h, "Paracetamol 500mg tablets").proto)
	h.sees("Signs to look for")
	h.sees("A senior or manager writes and changes PRN protocols")
	if h.hasButton("Save as a new version") {
		t.Error("a care worker is offered to save a protocol")
	}
	s := h.app.protocol
	s.callGP.SetText("Never")
	s.store()
	h.sees("Not saved:")
	v, _ := h.svc.PRNProtocol("R101", s.entry)
	if v.Current == nil || v.Current.By != "sam" {
		t.Errorf("protocol in force %+v, want Sam's still", v.Current)
	}
}

// The follow-up "did it work?" records its answer against the protocol
// in force when the dose was given.
func TestPRNEffectAnsweredAgainstTheProtocol(t *testing.T) {
	h := newHarness(t)
	h.clock.set(at("07:05"))
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("paracetamol-500"))
	shown := h.app.resident.record.result.Protocol
	if shown == nil {
		t.Fatal("no protocol with the verdict")
	}
	test.Tap(h.app.resident.record.signs.buttons["Says they have pain or aches"])
	h.tap("Given")
	h.sees("Recorded at 07:05")
	h.clock.set(at("08:15"))
	h.tap("Round")
	h.sees("Did the Paracetamol 500mg tablets given to Margaret Ellis at 07:05 work?")
	h.tap("No, it did not")
	h.notSees("Did the Paracetamol")
	h.sees("The Paracetamol 500mg tablets did not work. Its PRN protocol says:")
	h.sees("If it does not work: Tell the senior after an hour")
	h.tap("Lock")
	h.signIn("ben", "4444")
	h.notSees("did not work. Its PRN protocol says") // the advice was Amy's
	dose := lastDose(t, h, "R101")
	events, err := h.st.Events(dose.ResidentID, dose.OccurredAt, h.clock.now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.Kind == mar.KindPRNEffect && e.About == dose.ID {
			if e.Digest != shown.Digest() || e.Effective == nil || *e.Effective {
				t.Errorf("answer %+v, want did not work, against protocol %s", e, shown.Digest())
			}
			return
		}
	}
	t.Error("no answer recorded")
}

// lastDose is the resident's last PRN dose recorded.
func lastDose(t *testing.T, h *harness, scan string) mar.Event {
	t.Helper()
	sc, err := h.svc.Identify(scan)
	if err != nil || sc.Resident == nil {
		t.Fatalf("identify %s: %v", scan, err)
	}
	events, err := h.st.Events(sc.Resident.ID, demoNow.Add(-24*time.Hour), demoNow.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Kind == mar.KindAdministration && events[i].PRNReason != "" {
			return events[i]
		}
	}
	t.Fatal("no PRN dose recorded")
	return mar.Event{}
}

// A manager opens each resident's PRN use and effect from the review; a
// care worker sent there is taken back to the round.
func TestPRNSummaryFromTheReview(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	h.tap("PRN use and effect by resident")
	h.sees("PRN use and effect by resident")
	h.sees("Margaret Ellis, room 1")
	h.sees("Paracetamol 500mg tablets (pain or fever)")
	h.sees("Protocol by Sam Patel on")
	h.sees("No PRN protocol: a senior writes one")
	h.sees("Doses by week (from): ")
	if !strings.Contains(h.texts(), "Answers under the protocol of") {
		t.Errorf("no answers counted under a protocol: %s", h.texts())
	}
	h.tap("Next page")
	h.sees("Page 2 of")
	h.tap("Lock")
	h.signIn("amy", "1111")
	h.app.show(h.app.prnUse)
	h.notSees("PRN use and effect by resident")
}

package ui

import (
	"testing"

	"medround/internal/check"
	"medround/internal/mar"
)

// morphineRecords is R101's morphine records of the last day, newest first.
func morphineRecords(t *testing.T, h *harness) []mar.Event {
	t.Helper()
	rv, err := h.svc.ResidentView(h.app.resident.id, h.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	var out []mar.Event
	for _, ev := range rv.Recent {
		if ev.Kind == mar.KindAdministration && productOf(rv, ev.EntryID) == "Morphine sulfate 10mg modified-release tablets" {
			out = append(out, ev)
		}
	}
	return out
}

// A schedule 2 controlled drug dropped is destroyed in front of a witness
// (check.Requires); one not given for another reason needs none. Before
// the app sent a witness only with "given", so a dropped morphine tablet
// could not be recorded at all.
func TestMorphineNotGivenNeedsAWitnessOnlyWhenDropped(t *testing.T) {
	for _, c := range []struct {
		name        string
		reason      string
		wantWitness string
		want        string
	}{
		{"dropped tablet destroyed in front of a senior", "Dropped or spoilt", "sam",
			"Recorded at 08:05: Morphine sulfate 10mg modified-release tablets not given (dropped or spoilt)."},
		{"resident asleep", "Asleep", "",
			"Recorded at 08:05: Morphine sulfate 10mg modified-release tablets not given (asleep)."},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.signIn("amy", "1111")
			h.scan("R101")
			h.scan(pack("mst-10"))
			h.sees("OK to give")
			h.choose("Reason not given", c.reason)
			if c.wantWitness != "" {
				h.sees(witnessDropped)
				if !h.button("Not given").Disabled() {
					t.Fatal("Not given enabled for a dropped controlled drug before a witness signed")
				}
				h.scan("STAFF:" + c.wantWitness)
				h.entry("Witness's PIN").SetText("2222")
			} else {
				h.sees(witnessGiven) // still asked for, should it be given after all
			}
			h.tap("Not given")
			h.sees(c.want)
			recs := morphineRecords(t, h)
			if len(recs) == 0 {
				t.Fatal("no morphine record stored")
			}
			if got := recs[0]; got.Outcome != mar.OutcomeNotGiven || got.WitnessID != c.wantWitness {
				t.Errorf("stored %v with witness %q, want not given with witness %q", got.Outcome, got.WitnessID, c.wantWitness)
			}
		})
	}
}

// The PRN reason is asked for because check.Requires says so, not because
// the screen knows the entry is PRN: with a rule that asks it for the
// regular amlodipine and not for the when-required Gaviscon, the panel
// follows the rule.
func TestPRNReasonAskedWhenRequiresSaysSo(t *testing.T) {
	h := newHarness(t)
	h.app.resident.record.requires = func(v check.Verdict, o mar.Outcome, r mar.NotGivenReason) check.Needs {
		n := check.Requires(v, o, r)
		if o == mar.OutcomeGiven && n.Blocked == nil {
			n.PRNReason = v.Product.ID == "amlodipine-5"
		}
		return n
	}
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("Why is this when-required dose given?")
	if !h.button("Given").Disabled() {
		t.Fatal("Given enabled before the reason the rule asks for")
	}
	h.tap("Cancel")
	h.scan(pack("gaviscon"))
	h.sees("Gaviscon Advance oral suspension")
	h.notSees("Why is this when-required dose given?")
	if h.button("Given").Disabled() {
		t.Fatal("Given disabled though the rule asks for nothing more")
	}
}

// Each outcome is offered only when the check allows it to be recorded,
// and a note only required when the check says so.
func TestNotGivenOtherNeedsANote(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.entry(noteOptional)
	h.choose("Reason not given", "Other (say why)")
	note := h.entry(noteRequired)
	if !h.button("Not given").Disabled() {
		t.Fatal("Not given enabled for “other” before a note")
	}
	note.SetText("gone to the dentist with her daughter")
	h.tap("Not given")
	h.sees("Recorded at 08:05: Amlodipine 5mg tablets not given (other reason).")
}

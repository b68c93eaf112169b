package ui

import (
	"strings"
	"testing"
	"time"
)

// doseState finds the state words of a dose on the resident's page, by its
// time and medicine.
func (h *harness) doseState(hhmm, product string) string {
	h.t.Helper()
	for i, r := range h.app.resident.due.rows {
		if h.app.resident.due.objs[i].Visible() && strings.HasPrefix(r.title.Text, hhmm+"  "+product) {
			return r.state.Text
		}
	}
	h.t.Fatalf("no %s dose of %s on the page; it shows: %s", hhmm, product, h.texts())
	return ""
}

// Issue 15, item 10: the morning metformin was not recorded. At 15:00 the
// care worker records that Margaret refused it. The app asks which dose
// the record is for, offering the missed 08:00 dose first; the refusal
// then sits on the 08:00 dose and the evening dose is still to do.
func TestRefusalRecordedLateGoesOnTheMissedDose(t *testing.T) {
	tests := []struct {
		name string
		open func(h *harness)
	}{
		{"pack scanned after the window closed", func(h *harness) { h.scan(pack("metformin-500")) }},
		{"medicine chosen by hand", func(h *harness) {
			h.tap("Choose by hand")
			h.app.resident.manual.why.SetSelected("Barcode damaged")
			h.tap("Metformin 500mg tablets")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.clock.set(at("15:00"))
			h.signIn("amy", "1111")
			h.scan("R101")
			if got := h.doseState("08:00", "Metformin"); got != "Overdue" {
				t.Fatalf("08:00 metformin is %q before the record, want Overdue", got)
			}
			tt.open(h)
			h.sees("Which dose is this record for?")
			h.sees("Nothing was recorded for the 08:00 dose.")
			if !h.button("Refused").Disabled() {
				t.Error("Refused can be tapped before the dose is chosen")
			}
			if first := h.button("Record for"); first.Text != "Record for the 08:00 dose (missed)" {
				t.Errorf("first dose offered %q, want the missed 08:00 dose", first.Text)
			}
			h.sees("Record for the 17:00 dose")
			h.tap("Record for the 08:00 dose (missed)")
			h.sees("This record is for the 08:00 dose. Tap another dose to change it.")
			if s := h.app.resident.record.req.SlotDue; !s.Equal(at("08:00")) {
				t.Fatalf("check sent for the dose due %v, want 08:00", s)
			}
			h.tap("Refused")
			h.sees("Recorded at 15:00: Metformin 500mg tablets refused (the dose due 08:00).")
			h.sees("15:00  Refused  Metformin 500mg tablets (the dose due 08:00) · by Amy Carter")
			if got := h.doseState("08:00", "Metformin"); !strings.HasPrefix(got, "Refused") {
				t.Errorf("08:00 metformin is %q after the refusal, want Refused", got)
			}
			if got := h.doseState("17:00", "Metformin"); got != "Later" {
				t.Errorf("17:00 metformin is %q after the refusal, want Later (still to do)", got)
			}
			assertRefusalOn(t, h, at("08:00"))
		})
	}
}

// assertRefusalOn checks the stored record names the dose it is for.
func assertRefusalOn(t *testing.T, h *harness, due time.Time) {
	t.Helper()
	rv, err := h.svc.ResidentView(h.app.resident.id, h.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rv.Overdue {
		if d.Entry.ProductID == "metformin-500" && d.Slot.Due.Equal(due) {
			t.Errorf("the %s metformin dose is still listed as missed", due.Format("15:04"))
		}
	}
	for _, ev := range rv.Recent {
		if ev.EntryID != "" && ev.ProductID == "metformin-500" && ev.UserID == "amy" {
			if !ev.SlotDue.Equal(due) {
				t.Errorf("refusal stored for the dose due %v, want %v", ev.SlotDue, due)
			}
			return
		}
	}
	t.Error("no refusal of metformin by amy stored")
}

// With no dose missed the app asks nothing: the record goes on the dose
// the check found, as before.
func TestNoDoseChoiceWhenNoneWasMissed(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("metformin-500"))
	h.sees("OK to give")
	h.notSees("Which dose is this record for?")
	if h.app.resident.record.doses != nil {
		t.Error("a dose choice is open with no dose missed")
	}
}

// Amlodipine is once a day: at 09:40 the missed 08:00 dose is the only one
// today and the check already chose it, so the app asks nothing.
func TestNoDoseChoiceWhenTheMissedDoseIsTheOnlyOne(t *testing.T) {
	h := newHarness(t)
	h.clock.set(at("09:40"))
	h.signIn("amy", "1111")
	h.scan("R101")
	h.scan(pack("amlodipine-5"))
	h.sees("Warning: give only with a reason")
	h.notSees("Which dose is this record for?")
}

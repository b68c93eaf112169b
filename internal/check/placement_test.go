package check

import (
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/schedule"
)

func namedSlot(due time.Time) func(in *Input) {
	return func(in *Input) { in.SlotDue = due.UTC() }
}

// namedSlotRows check a record that names the dose it is for (15.10): a
// refusal entered in the afternoon belongs to the morning dose, not the
// evening one nearer the time it is entered.
func namedSlotRows() []checkRow {
	mst := pack(gtinMST)
	return []checkRow{
		{name: "MST at 15:00 with nothing named is tied to the 21:00 dose, nearer than the morning one",
			mod: all(mst, now(at(15, 0))), want: []Code{TooEarly, WitnessRequired}, level: warn, also: slotDue(at(21, 0))},
		{name: "refusal entered at 15:00 naming the morning MST dose stays on the 08:00 dose",
			mod:  all(mst, now(at(15, 0)), namedSlot(at(8, 0))),
			want: []Code{Late, WitnessRequired}, level: warn, also: both(slotDue(at(8, 0)), says(Late, "21:00"))},
		{name: "record naming the dose whose window is open is on time",
			mod: all(namedSlot(at(8, 0))), want: nil, level: ok, also: slotDue(at(8, 0))},
		{name: "record naming the 08:00 dose already given is already given",
			mod:  all(now(at(15, 0)), namedSlot(at(8, 0)), withHistory(given("e-amlo", at(8, 2), at(8, 0)))),
			want: []Code{AlreadyGiven}, level: stop, also: slotDue(at(8, 0))},
		{name: "record naming tomorrow's morning dose in the afternoon is too early",
			mod:  all(now(at(15, 0)), namedSlot(at(8, 0).AddDate(0, 0, 1))),
			want: []Code{TooEarly}, level: warn, also: slotDue(at(8, 0).AddDate(0, 0, 1))},
		{name: "record naming a time that is none of the entry's doses cannot decide",
			mod:  all(now(at(15, 0)), namedSlot(at(10, 0))),
			want: []Code{CannotDecide}, level: stop, also: says(CannotDecide, "10:00")},
		{name: "record naming a dose more than a day ago cannot decide",
			mod:  all(now(at(9, 30)), namedSlot(at(8, 0).AddDate(0, 0, -1))),
			want: []Code{CannotDecide}, level: stop},
	}
}

func TestSlotFor(t *testing.T) {
	w := time.Hour
	slot := func(due time.Time) schedule.Slot {
		return schedule.Slot{EntryID: "e", Due: due.UTC(), Opens: due.Add(-w).UTC(), Closes: due.Add(w).UTC()}
	}
	daily9 := []schedule.Slot{slot(at(9, 0).AddDate(0, 0, -1)), slot(at(9, 0)), slot(at(9, 0).AddDate(0, 0, 1))}
	twice := []schedule.Slot{slot(at(8, 0)), slot(at(20, 0))}
	rows := []struct {
		name  string
		slots []schedule.Slot
		due   time.Time
		want  int
	}{
		{"record naming a slot is on that slot", daily9, at(9, 0), 1},
		{"08:00 record after the dose moved to 09:00 is on today's 09:00", daily9, at(8, 0), 1},
		{"yesterday's 08:00 record is on yesterday's 09:00", daily9, at(8, 0).AddDate(0, 0, -1), 0},
		{"record halfway between two doses goes to the earlier", twice, at(14, 0), 0},
		{"record nearer the evening dose goes to it", twice, at(14, 1), 1},
		{"record before the first window is on no slot", twice, at(6, 59), -1},
		{"record after the last window is on no slot", twice, at(21, 1), -1},
		{"record at the first window's opening is on the first slot", twice, at(7, 0), 0},
		{"PRN record with no due time is on no slot", twice, time.Time{}, -1},
		{"no slots", nil, at(8, 0), -1},
	}
	for _, r := range rows {
		if got := SlotFor(r.slots, r.due.UTC()); got != r.want {
			t.Errorf("%s: SlotFor(%v) = %d, want %d", r.name, r.due, got, r.want)
		}
	}
}

func TestPlace(t *testing.T) {
	in := baseInput()
	v1 := in.Chart[0] // amlodipine at 08:00
	v2 := v1
	v2.Version, v2.ValidFrom, v2.Timing = 2, at(8, 30).UTC(), mar.Timing{TimesOfDay: []mar.ClockTime{9 * 60}}
	v1.ValidTo = v2.ValidFrom
	cal, err := schedule.NewCalendar(in.Home)
	if err != nil {
		t.Fatal(err)
	}
	morning := given("e-amlo", at(8, 2), at(8, 0))
	refused := record("e-amlo", at(7, 50), at(8, 0), mar.OutcomeRefused, 0)
	other := given("e-other", at(8, 2), at(8, 0))
	prn := prnGiven("e-amlo", at(8, 3), 1)
	placed, err := Placements(cal, []mar.ChartEntry{v1, v2}, []*mar.Event{&refused, &morning, &other, &prn}, at(0, 0).UTC(), at(0, 0).AddDate(0, 0, 1).UTC())
	if err != nil {
		t.Fatal(err)
	}
	if len(placed) != 2 {
		t.Fatalf("placed %d slots today, want the old 08:00 and the new 09:00: %+v", len(placed), placed)
	}
	for _, p := range placed {
		if p.Given == nil || p.Given.ID != morning.ID || p.Declined == nil || p.Declined.ID != refused.ID {
			t.Errorf("slot %v of version %d: given %v, declined %v; want the 08:02 dose and the 07:50 refusal",
				p.Slot.Due.In(london), p.Slot.Version, p.Given, p.Declined)
		}
		if p.Record() != p.Given {
			t.Errorf("slot %v: Record is not the given record", p.Slot.Due.In(london))
		}
	}
	later := given("e-amlo", at(8, 20), at(8, 0))
	p := Place([]schedule.Slot{placed[0].Slot}, []*mar.Event{&morning, &later})
	if p[0].Given.ID != later.ID {
		t.Errorf("two given records: placed %v, want the later one", p[0].Given.OccurredAt)
	}
	if p := (Placed{}); p.Record() != nil {
		t.Errorf("empty slot has record %v", p.Record())
	}
}

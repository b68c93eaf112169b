package storetest

import (
	"errors"
	"testing"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

// imported is a PRN protocol an import at the centre made for resident.
func imported(resident string) mar.Event {
	e := mar.Event{ID: uuid.New(), DeviceID: central.CentreDevice, OccurredAt: T0, RecordedAt: T0}
	mar.PRNProtocol{ResidentID: resident, EntryID: "rx-prn", Signs: []string{"pain"},
		Prescribed: "If no improvement after 48 hours, contact the GP", Imported: true}.Fill(&e)
	return e
}

// An import's chart and its PRN protocols are appended together, the
// protocols after the chart, from the centre; a record the tablets could
// not store refuses the whole import.
func testImportChart(t *testing.T, f *fixture) {
	_, before, err := f.st.Changes(f.ctx, "willow", 0, 1)
	must(t, err)
	chart := protocol.ChartUpdate{At: T0, Residents: []mar.Resident{{ID: "R102", GivenName: "Edith"}}}
	p1, p2 := imported("R102"), imported("R101")
	must(t, f.st.ImportChart(f.ctx, "willow", before, chart, []mar.Event{p1, p2}))
	changes, head, err := f.st.Changes(f.ctx, "willow", before, 100)
	must(t, err)
	if head != before+3 || len(changes) != 3 || changes[0].Kind != protocol.ChangeChart ||
		changes[1].Event == nil || changes[1].Event.ID != p1.ID || changes[2].Event == nil || changes[2].Event.ID != p2.ID ||
		changes[1].Device != central.CentreDevice {
		t.Fatalf("changes after the import = %+v (head %d after %d); want the chart, then both protocols from the centre", changes, head, before)
	}
	if evs := f.events(t, "willow"); len(evs) != 2 || evs[0].Device != central.CentreDevice {
		t.Errorf("willow's events = %+v; want the two protocols, from the centre", evs)
	}
	if evs := f.events(t, "oak"); len(evs) != 0 {
		t.Errorf("oak holds %d events; want none of willow's import", len(evs))
	}
	bad := []struct {
		name string
		e    mar.Event
	}{
		{"a dose as an import's record", given(central.CentreDevice, T0)},
		{"a protocol in a tablet's name", func() mar.Event { e := imported("R101"); e.DeviceID = "tab-a"; return e }()},
		{"a protocol whose terms do not read back", func() mar.Event { e := imported("R101"); e.Note = "sign-2=pain"; return e }()},
		{"a protocol of a resident the home does not hold", imported("R999")},
		{"a protocol already stored", p1},
		{"a protocol correcting a record", func() mar.Event { e := imported("R101"); e.Corrects = p2.ID; return e }()},
	}
	for _, b := range bad {
		err := f.st.ImportChart(f.ctx, "willow", head, chart, []mar.Event{imported("R102"), b.e})
		if !errors.Is(err, central.ErrRefused) {
			t.Errorf("%s: ImportChart = %v, want ErrRefused", b.name, err)
		}
	}
	if _, after, err := f.st.Changes(f.ctx, "willow", 0, 1); err != nil || after != head {
		t.Errorf("head after refused imports = %d (%v), want %d: nothing of them stored", after, err, head)
	}
	if err := f.st.ImportChart(f.ctx, "elm", 0, chart, nil); !errors.Is(err, central.ErrNotFound) {
		t.Errorf("ImportChart in an unknown home = %v, want ErrNotFound", err)
	}
}

// written is a PRN protocol a care worker wrote in the home on tablet-a.
func written(resident string) mar.Event {
	e := mar.Event{ID: uuid.New(), DeviceID: "tab-a", UserID: "amy", OccurredAt: T0, RecordedAt: T0}
	mar.PRNProtocol{ResidentID: resident, EntryID: "rx-prn", Signs: []string{"agitation"}}.Fill(&e)
	return e
}

// An import checked against fewer changes than the home holds is refused
// whole: a PRN protocol written in the home, or another import, stored
// after the check would otherwise be replaced by the imported one.
func testImportChecked(t *testing.T, f *fixture) {
	chart := protocol.ChartUpdate{At: T0, Residents: []mar.Resident{{ID: "R101", GivenName: "Margaret"}}}
	cases := []struct {
		name    string
		between func(t *testing.T)
	}{
		{"a PRN protocol written in the home after the check", func(t *testing.T) {
			if acks := f.put(t, "tab-a", written("R101")); acks[0] != protocol.AckStored {
				t.Fatalf("the home's protocol was not stored: %v", acks)
			}
		}},
		{"another import of the same line stored after the check", func(t *testing.T) {
			_, h, err := f.st.Changes(f.ctx, "willow", 0, 1)
			must(t, err)
			must(t, f.st.ImportChart(f.ctx, "willow", h, chart, []mar.Event{imported("R101")}))
		}},
	}
	for _, c := range cases {
		_, checked, err := f.st.Changes(f.ctx, "willow", 0, 1)
		must(t, err)
		c.between(t)
		_, head, err := f.st.Changes(f.ctx, "willow", 0, 1)
		must(t, err)
		err = f.st.ImportChart(f.ctx, "willow", checked, chart, []mar.Event{imported("R101")})
		if !errors.Is(err, central.ErrHomeChanged) {
			t.Errorf("%s: ImportChart = %v, want ErrHomeChanged", c.name, err)
		}
		if _, after, err := f.st.Changes(f.ctx, "willow", 0, 1); err != nil || after != head {
			t.Errorf("%s: head after the refused import = %d (%v), want %d: nothing stored", c.name, after, err, head)
		}
	}
	_, head, err := f.st.Changes(f.ctx, "willow", 0, 1)
	must(t, err)
	if err := f.st.ImportChart(f.ctx, "willow", head, chart, []mar.Event{imported("R101")}); err != nil {
		t.Errorf("import checked against every change of the home = %v, want it stored", err)
	}
}

package report

import (
	"errors"
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // the zone must load where the machine has no zone files

	"github.com/google/uuid"

	"medround/internal/mar"
)

// memSource is a Source held in memory. Events are kept in the order given;
// EachEvent filters them by OccurredAt as the store does.
type memSource struct {
	home      mar.Home
	residents []mar.Resident
	charts    map[string][]mar.ChartEntry
	products  []mar.Product
	events    []mar.Event
	err       error
}

func (m *memSource) Home() (mar.Home, error)            { return m.home, m.err }
func (m *memSource) Residents() ([]mar.Resident, error) { return m.residents, nil }
func (m *memSource) Products() ([]mar.Product, error)   { return m.products, nil }
func (m *memSource) ChartHistory(id string) ([]mar.ChartEntry, error) {
	return m.charts[id], nil
}

func (m *memSource) EachEvent(from, to time.Time, fn func(mar.Event) error) error {
	for _, ev := range m.events {
		if ev.OccurredAt.Before(from) || !ev.OccurredAt.Before(to) {
			continue
		}
		if err := fn(ev); err != nil {
			return err
		}
	}
	return nil
}

var london = mustZone("Europe/London")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at reads a wall-clock time in London, e.g. "2025-01-15 08:00".
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, london)
	if err != nil {
		t.Fatalf("bad test time %q: %v", s, err)
	}
	return v.UTC()
}

// Chart entries of the fixture home: one resident, Mary Smith in room 3.
const (
	resident   = "R001"
	morningMed = "MR-amlodipine"
	nightMed   = "MR-zopiclone"
	levodopa   = "MR-levodopa"
	paracetPRN = "MR-paracetamol"
)

var chartStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func entry(id, product string, times ...mar.ClockTime) mar.ChartEntry {
	return mar.ChartEntry{
		ID: id, ResidentID: resident, ProductID: product, Status: mar.EntryActive,
		Timing: mar.Timing{TimesOfDay: times}, Dose: mar.Quantity{Value: 1, Unit: "tablet"},
		Version: 1, ValidFrom: chartStart, AuthoredOn: chartStart,
	}
}

func fixture() *memSource {
	levo := entry(levodopa, "P-levodopa", 6*60, 14*60)
	levo.TimeCritical = true
	prn := entry(paracetPRN, "P-paracetamol")
	prn.Timing = mar.Timing{Frequency: 1, Period: 4, PeriodUnit: "h"}
	prn.PRN, prn.MinInterval = true, 4*time.Hour
	prn.Dose = mar.Quantity{Value: 2, Unit: "tablet"}
	prn.DoseLow, prn.DoseHigh = 1, 2
	prn.MaxDose = &mar.MaxDose{Quantity: mar.Quantity{Value: 8, Unit: "tablet"}, Period: 24 * time.Hour}
	return &memSource{
		home: mar.DefaultHome(),
		residents: []mar.Resident{{ID: resident, GivenName: "Mary", FamilyName: "Smith",
			Room: "3", Status: mar.StatusPresent, Active: true}},
		charts: map[string][]mar.ChartEntry{resident: {
			entry(morningMed, "P-amlodipine", 8*60),
			entry(nightMed, "P-zopiclone", 21*60),
			levo, prn,
		}},
		products: []mar.Product{
			{ID: "P-amlodipine", Name: "Amlodipine 5mg tablets"},
			{ID: "P-zopiclone", Name: "Zopiclone 3.75mg tablets"},
			{ID: "P-levodopa", Name: "Co-careldopa 25mg/100mg tablets"},
			{ID: "P-paracetamol", Name: "Paracetamol 500mg tablets"},
		},
	}
}

// only keeps the fixture's chart entries named.
func (m *memSource) only(ids ...string) *memSource {
	var keep []mar.ChartEntry
	for _, e := range m.charts[resident] {
		for _, id := range ids {
			if e.ID == id {
				keep = append(keep, e)
			}
		}
	}
	m.charts[resident] = keep
	return m
}

// eventID makes stable, readable event IDs: event n of a test.
func eventID(n int) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", n))
}

// dose is a dose record of a regular slot.
func dose(n int, entryID string, due, occurred time.Time, o mar.Outcome) mar.Event {
	return mar.Event{
		ID: eventID(n), Kind: mar.KindAdministration, DeviceID: "tab-1", UserID: "U-carer",
		ResidentID: resident, OccurredAt: occurred, RecordedAt: occurred,
		EntryID: entryID, EntryVersion: 1, SlotDue: due, Outcome: o, Quantity: 1,
	}
}

func notGiven(n int, entryID string, due, occurred time.Time, r mar.NotGivenReason, note string) mar.Event {
	ev := dose(n, entryID, due, occurred, mar.OutcomeNotGiven)
	ev.Reason, ev.Note, ev.Quantity = r, note, 0
	return ev
}

func prnDoseEvent(n int, occurred time.Time, qty float64) mar.Event {
	ev := dose(n, paracetPRN, time.Time{}, occurred, mar.OutcomeGiven)
	ev.Quantity, ev.PRNReason = qty, "pain"
	return ev
}

func correct(n, target int, occurred time.Time) mar.Event {
	return mar.Event{ID: eventID(n), Kind: mar.KindCorrection, UserID: "U-senior",
		ResidentID: resident, OccurredAt: occurred, RecordedAt: occurred,
		Corrects: eventID(target), Note: "entered in error"}
}

func effect(n, target int, occurred time.Time, worked bool) mar.Event {
	return mar.Event{ID: eventID(n), Kind: mar.KindPRNEffect, UserID: "U-carer",
		ResidentID: resident, OccurredAt: occurred, RecordedAt: occurred,
		About: eventID(target), Effective: &worked}
}

func status(n int, occurred time.Time, s mar.ResidentStatus) mar.Event {
	return mar.Event{ID: eventID(n), Kind: mar.KindStatusChange, UserID: "U-senior",
		ResidentID: resident, OccurredAt: occurred, RecordedAt: occurred, Status: s}
}

func build(t *testing.T, src Source, k Kind, from, to, now time.Time) *Report {
	t.Helper()
	rep, err := Build(src, k, from, to, now)
	if err != nil {
		t.Fatalf("Build(%s) = %v", k, err)
	}
	return rep
}

// brief writes each row as "entry@due" (local HH:MM) for comparison.
func brief(rep *Report) []string {
	out := []string{}
	for _, r := range rep.Rows {
		out = append(out, r.EntryID+"@"+r.Due.Format("01-02 15:04"))
	}
	return out
}

func TestBuildRefusesBadInput(t *testing.T) {
	day := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	broken := fixture()
	broken.err = errors.New("disk on fire")
	badZone := fixture()
	badZone.home.TimeZone = "Mars/Olympus_Mons"
	tests := []struct {
		name     string
		src      Source
		kind     Kind
		from, to time.Time
	}{
		{"period ending before it starts", fixture(), KindMissed, day, day.Add(-time.Hour)},
		{"empty period", fixture(), KindMissed, day, day},
		{"period with no start", fixture(), KindLate, time.Time{}, day},
		{"unknown report kind", fixture(), Kind(99), day, day.Add(time.Hour)},
		{"store cannot read the home", broken, KindMissed, day, day.Add(time.Hour)},
		{"home in a zone that does not exist", badZone, KindPRN, day, day.Add(time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Build(tt.src, tt.kind, tt.from, tt.to, day.Add(48*time.Hour))
			if err == nil {
				t.Fatalf("Build = %+v, want an error", rep)
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds() {
		got, err := ParseKind(k.String())
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v; want %v", k.String(), got, err, k)
		}
	}
	if _, err := ParseKind("refused"); err == nil {
		t.Errorf("ParseKind(%q) succeeded, want an error naming the kinds", "refused")
	}
}

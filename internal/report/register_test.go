package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/ledger"
	"medround/internal/mar"
)

var regT0 = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)

// regEvent is a movement of Margaret's morphine, h hours after regT0.
func regEvent(kind mar.EventKind, h int, q float64, note string) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: kind, ResidentID: "res-001", EntryID: "e-mst", ProductID: "mst-10",
		UserID: "amy", WitnessID: "sam", OccurredAt: regT0.Add(time.Duration(h) * time.Hour), Quantity: q, Note: note,
		Batch: "B42", Expiry: "2027-12-31"}
}

func given(h int, q float64) mar.Event {
	e := regEvent(mar.KindAdministration, h, q, "")
	e.Outcome = mar.OutcomeGiven
	return e
}

func testBook(t *testing.T, events []mar.Event) RegisterBook {
	t.Helper()
	regs := ledger.Build(events, nil)
	names := map[string]string{"amy": "Amy Carter", "sam": "Sam Patel", "meg": "Meg Holloway"}
	return BuildRegisterBook(RegisterInput{Home: "Willow House", Controlled: true,
		Resident: mar.Resident{ID: "res-001", GivenName: "Margaret", FamilyName: "Ellis", Room: "1"},
		Product: mar.Product{ID: "mst-10", Name: "Morphine sulfate 10mg MR tablets", Form: "tablet", CDSchedule: 2,
			Strengths: []mar.Strength{{Amount: mar.Quantity{Value: 10, Unit: "mg"}, Per: mar.Quantity{Value: 1, Unit: "tablet"}}}},
		Unit: "tablet", Register: regs["mst-10"], Name: func(id string) string { return names[id] }, Loc: time.UTC})
}

// TestBuildRegisterBook: each entry reads as the paper register writes it:
// whom from or to, in or out, the running balance, and both signatures;
// a count that differs says so, and an entry in error is kept, struck.
func TestBuildRegisterBook(t *testing.T) {
	receipt := regEvent(mar.KindReceipt, 0, 28, "Boots pharmacy")
	wrong := regEvent(mar.KindReceipt, 1, 100, "Boots pharmacy")
	fix := mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, ResidentID: "res-001", UserID: "meg",
		OccurredAt: regT0.Add(2 * time.Hour), Corrects: wrong.ID, Note: "typed 100 for 10"}
	events := []mar.Event{receipt, wrong, fix, given(3, 1), given(4, 2),
		regEvent(mar.KindStockReturn, 5, 5, "discontinued"), regEvent(mar.KindDestruction, 6, 1, "dropped"),
		regEvent(mar.KindStockCount, 7, 18, "weekly count"), regEvent(mar.KindStockCount, 8, 18, "")}
	b := testBook(t, events)
	tests := []struct {
		name        string
		fromTo      string
		in, out     float64
		balance     float64
		struck      bool
		by, witness string
	}{
		{"a receipt from the pharmacy", "Received from Boots pharmacy", 28, 0, 28, false, "Amy Carter", "Sam Patel"},
		{"a receipt entered in error, struck", "Received from Boots pharmacy", 100, 0, 28, true, "Amy Carter", "Sam Patel"},
		{"a dose given", "Given to Margaret Ellis", 0, 1, 27, false, "Amy Carter", "Sam Patel"},
		{"two tablets given", "Given to Margaret Ellis", 0, 2, 25, false, "Amy Carter", "Sam Patel"},
		{"returned to the pharmacy", "Returned to the pharmacy: discontinued", 0, 5, 20, false, "Amy Carter", "Sam Patel"},
		{"destroyed", "Destroyed: dropped", 0, 1, 19, false, "Amy Carter", "Sam Patel"},
		{"a count one short", "Stock check: 18 counted, register 19: DIFFERS", 0, 1, 18, false, "Amy Carter", "Sam Patel"},
		{"a count that agrees", "Stock check: 18 tablets counted", 0, 0, 18, false, "Amy Carter", "Sam Patel"},
	}
	if len(b.Lines) != len(tests) {
		t.Fatalf("%d lines, want %d: %+v", len(b.Lines), len(tests), b.Lines)
	}
	for i, tt := range tests {
		l := b.Lines[i]
		if l.FromTo != tt.fromTo || l.In != tt.in || l.Out != tt.out || l.Balance != tt.balance || l.Struck != tt.struck ||
			l.By != tt.by || l.Witness != tt.witness {
			t.Errorf("%s: line = %q in %g out %g balance %g struck %v by %q witness %q, want %q %g %g %g %v %q %q",
				tt.name, l.FromTo, l.In, l.Out, l.Balance, l.Struck, l.By, l.Witness,
				tt.fromTo, tt.in, tt.out, tt.balance, tt.struck, tt.by, tt.witness)
		}
	}
	if c := b.Lines[1].Correction; !strings.Contains(c, "typed 100 for 10") || !strings.Contains(c, "Meg Holloway") {
		t.Errorf("the struck receipt's correction = %q, want the reason and who", c)
	}
	if b.Balance != 18 || b.Strength != "10 mg" || b.LastCount.IsZero() {
		t.Errorf("book balance %g strength %q last count %v", b.Balance, b.Strength, b.LastCount)
	}
	if len(b.Open) != 1 || b.Open[0].Text != "Count differs: the register held 19 tablets, 18 tablets counted" {
		t.Errorf("open discrepancies = %+v, want the count one short", b.Open)
	}
}

// TestBuildRegisterBookEmpty: a controlled drug never received has a page
// with no lines, never a nil that would print as null.
func TestBuildRegisterBookEmpty(t *testing.T) {
	b := BuildRegisterBook(RegisterInput{Resident: mar.Resident{ID: "r"}, Product: mar.Product{ID: "p"}})
	if b.Lines == nil || b.Open == nil || b.Balance != 0 || !b.LastCount.IsZero() {
		t.Errorf("empty book = %+v", b)
	}
}

func TestStrengthText(t *testing.T) {
	q := func(v float64, u string) mar.Quantity { return mar.Quantity{Value: v, Unit: u} }
	tests := []struct {
		name string
		s    []mar.Strength
		want string
	}{
		{"a tablet", []mar.Strength{{Amount: q(10, "mg"), Per: q(1, "tablet")}}, "10 mg"},
		{"a liquid per 5 mL", []mar.Strength{{Amount: q(250, "mg"), Per: q(5, "mL")}}, "250 mg/5 mL"},
		{"two ingredients", []mar.Strength{{Amount: q(25, "mg"), Per: q(1, "tablet")}, {Amount: q(100, "mg"), Per: q(1, "tablet")}}, "25 mg + 100 mg"},
		{"none given", nil, ""},
		{"an unknown strength", []mar.Strength{{Amount: q(0, "mg"), Per: q(1, "tablet")}}, ""},
	}
	for _, tt := range tests {
		if got := StrengthText(mar.Product{Strengths: tt.s}); got != tt.want {
			t.Errorf("%s: StrengthText = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestWriteRegisterCSV: a row per entry with its register; a note typed as
// a formula is defused, and a negative balance stays a number.
func TestWriteRegisterCSV(t *testing.T) {
	b := testBook(t, []mar.Event{regEvent(mar.KindReceipt, 0, 2, "=HYPERLINK(\"x\")"), given(1, 3)})
	var buf bytes.Buffer
	if err := WriteRegisterCSV(&buf, []RegisterBook{b}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(bookColumns, ",") {
		t.Fatalf("csv = %q", rows)
	}
	col := func(row []string, name string) string {
		for i, c := range bookColumns {
			if c == name {
				return row[i]
			}
		}
		return ""
	}
	if got := col(rows[1], "from_to"); got != `Received from =HYPERLINK("x")` {
		t.Errorf("from_to = %q, want the note after the words", got)
	}
	if got := col(rows[2], "balance"); got != "-1" {
		t.Errorf("balance below zero = %q, want -1 as a number", got)
	}
	if got := col(rows[1], "schedule"); got != "2" {
		t.Errorf("schedule = %q", got)
	}
	b.Lines[0].By = "=cmd"
	buf.Reset()
	if err := WriteRegisterCSV(&buf, []RegisterBook{b}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "'=cmd") {
		t.Errorf("a name starting = is not defused:\n%s", buf.String())
	}
}

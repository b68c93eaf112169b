package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/ledger"
	"medround/internal/mar"
)

// RegisterBook is one register as the paper book shows it: a page per
// resident and medicine, each movement a line with what came in or went
// out, the running balance and who signed. The register screen, its PDF
// (internal/registerpdf) and its CSV all read this one shape, so the
// screen and the printout never say a line differently.
type RegisterBook struct {
	Home string `json:"home"`
	// Controlled marks a controlled drugs register; else it is a page of
	// the stock book.
	Controlled bool   `json:"controlled"`
	Schedule   int    `json:"schedule,omitempty"`
	ResidentID string `json:"residentId"`
	Resident   string `json:"resident"`
	BirthDate  string `json:"birthDate,omitempty"`
	NHSNumber  string `json:"nhsNumber,omitempty"`
	Room       string `json:"room,omitempty"`
	ProductID  string `json:"productId"`
	Medicine   string `json:"medicine"`
	Form       string `json:"form,omitempty"`
	Strength   string `json:"strength,omitempty"`
	Unit       string `json:"unit,omitempty"`
	// Lines are the register's entries, oldest first.
	Lines   []BookLine `json:"lines"`
	Balance float64    `json:"balance"`
	// LastCount is when two staff last counted it; zero when never.
	LastCount    time.Time `json:"lastCount,omitzero"`
	CountOverdue bool      `json:"countOverdue"`
	// DaysLeft is how long the stock lasts at the chart's dose; nil for a
	// when-needed medicine. OrderNow says it runs out before the next
	// cycle.
	DaysLeft *int `json:"daysLeft,omitempty"`
	OrderNow bool `json:"orderNow"`
	// Open are the discrepancies no manager has closed, in words.
	Open []BookDiscrepancy `json:"open"`
}

// BookLine is one entry of a register, in the home's local time.
type BookLine struct {
	EventID  uuid.UUID       `json:"eventId"`
	At       time.Time       `json:"at"`
	Movement ledger.Movement `json:"movement"`
	// FromTo is the paper book's "received from / given to" column.
	FromTo  string  `json:"fromTo"`
	In      float64 `json:"in"`
	Out     float64 `json:"out"`
	Balance float64 `json:"balance"`
	By      string  `json:"by"`
	Witness string  `json:"witness,omitempty"`
	Batch   string  `json:"batch,omitempty"`
	Expiry  string  `json:"expiry,omitempty"`
	// Struck is an entry a correction voids: it stays, crossed, with the
	// correction beside it, as nothing in a register is ever removed.
	Struck     bool   `json:"struck"`
	Correction string `json:"correction,omitempty"`
}

// BookDiscrepancy is an open discrepancy of a register, said in words.
type BookDiscrepancy struct {
	EventID uuid.UUID `json:"eventId"`
	At      time.Time `json:"at"`
	Text    string    `json:"text"`
}

// RegisterInput is what BuildRegisterBook needs of a register: the
// resident, the product, the unit it is counted in, the register itself,
// and how staff are named and times shown.
type RegisterInput struct {
	Home string
	// Controlled says the register is a controlled drugs register, as
	// the home keeps one for this product; else it is a stock record.
	Controlled   bool
	Resident     mar.Resident
	Product      mar.Product
	Unit         string
	Register     *ledger.Register
	CountOverdue bool
	// Name gives a member of staff's name from their user ID.
	Name func(userID string) string
	Loc  *time.Location
}

// BuildRegisterBook lays a register out as the book's page.
func BuildRegisterBook(in RegisterInput) RegisterBook {
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	name := in.Name
	if name == nil {
		name = func(id string) string { return id }
	}
	r, p := in.Resident, in.Product
	b := RegisterBook{Home: in.Home, Controlled: in.Controlled, Schedule: p.CDSchedule,
		ResidentID: r.ID, Resident: r.Name(), BirthDate: r.BirthDate, NHSNumber: r.NHSNumber, Room: r.Room,
		ProductID: p.ID, Medicine: p.Name, Form: p.Form, Strength: StrengthText(p), Unit: in.Unit,
		CountOverdue: in.CountOverdue, Lines: []BookLine{}, Open: []BookDiscrepancy{}}
	reg := in.Register
	if reg == nil {
		return b
	}
	b.Balance = reg.Balance
	if reg.LastCount != nil {
		b.LastCount = reg.LastCount.Event.OccurredAt.In(loc)
	}
	for _, en := range reg.Entries {
		b.Lines = append(b.Lines, bookLine(en, r.Name(), in.Unit, name, loc))
	}
	for _, d := range reg.OpenDiscrepancies() {
		b.Open = append(b.Open, BookDiscrepancy{EventID: d.EventID, At: d.At.In(loc), Text: DiscrepancyText(d, in.Unit)})
	}
	return b
}

func bookLine(en ledger.Entry, resident, unit string, name func(string) string, loc *time.Location) BookLine {
	e := en.Event
	l := BookLine{EventID: e.ID, At: e.OccurredAt.In(loc), Movement: en.Movement, Balance: en.Balance,
		By: name(e.UserID), Batch: e.Batch, Expiry: e.Expiry, FromTo: fromTo(en, resident, unit)}
	if e.WitnessID != "" {
		l.Witness = name(e.WitnessID)
	}
	switch {
	case en.Movement == ledger.Counted && en.Change > 0:
		l.In = en.Change
	case en.Movement == ledger.Counted:
		l.Out = -en.Change
	case en.Movement == ledger.Receipt:
		l.In = e.Quantity
	default:
		l.Out = e.Quantity
	}
	if c := en.CorrectedBy; c != nil {
		l.Struck = true
		l.Correction = fmt.Sprintf("entered in error: %s (%s, %s)", c.Note, name(c.UserID),
			c.OccurredAt.In(loc).Format("2 Jan 2006 15:04"))
	}
	return l
}

// fromTo is the book's "received from / given to" column.
func fromTo(en ledger.Entry, resident, unit string) string {
	e := en.Event
	note := strings.TrimSpace(e.Note)
	switch en.Movement {
	case ledger.Receipt:
		if note == "" {
			return "Received"
		}
		return "Received from " + note
	case ledger.Given:
		return "Given to " + resident
	case ledger.Wasted:
		return joinNote("Dropped or spoilt, destroyed", note)
	case ledger.Returned:
		return joinNote("Returned to the pharmacy", note)
	case ledger.Destroyed:
		return joinNote("Destroyed", note)
	case ledger.Counted:
		if en.CorrectedBy == nil && (en.Change > 1e-9 || en.Change < -1e-9) {
			return fmt.Sprintf("Stock check: %g counted, register %g: DIFFERS", e.Quantity, en.Balance-en.Change)
		}
		return fmt.Sprintf("Stock check: %s counted", mar.Amount(e.Quantity, unit))
	}
	return en.Movement.String()
}

func joinNote(s, note string) string {
	if note == "" {
		return s
	}
	return s + ": " + note
}

// DiscrepancyText says what a discrepancy is, for the register screen and
// the printout.
func DiscrepancyText(d ledger.Discrepancy, unit string) string {
	switch d.Why {
	case ledger.CountDiffers:
		return fmt.Sprintf("Count differs: the register held %s, %s counted", mar.Amount(d.Expected, unit), mar.Amount(d.Found, unit))
	case ledger.NotCovered:
		return fmt.Sprintf("A dose was given the register could not cover: it held %s", mar.Amount(d.Expected, unit))
	case ledger.BelowZero:
		return fmt.Sprintf("The register went below zero: %s", mar.Amount(d.Found, unit))
	}
	return "Discrepancy: " + d.Why
}

// StrengthText is a product's strength as a label says it: "10 mg", or
// "10 mg/5 mL" per more than one unit; several ingredients joined with
// " + ". Empty when the chart gave none.
func StrengthText(p mar.Product) string {
	var parts []string
	for i := range p.Strengths {
		s, ok := p.StrengthOf(i)
		if !ok {
			continue
		}
		t := fmt.Sprintf("%g %s", s.Amount.Value, strings.Trim(s.Amount.Unit, "{}"))
		if s.Per.Value != 1 {
			t += fmt.Sprintf("/%g %s", s.Per.Value, strings.Trim(s.Per.Unit, "{}"))
		}
		parts = append(parts, strings.TrimSpace(t))
	}
	return strings.Join(parts, " + ")
}

// bookColumns are the CSV's columns.
var bookColumns = []string{"resident_id", "resident", "medicine", "form", "strength", "schedule",
	"at", "movement", "from_to", "in", "out", "balance", "unit", "by", "witness", "batch", "expiry",
	"entered_in_error", "event_id"}

// bookText are the columns of free text: numbers and times are left as
// they are, so a negative balance stays a number.
var bookText = []int{0, 1, 2, 3, 4, 8, 13, 14, 15, 16, 17}

// WriteRegisterCSV writes the books' lines as one CSV table, a row per
// line with the register it belongs to; free text is defused so a
// spreadsheet never reads a note as a formula.
func WriteRegisterCSV(w io.Writer, books []RegisterBook) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(bookColumns); err != nil {
		return fmt.Errorf("write register as csv: %w", err)
	}
	num := func(v float64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	for _, b := range books {
		sched := ""
		if b.Schedule > 0 {
			sched = strconv.Itoa(b.Schedule)
		}
		for _, l := range b.Lines {
			rec := []string{b.ResidentID, b.Resident, b.Medicine, b.Form, b.Strength, sched,
				l.At.Format(time.RFC3339), l.Movement.String(), l.FromTo, num(l.In), num(l.Out),
				strconv.FormatFloat(l.Balance, 'f', -1, 64), b.Unit, l.By, l.Witness, l.Batch, l.Expiry,
				l.Correction, l.EventID.String()}
			for _, i := range bookText {
				rec[i] = defuseFormula(rec[i])
			}
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("write register as csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write register as csv: %w", err)
	}
	return nil
}

package ledger

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
)

const res, mst, amlo = "R001", "p-mst", "p-amlo"

func day(d, hh int) time.Time { return time.Date(2026, 1, d, hh, 0, 0, 0, time.UTC) }

func ev(kind mar.EventKind, at time.Time, product string, q float64) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: kind, ResidentID: res, OccurredAt: at, ProductID: product,
		EntryID: "e-" + product[2:], Quantity: q, UserID: "amy", WitnessID: "sam"}
}

func dose(at time.Time, q float64) mar.Event {
	e := ev(mar.KindAdministration, at, mst, q)
	e.Outcome = mar.OutcomeGiven
	return e
}

// month is January: 70 MST tablets received on the 1st, one given at 08:00
// and 20:00 every day to the 30th (60 doses): 10 left.
func month() []mar.Event {
	out := []mar.Event{ev(mar.KindReceipt, day(1, 7), mst, 70)}
	for d := 1; d <= 30; d++ {
		out = append(out, dose(day(d, 8), 1), dose(day(d, 20), 1))
	}
	return out
}

func correction(of mar.Event, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindCorrection, ResidentID: res, OccurredAt: at, Corrects: of.ID}
}

func review(of mar.Event, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindReview, ResidentID: res, OccurredAt: at, About: of.ID, Note: "two tablets found under the trolley"}
}

func count(at time.Time, q float64) mar.Event { return ev(mar.KindStockCount, at, mst, q) }

type ledgerRow struct {
	name    string
	events  func() []mar.Event
	balance float64
	open    int    // open discrepancies
	raised  int    // discrepancies raised, open or closed
	why     string // the first discrepancy's reason, if any
	entries int
}

// shortOf is one MST tablet received on the 1st and n doses given hourly
// from 08:00, as a tablet syncing after days offline might bring them:
// the register goes below zero at the second.
func shortOf(n int) []mar.Event {
	out := []mar.Event{ev(mar.KindReceipt, day(1, 7), mst, 1)}
	for i := range n {
		out = append(out, dose(day(1, 8+i), 1))
	}
	return out
}

func notCovered(at time.Time) mar.Event {
	d := dose(at, 1)
	d.ReasonCodes = []string{string(check.WitnessRequired), string(check.CDBalanceLow)}
	return d
}

func ledgerRows() []ledgerRow {
	var dropped, counted, lowDose mar.Event
	return []ledgerRow{
		{name: "a month of twice-daily doses from 70 received leaves 10", events: month, balance: 10, entries: 61},
		{name: "a dose entered in error and corrected is back in the register, shown with the original",
			events:  func() []mar.Event { m := month(); return append(m, correction(m[5], day(31, 9))) },
			balance: 11, entries: 61},
		{name: "a dropped tablet comes off the stock",
			events: func() []mar.Event {
				dropped = dose(day(12, 8), 1)
				dropped.Outcome, dropped.Reason = mar.OutcomeNotGiven, mar.ReasonDropped
				return append(month(), dropped)
			}, balance: 9, entries: 62},
		{name: "a refused dose goes back in the pack",
			events: func() []mar.Event {
				r := dose(day(12, 9), 0)
				r.Outcome = mar.OutcomeRefused
				return append(month(), r)
			}, balance: 10, entries: 61},
		{name: "5 returned to the pharmacy",
			events:  func() []mar.Event { return append(month(), ev(mar.KindStockReturn, day(31, 9), mst, 5)) },
			balance: 5, entries: 62},
		{name: "2 destroyed with a witness",
			events:  func() []mar.Event { return append(month(), ev(mar.KindDestruction, day(31, 9), mst, 2)) },
			balance: 8, entries: 62},
		{name: "a second delivery mid-month adds to the balance",
			events:  func() []mar.Event { return append(month(), ev(mar.KindReceipt, day(15, 10), mst, 28)) },
			balance: 38, entries: 62},
		{name: "a count that agrees raises nothing",
			events: func() []mar.Event { return append(month(), count(day(31, 9), 10)) }, balance: 10, entries: 62},
		{name: "a count of 9 where the register holds 10 is an open discrepancy and sets the balance",
			events:  func() []mar.Event { return append(month(), count(day(31, 9), 9)) },
			balance: 9, open: 1, raised: 1, why: CountDiffers, entries: 62},
		{name: "a count difference a manager has followed up is closed",
			events: func() []mar.Event {
				counted = count(day(31, 9), 9)
				return append(month(), counted, review(counted, day(31, 12)))
			}, balance: 9, raised: 1, why: CountDiffers, entries: 62},
		{name: "a count entered in error and corrected leaves the register as it was",
			events: func() []mar.Event {
				c := count(day(31, 9), 9)
				return append(month(), c, correction(c, day(31, 10)))
			}, balance: 10, entries: 62},
		{name: "a dose given that the register could not cover is a discrepancy",
			events: func() []mar.Event {
				lowDose = dose(day(31, 8), 1)
				lowDose.ReasonCodes = []string{string(check.WitnessRequired), string(check.CDBalanceLow)}
				return append(month(), lowDose)
			}, balance: 9, open: 1, raised: 1, why: NotCovered, entries: 62},
		{name: "doses synced from another tablet that take the register below zero are a discrepancy",
			events: func() []mar.Event {
				return []mar.Event{ev(mar.KindReceipt, day(1, 7), mst, 1), dose(day(1, 8), 1), dose(day(1, 8).Add(time.Minute), 1)}
			}, balance: -1, open: 1, raised: 1, why: BelowZero, entries: 3},
		{name: "ten doses below zero raise one discrepancy while it is open, each in the running balance",
			events: func() []mar.Event { return shortOf(11) }, balance: -10, open: 1, raised: 1, why: BelowZero, entries: 12},
		{name: "doses still below zero after the manager closed the shortfall raise a new one",
			events: func() []mar.Event {
				out := shortOf(3)
				return append(out, review(out[2], day(1, 12)), dose(day(1, 13), 1), dose(day(1, 14), 1))
			}, balance: -4, open: 1, raised: 2, why: BelowZero, entries: 6},
		{name: "a dose given past the bedside warning is its own discrepancy while a shortfall is open",
			events:  func() []mar.Event { return append(shortOf(2), notCovered(day(1, 12)), notCovered(day(1, 13))) },
			balance: -3, open: 3, raised: 3, why: BelowZero, entries: 5},
		{name: "after a dose the register could not cover, later doses below zero raise nothing more",
			events: func() []mar.Event {
				return []mar.Event{count(day(1, 7), 0), notCovered(day(1, 8)), dose(day(1, 12), 1), dose(day(1, 20), 1)}
			}, balance: -3, open: 1, raised: 1, why: NotCovered, entries: 4},
		{name: "a count that finds the stock leaves the shortfall open: only a manager closes it",
			events: func() []mar.Event {
				return append(shortOf(3), count(day(1, 12), 1), dose(day(1, 13), 1), dose(day(1, 14), 1))
			},
			balance: -1, open: 2, raised: 2, why: BelowZero, entries: 7},
		{name: "a dose that went below zero entered in error passes the shortfall to the next",
			events: func() []mar.Event {
				out := shortOf(3)
				return append(out, correction(out[2], day(1, 12)))
			}, balance: -1, open: 1, raised: 1, why: BelowZero, entries: 4},
		{name: "doses before the first receipt are not in the register",
			events: func() []mar.Event {
				return []mar.Event{dose(day(1, 8), 1), ev(mar.KindReceipt, day(2, 7), mst, 28), dose(day(2, 8), 1)}
			}, balance: 27, entries: 2},
		{name: "a dose recorded before doses carried their product is placed by its chart entry",
			events: func() []mar.Event {
				d := dose(day(2, 8), 1)
				d.ProductID = ""
				return []mar.Event{ev(mar.KindReceipt, day(1, 7), mst, 28), d}
			}, balance: 27, entries: 2},
		{name: "records out of time order are read in time order",
			events: func() []mar.Event {
				return []mar.Event{dose(day(2, 8), 1), count(day(1, 9), 28), ev(mar.KindReceipt, day(1, 7), mst, 28)}
			}, balance: 27, entries: 3},
		{name: "half tablets add up without float dust",
			events: func() []mar.Event {
				out := []mar.Event{ev(mar.KindReceipt, day(1, 7), mst, 1)}
				for i := range 10 {
					out = append(out, dose(day(1, 8+i), 0.1))
				}
				return out
			}, balance: 0, entries: 11},
	}
}

func TestRegister(t *testing.T) {
	for _, row := range ledgerRows() {
		t.Run(row.name, func(t *testing.T) {
			events := row.events()
			// Another medicine's records never reach this register.
			events = append(events, ev(mar.KindReceipt, day(3, 7), amlo, 28))
			regs := Build(events, map[string]string{"e-mst": mst})
			r := regs[mst]
			if r == nil {
				t.Fatalf("no register for %s", mst)
			}
			if math.Abs(r.Balance-row.balance) > 1e-9 {
				t.Errorf("balance = %g, want %g", r.Balance, row.balance)
			}
			if got := len(r.OpenDiscrepancies()); got != row.open {
				t.Errorf("open discrepancies = %d, want %d: %+v", got, row.open, r.Discrepancies)
			}
			if got := len(r.Discrepancies); got != row.raised {
				t.Errorf("discrepancies raised = %d, want %d: %+v", got, row.raised, r.Discrepancies)
			}
			if row.why != "" && (len(r.Discrepancies) == 0 || r.Discrepancies[0].Why != row.why) {
				t.Errorf("discrepancies = %+v, want the first %s", r.Discrepancies, row.why)
			}
			if len(r.Entries) != row.entries {
				t.Errorf("entries = %d, want %d", len(r.Entries), row.entries)
			}
			if last := r.Entries[len(r.Entries)-1]; last.Balance != r.Balance {
				t.Errorf("last running balance %g differs from the balance %g", last.Balance, r.Balance)
			}
			if a := regs[amlo]; a == nil || a.Balance != 28 {
				t.Errorf("amlodipine register = %+v, want 28 apart", a)
			}
		})
	}
}

// TestFollowUpDatedBeforeItsDose: a manager's follow-up recorded on a
// tablet whose clock was behind carries a time before the dose it names;
// it still closes that dose's shortfall, so a later dose below zero raises
// a new one. (Not a row of the month table: a checkpoint taken between the
// two would not hold the follow-up.)
func TestFollowUpDatedBeforeItsDose(t *testing.T) {
	events := shortOf(2)
	events = append(events, review(events[2], day(1, 8).Add(30*time.Minute)), dose(day(1, 12), 1))
	r := Build(events, nil)[mst]
	if len(r.Discrepancies) != 2 || r.Discrepancies[0].Open() || !r.Discrepancies[1].Open() ||
		r.Discrepancies[1].EventID != events[4].ID {
		t.Errorf("discrepancies = %+v, want the first closed by the early follow-up and the later dose open", r.Discrepancies)
	}
}

func TestCorrectedEntryShownWithOriginal(t *testing.T) {
	m := month()
	c := correction(m[5], day(31, 9))
	r := Build(append(m, c), nil)[mst]
	for _, e := range r.Entries {
		if e.Event.ID == m[5].ID {
			if e.CorrectedBy == nil || e.CorrectedBy.ID != c.ID || e.Change != 0 {
				t.Errorf("corrected dose entry = %+v, want it kept, changing nothing, with its correction", e)
			}
			return
		}
	}
	t.Error("the corrected dose is not in the register")
}

func TestCountOverdue(t *testing.T) {
	r := Build(append(month(), count(day(20, 9), 30)), nil)[mst]
	for _, c := range []struct {
		now   time.Time
		every time.Duration
		want  bool
	}{
		{day(21, 9), 7 * 24 * time.Hour, false},
		{day(28, 10), 7 * 24 * time.Hour, true},
		{day(28, 10), 0, false},
	} {
		if got := r.CountOverdue(c.now, c.every); got != c.want {
			t.Errorf("CountOverdue(%s, %s) = %v, want %v", c.now, c.every, got, c.want)
		}
	}
	if never := Build(month(), nil)[mst]; !never.CountOverdue(day(2, 9), 7*24*time.Hour) {
		t.Error("a register never counted is overdue a count")
	}
}

const gtinAmlo, gtinMST = "05000000000011", "05000000000028"

func recall(gtin, batch string, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindRecall, ResidentID: "@home", OccurredAt: at,
		GTIN: gtin, Batch: batch, Note: "return to pharmacy"}
}

func lift(of mar.Event, batch string, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindRecallLifted, ResidentID: "@home", OccurredAt: at,
		GTIN: of.GTIN, Batch: batch, About: of.ID, Note: "the MHRA withdrew the alert"}
}

// TestRecalls: which batches stop the check as recalled (hazard H30).
func TestRecalls(t *testing.T) {
	b1, x := recall(gtinAmlo, " B1 ", day(1, 9)), recall(gtinMST, "X", day(1, 9))
	again := recall(gtinAmlo, "B1", day(5, 9))
	liftB1 := lift(b1, "b1", day(3, 9))
	offline := recall(gtinAmlo, "B1", day(2, 9)) // a second alert, from a tablet that was offline
	earlier := recall(gtinAmlo, "B1", day(1, 7))
	tests := []struct {
		name   string
		events []mar.Event
		want   []string // batches in force
	}{
		{"a recalled amlodipine batch stops", []mar.Event{b1}, []string{"B1"}},
		{"a recall entered in error and corrected stops nothing", []mar.Event{b1, x, correction(x, day(2, 9))}, []string{"B1"}},
		{"a recall the manager lifted stops nothing, whatever the case of the batch", []mar.Event{b1, liftB1}, nil},
		{"lifting one batch leaves the other medicine's recall in force", []mar.Event{b1, x, liftB1}, []string{"X"}},
		{"a batch recalled again after its lift stops again", []mar.Event{b1, liftB1, again}, []string{"B1"}},
		{"a lift that was itself entered in error leaves the recall in force", []mar.Event{b1, liftB1, correction(liftB1, day(4, 9))}, []string{"B1"}},
		{"a lift of an earlier recall of the batch does not lift a later one", []mar.Event{lift(recall(gtinAmlo, "B1", day(1, 7)), "B1", day(1, 8)), b1}, []string{"B1"}},
		{"a lift in the same minute as the recall it names lifts it", []mar.Event{lift(b1, "B1", day(1, 9)), b1}, nil},
		{"a second recall of the batch recorded before the lift of the first stays in force", []mar.Event{b1, offline, liftB1}, []string{"B1"}},
		{"a second recall synced after the lift of the first stays in force", []mar.Event{b1, liftB1, offline}, []string{"B1"}},
		{"a lift of the latest recall of the batch lifts the earlier ones too", []mar.Event{earlier, b1, liftB1}, nil},
		{"a lift naming a recall entered in error lifts nothing", []mar.Event{b1, offline, correction(offline, day(2, 10)), lift(offline, "B1", day(3, 9))}, []string{"B1"}},
		{"a second recall in the same minute as the one lifted stays in force", []mar.Event{b1, recall(gtinAmlo, "B1", day(1, 9)), liftB1}, []string{"B1"}},
		{"a lift naming no recall the home holds lifts nothing", []mar.Event{b1, lift(recall(gtinAmlo, "B1", day(2, 9)), "B1", day(3, 9))}, []string{"B1"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range Recalls(tt.events) {
			got = append(got, r.Batch)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Recalls = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := Recalls([]mar.Event{b1}); got[0] != (check.Recall{GTIN: gtinAmlo, Batch: "B1", Action: "return to pharmacy", EventID: b1.ID}) {
		t.Errorf("Recalls = %+v, want B1 with what to do and its record", got)
	}
}

func TestDaysLeft(t *testing.T) {
	twice := mar.ChartEntry{Dose: mar.Quantity{Value: 1, Unit: "tablet"}, Timing: mar.Timing{When: []string{"MORN", "EVE"}}}
	bd := mar.ChartEntry{Dose: mar.Quantity{Value: 2}, Timing: mar.Timing{Frequency: 2, Period: 1, PeriodUnit: "d"}}
	weekly := mar.ChartEntry{Dose: mar.Quantity{Value: 1}, Timing: mar.Timing{TimesOfDay: []mar.ClockTime{480}, DaysOfWeek: []time.Weekday{time.Monday}}}
	prn := mar.ChartEntry{PRN: true, Dose: mar.Quantity{Value: 1}}
	for _, c := range []struct {
		name  string
		stock float64
		e     mar.ChartEntry
		days  int
		known bool
	}{
		{"11 tablets at one twice a day last 5 days", 11, twice, 5, true},
		{"20 at two twice a day last 5 days", 20, bd, 5, true},
		{"3 weekly tablets last 21 days", 3, weekly, 21, true},
		{"nothing in stock lasts no days", -2, twice, 0, true},
		{"a when-needed medicine has no days left", 10, prn, 0, false},
	} {
		days, ok := DaysLeft(c.stock, c.e)
		if days != c.days || ok != c.known {
			t.Errorf("%s: DaysLeft = %d, %v; want %d, %v", c.name, days, ok, c.days, c.known)
		}
	}
	course := twice
	course.End = day(6, 9)
	for _, c := range []struct {
		name  string
		stock float64
		e     mar.ChartEntry
		want  bool
	}{
		{"5 days' stock runs out before a cycle 9 days away", 11, twice, true},
		{"20 days' stock lasts to a cycle 9 days away", 40, twice, false},
		{"a 5-day course with 5 days' stock lasts to its end: nothing to order", 11, course, false},
		{"a 5-day course with 2 days' stock runs out before its end", 4, course, true},
	} {
		if got := RunsOutBefore(c.stock, c.e, day(1, 9), day(10, 9)); got != c.want {
			t.Errorf("%s: RunsOutBefore = %v, want %v", c.name, got, c.want)
		}
	}
}

// BenchmarkYearOfDoses is the balance of a resident with a year of doses of
// ten medicines (four rounds a day: about 15,000 records) worked out from
// the events: it must stay well under 5 ms.
func BenchmarkYearOfDoses(b *testing.B) {
	events := yearOfDoses()
	b.ResetTimer()
	for b.Loop() {
		if r := Build(events, nil)[mst]; r == nil {
			b.Fatal("no register")
		}
	}
}

func yearOfDoses() []mar.Event {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []mar.Event
	for p := range 10 {
		pid := mst
		if p > 0 {
			pid = "p-" + string(rune('a'+p))
		}
		r := ev(mar.KindReceipt, start, pid, 5000)
		out = append(out, r)
	}
	for d := range 365 {
		for _, h := range []int{8, 12, 17, 21} {
			for p := range 10 {
				at := start.AddDate(0, 0, d).Add(time.Duration(h)*time.Hour + time.Duration(p)*time.Second)
				e := dose(at, 1)
				if p > 0 {
					e.ProductID = "p-" + string(rune('a'+p))
				}
				out = append(out, e)
			}
		}
	}
	return out
}

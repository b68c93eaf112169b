package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// The fortnight is the fixed history the review's table test reads: two
// residents of Rowan House over the 14 local days from Monday 19 October
// 2026 to Sunday 1 November, across the autumn clock change (02:00 BST on
// Sunday 25 October became 01:00 GMT), reviewed at 09:30 on Monday 2
// November. Every regular dose is given five minutes after it is due,
// scanned, by amy, except where fortnightExceptions says otherwise; what
// the review should list is worked out by hand in TestReviewFortnight.
//
// Mary Smith (R001, room 3): amlodipine 08:00, zopiclone 21:00,
// co-careldopa 06:00 and 14:00 (time-critical: 15 minutes either side),
// and paracetamol when required as 500 mg tablets (2, at most 8 in 24
// hours) and as 250 mg/5 mL suspension (10 mL, at most 80 mL in 24 hours).
// Arthur Ellis (R002, room 5): metformin 08:00 and 17:00; in hospital from
// 10:30 on Wednesday 21 October to 15:00 on Saturday 24 October; his dose
// of Monday 19 October corrected as entered in error on 28 October.
var (
	fortnightFrom = wall("2026-10-19 00:00 +01:00")
	fortnightTo   = wall("2026-11-02 00:00 +00:00")
	fortnightNow  = wall("2026-11-02 09:30 +00:00")
)

const (
	arthur    = "R002"
	metformin = "AE-metformin"
)

// wall reads a time with its offset written out, so the repeated hour of
// the clock change is never ambiguous: "2026-10-25 01:30 +00:00".
func wall(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04 -07:00", s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// fortnightChart is the two residents' chart.
func fortnightChart() store.ChartUpdate {
	src := twoFormsFixture()
	chart := []mar.ChartEntry{}
	for _, e := range fixture().charts[resident] {
		if !e.PRN {
			chart = append(chart, e)
		}
	}
	chart = append(chart, src.charts[resident]...)
	met := entry(metformin, "P-metformin", 8*60, 17*60)
	met.ResidentID = arthur
	chart = append(chart, met)
	products := append(src.products, mar.Product{ID: "P-metformin", Name: "Metformin 500mg tablets",
		GTINs: []string{"05000000000017"}})
	return store.ChartUpdate{
		Residents: []mar.Resident{src.residents[0],
			{ID: arthur, GivenName: "Arthur", FamilyName: "Ellis", Room: "5", Status: mar.StatusPresent, Active: true}},
		Products: products, Entries: chart, At: wall("2026-09-01 10:00 +01:00"),
	}
}

// fortnightStore is a real store holding the fortnight.
func fortnightStore(t *testing.T) *store.Store {
	t.Helper()
	st := storetest.Open(t)
	home := mar.DefaultHome()
	home.Name = "Rowan House"
	if err := st.PutHome(home); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyChart(fortnightChart()); err != nil {
		t.Fatal(err)
	}
	for _, u := range []mar.User{{ID: "amy", Name: "Amy Carter", Role: mar.RoleCarer},
		{ID: "ben", Name: "Ben Okafor", Role: mar.RoleCarer}, {ID: "sam", Name: "Sam Patel", Role: mar.RoleSenior},
		{ID: "meg", Name: "Meg Holloway", Role: mar.RoleManager}} {
		u.PINHash = "not a hash: no one signs in to this store"
		if err := st.PutUser(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AppendAll(fortnightEvents()); err != nil {
		t.Fatal(err)
	}
	return st
}

// history writes the fortnight's events with stable IDs.
type history struct {
	n      int
	events []mar.Event
}

func (h *history) id() uuid.UUID {
	h.n++
	return uuid.MustParse(fmt.Sprintf("00000000-0000-4000-8000-%012d", h.n))
}

// add appends an event of the resident, filling ID and RecordedAt (the
// time it happened unless ev says).
func (h *history) add(ev mar.Event) mar.Event {
	ev.ID, ev.DeviceID = h.id(), "tab-1"
	if ev.UserID == "" {
		ev.UserID = "amy"
	}
	if ev.RecordedAt.IsZero() {
		ev.RecordedAt = ev.OccurredAt
	}
	h.events = append(h.events, ev)
	return ev
}

// dose records a regular dose of entry due at due (its wall time) as given
// at occurred unless o says otherwise.
func (h *history) dose(residentID, entryID, due, occurred string, o mar.Outcome) mar.Event {
	return h.add(mar.Event{Kind: mar.KindAdministration, ResidentID: residentID, EntryID: entryID,
		EntryVersion: 1, SlotDue: wall(due), OccurredAt: wall(occurred), Outcome: o, Quantity: 1})
}

// last is the event added last, for a case to finish.
func (h *history) last() *mar.Event { return &h.events[len(h.events)-1] }

func (h *history) correct(target mar.Event, user, at string) mar.Event {
	return h.add(mar.Event{Kind: mar.KindCorrection, ResidentID: target.ResidentID, UserID: user,
		OccurredAt: wall(at), Corrects: target.ID, Note: "entered in error"})
}

// fortnightDoses are the regular doses due, as entry and wall-clock due
// time with its offset: the clock change is at 02:00 BST on 25 October.
func fortnightDoses() [][3]string {
	var out [][3]string
	for d := 19; d <= 32; d++ {
		day, offset := fmt.Sprintf("2026-10-%02d", d), "+01:00"
		if d >= 25 {
			offset = "+00:00"
		}
		if d > 31 {
			day = fmt.Sprintf("2026-11-%02d", d-31)
		}
		for _, s := range []struct{ res, entry, at string }{
			{resident, levodopa, "06:00"}, {resident, morningMed, "08:00"}, {arthur, metformin, "08:00"},
			{resident, levodopa, "14:00"}, {arthur, metformin, "17:00"}, {resident, nightMed, "21:00"},
		} {
			out = append(out, [3]string{s.res, s.entry, day + " " + s.at + " " + offset})
		}
	}
	return out
}

// fortnightEvents is the whole history: the doses given as usual and the
// exceptions.
func fortnightEvents() []mar.Event {
	h := &history{}
	except := fortnightExceptions(h)
	for _, d := range fortnightDoses() {
		key := d[1] + " " + d[2]
		if _, ok := except[key]; ok {
			continue
		}
		h.dose(d[0], d[1], d[2], wall(d[2]).Add(5*time.Minute).Format("2006-01-02 15:04 -07:00"), mar.OutcomeGiven)
	}
	return h.events
}

// fortnightExceptions records every dose that was not given as usual, and
// the other events of the fortnight, returning the doses it took care of
// (entry and due time) so the usual record is not added for them.
func fortnightExceptions(h *history) map[string]bool {
	done := map[string]bool{}
	slot := func(entryID, due string) { done[entryID+" "+due] = true }
	fortnightMary(h, slot)
	fortnightArthur(h, slot)
	fortnightPRN(h)
	return done
}

func fortnightMary(h *history, slot func(entry, due string)) {
	fortnightMaryNotGiven(h, slot)
	fortnightMaryLate(h, slot)
	fortnightMaryCorrected(h, slot)
}

// fortnightMaryNotGiven: doses missed, not given and refused.
func fortnightMaryNotGiven(h *history, slot func(entry, due string)) {
	// Nothing recorded: missed. The missed amlodipine is followed up.
	slot(morningMed, "2026-10-21 08:00 +01:00")
	slot(levodopa, "2026-10-22 14:00 +01:00")
	h.add(mar.Event{Kind: mar.KindReview, ResidentID: resident, UserID: "meg", EntryID: morningMed,
		SlotDue: wall("2026-10-21 08:00 +01:00"), OccurredAt: wall("2026-10-22 09:00 +01:00"), Note: "GP informed"})

	// Not given and refused.
	slot(morningMed, "2026-10-22 08:00 +01:00")
	h.dose(resident, morningMed, "2026-10-22 08:00 +01:00", "2026-10-22 08:10 +01:00", mar.OutcomeNotGiven)
	h.last().Reason, h.last().Quantity = mar.ReasonAsleep, 0
	slot(levodopa, "2026-10-23 06:00 +01:00")
	h.dose(resident, levodopa, "2026-10-23 06:00 +01:00", "2026-10-23 06:05 +01:00", mar.OutcomeNotGiven)
	h.last().Reason, h.last().Quantity = mar.ReasonOutOfStock, 0
	slot(nightMed, "2026-10-19 21:00 +01:00")
	h.dose(resident, nightMed, "2026-10-19 21:00 +01:00", "2026-10-19 21:05 +01:00", mar.OutcomeRefused)
	h.last().Quantity = 0

}

// fortnightMaryLate: doses given late over a warning, across the clock
// change, and chosen by hand.
func fortnightMaryLate(h *history, slot func(entry, due string)) {
	// The clock change: zopiclone due 21:00 BST on Saturday given at 01:30
	// GMT, in the repeated hour: 5 h 30 min after it was due, not 4 h 30.
	slot(nightMed, "2026-10-24 21:00 +01:00")
	h.dose(resident, nightMed, "2026-10-24 21:00 +01:00", "2026-10-25 01:30 +00:00", mar.OutcomeGiven)
	overrode(h, "woke after midnight and asked for it", "LATE")
	// Co-careldopa at 06:10 GMT on the 25-hour day is on time.
	slot(levodopa, "2026-10-25 06:00 +00:00")
	h.dose(resident, levodopa, "2026-10-25 06:00 +00:00", "2026-10-25 06:10 +00:00", mar.OutcomeGiven)

	// Time-critical dose given 40 minutes late, over the warning.
	slot(levodopa, "2026-10-26 14:00 +00:00")
	h.dose(resident, levodopa, "2026-10-26 14:00 +00:00", "2026-10-26 14:40 +00:00", mar.OutcomeGiven)
	overrode(h, "at a hospital appointment until 14:30", "LATE", "TIME_CRITICAL")

	// Chosen by hand: the barcode was damaged.
	slot(morningMed, "2026-10-26 08:00 +00:00")
	h.dose(resident, morningMed, "2026-10-26 08:00 +00:00", "2026-10-26 08:05 +00:00", mar.OutcomeGiven)
	h.last().Unscanned, h.last().UserID = mar.UnscannedDamaged, "ben"

}

// fortnightMaryCorrected: corrections, late entries and a stopped scan.
func fortnightMaryCorrected(h *history, slot func(entry, due string)) {
	// A correction of a correction: given late (90 minutes) over the
	// warning, marked entered in error by sam, and that mark corrected by
	// meg, because the dose was given. The dose stands.
	slot(morningMed, "2026-10-27 08:00 +00:00")
	restored := h.dose(resident, morningMed, "2026-10-27 08:00 +00:00", "2026-10-27 09:30 +00:00", mar.OutcomeGiven)
	overrode(h, "GP asked to wait for the blood test", "LATE")
	wrong := h.correct(restored, "sam", "2026-10-27 11:00 +00:00")
	h.correct(wrong, "meg", "2026-10-27 11:30 +00:00")

	// A plain correction: the zopiclone recorded was given to someone
	// else, so Mary's dose is missed.
	slot(nightMed, "2026-10-28 21:00 +00:00")
	mistaken := h.dose(resident, nightMed, "2026-10-28 21:00 +00:00", "2026-10-28 21:05 +00:00", mar.OutcomeGiven)
	h.correct(mistaken, "sam", "2026-10-28 22:00 +00:00")

	// Late entries: a dose given on time and entered the next morning; a
	// refusal at breakfast entered at 15:00 against the 08:00 dose.
	slot(nightMed, "2026-10-29 21:00 +00:00")
	h.dose(resident, nightMed, "2026-10-29 21:00 +00:00", "2026-10-29 21:10 +00:00", mar.OutcomeGiven)
	h.last().RecordedAt = wall("2026-10-30 08:40 +00:00")
	slot(morningMed, "2026-10-30 08:00 +00:00")
	h.dose(resident, morningMed, "2026-10-30 08:00 +00:00", "2026-10-30 15:00 +00:00", mar.OutcomeRefused)
	h.last().Quantity = 0

	// A stopped scan: Arthur's metformin scanned for Mary.
	h.add(mar.Event{Kind: mar.KindStoppedScan, ResidentID: resident, OccurredAt: wall("2026-10-27 07:58 +00:00"),
		GTIN: "05000000000017", Verdict: mar.LevelStop, ReasonCodes: []string{"NOT_ON_CHART"}})
}

// overrode marks the last dose recorded as given over a warning, as the
// app records it: the warning's codes and the reason typed.
func overrode(h *history, reason string, codes ...string) {
	last := h.last()
	last.Verdict, last.ReasonCodes, last.OverrideReason = mar.LevelWarn, codes, reason
}

func fortnightArthur(h *history, slot func(entry, due string)) {
	h.add(mar.Event{Kind: mar.KindStatusChange, ResidentID: arthur, UserID: "sam",
		OccurredAt: wall("2026-10-21 10:30 +01:00"), Status: mar.StatusHospital})
	h.add(mar.Event{Kind: mar.KindStatusChange, ResidentID: arthur, UserID: "sam",
		OccurredAt: wall("2026-10-24 15:00 +01:00"), Status: mar.StatusPresent})
	for _, due := range []string{"2026-10-21 17:00", "2026-10-22 08:00", "2026-10-22 17:00",
		"2026-10-23 08:00", "2026-10-23 17:00", "2026-10-24 08:00"} {
		slot(metformin, due+" +01:00") // away: nothing recorded...
	}
	// ...but one dose recorded as not given, in hospital.
	h.dose(arthur, metformin, "2026-10-22 08:00 +01:00", "2026-10-22 08:15 +01:00", mar.OutcomeNotGiven)
	h.last().Reason, h.last().Quantity, h.last().UserID = mar.ReasonInHospital, 0, "sam"
	// Back at 15:00, before the teatime window opened: the dose is due.
	slot(metformin, "2026-10-24 17:00 +01:00")
	// Recorded on Arthur's chart by mistake, and corrected nine days later:
	// his first morning dose of the fortnight is missed.
	slot(metformin, "2026-10-19 08:00 +01:00")
	mistaken := h.dose(arthur, metformin, "2026-10-19 08:00 +01:00", "2026-10-19 08:05 +01:00", mar.OutcomeGiven)
	h.correct(mistaken, "sam", "2026-10-28 10:00 +00:00")
}

// fortnightPRN: four doses of two paracetamol tablets on Tuesday 20
// October (4 g), then 10 mL of suspension at 02:00 (500 mg more: 4.5 g in
// 24 hours, over the 4 g maximum though each line is within its own); two
// doses of tablets either side of the clock change; one dose entered in
// error and corrected.
func fortnightPRN(h *history) {
	prn := func(entryID, at string, qty float64) mar.Event {
		return h.add(mar.Event{Kind: mar.KindAdministration, ResidentID: resident, EntryID: entryID,
			EntryVersion: 1, OccurredAt: wall(at), Outcome: mar.OutcomeGiven, Quantity: qty, PRNReason: "pain"})
	}
	effect := func(dose mar.Event, at string, worked bool) {
		h.add(mar.Event{Kind: mar.KindPRNEffect, ResidentID: resident, OccurredAt: wall(at), About: dose.ID,
			Effective: &worked})
	}
	first := prn(paraTablets, "2026-10-20 10:00 +01:00", 2)
	effect(first, "2026-10-20 11:00 +01:00", true)
	second := prn(paraTablets, "2026-10-20 14:30 +01:00", 2)
	effect(second, "2026-10-20 15:30 +01:00", false)
	prn(paraTablets, "2026-10-20 19:00 +01:00", 2)
	prn(paraTablets, "2026-10-20 23:30 +01:00", 2)
	prn(paraLiquid, "2026-10-21 02:00 +01:00", 10)
	prn(paraTablets, "2026-10-25 00:30 +01:00", 2)
	prn(paraTablets, "2026-10-25 05:00 +00:00", 2)
	mistaken := prn(paraTablets, "2026-10-28 12:00 +00:00", 2)
	h.correct(mistaken, "sam", "2026-10-28 12:20 +00:00")
}

package demo

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/ledger"
	"medround/internal/mar"
)

// The pharmacy supplies the home in a 28-day cycle, as most homes' MAR
// charts run. The current cycle began cycleAge days before the demo is
// built, so a fresh demo has stock part used and the next delivery ahead.
// A delivery tops each medicine up to last until the next cycle day and
// spareDays more (a late delivery, a dose given again after one was
// dropped), as a home orders against what it carries forward.
const (
	cycleDays = 28
	cycleAge  = 12
	spareDays = 3
	pharmacy  = "Riverside Pharmacy"
	// prnPerDay sizes a when-needed medicine's supply: the demo gives one
	// at most every 20 hours.
	prnPerDay = 1.5
	// shortSupply is the first resident's medicine the pharmacy part
	// supplied in the current cycle, so the stock list has one to order.
	shortSupply = "senna-7.5"
)

// Stock records are dated half a minute past the minute: doses are
// recorded to the minute, so none shares a count's or a delivery's time
// and the register reads them in the order they happened.
const markOffset = 30 * time.Second

// supply is how one medicine on a resident's chart is supplied.
type supply struct {
	entry   mar.ChartEntry
	product mar.Product
	use     float64   // a day's use, which deliveries are sized by
	pack    float64   // supplied in whole packs of this many; 1 for the exact number
	cd      bool      // kept in the controlled drugs register
	first   time.Time // its first receipt
	course  bool      // a course started during the history: supplied whole
}

// mark is a moment stock is received or counted; do makes its records
// from the registers as they stand just before it.
type mark struct {
	at time.Time
	do func(regs map[string]*ledger.Register) []mar.Event
}

// stock records the resident's stock movements over the history: what was
// carried forward into its first day, each cycle's delivery, a course's
// interim supply, and the controlled drugs counted every Sunday evening.
// The registers are worked out by internal/ledger as the history is
// walked in time order, each step from the checkpoint of the one before,
// so a year of history is read once and every count finds what the
// register holds.
func (h *historian) stock(entries []mar.ChartEntry, from time.Time) {
	sups := h.supplies(entries, from)
	if len(sups) == 0 {
		return
	}
	h.dropOne(sups)
	entryProduct := map[string]string{}
	for _, e := range entries {
		entryProduct[e.ID] = e.ProductID
	}
	slices.SortStableFunc(h.events, func(a, b mar.Event) int { return a.OccurredAt.Compare(b.OccurredAt) })
	var (
		cp             *ledger.Checkpoint
		added, pending []mar.Event
		i              int
	)
	packs := map[string]mar.Event{} // the latest receipt of each product
	for _, m := range h.marks(sups, from) {
		j := i
		for ; j < len(h.events) && h.events[j].OccurredAt.Before(m.at); j++ {
			fromPack(&h.events[j], packs, entryProduct)
		}
		regs := ledger.BuildFrom(cp, append(pending, h.events[i:j]...), entryProduct)
		next := ledger.NewCheckpoint(h.resident.ID, regs, m.at, "")
		cp, pending, i = &next, m.do(regs), j
		for _, e := range pending {
			if e.Kind == mar.KindReceipt {
				packs[e.ProductID] = e
			}
		}
		added = append(added, pending...)
	}
	for ; i < len(h.events); i++ {
		fromPack(&h.events[i], packs, entryProduct)
	}
	h.events = append(h.events, added...)
}

// fromPack gives a dose the batch and expiry of the latest delivery of
// its medicine, the pack it was given from.
func fromPack(e *mar.Event, packs map[string]mar.Event, entryProduct map[string]string) {
	if r, ok := packs[entryProduct[e.EntryID]]; ok && e.GTIN != "" {
		e.Batch, e.Expiry = r.Batch, r.Expiry
	}
}

// supplies are the resident's medicines in force, one per product.
func (h *historian) supplies(entries []mar.ChartEntry, from time.Time) []supply {
	var out []supply
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e.ProductID] || e.Status != mar.EntryActive {
			continue
		}
		seen[e.ProductID] = true
		p := h.products[e.ProductID]
		s := supply{entry: e, product: p, pack: 1, cd: ledger.KeepsRegister(h.home, p), first: from.Add(-time.Hour)}
		if use, ok := ledger.DailyUse(e); ok {
			s.use = use
		} else {
			s.use = prnPerDay * e.Dose.Value
		}
		switch {
		case e.Dose.Unit == "mL":
			s.pack = 500 // bottles
		case e.Dose.Unit == "patch":
			s.pack = 4
		case e.PRN:
			s.pack = 28 // a when-needed medicine comes in its original pack
		}
		if e.Start.After(from) {
			s.first, s.course = e.Start.Add(-time.Hour), true
		}
		out = append(out, s)
	}
	return out
}

// marks are the history's deliveries and counts, in time order.
func (h *historian) marks(sups []supply, from time.Time) []mark {
	var out []mark
	for _, s := range sups {
		if !s.first.Before(h.now) {
			continue
		}
		out = append(out, mark{at: s.first, do: h.receiveFirst(s)})
		// Two staff count a controlled drug carried forward as its register
		// begins, so a fresh demo's registers are not overdue a count.
		if at := s.first.Add(5*time.Minute + markOffset); s.cd && !s.course && at.Before(h.now) {
			out = append(out, mark{at: at, do: h.count([]supply{s}, at, "count of the stock carried forward")})
		}
	}
	for k := 0; h.cycleDay(k).After(from); k-- {
		out = append(out, mark{at: h.cycleDay(k), do: h.delivery(sups, h.cycleDay(k))})
	}
	if slices.ContainsFunc(sups, func(s supply) bool { return s.cd }) {
		for t := firstSunday(from); t.Before(h.now); t = t.AddDate(0, 0, 7) {
			out = append(out, mark{at: t, do: h.count(sups, t, "weekly count")})
		}
	}
	out = append(out, h.spotCheck(sups, from)...)
	slices.SortStableFunc(out, func(a, b mark) int { return a.at.Compare(b.at) })
	return out
}

// cycleDay is 07:00 on the k-th cycle day from the current cycle's (k 0;
// earlier cycles are negative).
func (h *historian) cycleDay(k int) time.Time {
	y, m, d := h.now.In(h.loc).Date()
	return time.Date(y, m, d-cycleAge+k*cycleDays, 7, 0, 0, 0, h.loc).Add(markOffset)
}

// nextCycle is the first cycle day after t.
func (h *historian) nextCycle(t time.Time) time.Time {
	k := 1
	for h.cycleDay(k - 1).After(t) {
		k--
	}
	for !h.cycleDay(k).After(t) {
		k++
	}
	return h.cycleDay(k)
}

func (h *historian) receiveFirst(s supply) func(map[string]*ledger.Register) []mar.Event {
	return func(map[string]*ledger.Register) []mar.Event {
		from := "carried forward"
		if s.course {
			from = pharmacy + " (interim supply)"
		}
		return h.receive(s, s.first, 0, from)
	}
}

func (h *historian) delivery(sups []supply, at time.Time) func(map[string]*ledger.Register) []mar.Event {
	return func(regs map[string]*ledger.Register) []mar.Event {
		var out []mar.Event
		for _, s := range sups {
			if !s.first.Before(at) || (!s.entry.End.IsZero() && !s.entry.End.After(at)) {
				continue
			}
			var held float64
			if r := regs[s.product.ID]; r != nil {
				held = r.Balance
			}
			out = append(out, h.receive(s, at, held, pharmacy)...)
		}
		return out
	}
}

// receive records the delivery that tops a medicine up from held to what
// lasts until the next cycle day with spare: a course whole, and the
// first resident's short supply only to a few days past the demo's now.
func (h *historian) receive(s supply, at time.Time, held float64, from string) []mar.Event {
	days := h.nextCycle(at).Sub(at).Hours()/24 + spareDays
	switch {
	case s.course:
		days = s.entry.End.Sub(at).Hours() / 24
	case h.n == 0 && s.product.ID == shortSupply && !h.nextCycle(at).Before(h.now):
		days = h.now.Sub(at).Hours()/24 + spareDays
		if from == pharmacy {
			from += " (part supply: the rest to follow)"
		}
	}
	q := math.Ceil((s.use*days-held)/s.pack) * s.pack
	if q <= 0 {
		return nil
	}
	ev := h.stockEvent(mar.KindReceipt, s, at, q, from)
	if len(s.product.GTINs) > 0 {
		ev.GTIN, ev.Batch, ev.Expiry = s.product.GTINs[0], batchOf(s.product.ID, at), at.AddDate(0, 18, 0).Format(time.DateOnly)
	}
	return []mar.Event{ev}
}

// batchOf is a delivery's batch number: the medicine's initials and the
// month it was delivered, as "MST2611".
func batchOf(productID string, at time.Time) string {
	name, _, _ := strings.Cut(productID, "-")
	return strings.ToUpper(name[:min(3, len(name))]) + at.Format("0601")
}

// stockEvent is a stock record of the resident's medicine. Its ID comes
// from the build time, resident, product and time, not from the
// history's random streams: the demo's doses stay as they were.
func (h *historian) stockEvent(kind mar.EventKind, s supply, at time.Time, q float64, note string) mar.Event {
	name := fmt.Sprintf("%s/%d/%s/%s/%d", kind, h.now.UnixNano(), h.resident.ID, s.product.ID, at.UnixNano())
	ev := mar.Event{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(name)), Kind: kind, DeviceID: h.device,
		UserID: "amy", ResidentID: h.resident.ID, EntryID: s.entry.ID, ProductID: s.product.ID,
		Quantity: q, Note: note}
	setAt(&ev, at)
	if s.cd {
		witness(&ev)
	}
	return ev
}

// count has Amy and Sam count each controlled drug among sups and find
// what the register holds: every Sunday evening, as homes do at least
// weekly.
func (h *historian) count(sups []supply, at time.Time, note string) func(map[string]*ledger.Register) []mar.Event {
	return func(regs map[string]*ledger.Register) []mar.Event {
		var out []mar.Event
		for _, s := range sups {
			if r := regs[s.product.ID]; s.cd && r != nil {
				// Never a negative count: a register gone below zero
				// is a discrepancy for the demo's tests to find.
				out = append(out, h.stockEvent(mar.KindStockCount, s, at, max(r.Balance, 0), note))
			}
		}
		return out
	}
}

// firstSunday is 20:30 on the first Sunday not before t.
func firstSunday(t time.Time) time.Time {
	y, m, day := t.Date()
	s := time.Date(y, m, day+(7-int(t.Weekday()))%7, 20, 30, 0, 0, t.Location()).Add(markOffset)
	if s.Before(t) {
		s = s.AddDate(0, 0, 7)
	}
	return s
}

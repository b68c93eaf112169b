// Package ledger is the controlled drugs register and the medicine stock
// book: every receipt, dose, return, destruction, waste and count of a
// resident's medicine, with the running balance after each, worked out from
// the append-only event log every time it is read. A balance is never
// stored, so it can never drift from the records it sums. Counts that
// differ from the register, doses the register could not cover, and a
// register going below zero are discrepancies that stay open until a
// manager records what was done.
//
// The package is pure: callers read the events (internal/round) and hand
// them in.
package ledger

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/mar"
)

// Movement is what an entry of the register did to the stock.
type Movement uint8

// Movements. Not persisted: they are read from the event kinds.
const (
	Receipt   Movement = iota + 1 // received from the pharmacy or carried forward
	Given                         // a dose given
	Wasted                        // a dose dropped or spoilt, not given
	Returned                      // returned to the pharmacy
	Destroyed                     // destroyed in the home, witnessed
	Counted                       // two staff counted the stock
)

var movementWords = map[Movement]string{Receipt: "receipt", Given: "given", Wasted: "dropped",
	Returned: "returned", Destroyed: "destroyed", Counted: "count"}

// String names the movement as the register shows it.
func (m Movement) String() string {
	if w, ok := movementWords[m]; ok {
		return w
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (m Movement) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// Entry is one line of a register.
type Entry struct {
	// Event is the record itself, shared with the caller's slice.
	Event    *mar.Event `json:"event"`
	Movement Movement   `json:"movement"`
	// Change is what the entry did to the balance: + for a receipt, - for
	// a dose, return or destruction, found minus expected for a count. It
	// is 0 for an entry a correction voids.
	Change float64 `json:"change"`
	// Balance is the running balance after the entry.
	Balance float64 `json:"balance"`
	// CorrectedBy is the correction that voids this entry: it is shown
	// with the original, as a paper register shows a crossed entry.
	CorrectedBy *mar.Event `json:"correctedBy,omitempty"`
}

// Why a discrepancy was raised.
const (
	CountDiffers = "count-differs" // two staff counted other than the register held
	NotCovered   = "not-covered"   // a dose was given that the register could not cover
	// BelowZero: a movement took the register below zero while no
	// shortfall of it (below-zero or not-covered) was open. Further
	// movements below zero raise no more until a manager closes it: each
	// is in the running balance, and one open shortfall says what a
	// hundred would.
	BelowZero    = "below-zero"
	codeLowStock = check.CDBalanceLow // recorded on a dose the register could not cover
)

// Discrepancy is a difference the register cannot explain, open until a
// manager records what was done (a review event naming it in About).
type Discrepancy struct {
	EventID  uuid.UUID  `json:"eventId"`
	At       time.Time  `json:"at"`
	Why      string     `json:"why"`
	Expected float64    `json:"expected"` // what the register held before it
	Found    float64    `json:"found"`    // what was counted, or the balance after the dose
	Resolved *mar.Event `json:"resolved,omitempty"`
}

// Open reports whether no manager has yet recorded what was done.
func (d Discrepancy) Open() bool { return d.Resolved == nil }

// Register is a resident's register for one product.
type Register struct {
	ResidentID string `json:"residentId"`
	ProductID  string `json:"productId"`
	// From is zero when Entries begin at the register's first receipt or
	// count. Worked out from a checkpoint (BuildFrom), Entries begin at
	// the checkpoint's time From with Carried brought forward, as a new
	// page of a paper register begins with the balance carried over.
	From    time.Time `json:"from,omitzero"`
	Carried float64   `json:"carried,omitempty"`
	Entries []Entry   `json:"entries"`
	// Balance is what the register holds now.
	Balance float64 `json:"balance"`
	// LastCount is the latest count that stands among Entries; nil when
	// none was made since From. LastCountAt is when it was made, or when
	// the last count before From was.
	LastCount     *Entry        `json:"lastCount,omitempty"`
	LastCountAt   time.Time     `json:"lastCountAt,omitzero"`
	Discrepancies []Discrepancy `json:"discrepancies"`
}

// OpenDiscrepancies returns the discrepancies no manager has closed.
func (r *Register) OpenDiscrepancies() []Discrepancy {
	var out []Discrepancy
	for _, d := range r.Discrepancies {
		if d.Open() {
			out = append(out, d)
		}
	}
	return out
}

// CountOverdue reports whether the last count is older than every, or
// none was ever made; every 0 means the home sets no interval.
func (r *Register) CountOverdue(now time.Time, every time.Duration) bool {
	if every <= 0 || (len(r.Entries) == 0 && r.From.IsZero()) {
		return false
	}
	return r.LastCountAt.IsZero() || now.Sub(r.LastCountAt) > every
}

// eps absorbs float rounding in sums of halves and quarters of tablets.
const eps = 1e-9

// Build works out every register of a resident from their events, oldest
// first (corrections and reviews included), keyed by product ID. A dose
// recorded before the product carried its product ID is placed by its
// chart entry: entryProduct maps entry ID to product ID. A register starts
// at its first receipt or count; doses before it are not in it (the home
// had not started keeping it), but a dose recorded as one the register
// could not cover is a discrepancy wherever it falls.
func Build(events []mar.Event, entryProduct map[string]string) map[string]*Register {
	return BuildFrom(nil, events, entryProduct)
}

// BuildFrom works out a resident's registers as Build does, from a
// checkpoint (nil: from nothing) and the events from its time on. A
// correction among them of a record before the checkpoint cannot be
// applied to it: the caller checks ReachesBack and builds from the whole
// record instead.
func BuildFrom(cp *Checkpoint, events []mar.Event, entryProduct map[string]string) map[string]*Register {
	if !slices.IsSortedFunc(events, byTime) {
		events = slices.Clone(events)
		slices.SortStableFunc(events, byTime)
	}
	st := mar.NewStanding(events)
	regs, disc := cp.seed()
	fu := followUps{disc: disc, early: map[uuid.UUID]*mar.Event{}}
	for i := range events {
		e := &events[i]
		if e.Kind == mar.KindReview && st.Stands(e.ID) {
			fu.review(e)
			continue
		}
		m, ok := movementOf(e)
		if !ok {
			continue
		}
		pid := productOf(e, entryProduct)
		if pid == "" {
			continue
		}
		r := regs[pid]
		if r == nil {
			// A register starts at its first receipt or count; a dose the
			// register could not cover opens one so its discrepancy shows.
			low := m == Given && st.Stands(e.ID) && slices.Contains(e.ReasonCodes, string(codeLowStock))
			if m != Receipt && m != Counted && !low {
				continue
			}
			r = &Register{ResidentID: e.ResidentID, ProductID: pid}
			regs[pid] = r
		}
		if r.add(e, m, st.CorrectedBy(e.ID)) {
			fu.raised(e.ID, r)
		}
	}
	for _, r := range regs {
		r.findLastCount()
	}
	return regs
}

func byTime(a, b mar.Event) int { return a.OccurredAt.Compare(b.OccurredAt) }

// add appends one entry and reports whether it raised a discrepancy.
func (r *Register) add(e *mar.Event, m Movement, corrected *mar.Event) bool {
	before := r.Balance
	en := Entry{Event: e, Movement: m, CorrectedBy: corrected}
	if corrected == nil {
		switch m {
		case Receipt:
			en.Change = e.Quantity
		case Counted:
			en.Change = e.Quantity - before
		default:
			en.Change = -e.Quantity
		}
	}
	r.Balance = clean(before + en.Change)
	en.Balance = r.Balance
	r.Entries = append(r.Entries, en)
	if corrected != nil {
		return false
	}
	d := Discrepancy{EventID: e.ID, At: e.OccurredAt, Expected: before, Found: r.Balance}
	switch {
	case m == Counted && math.Abs(en.Change) > eps:
		d.Why = CountDiffers
	case m == Given && slices.Contains(e.ReasonCodes, string(codeLowStock)):
		// Each such dose is its own discrepancy, open shortfall or not: a
		// care worker was warned at the bedside and gave a reason, and the
		// manager reads every reason.
		d.Why = NotCovered
	case r.Balance < -eps && !r.shortOpen():
		d.Why = BelowZero
	default:
		return false
	}
	r.Discrepancies = append(r.Discrepancies, d)
	return true
}

func (r *Register) findLastCount() {
	for i := len(r.Entries) - 1; i >= 0; i-- {
		if en := &r.Entries[i]; en.Movement == Counted && en.CorrectedBy == nil {
			r.LastCount, r.LastCountAt = en, en.Event.OccurredAt
			return
		}
	}
}

// shortOpen reports whether a shortfall (below zero, or a dose not
// covered) is open: a manager has yet to say what was done about it.
func (r *Register) shortOpen() bool {
	for i := len(r.Discrepancies) - 1; i >= 0; i-- {
		if d := r.Discrepancies[i]; d.Open() && (d.Why == BelowZero || d.Why == NotCovered) {
			return true
		}
	}
	return false
}

// clean rounds away float dust (0.1+0.2) so a balance reads as counted.
func clean(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// followUps closes discrepancies by the standing reviews that name them,
// as the records are read in time order: a register then knows at each
// entry whether its shortfall is still open. A review read before the
// record it names (two tablets' clocks apart) closes it once it is raised.
type followUps struct {
	disc  map[uuid.UUID]*Register  // open discrepancies by the record that raised them
	early map[uuid.UUID]*mar.Event // reviews read before the record they name
}

func (f *followUps) review(e *mar.Event) {
	if r, ok := f.disc[e.About]; ok {
		r.close(e.About, e)
		return
	}
	if _, ok := f.early[e.About]; !ok {
		f.early[e.About] = e
	}
}

func (f *followUps) raised(id uuid.UUID, r *Register) {
	f.disc[id] = r
	if e, ok := f.early[id]; ok {
		r.close(id, e)
	}
}

// close records the first review of the discrepancy raised by id.
func (r *Register) close(id uuid.UUID, review *mar.Event) {
	for j := range r.Discrepancies {
		if d := &r.Discrepancies[j]; d.EventID == id && d.Resolved == nil {
			d.Resolved = review
		}
	}
}

// movementOf says what an event does to stock, if anything. A dose not
// given moves stock only when it was dropped or spoilt: a refused tablet
// goes back in the pack.
func movementOf(e *mar.Event) (Movement, bool) {
	switch e.Kind {
	case mar.KindReceipt:
		return Receipt, true
	case mar.KindStockReturn:
		return Returned, true
	case mar.KindDestruction:
		return Destroyed, true
	case mar.KindStockCount:
		return Counted, true
	case mar.KindAdministration:
		switch {
		case e.Outcome == mar.OutcomeGiven:
			return Given, true
		case e.Outcome == mar.OutcomeNotGiven && e.Reason == mar.ReasonDropped && e.Quantity > 0:
			return Wasted, true
		}
	}
	return 0, false
}

func productOf(e *mar.Event, entryProduct map[string]string) string {
	if e.ProductID != "" {
		return e.ProductID
	}
	return entryProduct[e.EntryID]
}

// KeepsRegister reports whether the home keeps a controlled drugs register
// for a product: schedule 2 always, as the Misuse of Drugs Regulations
// require, and the other schedules the home chose (3 unless it said
// otherwise; 4 or 5 where it chose to).
func KeepsRegister(h mar.Home, p mar.Product) bool {
	return p.CDSchedule > 0 && slices.Contains(h.RegisterSchedules(), p.CDSchedule)
}

// Recalls returns the batches recalled and not lifted, from the home's
// events. A recall is lifted by a manager's standing lift
// (KindRecallLifted) that names it, or names a recall of its batch
// recorded after it (the lift of the latest alert covers the ones it
// superseded); it is voided by a standing correction (entered in error).
// A recall of the batch recorded after the named one, or at the same
// time, stays in force, even when it reached the home before the lift (a
// tablet offline, or its clock slow): the manager lifted what they saw.
// A lift names its recall because both may carry the same minute.
// Batches are told apart as the check tells them (case and spaces aside);
// the latest recall of a batch says what to do.
func Recalls(events []mar.Event) []check.Recall {
	st := mar.NewStanding(events)
	recalls := map[uuid.UUID]mar.Event{}
	for _, e := range events {
		if e.Kind == mar.KindRecall && st.Stands(e.ID) {
			recalls[e.ID] = e
		}
	}
	lifted := map[uuid.UUID]bool{} // recalls a lift names
	upTo := map[string]time.Time{} // by batch: the latest recall a lift names
	for _, e := range events {
		named, ok := recalls[e.About]
		if e.Kind != mar.KindRecallLifted || !st.Stands(e.ID) || !ok {
			continue
		}
		lifted[named.ID] = true
		if k := RecallKey(named.GTIN, named.Batch); named.OccurredAt.After(upTo[k]) {
			upTo[k] = named.OccurredAt
		}
	}
	var out []check.Recall
	at := map[string]int{}
	for _, e := range events {
		k := RecallKey(e.GTIN, e.Batch)
		_, standing := recalls[e.ID]
		if !standing || lifted[e.ID] || e.OccurredAt.Before(upTo[k]) {
			continue
		}
		r := check.Recall{GTIN: e.GTIN, Batch: strings.TrimSpace(e.Batch), Action: e.Note, EventID: e.ID}
		if i, ok := at[k]; ok {
			out[i] = r
			continue
		}
		at[k] = len(out)
		out = append(out, r)
	}
	return out
}

// RecallKey is how a recall's batch is matched: by GTIN and batch, case
// and surrounding spaces aside, as the check matches a scanned batch.
func RecallKey(gtin, batch string) string {
	return gtin + "\x00" + strings.ToUpper(strings.TrimSpace(batch))
}

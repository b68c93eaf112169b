package check

import (
	"math"
	"strings"

	"github.com/google/uuid"
)

// Recall is a batch a manager has marked recalled, with what to do with
// the packs (from the supplier's notice).
type Recall struct {
	GTIN   string `json:"gtin"`
	Batch  string `json:"batch"`
	Action string `json:"action"`
	// EventID is the recall's record, which a lift names.
	EventID uuid.UUID `json:"eventId,omitzero"`
}

// checkRecall controls giving a recalled medicine. A pack of a recalled
// batch stops, naming what to do. A pack whose batch is not known — a scan
// that carries none (a plain GTIN), or a medicine chosen by hand without a
// scan — cannot be told apart from the recalled packs of its GTIN, so it
// warns, naming every recalled batch to look for: the rule cannot decide,
// so it never passes.
func (c *checker) checkRecall() {
	p := c.in.Pack
	if p == nil {
		return // checkRecallUnscanned, once the entry is known
	}
	var unknown []Recall
	for _, r := range c.in.Recalls {
		if r.GTIN != p.GTIN {
			continue
		}
		batch := strings.TrimSpace(p.Batch)
		switch {
		case batch == "":
			unknown = append(unknown, r)
		case strings.EqualFold(batch, r.Batch):
			c.v.add(newReason(Recalled,
				"Do not give. Batch %s of this medicine has been recalled: %s. Use a pack from another batch, or ask the pharmacy for one.",
				r.Batch, actionOr(r.Action)))
			return
		}
	}
	c.recallUnchecked(unknown, "this scan does not show the batch")
}

// checkRecallUnscanned warns of recalls of a medicine chosen by hand: its
// pack was not scanned, so its batch is not known.
func (c *checker) checkRecallUnscanned() {
	if c.in.Pack != nil || c.v.Product == nil {
		return
	}
	var unknown []Recall
	for _, r := range c.in.Recalls {
		if c.v.Product.HasGTIN(r.GTIN) {
			unknown = append(unknown, r)
		}
	}
	c.recallUnchecked(unknown, "the pack was not scanned")
}

// recallUnchecked names every recalled batch a pack of unknown batch could
// be: naming only one would let a care worker give another.
func (c *checker) recallUnchecked(rs []Recall, why string) {
	if len(rs) == 0 {
		return
	}
	var batches, actions []string
	for _, r := range rs {
		batches = append(batches, r.Batch)
		actions = append(actions, r.Batch+": "+actionOr(r.Action))
	}
	c.v.add(newReason(RecallUnchecked,
		"Batch %s of this medicine has been recalled, and %s. Read the batch number on the pack: if it is %s, do not give it (%s).",
		strings.Join(batches, ", "), why, strings.Join(batches, " or "), strings.Join(actions, "; ")))
}

func actionOr(a string) string {
	if a = strings.TrimSpace(a); a != "" {
		return a
	}
	return "set the pack aside and tell the manager"
}

// checkRegister shows the controlled drugs register balance before and
// after the dose, and controls giving what the register cannot account
// for: a dose larger than the balance is a warning that needs a reason
// (the tablets in hand may be real and the register wrong, or the
// register right and a pack missing), and the dose recorded with it raises
// a discrepancy for the manager. Never silently a negative balance. The
// products that keep a register are those of CDBalances: the home chooses
// (schedule 2 always, 3 and 4 by its settings), and the caller knows it.
func (c *checker) checkRegister() {
	p := c.v.Product
	if p == nil {
		return
	}
	bal, kept := c.in.CDBalances[p.ID]
	if !kept {
		return
	}
	e := c.v.Entry
	q := c.in.Quantity
	if q == 0 {
		q = e.Dose.Value
	}
	if q <= 0 || math.IsNaN(q) || math.IsInf(q, 0) {
		return // checkDose says the amount cannot be read
	}
	unit := unitOr(e.Dose.Unit, "doses")
	if bal+1e-9 < q {
		c.v.add(newReason(CDBalanceLow,
			"The controlled drugs register holds %s of %s, less than this dose of %s. Count the stock with a witness and record the count or the receipt first. Giving now needs a reason, and the manager is told of the difference.",
			amount(bal, unit), p.Name, amount(q, unit)))
		return
	}
	c.v.add(newReason(CDBalance, "%s in the register; after this dose %s.",
		upperFirst(amount(bal, unit)), amount(bal-q, unit)))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

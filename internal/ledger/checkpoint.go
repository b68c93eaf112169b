package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// Checkpoint is the state of a resident's registers after every event
// before Through: what a later read starts from (BuildFrom) instead of a
// year of doses. It is a summary of events, never a figure of its own:
// the store hands it out only while those events are unchanged, and `db
// check` works it out again from them (Disagrees).
type Checkpoint struct {
	ResidentID string    `json:"residentId"`
	Through    time.Time `json:"through"`
	// Chart is ChartDigest of the chart the checkpoint was worked out
	// with: doses recorded without a product are placed by it, so another
	// chart makes the checkpoint unusable.
	Chart     string             `json:"chart"`
	Registers map[string]Carried `json:"registers"`
}

// Carried is one register's state at a checkpoint.
type Carried struct {
	Balance     float64   `json:"balance"`
	LastCountAt time.Time `json:"lastCountAt,omitzero"`
	// Open are the discrepancies no manager had closed by then: a review
	// after the checkpoint may close them.
	Open []Discrepancy `json:"open,omitempty"`
}

// NewCheckpoint summarises registers worked out from every event of a
// resident before through, and no other.
func NewCheckpoint(residentID string, regs map[string]*Register, through time.Time, chart string) Checkpoint {
	cp := Checkpoint{ResidentID: residentID, Through: through.UTC(), Chart: chart, Registers: map[string]Carried{}}
	for id, r := range regs {
		cp.Registers[id] = Carried{Balance: r.Balance, LastCountAt: r.LastCountAt.UTC(), Open: r.OpenDiscrepancies()}
	}
	return cp
}

// seed returns the registers a build starts from, and the open
// discrepancies by the record that raised them.
func (cp *Checkpoint) seed() (map[string]*Register, map[uuid.UUID]*Register) {
	regs := map[string]*Register{}
	disc := map[uuid.UUID]*Register{}
	if cp == nil {
		return regs, disc
	}
	for id, c := range cp.Registers {
		r := &Register{ResidentID: cp.ResidentID, ProductID: id, From: cp.Through, Carried: c.Balance,
			Balance: c.Balance, LastCountAt: c.LastCountAt, Discrepancies: slices.Clone(c.Open)}
		for _, d := range c.Open {
			disc[d.EventID] = r
		}
		regs[id] = r
	}
	return regs, disc
}

// ReachesBack reports whether a correction among events voids a record
// not among them: read from a checkpoint on, that is a record before it,
// which the checkpoint counted as standing.
func ReachesBack(events []mar.Event) bool {
	ids := make(map[uuid.UUID]bool, len(events))
	for _, e := range events {
		ids[e.ID] = true
	}
	for _, e := range events {
		if e.Kind == mar.KindCorrection && !ids[e.Corrects] {
			return true
		}
	}
	return false
}

// rules names how this build works registers out. A checkpoint's digest
// holds it, so a checkpoint worked out before a rule changed is worked out
// again, never carried into reads under the new rule (or flagged by db
// check). 2: one open below-zero discrepancy per register.
const rules = "2"

// ChartDigest is a digest of which product each chart entry gives, and of
// the rules the registers are worked out by.
func ChartDigest(entryProduct map[string]string) string {
	return chartDigest(rules, entryProduct)
}

func chartDigest(rules string, entryProduct map[string]string) string {
	h := sha256.New()
	fmt.Fprintf(h, "rules %s\x00", rules)
	for _, id := range slices.Sorted(maps.Keys(entryProduct)) {
		fmt.Fprintf(h, "%s\x00%s\x00", id, entryProduct[id])
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// Disagrees says how a checkpoint differs from want, the same worked out
// again from the events; "" when they agree.
func (cp Checkpoint) Disagrees(want Checkpoint) string {
	if !cp.Through.Equal(want.Through) || cp.ResidentID != want.ResidentID {
		return fmt.Sprintf("it is for %s at %s, the events' for %s at %s", cp.ResidentID, cp.Through, want.ResidentID, want.Through)
	}
	for _, id := range slices.Sorted(maps.Keys(mergeKeys(cp.Registers, want.Registers))) {
		got, ok1 := cp.Registers[id]
		w, ok2 := want.Registers[id]
		switch {
		case ok1 != ok2:
			return fmt.Sprintf("register of %s: kept %v, the events say %v", id, ok1, ok2)
		case math.Abs(got.Balance-w.Balance) > eps:
			return fmt.Sprintf("register of %s: balance %g, the events say %g", id, got.Balance, w.Balance)
		case !got.LastCountAt.Equal(w.LastCountAt):
			return fmt.Sprintf("register of %s: last count %s, the events say %s", id, got.LastCountAt, w.LastCountAt)
		case !slices.EqualFunc(got.Open, w.Open, sameDiscrepancy):
			return fmt.Sprintf("register of %s: %d open discrepancies, the events say %d", id, len(got.Open), len(w.Open))
		}
	}
	return ""
}

func mergeKeys(a, b map[string]Carried) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func sameDiscrepancy(a, b Discrepancy) bool {
	return a.EventID == b.EventID && a.Why == b.Why && math.Abs(a.Expected-b.Expected) <= eps && math.Abs(a.Found-b.Found) <= eps
}

package round

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/check"
	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/staff"
	"medround/internal/store"
)

// RegisterView is one controlled drugs register of a resident, as the
// register screen and `medroundctl cd register` show it.
type RegisterView struct {
	ResidentID string      `json:"residentId"`
	Product    mar.Product `json:"product"`
	Unit       string      `json:"unit,omitempty"`
	*ledger.Register
	// Open are the discrepancies no manager has closed.
	Open []ledger.Discrepancy `json:"open"`
	// CountOverdue says the last count is older than the home's interval.
	CountOverdue bool `json:"countOverdue"`
}

// CDRegisters returns a resident's controlled drugs registers: one per
// controlled drug on their chart (empty until its first receipt), or only
// the pack's when packScan is given.
func (s *Service) CDRegisters(residentScan, packScan string) ([]RegisterView, error) {
	r, err := s.residentByScan(residentScan)
	if err != nil {
		return nil, err
	}
	var only string
	if strings.TrimSpace(packScan) != "" {
		_, p, _, _, err := s.stockTarget(r.ID, packScan)
		if err != nil {
			return nil, err
		}
		only = p.ID
	}
	home, err := s.st.Home()
	if err != nil {
		return nil, fmt.Errorf("read home settings: %w", err)
	}
	var out []RegisterView
	err = s.chartRegisters(r.ID, func(p mar.Product, unit string, reg *ledger.Register) {
		if (only != "" && p.ID != only) || (only == "" && !ledger.KeepsRegister(home, p)) {
			return
		}
		if reg == nil {
			reg = &ledger.Register{ResidentID: r.ID, ProductID: p.ID, Entries: []ledger.Entry{}}
		}
		out = append(out, RegisterView{ResidentID: r.ID, Product: p, Unit: unit, Register: reg,
			Open: reg.OpenDiscrepancies(), CountOverdue: reg.CountOverdue(s.now(), home.CountInterval())})
	})
	return out, err
}

// chartRegisters calls each once for every product on a resident's chart,
// in chart order, with the unit of its first line and its register (nil
// before its first receipt or count).
func (s *Service) chartRegisters(residentID string, each func(p mar.Product, unit string, reg *ledger.Register)) error {
	chart, err := s.st.Chart(residentID)
	if err != nil {
		return fmt.Errorf("read chart: %w", err)
	}
	products, err := s.products(chart)
	if err != nil {
		return err
	}
	regs, err := s.Registers(residentID)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, e := range chart {
		if seen[e.ProductID] {
			continue
		}
		seen[e.ProductID] = true
		each(products[e.ProductID], e.Dose.Unit, regs[e.ProductID])
	}
	return nil
}

// StockLine is one chart entry's stock, as `medroundctl stock` and the
// resident page show it.
type StockLine struct {
	ResidentID string  `json:"residentId"`
	Resident   string  `json:"resident"`
	EntryID    string  `json:"entryId"`
	Product    string  `json:"product"`
	Unit       string  `json:"unit,omitempty"`
	InStock    float64 `json:"inStock"`
	// Kept is false when no receipt or count was ever recorded: the stock
	// is not known, and InStock and DaysLeft mean nothing.
	Kept bool `json:"kept"`
	// DaysLeft is how long the stock lasts at the chart's dose; nil for a
	// when-needed medicine or a stock not kept.
	DaysLeft *int `json:"daysLeft"`
	// OrderNow says the stock runs out within OrderLead.
	OrderNow bool `json:"orderNow"`
}

// OrderLead is how far ahead the home is told a medicine runs out: a week
// gives the pharmacy time to supply before the next cycle.
const OrderLead = 7 * 24 * time.Hour

// Stock returns the stock of every regular and when-needed entry in force
// of one resident, or of every resident when residentID is empty.
func (s *Service) Stock(residentID string) ([]StockLine, error) {
	var rs []mar.Resident
	if residentID != "" {
		r, err := s.residentByScan(residentID)
		if err != nil {
			return nil, err
		}
		rs = []mar.Resident{r}
	} else {
		all, err := s.st.Residents()
		if err != nil {
			return nil, fmt.Errorf("read residents: %w", err)
		}
		rs = all
	}
	out := []StockLine{}
	// The checkpoints found due are kept in one write: the first stock
	// list of a day may find one due for every resident.
	var due []store.Checkpoint
	defer func() { s.keepCheckpoints(due) }()
	for _, r := range rs {
		lines, next, err := s.residentStock(r)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
		if next != nil {
			due = append(due, *next)
		}
	}
	return out, nil
}

func (s *Service) residentStock(r mar.Resident) ([]StockLine, *store.Checkpoint, error) {
	chart, err := s.st.Chart(r.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("read chart: %w", err)
	}
	products, err := s.products(chart)
	if err != nil {
		return nil, nil, err
	}
	regs, next, err := s.stockRegisters(r.ID)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	var out []StockLine
	for _, e := range chart {
		if e.Status != mar.EntryActive {
			continue
		}
		l := StockLine{ResidentID: r.ID, Resident: r.Name(), EntryID: e.ID, Product: products[e.ProductID].Name, Unit: e.Dose.Unit}
		if reg := regs[e.ProductID]; reg != nil {
			l.Kept, l.InStock = true, reg.Balance
			if d, ok := ledger.DaysLeft(reg.Balance, e); ok {
				l.DaysLeft = &d
				l.OrderNow = ledger.RunsOutBefore(reg.Balance, e, now, now.Add(OrderLead))
			}
		}
		out = append(out, l)
	}
	return out, next, nil
}

// ResolveDiscrepancy records what a manager did about a register
// discrepancy (the count or dose that raised it), which closes it.
func (s *Service) ResolveDiscrepancy(sess *Session, eventID uuid.UUID, action string) (mar.Event, error) {
	if sess == nil {
		return mar.Event{}, ErrNotSignedIn
	}
	if !sess.May(staff.ActResolveDiscrepancy) {
		return mar.Event{}, &staff.NotAllowedError{Action: staff.ActResolveDiscrepancy, Why: "a manager records what was done"}
	}
	if action = strings.TrimSpace(action); action == "" {
		return mar.Event{}, errors.New("say what was done about the discrepancy")
	}
	orig, err := s.st.Event(eventID)
	if err != nil {
		return mar.Event{}, fmt.Errorf("discrepancy %s: %w", eventID, err)
	}
	regs, err := s.Registers(orig.ResidentID)
	if err != nil {
		return mar.Event{}, err
	}
	if !openDiscrepancy(regs, eventID) {
		return mar.Event{}, errors.New("that record raised no open discrepancy")
	}
	now := s.now().UTC()
	ev := mar.Event{ID: uuid.New(), Kind: mar.KindReview, DeviceID: s.deviceID, UserID: sess.user.ID,
		ResidentID: orig.ResidentID, OccurredAt: now, RecordedAt: now, Note: action, About: eventID,
		EntryID: orig.EntryID}
	if err := s.st.Append(ev); err != nil {
		return mar.Event{}, fmt.Errorf("record follow-up: %w", err)
	}
	return ev, nil
}

func openDiscrepancy(regs map[string]*ledger.Register, id uuid.UUID) bool {
	for _, r := range regs {
		if slices.ContainsFunc(r.OpenDiscrepancies(), func(d ledger.Discrepancy) bool { return d.EventID == id }) {
			return true
		}
	}
	return false
}

// addRegister gives the check the register balance of each controlled
// drug on the chart, and the recalled batches.
func (s *Service) addRegister(in *check.Input, read readRecords) error {
	recalls, err := s.Recalls()
	if err != nil {
		return err
	}
	in.Recalls = recalls
	// Every product that keeps a register is in the map, at 0 until its
	// first receipt: the check shows a balance for exactly these.
	in.CDBalances = map[string]float64{}
	cds := map[string]bool{}
	for _, e := range in.Chart {
		if p := in.Products[e.ProductID]; ledger.KeepsRegister(in.Home, p) {
			cds[p.ID] = true
			in.CDBalances[p.ID] = 0
		}
	}
	if len(cds) == 0 {
		return nil
	}
	regs, err := s.balances(in.Resident.ID, cds, in.Now, read)
	if err != nil {
		return err
	}
	for id, r := range regs {
		if cds[id] {
			in.CDBalances[id] = r.Balance
		}
	}
	return nil
}

// balances works out a resident's registers for the check from the last
// standing stock count on (a count sets the balance to what was found), or
// from the first receipt where nothing was ever counted: the same
// balances as Registers over the whole record, without reading a year of
// doses before each scan. The counts and receipts are found through the
// store's kind index. A register not counted for weeks is worked out from
// the resident's checkpoint instead, where one applies. Records the check
// has read already (read) are not read again: a weekly count is within
// the week the check reads for a weekly medicine.
func (s *Service) balances(residentID string, cds map[string]bool, at time.Time, read readRecords) (map[string]*ledger.Register, error) {
	// The register as it stood at the dose's time: a back-dated check must
	// not count what came in or went out after it.
	now := at.Add(time.Nanosecond)
	marks, err := s.st.EventsOfKinds(residentID, ledgerFrom, now, mar.KindStockCount, mar.KindReceipt, mar.KindCorrection)
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	from, ok := registerStart(marks, cds)
	if !ok {
		return map[string]*ledger.Register{}, nil
	}
	if regs, ok, err := s.balancesFromCheckpoint(residentID, from, now); ok || err != nil {
		return regs, err
	}
	if events, ok := read.within(from, now); ok {
		return s.registersOf(residentID, events)
	}
	return s.buildRegisters(residentID, from, now)
}

// registerStart is the earliest point the controlled drugs' registers (the
// products in cds) can be worked out from: for each, its last standing
// count, else its first standing receipt; the earliest of those. It
// reports false when there is no such register.
func registerStart(marks []mar.Event, cds map[string]bool) (time.Time, bool) {
	standing := mar.NewStanding(marks)
	start := map[string]time.Time{}
	counted := map[string]bool{}
	for _, e := range marks { // oldest first
		if !cds[e.ProductID] || !standing.Stands(e.ID) {
			continue
		}
		switch e.Kind {
		case mar.KindStockCount:
			start[e.ProductID], counted[e.ProductID] = e.OccurredAt, true
		case mar.KindReceipt:
			if _, ok := start[e.ProductID]; !ok && !counted[e.ProductID] {
				start[e.ProductID] = e.OccurredAt
			}
		}
	}
	var from time.Time
	for _, t := range start {
		if from.IsZero() || t.Before(from) {
			from = t
		}
	}
	return from, !from.IsZero()
}

package round

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/google/uuid"

	"medround/internal/barcode"
	"medround/internal/check"
	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/staff"
)

// recallSubject is the resident ID the store files recalls under: they
// belong to the home, and the check reads them on every scan, so they are
// kept apart from the audit trail to keep that read small.
const recallSubject = "@recalls"

// ledgerFrom is the start of the reads of a resident's whole register.
var ledgerFrom = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// StockRequest is a movement of a resident's stock to record.
type StockRequest struct {
	ResidentScan string
	PackScan     string
	Quantity     float64
	// From is whom a receipt came from (the pharmacy, carried forward).
	From string
	// Reason says why stock is returned or destroyed.
	Reason     string
	WitnessID  string
	WitnessPIN string
	// At is when it happened; zero means now.
	At time.Time
}

// StockResult is a recorded movement with the register after it.
type StockResult struct {
	Event    mar.Event        `json:"event"`
	Product  mar.Product      `json:"product"`
	Register *ledger.Register `json:"register"`
	// Difference is, for a count, what was found minus what the register
	// held: not 0 raises a discrepancy.
	Difference float64 `json:"difference"`
}

// ErrCountDiffers is a count that differs from the register: it is
// recorded, and is a discrepancy until a manager records what was done.
var ErrCountDiffers = errors.New("the count differs from the register")

var stockKinds = map[mar.EventKind]bool{mar.KindReceipt: true, mar.KindStockReturn: true,
	mar.KindDestruction: true, mar.KindStockCount: true}

// RecordStock records a receipt, return, destruction or count of a
// resident's medicine. The rules are those of the paper register: a
// controlled drug's every movement is witnessed by a second member of
// staff who may witness; a destruction always has two staff, one a senior
// or manager; a return or destruction says why; a controlled drug's
// receipt says from whom.
func (s *Service) RecordStock(sess *Session, kind mar.EventKind, req StockRequest) (*StockResult, error) {
	if sess == nil {
		return nil, ErrNotSignedIn
	}
	if !stockKinds[kind] {
		return nil, fmt.Errorf("record stock: %s is not a stock movement", kind)
	}
	if err := validStockRequest(kind, req); err != nil {
		return nil, err
	}
	if !sess.May(staff.ActStock) {
		return nil, &staff.NotAllowedError{Action: staff.ActStock, Why: "a member of the care staff records stock"}
	}
	r, p, entryID, pack, err := s.stockTarget(req.ResidentScan, req.PackScan)
	if err != nil {
		return nil, err
	}
	kept, err := s.KeepsRegister(p)
	if err != nil {
		return nil, err
	}
	// Schedule 2 and 3 are witnessed whatever registers the home keeps, as
	// their doses are; a register the home chose to keep (schedule 4) has
	// two signatures like any other.
	witness, err := s.stockWitness(sess, kind, req, kept || p.NeedsWitness())
	if err != nil {
		return nil, err
	}
	if kind == mar.KindReceipt && kept && strings.TrimSpace(req.From) == "" {
		return nil, errors.New("say whom the controlled drug was received from (the pharmacy, carried forward)")
	}
	now := s.now().UTC()
	at := req.At.UTC()
	if req.At.IsZero() {
		at = now
	}
	if at.After(now.Add(clockSlack)) {
		return nil, errors.New("stock cannot be recorded in the future: check the time")
	}
	note := strings.TrimSpace(req.Reason)
	if kind == mar.KindReceipt {
		note = strings.TrimSpace(req.From)
	}
	ev := mar.Event{ID: uuid.New(), Kind: kind, DeviceID: s.deviceID, UserID: sess.user.ID,
		WitnessID: witness, ResidentID: r.ID, OccurredAt: at, RecordedAt: now, Note: note,
		EntryID: entryID, ProductID: p.ID, Quantity: req.Quantity,
		GTIN: pack.GTIN, Batch: pack.Batch, Serial: pack.Serial}
	if pack.HasExpiry() {
		ev.Expiry = pack.Expiry.Format(time.DateOnly)
	}
	s.mu.Lock()
	err = s.st.Append(ev)
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", kind, err)
	}
	return s.stockResult(ev, p)
}

func validStockRequest(kind mar.EventKind, req StockRequest) error {
	q := req.Quantity
	switch {
	case math.IsNaN(q) || math.IsInf(q, 0) || q < 0 || (q == 0 && kind != mar.KindStockCount):
		return errors.New("enter the quantity: a number above zero (a count may be 0)")
	case (kind == mar.KindStockReturn || kind == mar.KindDestruction) && strings.TrimSpace(req.Reason) == "":
		return errors.New("say why the stock is returned or destroyed")
	case strings.TrimSpace(req.PackScan) == "":
		return errors.New("scan the pack (or type its GTIN) so the register knows the medicine")
	}
	return nil
}

// stockWitness checks the second member of staff. A controlled drug's
// movement and any destruction needs one: another person, who may witness
// for a controlled drug; for a destruction, one of the two a senior or
// manager.
func (s *Service) stockWitness(sess *Session, kind mar.EventKind, req StockRequest, cd bool) (string, error) {
	needed := cd || kind == mar.KindDestruction
	if req.WitnessID == "" {
		if needed {
			return "", &staff.NotAllowedError{Action: staff.ActWitness, Why: "a second member of staff witnesses this and signs with their PIN"}
		}
		return "", nil
	}
	w, err := s.witness(req.WitnessID, req.WitnessPIN)
	if err != nil {
		return "", err
	}
	switch {
	case w.ID == sess.user.ID:
		return "", &staff.NotAllowedError{Action: staff.ActWitness, Why: "the witness must be another member of staff"}
	case cd && !staff.May(w.Role, staff.ActWitness):
		return "", &staff.NotAllowedError{Action: staff.ActWitness, Why: "a controlled drug is witnessed by a senior or manager"}
	case kind == mar.KindDestruction && !sess.May(staff.ActDestroy) && !staff.May(w.Role, staff.ActDestroy):
		return "", &staff.NotAllowedError{Action: staff.ActDestroy, Why: "one of the two staff is a senior or manager"}
	}
	return w.ID, nil
}

// stockTarget finds the resident, and the product on their chart that the
// pack is, with the chart entry it is for.
func (s *Service) stockTarget(residentScan, packText string) (mar.Resident, mar.Product, string, mar.PackScan, error) {
	r, err := s.residentByScan(residentScan)
	if err != nil {
		return mar.Resident{}, mar.Product{}, "", mar.PackScan{}, err
	}
	code, err := s.parse(packText)
	if err != nil || code.Kind != barcode.KindPack {
		return r, mar.Product{}, "", mar.PackScan{}, errors.New("the pack scan is not a medicine pack code: scan the pack again or type its GTIN")
	}
	pack := packScan(code)
	chart, err := s.st.Chart(r.ID)
	if err != nil {
		return r, mar.Product{}, "", pack, fmt.Errorf("read chart: %w", err)
	}
	products, err := s.products(chart)
	if err != nil {
		return r, mar.Product{}, "", pack, err
	}
	for _, e := range chart {
		if p := products[e.ProductID]; p.HasGTIN(pack.GTIN) {
			return r, p, e.ID, pack, nil
		}
	}
	return r, mar.Product{}, "", pack, errors.New("this pack is not a medicine on the resident's chart: check the pack and the resident")
}

// KeepsRegister reports whether the home keeps a controlled drugs register
// for a product (ledger.KeepsRegister with the home's settings).
func (s *Service) KeepsRegister(p mar.Product) (bool, error) {
	home, err := s.st.Home()
	if err != nil {
		return false, fmt.Errorf("read home settings: %w", err)
	}
	return ledger.KeepsRegister(home, p), nil
}

// residentByScan finds a resident by any of their identifiers.
func (s *Service) residentByScan(scan string) (mar.Resident, error) {
	var in check.Input
	if err := s.matchResident(&in, scan); err != nil {
		return mar.Resident{}, err
	}
	if in.Resident == nil {
		return mar.Resident{}, errors.New("no resident of this home matches: scan the wristband again or type the resident number")
	}
	return *in.Resident, nil
}

func (s *Service) stockResult(ev mar.Event, p mar.Product) (*StockResult, error) {
	regs, err := s.Registers(ev.ResidentID)
	if err != nil {
		return nil, err
	}
	res := &StockResult{Event: ev, Product: p, Register: regs[p.ID]}
	if res.Register != nil {
		for _, en := range res.Register.Entries {
			if en.Event.ID == ev.ID && en.Movement == ledger.Counted {
				res.Difference = en.Change
			}
		}
	}
	return res, nil
}

// Registers works out every stock register of a resident from their whole
// record, by product ID.
func (s *Service) Registers(residentID string) (map[string]*ledger.Register, error) {
	return s.buildRegisters(residentID, ledgerFrom, s.now().Add(24*time.Hour))
}

// buildRegisters works out a resident's registers from the records in
// [from, to).
func (s *Service) buildRegisters(residentID string, from, to time.Time) (map[string]*ledger.Register, error) {
	events, err := s.st.Events(residentID, from, to)
	if err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	return s.registersOf(residentID, events)
}

// registersOf works out a resident's registers from their records.
func (s *Service) registersOf(residentID string, events []mar.Event) (map[string]*ledger.Register, error) {
	entryProduct, err := s.entryProducts(residentID)
	if err != nil {
		return nil, err
	}
	return ledger.Build(events, entryProduct), nil
}

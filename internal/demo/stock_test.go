package demo_test

import (
	"strings"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/round"
)

var stockNow = time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)

func noHash(string) (string, error) { return "not-a-pin-hash", nil }

// TestDemoStockKeepsTheRegisters: the demo home's stock is received and
// counted as a real home's is, so a manager sees registers that balance:
// never below zero, no discrepancy open, controlled drugs counted within
// the week, each cycle's delivery witnessed where it must be, and the two
// things the demo shows on purpose (a dropped tablet; a count one short,
// followed up by the manager).
func TestDemoStockKeepsTheRegisters(t *testing.T) {
	for _, tt := range []struct {
		name       string
		days       int
		deliveries int // the pharmacy's deliveries of a regular medicine, at least
	}{
		{"a fresh demo with two days of records", 2, 0},
		{"a demo with one day of records", 1, 0},
		{"a fortnight, through the current cycle's delivery", 14, 1},
		{"the year the benchmarks build", 365, 13},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := demotest.Open(t, demo.Options{Residents: 4, Now: stockNow, HistoryDays: tt.days, Hash: noHash})
			svc := round.New(st, round.Options{DeviceID: "test", Now: func() time.Time { return stockNow }})
			home, err := st.Home()
			if err != nil {
				t.Fatal(err)
			}
			dropped, short := 0, 0
			for _, rid := range []string{"res-001", "res-002", "res-004"} {
				regs, err := svc.Registers(rid)
				if err != nil {
					t.Fatal(err)
				}
				for pid, r := range regs {
					p, err := st.Product(pid)
					if err != nil {
						t.Fatal(err)
					}
					d, s := checkRegister(t, rid, p, r, ledger.KeepsRegister(home, p), home.CountInterval(), tt.deliveries)
					dropped, short = dropped+d, short+s
				}
			}
			if dropped != 1 || short != 1 {
				t.Errorf("%d dropped tablets and %d counts one short, want one of each", dropped, short)
			}
		})
	}
}

// checkRegister checks one register and returns its dropped tablets and
// counts that differed.
func checkRegister(t *testing.T, rid string, p mar.Product, r *ledger.Register, cd bool, every time.Duration, deliveries int) (dropped, short int) {
	t.Helper()
	if open := r.OpenDiscrepancies(); len(open) > 0 {
		t.Errorf("%s %s: open discrepancies %+v, want none", rid, p.ID, open)
	}
	if cd && r.CountOverdue(stockNow, every) {
		t.Errorf("%s %s: last counted %s, overdue a count", rid, p.ID, r.LastCountAt)
	}
	fromPharmacy := 0
	for _, en := range r.Entries {
		e := en.Event
		switch {
		case en.Balance < 0:
			t.Errorf("%s %s: balance %g after %s at %s, below zero", rid, p.ID, en.Balance, en.Movement, e.OccurredAt)
		case en.Movement == ledger.Receipt && (e.Batch == "" || e.Expiry == "" || e.Note == "" || (cd && e.WitnessID == "")):
			t.Errorf("%s %s: receipt %+v, want a batch, an expiry, whom from and (a controlled drug) a witness", rid, p.ID, e)
		case en.Movement == ledger.Wasted:
			dropped++
		case en.Movement == ledger.Counted && en.Change != 0:
			short++
			if len(r.Discrepancies) != 1 || r.Discrepancies[0].Resolved == nil || r.Discrepancies[0].Resolved.UserID != "meg" {
				t.Errorf("%s %s: count %g short, discrepancies %+v; want one, followed up by Meg", rid, p.ID, -en.Change, r.Discrepancies)
			}
		}
		if en.Movement == ledger.Receipt && strings.HasPrefix(e.Note, "Riverside Pharmacy") {
			fromPharmacy++
		}
	}
	if rid == "res-001" && p.ID == "metformin-500" && fromPharmacy < deliveries {
		t.Errorf("%s %s: %d deliveries from the pharmacy, want at least %d", rid, p.ID, fromPharmacy, deliveries)
	}
	return dropped, short
}

// TestDemoStockToOrder: a fresh demo's stock list shows what a manager
// orders: the first resident's senna, part supplied, runs out within the
// week; the rest of their regular medicines last past it.
func TestDemoStockToOrder(t *testing.T) {
	st := demotest.Open(t, demo.Options{Residents: 4, Now: stockNow, Hash: noHash})
	svc := round.New(st, round.Options{DeviceID: "test", Now: func() time.Time { return stockNow }})
	lines, err := svc.Stock("R101")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		senna := strings.HasPrefix(l.Product, "Senna")
		if !l.Kept || l.OrderNow != senna || (l.DaysLeft != nil && !senna && *l.DaysLeft < 14) {
			t.Errorf("stock of %s: %+v, want kept, to order now only senna", l.Product, l)
		}
	}
}

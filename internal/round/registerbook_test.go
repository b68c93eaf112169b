package round_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"medround/internal/mar"
	"medround/internal/round"
)

// TestRegisterBooks: the controlled drugs registers are one book per
// controlled drug on the chart, named by staff names; the stock record is
// every medicine whose stock is kept; the whole home is every resident's.
func TestRegisterBooks(t *testing.T) {
	svc, _ := newDemo(t)
	amy := signIn(t, svc, "amy", "1111")
	if _, err := svc.RecordStock(amy, mar.KindReceipt, round.StockRequest{ResidentScan: "R101", PackScan: pack("mst-10"),
		Quantity: 28, From: "Boots pharmacy", WitnessID: "sam", WitnessPIN: "2222"}); err != nil {
		t.Fatal(err)
	}
	cd, err := svc.RegisterBooks("R101", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(cd) != 1 || cd[0].ProductID != "mst-10" || !cd[0].Controlled || cd[0].Resident != "Margaret Ellis" {
		t.Fatalf("R101's controlled drugs registers = %+v, want the morphine one", cd)
	}
	last := cd[0].Lines[len(cd[0].Lines)-1]
	if last.FromTo != "Received from Boots pharmacy" || last.By != "Amy Carter" || last.Witness != "Sam Patel" ||
		last.Balance != cd[0].Balance || cd[0].Home != "Willow House" {
		t.Errorf("the receipt reads %+v in a book of balance %g", last, cd[0].Balance)
	}
	stock, err := svc.RegisterBooks("R101", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(stock) <= len(cd) || stock[0].Controlled {
		t.Errorf("R101's stock record has %d books, want every medicine kept, as stock records", len(stock))
	}
	lines, err := svc.Stock("R101")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range stock {
		for _, l := range lines {
			if l.Product == b.Medicine && l.DaysLeft != nil && (b.DaysLeft == nil || *b.DaysLeft != *l.DaysLeft || b.OrderNow != l.OrderNow) {
				t.Errorf("%s: the book says %v days left, `stock` %d", b.Medicine, b.DaysLeft, *l.DaysLeft)
			}
		}
	}
	home, err := svc.RegisterBooks("", true)
	if err != nil {
		t.Fatal(err)
	}
	residents := map[string]bool{}
	for _, b := range home {
		residents[b.ResidentID] = true
	}
	if len(residents) < 2 {
		t.Errorf("the home's registers cover %d residents, want every resident with a controlled drug", len(residents))
	}
	if _, err := svc.RegisterBooks("R999", true); err == nil {
		t.Error("the registers of a resident the home does not have were read")
	}
}

// TestRegisterFilesOwnerOnly: the PDF and CSV hold residents' names and
// NHS numbers, so each is a new owner-only file.
func TestRegisterFilesOwnerOnly(t *testing.T) {
	svc, _ := newDemo(t)
	dir := t.TempDir()
	for name, write := range map[string]func(string) error{
		"cd.pdf":    func(p string) error { return svc.RegisterPDF(p, "", true) },
		"stock.csv": func(p string) error { return svc.RegisterCSV(p, "R101", false) },
	} {
		path := filepath.Join(dir, name)
		if err := write(path); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("%s: %v, %v; want an owner-only file with the registers", name, fi, err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "stock.csv"))
	if err != nil || !strings.HasPrefix(string(data), "resident_id,resident,medicine") {
		t.Errorf("stock.csv = %.200q, %v", data, err)
	}
	if err := svc.RegisterPDF(filepath.Join(dir, "no", "such", "dir.pdf"), "", true); err == nil {
		t.Error("a PDF to a folder that does not exist was written")
	}
}

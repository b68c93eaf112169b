package round_test

import (
	"bytes"
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

// TestRegisterPrintouts: the PDF and the CSV of the home's registers.
func TestRegisterPrintouts(t *testing.T) {
	svc, _ := newDemo(t)
	pdf, err := svc.RegisterPDF("", true)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("RegisterPDF = %.20q, %v; want a PDF", pdf, err)
	}
	csv, err := svc.RegisterCSV("R101", false)
	if err != nil || !strings.HasPrefix(string(csv), "resident_id,resident,medicine") || !strings.Contains(string(csv), "Margaret Ellis") {
		t.Errorf("RegisterCSV = %.200q, %v; want R101's stock record", csv, err)
	}
	if _, err := svc.RegisterPDF("R999", true); err == nil {
		t.Error("a PDF of the registers of a resident the home does not have was made")
	}
}

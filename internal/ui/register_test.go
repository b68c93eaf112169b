package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/round"
)

// openRegister signs in, opens Margaret Ellis (R101) and her controlled
// drugs register from her page, as a care worker does.
func openRegister(t *testing.T, user, pin string) *harness {
	t.Helper()
	h := newHarness(t)
	h.signIn(user, pin)
	h.scan("R101")
	h.sees("Margaret Ellis")
	h.tap("Register and stock")
	h.sees("Controlled drugs register: Margaret Ellis")
	return h
}

// fillMove fills the movement form: the pack scanned, the quantity, whom
// from, and the witness by badge with their PIN.
func (h *harness) fillMove(packScan, qty, from, witness, pin string) {
	h.t.Helper()
	h.scan(packScan)
	h.entry("Quantity").SetText(qty)
	if from != "" {
		h.entry("Received from").SetText(from)
	}
	if witness != "" {
		h.scan("STAFF:" + witness)
		h.entry("Witness's PIN").SetText(pin)
	}
}

// TestReceiveControlledDrugWithWitness: a care worker receives 28 morphine
// tablets from the pharmacy, witnessed by a senior with their PIN; the
// scan fills in the batch and expiry, and the register shows the receipt
// with its running balance.
func TestReceiveControlledDrugWithWitness(t *testing.T) {
	h := openRegister(t, "amy", "1111")
	before := registerBalance(t, h.svc, "mst-10")
	h.sees(fmt.Sprintf("Morphine sulfate 10mg modified-release tablets: balance %s", mar.Amount(before, "tablet")))
	h.tap("Receive")
	h.sees("Receive stock")
	h.fillMove(pack("mst-10"), "28", "Boots pharmacy", "sam", "2222")
	h.sees("batch B42")
	h.sees("expiry 31 Dec 2027")
	h.tap("Record")
	want := mar.Amount(before+28, "tablet")
	h.sees("Balance now " + want)
	h.sees("balance " + want)
	h.sees("Received from Boots pharmacy (batch B42)")
	h.sees("Sam Patel")
	if got := registerBalance(t, h.svc, "mst-10"); got != before+28 {
		t.Errorf("register balance after receiving 28 = %g, want %g", got, before+28)
	}
	h.tap("Back")
	recent := false
	for _, line := range h.app.resident.recent.rows {
		text := line.Text
		recent = recent || strings.Contains(text, "Morphine sulfate 10mg modified-release tablets") &&
			strings.Contains(text, "28") && strings.Contains(text, "Amy Carter") && strings.Contains(text, "Sam Patel") &&
			strings.Contains(strings.ToLower(text), "received")
	}
	if !recent {
		t.Errorf("the receipt does not read in words in the last 24 hours: %s", h.texts())
	}
}

// TestCountThatDiffersRaisesDiscrepancy: two staff count fewer tablets
// than the register holds; the app says so plainly, records the count,
// and the register shows an open discrepancy.
func TestCountThatDiffersRaisesDiscrepancy(t *testing.T) {
	h := openRegister(t, "amy", "1111")
	before := registerBalance(t, h.svc, "mst-10")
	h.tap("Count")
	h.fillMove(pack("mst-10"), "3", "", "sam", "2222")
	h.tap("Record")
	h.sees("The count differs from the register: it held " + mar.Amount(before, "tablet") + " and 3 tablets were counted")
	h.sees("tell the manager")
	h.sees("Open discrepancies")
	h.sees(fmt.Sprintf("Count differs: the register held %s, 3 tablets counted", mar.Amount(before, "tablet")))
	h.sees(fmt.Sprintf("Stock check: 3 counted, register %g: DIFFERS", before))
	if got := registerBalance(t, h.svc, "mst-10"); got != 3 {
		t.Errorf("register balance after a count of 3 = %g, want the count", got)
	}
}

// TestAppRefusesWhatTheCLIRefuses: the app records through
// round.RecordStock, so it refuses what `medroundctl cd receive` refuses
// (TestControlledDrugsRegister, TestCLIRefusesACareWorkerWitness): a
// controlled drug received without saying from whom, and a care worker as
// the witness. Nothing is recorded.
func TestAppRefusesWhatTheCLIRefuses(t *testing.T) {
	tests := []struct {
		name, from, witness, pin, want string
	}{
		{"received from no one", "", "sam", "2222", "received from"},
		{"a care worker witnessing a controlled drug", "Boots", "ben", "4444", "senior or manager"},
		{"no witness", "Boots", "", "", "second member of staff"},
		{"a wrong witness PIN", "Boots", "sam", "9999", "Not recorded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := openRegister(t, "amy", "1111")
			before := registerBalance(t, h.svc, "mst-10")
			h.tap("Receive")
			h.fillMove(pack("mst-10"), "28", tt.from, tt.witness, tt.pin)
			h.tap("Record")
			h.sees("Not recorded")
			h.sees(tt.want)
			if got := registerBalance(t, h.svc, "mst-10"); got != before {
				t.Errorf("balance %g after a refused receipt, want %g unchanged", got, before)
			}
		})
	}
}

// TestRegisterShowsCorrectionWithOriginal: a receipt entered in error
// stays in the register, struck through, with the correction beside it,
// and no longer counts in the balance.
func TestRegisterShowsCorrectionWithOriginal(t *testing.T) {
	h := openRegister(t, "sam", "2222")
	sess, err := h.svc.SignIn("amy", "1111")
	if err != nil {
		t.Fatal(err)
	}
	res, err := h.svc.RecordStock(sess, mar.KindReceipt, round.StockRequest{ResidentScan: "R101",
		PackScan: pack("mst-10"), Quantity: 100, From: "Boots", WitnessID: "sam", WitnessPIN: "2222"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.CorrectApproved(sess, res.Event.ID, "typed 100 for 10", "sam", "2222"); err != nil {
		t.Fatal(err)
	}
	h.app.register.refresh()
	h.sees("Struck through above, entered in error: typed 100 for 10")
	if !anyStruck(h) {
		t.Error("the corrected receipt is not struck through")
	}
}

func anyStruck(h *harness) bool {
	for _, r := range h.app.register.book.rows {
		if r.box.Visible() && r.entry.Visible() && r.strike.Visible() {
			return true
		}
	}
	return false
}

// TestDaysLeftOnResidentPage: the resident's page says how long each
// medicine lasts, the ledger's days left, and a medicine that runs out
// before the next cycle is flagged at the top of the page and on the round.
func TestDaysLeftOnResidentPage(t *testing.T) {
	h := newHarness(t)
	lines, err := h.svc.Stock("R101")
	if err != nil {
		t.Fatal(err)
	}
	var amlo *round.StockLine
	for i := range lines {
		if lines[i].Product == "Amlodipine 5mg tablets" {
			amlo = &lines[i]
		}
	}
	if amlo == nil || amlo.DaysLeft == nil {
		t.Fatalf("the demo keeps no amlodipine stock for R101: %+v", lines)
	}
	h.signIn("amy", "1111")
	h.notSees("runs out: Amlodipine 5mg tablets")
	h.scan("R101")
	h.sees(fmt.Sprintf("Amlodipine 5mg tablets: about %d days left", *amlo.DaysLeft))
	h.notSees("Order now, runs out before the next cycle: Amlodipine")

	sess, err := h.svc.SignIn("amy", "1111")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.RecordStock(sess, mar.KindStockCount, round.StockRequest{ResidentScan: "R101",
		PackScan: pack("amlodipine-5"), Quantity: 3}); err != nil {
		t.Fatal(err)
	}
	h.clock.set(h.clock.now().Add(runsOutEvery)) // recorded elsewhere: the round looks again a minute on
	h.app.resident.refresh()
	h.sees("Order now, runs out before the next cycle: Amlodipine 5mg tablets: about 3 days left")
	h.tap("Round")
	h.sees("runs out: Amlodipine 5mg tablets")
}

// TestHomeRegistersForSeniors: a senior sees every resident's registers
// from the round, with the balance and a count overdue; a care worker is
// not offered the home's list.
func TestHomeRegistersForSeniors(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	if h.hasButton("CD registers") {
		t.Error("a care worker is offered the home's registers")
	}
	h.tap("Lock")
	h.signIn("sam", "2222")
	// The demo counts every Sunday: eight days on, every count is overdue.
	h.clock.set(h.clock.now().Add(8 * 24 * time.Hour))
	h.tap("CD registers")
	h.sees("Controlled drugs register: every resident")
	h.sees("Margaret Ellis: Morphine sulfate 10mg modified-release tablets")
	h.sees("COUNT OVERDUE")
	var row *widget.Button
	visible(h.app.register.list, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && row == nil {
			row = b
		}
	})
	if row == nil {
		t.Fatalf("no register rows: %s", h.texts())
	}
	test.Tap(row)
	h.sees("Controlled drugs register: Margaret Ellis")
	h.sees("Morphine sulfate 10mg modified-release tablets: balance")
	h.tap("Back")
	h.sees("Controlled drugs register: every resident")
	h.tap("Back")
	h.sees("7 due")
}

// TestSaveRegisterAsPDFAndCSV: the register is saved where the user picks,
// as an owner-only file: it holds residents' names and NHS numbers.
func TestSaveRegisterAsPDFAndCSV(t *testing.T) {
	dir := t.TempDir()
	var offered []string
	h := newHarnessWith(t, func(o *Options) {
		o.SaveAs = func(name string, save func(string)) {
			offered = append(offered, name)
			save(filepath.Join(dir, name))
		}
	})
	h.signIn("amy", "1111")
	h.scan("R101")
	h.tap("Register and stock")
	for _, format := range []string{"pdf", "csv"} {
		h.tap("Save as " + strings.ToUpper(format))
		h.sees("Saved as cd-register-res-001-")
		name := offered[len(offered)-1]
		if !strings.HasSuffix(name, "."+format) || strings.Contains(name, "Margaret") {
			t.Errorf("offered file name %q: want a .%s name with no resident's name", name, format)
		}
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("save as %s: %v", format, err)
		}
		if fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("saved %s: mode %v size %d, want an owner-only file with the register", format, fi.Mode().Perm(), fi.Size())
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, offered[1]))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csv), "Morphine sulfate 10mg modified-release tablets") {
		t.Errorf("the CSV lacks the morphine register:\n%s", csv)
	}
}

// TestSaveAfterLockWritesNothing: a save dialog answered after the tablet
// locked writes no file: the register is not left for whoever picks the
// tablet up.
func TestSaveAfterLockWritesNothing(t *testing.T) {
	var answer func(string)
	h := newHarnessWith(t, func(o *Options) { o.SaveAs = func(_ string, save func(string)) { answer = save } })
	h.signIn("amy", "1111")
	h.scan("R101")
	h.tap("Register and stock")
	h.tap("Save as PDF")
	h.tap("Lock")
	path := filepath.Join(t.TempDir(), "register.pdf")
	answer(path)
	if _, err := os.Stat(path); err == nil {
		t.Error("a register was saved after the tablet locked")
	}
}

// TestLockClosesTheSaveDialog: the lock closes a save dialog left open, so
// the next person cannot save a register without signing in.
func TestLockClosesTheSaveDialog(t *testing.T) {
	h := openRegister(t, "amy", "1111")
	h.tap("Save as PDF")
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no save dialog shown")
	}
	h.tap("Lock")
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("the save dialog is still open after the lock")
	}
}

func registerBalance(t *testing.T, svc *round.Service, productID string) float64 {
	t.Helper()
	views, err := svc.CDRegisters("R101", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if v.Product.ID == productID {
			return v.Balance
		}
	}
	t.Fatalf("no register of %s for R101", productID)
	return 0
}

// TestManagerClosesDiscrepancy: a count that differs stays open until the
// manager records what was done on the register; a senior is not offered
// it.
func TestManagerClosesDiscrepancy(t *testing.T) {
	h := openRegister(t, "sam", "2222")
	h.tap("Count")
	h.fillMove(pack("mst-10"), "3", "", "meg", "3333")
	h.tap("Record")
	h.sees("Open discrepancies")
	if h.hasButton("Record what was done") {
		t.Error("a senior is offered to close a discrepancy")
	}
	h.tap("Lock")
	h.signIn("meg", "3333")
	h.sees("Open discrepancies")
	h.tap("Record what was done")
	h.sees("say what was done")
	h.entry("What was done").SetText("Recounted with the pharmacist: 3 is right; police informed")
	h.tap("Record what was done")
	h.sees("the discrepancy is closed")
	h.notSees("Open discrepancies")
	views, err := h.svc.CDRegisters("R101", pack("mst-10"))
	if err != nil || len(views) != 1 || len(views[0].Open) != 0 {
		t.Errorf("after the manager's follow-up the register has open discrepancies: %+v, %v", views, err)
	}
}

// TestStockReceiptOfEverydayMedicine: the stock record takes a receipt of
// an everyday medicine with no witness, and shows its register after it.
func TestStockReceiptOfEverydayMedicine(t *testing.T) {
	h := openRegister(t, "amy", "1111")
	h.app.register.which.SetSelected(bookStock)
	h.sees("Stock record: Margaret Ellis")
	lines, err := h.svc.Stock("R101")
	if err != nil {
		t.Fatal(err)
	}
	var before float64
	for _, l := range lines {
		if l.Product == "Amlodipine 5mg tablets" {
			before = l.InStock
		}
	}
	h.tap("Receive")
	h.fillMove(pack("amlodipine-5"), "28", "Boots pharmacy", "", "")
	h.tap("Record")
	h.sees(fmt.Sprintf("Amlodipine 5mg tablets: balance %s", mar.Amount(before+28, "tablet")))
	h.sees("Received from Boots pharmacy (batch B42)")
}

// TestCareWorkerResumingOnHomeList: a senior leaves the home's registers
// open and the tablet locks; a care worker signing in goes to the round,
// not the list.
func TestCareWorkerResumingOnHomeList(t *testing.T) {
	h := newHarness(t)
	h.signIn("sam", "2222")
	h.tap("CD registers")
	h.sees("every resident")
	h.tap("Lock")
	h.signIn("amy", "1111")
	h.notSees("every resident")
	h.sees("doses recorded this round")
}

// TestEventWords: stock movements, follow-ups and stopped scans read in
// words on the resident's page and in the history, with who and the
// witness, never as an outcome code.
func TestEventWords(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	at := demoNow
	tests := []struct {
		name string
		e    mar.Event
		want []string
	}{
		{"a receipt witnessed", mar.Event{Kind: mar.KindReceipt, UserID: "amy", WitnessID: "sam", Quantity: 28, Note: "Boots", OccurredAt: at},
			[]string{"08:05", "eceived", "28", "Morphine", "Amy Carter", "witnessed by Sam Patel"}},
		{"a count", mar.Event{Kind: mar.KindStockCount, UserID: "amy", Quantity: 0, OccurredAt: at},
			[]string{"08:05", "ounted", "0", "Morphine", "Amy Carter"}},
		{"a return", mar.Event{Kind: mar.KindStockReturn, UserID: "amy", WitnessID: "sam", Quantity: 5, Note: "stopped", OccurredAt: at},
			[]string{"08:05", "eturned", "5", "Morphine", "Amy Carter", "Sam Patel"}},
		{"a destruction", mar.Event{Kind: mar.KindDestruction, UserID: "sam", WitnessID: "amy", Quantity: 1, Note: "dropped", OccurredAt: at},
			[]string{"08:05", "estroyed", "1", "Morphine", "Sam Patel", "Amy Carter"}},
		{"a manager's follow-up", mar.Event{Kind: mar.KindReview, UserID: "meg", Note: "police told", OccurredAt: at},
			[]string{"08:05  Follow-up by Meg Holloway: police told"}},
		{"a stopped scan", mar.Event{Kind: mar.KindStoppedScan, UserID: "amy", ReasonCodes: []string{"EXPIRED"}, OccurredAt: at},
			[]string{"08:05  Scan stopped by the check · Morphine (EXPIRED) · by Amy Carter"}},
	}
	for _, tt := range tests {
		got := h.app.eventLine(tt.e, "Morphine", h.app.clock)
		for _, w := range tt.want {
			if !strings.Contains(got, w) || strings.Contains(got, "outcome(") {
				t.Errorf("%s: eventLine = %q, want it to say %q", tt.name, got, w)
			}
		}
	}
}

// TestPackTypedIntoTheField: a pack scanned or typed into the pack field
// (the field had the focus) reads as a scan: the batch and expiry fill in.
func TestPackTypedIntoTheField(t *testing.T) {
	h := openRegister(t, "amy", "1111")
	h.tap("Receive")
	e := h.entry("Scan the pack")
	e.SetText(pack("mst-10"))
	e.OnSubmitted(e.Text)
	h.sees("batch B42")
	h.sees("expiry 31 Dec 2027")
}

// TestScanOnTheRegister: a pack scanned on the register shows its
// register; a wristband opens that resident.
func TestScanOnTheRegister(t *testing.T) {
	h := openRegister(t, "amy", "1111")
	h.app.register.which.SetSelected(bookStock)
	h.scan(pack("amlodipine-5"))
	h.sees("Amlodipine 5mg tablets: balance")
	h.scan(pack("mst-10"))
	h.sees("Morphine sulfate 10mg modified-release tablets: balance")
	h.scan("R102")
	h.sees("Arthur Bennett")
	h.notSees("Stock record")
}

// TestStockWords: what the resident's page says of stock, from the stock
// lines: what to order now, which runs out first, and a line per medicine
// kept; a medicine whose stock is not kept is never shown as none left.
func TestStockWords(t *testing.T) {
	days := func(n int) *int { return &n }
	amlo := round.StockLine{Product: "Amlodipine", Unit: "tablet", Kept: true, InStock: 4, DaysLeft: days(4), OrderNow: true}
	mst := round.StockLine{Product: "Morphine", Unit: "tablet", Kept: true, InStock: 57, DaysLeft: days(28)}
	prn := round.StockLine{Product: "Paracetamol", Unit: "tablet", Kept: true, InStock: 30}
	unkept := round.StockLine{Product: "Senna", Unit: "tablet"}
	tests := []struct {
		name               string
		lines              []round.StockLine
		order, rest, first string
	}{
		{"one to order now", []round.StockLine{amlo, mst},
			"Order now, runs out before the next cycle: Amlodipine: about 4 days left",
			"Amlodipine: about 4 days left\nMorphine: about 28 days left", "Stock: the first to run out is Amlodipine, about 4 days left."},
		{"nothing to order", []round.StockLine{mst, prn}, "",
			"Morphine: about 28 days left\nParacetamol: 30 tablets in stock", "Stock: the first to run out is Morphine, about 28 days left."},
		{"a when-required medicine only", []round.StockLine{prn}, "", "Paracetamol: 30 tablets in stock", "Stock: 1 medicine kept."},
		{"stock not kept", []round.StockLine{unkept}, "", "", "No stock kept yet: receive or count a medicine in the register."},
		{"none left", []round.StockLine{{Product: "Amlodipine", Kept: true, DaysLeft: days(0), OrderNow: true}},
			"Order now, runs out before the next cycle: Amlodipine: none left", "Amlodipine: none left", "Stock: the first to run out is Amlodipine, none left."},
	}
	for _, tt := range tests {
		order, rest := stockWords(tt.lines)
		if first := firstOut(tt.lines); order != tt.order || rest != tt.rest || first != tt.first {
			t.Errorf("%s: stockWords = %q, %q; firstOut = %q\nwant %q, %q; %q", tt.name, order, rest, first, tt.order, tt.rest, tt.first)
		}
	}
}

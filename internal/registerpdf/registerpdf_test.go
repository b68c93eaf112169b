package registerpdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/ledger"
	"medround/internal/registerpdf"
	"medround/internal/report"
)

var printed = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// book is a register of n doses after a receipt, with a struck receipt
// and an open discrepancy.
func book(medicine string, n int) report.RegisterBook {
	at := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	b := report.RegisterBook{Home: "Willow House", Controlled: true, Schedule: 2, ResidentID: "res-001",
		Resident: "Margaret Ellis", BirthDate: "1937-04-24", NHSNumber: "9990000018", Room: "1",
		Medicine: medicine, Form: "tablet", Strength: "10 mg", Unit: "tablet", CountOverdue: true,
		Open: []report.BookDiscrepancy{{EventID: uuid.New(), At: at, Text: "Count differs: the register held 19 tablets, 18 tablets counted"}}}
	b.Lines = append(b.Lines, report.BookLine{At: at, Movement: ledger.Receipt, FromTo: "Received from Boots pharmacy",
		In: 100, Balance: 100, By: "Amy Carter", Witness: "Sam Patel", Batch: "B42", Expiry: "2027-12-31",
		Struck: true, Correction: "entered in error: typed 100 for 10 (Meg Holloway, 1 Nov 2026 09:00)"})
	bal := float64(n)
	b.Lines = append(b.Lines, report.BookLine{At: at, Movement: ledger.Receipt, FromTo: "Received from Boots pharmacy",
		In: bal, Balance: bal, By: "Amy Carter", Witness: "Sam Patel"})
	for i := 0; i < n; i++ {
		bal--
		b.Lines = append(b.Lines, report.BookLine{At: at.Add(time.Duration(i+1) * 12 * time.Hour), Movement: ledger.Given,
			FromTo: "Given to Margaret Ellis", Out: 1, Balance: bal, By: "Ben Okafor", Witness: "Sam Patel"})
	}
	b.Balance = bal
	days := 2
	b.DaysLeft, b.OrderNow = &days, true
	return b
}

func pdfText(t *testing.T, books []report.RegisterBook) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	var buf bytes.Buffer
	if err := registerpdf.Write(&buf, books, printed); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "register.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1]
}

// TestRegisterPDFText: each register starts on a page of its own, headed
// as the paper book is (resident, medicine, form, strength), with the
// book's columns on every sheet; a long register runs on to a second
// sheet; the last sheet says the balance, the count overdue and what is
// open; an entry in error is kept, struck, with its correction.
func TestRegisterPDFText(t *testing.T) {
	pages := pdfText(t, []report.RegisterBook{book("Morphine sulfate 10mg MR tablets", 3), book("Oxycodone 5mg capsules", 60)})
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 1 for the short register and 2 for the long one", len(pages))
	}
	for i, p := range pages {
		for _, want := range []string{"Controlled drugs register (schedule 2)", "Resident: Margaret Ellis", "NHS number: 999 000 0018",
			"Form: tablet", "Strength: 10 mg", "Date and time", "Received from / given to", "In", "Out", "Balance", "By", "Witness",
			"Printed 1 Dec 2026 09:00"} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d lacks %q:\n%s", i+1, want, p)
			}
		}
	}
	if !strings.Contains(pages[0], "Medicine: Morphine sulfate 10mg MR tablets") || !strings.Contains(pages[1], "Medicine: Oxycodone 5mg capsules") {
		t.Errorf("the registers do not each start a page")
	}
	for _, want := range []string{"Balance now: 0 tablets", "A COUNT IS OVERDUE", "about 2 days left at the chart's dose: ORDER NOW", "OPEN DISCREPANCY", "Count differs",
		"Struck through: entered in error: typed 100 for 10", "Received from Boots pharmacy", "Given to Margaret Ellis", "Sam Patel"} {
		if !strings.Contains(pages[0], want) {
			t.Errorf("the short register lacks %q:\n%s", want, pages[0])
		}
	}
	if !strings.Contains(pages[1], "Continued on the next sheet") || !strings.Contains(pages[2], "sheet 2") ||
		strings.Contains(pages[1], "Balance now") || !strings.Contains(pages[2], "Balance now") {
		t.Errorf("the long register does not run on to a second sheet with the balance at its end")
	}
}

// TestRegisterPDFNothing: no registers still makes a page that says so.
func TestRegisterPDFNothing(t *testing.T) {
	pages := pdfText(t, nil)
	if len(pages) != 1 || !strings.Contains(pages[0], "No registers to print") {
		t.Errorf("pages = %q", pages)
	}
}

// A resident's and a care worker's names print as written on the register
// an inspector reads, beyond Latin-1 too (pdffont embeds DejaVu Sans).
func TestRegisterPDFPrintsNamesBeyondLatin1(t *testing.T) {
	b := book("Oxycodone 5mg capsules", 2)
	b.Resident = "Zoë Łukasiewicz"
	b.Lines[1].By, b.Lines[1].Witness = "Nguyễn Thị Hà", "Анна Иванова"
	pages := pdfText(t, []report.RegisterBook{b})
	text := strings.Join(pages, "\n")
	for _, want := range []string{"Zoë Łukasiewicz", "Nguyễn Thị Hà", "Анна Иванова"} {
		if !strings.Contains(text, want) {
			t.Errorf("the register does not print %q:\n%s", want, text)
		}
	}
}

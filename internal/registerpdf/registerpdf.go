// Package registerpdf lays out controlled drugs registers and stock
// records (report.RegisterBook) as the paper register looks: A4 portrait,
// each register starting on a page of its own, with the resident and the
// medicine, form and strength at the head, then a line per entry: date,
// received from or given to, quantity in and out, running balance, who
// signed and who witnessed. A corrected entry stays, struck through, with
// the correction under it. What each line says is decided by
// report.BuildRegisterBook; this package only draws.
package registerpdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/pdffont"
	"medround/internal/report"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 10.0
	headerH      = 30.0
	rowH         = 6.0
	footerH      = 26.0
)

// column is one column of the register's table.
type column struct {
	title string
	w     float64
	right bool
}

// columns are the paper book's, left to right; their widths add to the
// page's width inside the margins.
var columns = []column{
	{"Date and time", 30, false},
	{"Received from / given to", 70, false},
	{"In", 13, true},
	{"Out", 13, true},
	{"Balance", 16, true},
	{"By", 24, false},
	{"Witness", 24, false},
}

// Write writes the books as one PDF. printed is when it is printed, shown
// on each page so an old printout is known for one.
func Write(w io.Writer, books []report.RegisterBook, printed time.Time) error {
	pdf, err := pdffont.NewA4("P", "Controlled drugs register and stock record", margin)
	if err != nil {
		return fmt.Errorf("write register pdf: %w", err)
	}
	d := &doc{pdf: pdf, printed: printed}
	for i := range books {
		d.book(&books[i])
	}
	if len(books) == 0 {
		pdf.AddPage()
		d.text(margin, margin+5, 12, "B", "No registers to print: nothing was received or counted yet.")
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write register pdf: %w", err)
	}
	return nil
}

type doc struct {
	pdf     *fpdf.Fpdf
	printed time.Time
	b       *report.RegisterBook
	sheet   int // page of the current register
}

func (d *doc) text(x, y, size float64, style, s string) {
	d.pdf.SetFont(pdffont.Family, upright(style), size)
	d.pdf.Text(x, y, (s))
}

// book draws one register: a new page, then its lines, turning the page
// when one is full.
func (d *doc) book(b *report.RegisterBook) {
	d.b, d.sheet = b, 0
	d.newPage()
	y := margin + headerH + rowH
	for i := range b.Lines {
		l := &b.Lines[i]
		h := rowH
		if l.Struck {
			h += rowH
		}
		if y+h > pageH-margin-footerH {
			d.footer(false)
			d.newPage()
			y = margin + headerH + rowH
		}
		d.line(l, y)
		y += h
	}
	if len(b.Lines) == 0 {
		d.text(margin+1, y+4, 9, "I", "No entries yet: the register starts at its first receipt or count.")
	}
	d.footer(true)
}

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.sheet++
	b := d.b
	title := "Stock record"
	if b.Controlled {
		title = fmt.Sprintf("Controlled drugs register (schedule %d)", b.Schedule)
	}
	d.text(margin, margin+5, 14, "B", title)
	right := clip(d, fmt.Sprintf("%s  ·  sheet %d", b.Home, d.sheet), 80, 8, "")
	d.text(pageW-margin-d.pdf.GetStringWidth((right)), margin+5, 8, "", right)
	d.text(margin, margin+12, 11, "B", "Resident: "+b.Resident)
	d.text(margin, margin+17, 8, "", fmt.Sprintf("Date of birth: %s    NHS number: %s    Room: %s    Resident ID: %s",
		orNone(birth(b.BirthDate)), orNone(nhs(b.NHSNumber)), orNone(b.Room), b.ResidentID))
	d.text(margin, margin+23, 11, "B", clip(d, "Medicine: "+b.Medicine, pageW-2*margin, 11, "B"))
	d.text(margin, margin+28, 8, "", fmt.Sprintf("Form: %s    Strength: %s    Counted in: %s",
		orNone(b.Form), orNone(b.Strength), orNone(b.Unit)))
	d.tableHeader(margin + headerH)
}

func (d *doc) tableHeader(y float64) {
	p := d.pdf
	p.SetFillColor(230, 230, 230)
	x := margin
	for _, c := range columns {
		p.Rect(x, y, c.w, rowH, "FD")
		d.cellText(x, y, c, 7, "B", c.title)
		x += c.w
	}
}

// cellText writes s in a column's cell, clipped to it.
func (d *doc) cellText(x, y float64, c column, size float64, style, s string) {
	s = clip(d, s, c.w-2, size, style)
	d.pdf.SetFont(pdffont.Family, upright(style), size)
	tx := x + 1
	if c.right {
		tx = x + c.w - 1 - d.pdf.GetStringWidth((s))
	}
	d.pdf.Text(tx, y+rowH/2+1.2, (s))
}

// line draws one entry; a struck entry has a line through it and the
// correction on the row below.
func (d *doc) line(l *report.BookLine, y float64) {
	p := d.pdf
	from := l.FromTo
	if l.Batch != "" && l.Movement == ledger.Receipt {
		from += "  (batch " + l.Batch
		if l.Expiry != "" {
			from += ", exp " + l.Expiry
		}
		from += ")"
	}
	cells := []string{l.At.Format("02 Jan 2006 15:04"), from, qty(l.In), qty(l.Out),
		strconv.FormatFloat(l.Balance, 'f', -1, 64), l.By, l.Witness}
	style := ""
	if l.Movement == ledger.Counted {
		style = "B"
	}
	x := margin
	for i, c := range columns {
		p.Rect(x, y, c.w, rowH, "D")
		d.cellText(x, y, c, 7, style, cells[i])
		x += c.w
	}
	if !l.Struck {
		return
	}
	p.SetDrawColor(170, 0, 0)
	p.Line(margin, y+rowH/2, pageW-margin, y+rowH/2)
	p.SetDrawColor(0, 0, 0)
	p.Rect(margin, y+rowH, pageW-2*margin, rowH, "D")
	p.SetTextColor(170, 0, 0)
	d.text(margin+columns[0].w+1, y+rowH+rowH/2+1.2, 7, "I",
		clip(d, "Struck through: "+l.Correction, pageW-2*margin-columns[0].w-2, 7, "I"))
	p.SetTextColor(0, 0, 0)
}

// footer says the balance, the last count, what is open and when it was
// printed; last is the register's last sheet.
func (d *doc) footer(last bool) {
	b := d.b
	y := pageH - margin - footerH + 5
	if !last {
		d.text(margin, y, 8, "I", "Continued on the next sheet.")
		d.printedLine()
		return
	}
	d.text(margin, y, 10, "B", "Balance now: "+mar.Amount(b.Balance, b.Unit))
	count := "Never counted"
	if !b.LastCount.IsZero() {
		count = "Last counted " + b.LastCount.Format("2 Jan 2006 15:04")
	}
	if b.CountOverdue {
		count += "  ·  A COUNT IS OVERDUE"
	}
	if b.DaysLeft != nil {
		count += fmt.Sprintf("  ·  about %d days left at the chart's dose", *b.DaysLeft)
		if b.OrderNow {
			count += ": ORDER NOW"
		}
	}
	d.text(margin, y+5, 8, "", count)
	for i, o := range b.Open {
		if i == 2 {
			d.text(margin, y+15, 8, "B", fmt.Sprintf("and %d more open discrepancies", len(b.Open)-2))
			break
		}
		d.pdf.SetTextColor(170, 0, 0)
		d.text(margin, y+10+float64(i)*5, 8, "B", clip(d, "OPEN DISCREPANCY "+o.At.Format("2 Jan 15:04")+": "+o.Text,
			pageW-2*margin, 8, "B"))
		d.pdf.SetTextColor(0, 0, 0)
	}
	d.printedLine()
}

func (d *doc) printedLine() {
	d.text(margin, pageH-margin, 7, "", "Printed "+d.printed.Format("2 Jan 2006 15:04")+
		" from medround. Nothing in a register is crossed out: a mistake is a correcting entry, shown with the original.")
}

func qty(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// clip shortens s with an ellipsis to fit w millimetres.
func clip(d *doc, s string, w, size float64, style string) string {
	d.pdf.SetFont(pdffont.Family, upright(style), size)
	if d.pdf.GetStringWidth((s)) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.pdf.GetStringWidth((string(r)+"...")) > w {
		r = r[:len(r)-1]
	}
	return string(r) + "..."
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not recorded"
	}
	return s
}

func birth(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

func nhs(n string) string {
	if len(n) == 10 {
		return n[:3] + " " + n[3:6] + " " + n[6:]
	}
	return n
}

// upright drops italic from a style: the embedded font has no oblique face
// (pdffont), so notes print upright.
func upright(style string) string { return strings.ReplaceAll(style, "I", "") }

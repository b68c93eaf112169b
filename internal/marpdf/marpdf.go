// Package marpdf lays out MAR charts (report.MARChart) as the printed
// chart care homes keep and inspectors ask for: A4 landscape, a page or
// more per resident, the header, the medicines down the side, the days
// across, the legend of codes and the initials key on every page. What each
// slot shows is decided by report.BuildMARChart; this package only draws.
package marpdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"medround/internal/pdffont"
	"medround/internal/report"
)

// Page geometry in millimetres (A4 landscape).
const (
	pageW, pageH = 297.0, 210.0
	margin       = 8.0
	sideW        = 78.0 // the medicine column
	timeW        = 11.0 // the dose time column
	rowH         = 5.2
	headerH      = 26.0
	footerH      = 24.0
	// maxDaysPerPage keeps a day's column wide enough for "AB/CD".
	maxDaysPerPage = 31
)

// family is the font the chart prints in (pdffont: names as written).
const family = pdffont.Family

// Write writes the charts as one PDF. printed is the time the chart is
// printed, shown on each page so an old printout is known for one.
func Write(w io.Writer, charts []report.MARChart, printed time.Time) error {
	pdf, err := pdffont.NewA4("L", "MAR chart", margin)
	if err != nil {
		return fmt.Errorf("mar chart pdf: %w", err)
	}
	d := &doc{pdf: pdf, printed: printed}
	for i := range charts {
		d.chart(&charts[i])
	}
	if len(charts) == 0 {
		pdf.AddPage()
		d.text(margin, margin+5, 12, "B", "No residents to print.")
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write mar chart pdf: %w", err)
	}
	return nil
}

type doc struct {
	pdf     *fpdf.Fpdf
	printed time.Time
	page    int
	c       *report.MARChart
	days    []time.Time
}

func (d *doc) text(x, y, size float64, style, s string) {
	d.font(style, size)
	d.pdf.Text(x, y, s)
}

// font sets the chart's font: bold ("B") or regular; italic ("I") prints
// regular, having no face of its own.
func (d *doc) font(style string, size float64) {
	if style != "B" {
		style = ""
	}
	d.pdf.SetFont(family, style, size)
}

// chart draws one resident's chart: pages of up to maxDaysPerPage days,
// each holding as many medicine lines as fit.
func (d *doc) chart(c *report.MARChart) {
	d.c = c
	for first := 0; first < len(c.Days); first += maxDaysPerPage {
		d.days = c.Days[first:min(first+maxDaysPerPage, len(c.Days))]
		d.newPage()
		y := margin + headerH + rowH
		for i := range c.Lines {
			l := &c.Lines[i]
			h := lineHeight(l)
			if y+h > pageH-margin-footerH {
				d.newPage()
				y = margin + headerH + rowH
			}
			d.line(l, first, y, h)
			y += h
		}
		if len(c.Lines) == 0 {
			d.text(margin, y+4, 9, "", "No medicines on the chart in this period.")
		}
	}
}

func lineHeight(l *report.ChartLine) float64 {
	return max(float64(len(l.Rows)), 3) * rowH
}

func (d *doc) dayW() float64 { return (pageW - 2*margin - sideW - timeW) / float64(len(d.days)) }

// newPage starts a page with the header, the day columns, the legend and
// the initials key.
func (d *doc) newPage() {
	d.pdf.AddPage()
	d.page++
	c := d.c
	p := d.pdf
	d.text(margin, margin+5, 14, "B", "MAR chart: "+c.Name)
	d.text(pageW-margin-90, margin+5, 9, "", fmt.Sprintf("%s  ·  page %d", c.Home, d.page))
	allergies := "No known allergies"
	if len(c.Allergies) > 0 {
		allergies = "ALLERGIES: " + strings.Join(c.Allergies, ", ")
	}
	info := fmt.Sprintf("Date of birth: %s    NHS number: %s    Room: %s    Resident ID: %s",
		orNone(birth(c.BirthDate)), orNone(nhs(c.NHSNumber)), orNone(c.Room), c.ResidentID)
	d.text(margin, margin+11, 9, "", info)
	d.gp(info, margin+11)
	if len(c.Allergies) > 0 {
		p.SetTextColor(180, 0, 0)
	}
	d.text(margin, margin+16.5, 10, "B", allergies)
	p.SetTextColor(0, 0, 0)
	d.text(margin, margin+22, 8, "", fmt.Sprintf("%s to %s (times in %s)  ·  printed %s",
		d.days[0].Format("Mon 2 Jan 2006"), d.days[len(d.days)-1].Format("Mon 2 Jan 2006"), c.TimeZone,
		d.printed.Format("2 Jan 2006 15:04")))
	d.dayHeader()
	d.footer()
}

func (d *doc) dayHeader() {
	p := d.pdf
	y := margin + headerH
	p.SetFillColor(230, 230, 230)
	p.Rect(margin, y, sideW+timeW, rowH, "FD")
	d.text(margin+1, y+3.6, 7, "B", "Medicine, dose, route, times, instructions")
	x := margin + sideW + timeW
	for _, day := range d.days {
		p.Rect(x, y, d.dayW(), rowH, "FD")
		d.centre(x, y, d.dayW(), 6, "B", day.Format("2"))
		d.font("", 3.8)
		x += d.dayW()
	}
}

func (d *doc) centre(x, y, w, size float64, style, s string) {
	d.font(style, size)
	tw := d.pdf.GetStringWidth(s)
	d.pdf.Text(x+(w-tw)/2, y+rowH/2+size*0.35*0.35+0.6, s)
}

// line draws a medicine line: its description on the left, a row per dose
// time with a cell per day.
func (d *doc) line(l *report.ChartLine, first int, y, h float64) {
	p := d.pdf
	p.SetDrawColor(0, 0, 0)
	p.Rect(margin, y, sideW, h, "D")
	title := l.Medicine
	var flags []string
	if l.PRN {
		flags = append(flags, "PRN")
	}
	if l.Controlled {
		flags = append(flags, "CD: witness")
	}
	if l.TimeCritical {
		flags = append(flags, "TIME-CRITICAL")
	}
	d.text(margin+1, y+3.3, 7, "B", clip(d, title, sideW-2, 7, "B"))
	sub := strings.TrimSpace(l.Dose + "  " + l.Route + "  " + l.Times)
	d.text(margin+1, y+6.8, 6.5, "", clip(d, sub, sideW-2, 6.5, ""))
	if len(flags) > 0 {
		p.SetTextColor(170, 0, 0)
		d.text(margin+1, y+10.2, 6.5, "B", strings.Join(flags, "  "))
		p.SetTextColor(0, 0, 0)
	} else if l.Instructions != "" {
		d.text(margin+1, y+10.2, 6, "I", clip(d, l.Instructions, sideW-2, 6, "I"))
	}
	if len(flags) > 0 && l.Instructions != "" && h > 13 {
		d.text(margin+1, y+13.6, 6, "I", clip(d, l.Instructions, sideW-2, 6, "I"))
	}
	rh := h / float64(max(len(l.Rows), 1))
	for i, row := range l.Rows {
		ry := y + float64(i)*rh
		p.Rect(margin+sideW, ry, timeW, rh, "D")
		d.centre(margin+sideW, ry+(rh-rowH)/2, timeW, 6.5, "B", row.Time)
		x := margin + sideW + timeW
		for j := range d.days {
			p.Rect(x, ry, d.dayW(), rh, "D")
			d.cell(row.Cells[first+j], x, ry, d.dayW(), rh)
			x += d.dayW()
		}
	}
}

// cell draws a slot's marks stacked; a struck mark has a line through it.
func (d *doc) cell(marks []report.Mark, x, y, w, h float64) {
	n := float64(len(marks))
	for i, m := range marks {
		text := m.Text
		if m.Late {
			text += "*"
		}
		if m.Override {
			text += "!"
		}
		// As big as the column allows: 28 days leave about 6 mm a day.
		size := min(8, w*0.85)
		if n > 1 || len(text) > 4 {
			size = min(6, w*0.7)
		}
		my := y + (h-n*size*0.42)/2 + float64(i)*size*0.42
		d.font("B", size)
		tw := d.pdf.GetStringWidth(text)
		tx := x + (w-tw)/2
		d.pdf.Text(tx, my+size*0.36, text)
		if m.Struck {
			d.pdf.Line(tx-0.3, my+size*0.22, tx+tw+0.3, my+size*0.22)
		}
	}
}

// gp prints the resident's GP after the line of details at y, as far as
// the page allows.
func (d *doc) gp(details string, y float64) {
	gp := d.c.GP
	if gp == "" {
		gp = "not recorded"
	}
	d.font("", 9)
	x := margin + d.pdf.GetStringWidth(details) + 8
	d.text(x, y, 9, "B", "GP:")
	x += d.pdf.GetStringWidth("GP:") + 1.5
	d.text(x, y, 9, "", clip(d, gp, pageW-margin-x, 9, ""))
}

// footer prints the legend of codes and the initials key.
func (d *doc) footer() {
	y := pageH - margin - footerH + 3
	d.text(margin, y, 7, "B", "Codes")
	x, row := margin, 0
	for i, c := range report.ChartCodes {
		cx := x + float64(i%5)*44
		cy := y + 3.5 + float64(i/5)*3.3
		d.text(cx, cy, 6, "B", c.Code)
		d.text(cx+4, cy, 6, "", c.Meaning)
		row = i / 5
	}
	ky := y + 3.5 + float64(row+1)*3.3 + 1.5
	d.text(margin, ky, 7, "B", "Initials")
	var parts []string
	for _, k := range d.c.Key {
		parts = append(parts, fmt.Sprintf("%s = %s (%s)", k.Initials, k.Name, k.UserID))
	}
	if len(parts) == 0 {
		parts = []string{"no records in this period"}
	}
	d.text(margin+12, ky, 6, "", clip(d, strings.Join(parts, ";  "), pageW-2*margin-14, 6, ""))
	d.text(margin, ky+3.5, 6, "", "A/B: given by A, witnessed by B (controlled drug). Several marks in a slot are in the order recorded.")
}

// clip shortens s to fit width w at the font given, with an ellipsis.
func clip(d *doc, s string, w, size float64, style string) string {
	d.font(style, size)
	if d.pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+"...") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "..."
}

func orNone(s string) string {
	if s == "" {
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

func nhs(s string) string {
	if len(s) != 10 {
		return s
	}
	return s[:3] + " " + s[3:6] + " " + s[6:]
}

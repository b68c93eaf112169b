package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/report"
)

// gridRowHeight is a resident's line of the completeness grid: read, not
// tapped, so smaller than a touch row, but two lines of a cell still fit.
const gridRowHeight = 44

// completenessGrid draws report.Completeness a page of residents at a
// time: a line per resident, a cell per day, each cell labelled with
// what it counts ("5/6", "away", "to do", "–") and coloured by it, so the
// colour is never the only sign.
type completenessGrid struct {
	widget.BaseWidget
	grid    *report.Completeness
	first   int // first resident shown
	perPage int
	// paged is told how many residents fit, when that changes.
	paged func()
}

func newCompletenessGrid(paged func()) *completenessGrid {
	g := &completenessGrid{perPage: 1, paged: paged}
	g.ExtendBaseWidget(g)
	return g
}

func (g *completenessGrid) set(c *report.Completeness) {
	g.grid, g.first = c, 0
	g.Refresh()
}

func (g *completenessGrid) residents() int {
	if g.grid == nil {
		return 0
	}
	return len(g.grid.Residents)
}

// turn moves a page of residents forward or back.
func (g *completenessGrid) turn(d int) {
	g.first = max(0, min(g.first+d*g.perPage, g.residents()-1))
	g.first -= g.first % max(g.perPage, 1)
	g.Refresh()
}

func (g *completenessGrid) MinSize() fyne.Size { return fyne.NewSize(360, gridRowHeight*3) }

func (g *completenessGrid) CreateRenderer() fyne.WidgetRenderer { return &gridRenderer{g: g} }

type gridRenderer struct {
	g    *completenessGrid
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *gridRenderer) Destroy()                     {}
func (r *gridRenderer) MinSize() fyne.Size           { return r.g.MinSize() }
func (r *gridRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *gridRenderer) Refresh()                     { r.Layout(r.size); canvas.Refresh(r.g) }

func (r *gridRenderer) Layout(size fyne.Size) {
	r.size = size
	r.objs = r.objs[:0]
	g := r.g
	if g.grid == nil || len(g.grid.Days) == 0 || size.Width <= 0 {
		return
	}
	if n := max(int(size.Height/gridRowHeight)-1, 1); n != g.perPage {
		g.perPage = n
		g.first -= g.first % n
		if g.paged != nil {
			defer g.paged()
		}
	}
	days := g.grid.Days
	nameW := min(max(size.Width*0.22, 140), 260)
	cellW := (size.Width - nameW) / float32(len(days))
	for d, day := range days {
		when, err := time.Parse(time.DateOnly, day)
		if err != nil {
			continue
		}
		text := when.Format("Mon 2")
		if cellW < theme.TextSize()*4 {
			text = when.Format("2")
		}
		r.objs = append(r.objs, chartCentred(chartText(text, 0.85, true, theme.ColorNameForeground),
			nameW+float32(d)*cellW, 0, cellW, gridRowHeight))
	}
	end := min(g.first+g.perPage, len(g.grid.Residents))
	for i, res := range g.grid.Residents[g.first:end] {
		y := float32(i+1) * gridRowHeight
		name := res.Resident
		if res.Room != "" {
			name = res.Room + "  " + name
		}
		t := chartText(name, 0.9, false, theme.ColorNameForeground)
		r.objs = append(r.objs, chartAt(t, 4, y+(gridRowHeight-t.MinSize().Height)/2, nameW-8, t.MinSize().Height))
		for d, c := range res.Days {
			r.cell(c, nameW+float32(d)*cellW, y, cellW, gridRowHeight)
		}
	}
}

// cell draws one day of one resident.
func (r *gridRenderer) cell(c report.DayDoses, x, y, w, h float32) {
	text, t, filled := cellWords(c)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	fg := theme.ColorNameForeground
	if filled {
		bg.FillColor = theme.Color(t.background())
		fg = t.foreground()
	}
	bg.CornerRadius = 4
	r.objs = append(r.objs, chartAt(bg, x+2, y+2, w-4, h-4),
		chartCentred(chartText(text, 0.85, true, fg), x, y+(h-theme.TextSize()*1.2)/2, w, theme.TextSize()*1.2))
}

// cellWords is what a cell says and its colour: recorded of expected,
// green when nothing was missed and red when something was; "away" when
// the resident was away for every dose; "to do" when only doses still
// in their window are due; a dash when nothing was due.
func cellWords(c report.DayDoses) (text string, t tone, filled bool) {
	switch {
	case c.Expected() > 0 && c.Missed > 0:
		return fmt.Sprintf("%d/%d", c.Recorded, c.Expected()), toneStop, true
	case c.Expected() > 0:
		return fmt.Sprintf("%d/%d", c.Recorded, c.Expected()), toneOK, true
	case c.Away > 0:
		return "away", toneNotes, true
	case c.Pending > 0:
		return "to do", toneOK, false
	}
	return "–", toneOK, false
}

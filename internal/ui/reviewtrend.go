package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/report"
)

// trendChart draws report.Trend: a panel per round, in each a pair of bars
// per day (missed on the left in red, late or early on the right in
// amber), each bar with its count on it, so the numbers are read, not
// guessed from heights, and the colours are never the only sign. The
// panels share one scale and one row of day labels.
type trendChart struct {
	widget.BaseWidget
	trend report.Trend
}

func newTrendChart() *trendChart {
	c := &trendChart{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *trendChart) set(t report.Trend) {
	c.trend = t
	c.Refresh()
}

func (c *trendChart) CreateRenderer() fyne.WidgetRenderer { return &trendRenderer{c: c} }

func (c *trendChart) MinSize() fyne.Size { return fyne.NewSize(360, 240) }

// trendRenderer rebuilds its canvas objects at each layout: a chart of 14
// days and a handful of rounds is a few hundred rectangles and texts.
type trendRenderer struct {
	c    *trendChart
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *trendRenderer) Destroy()                     {}
func (r *trendRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *trendRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *trendRenderer) Refresh()                     { r.Layout(r.size); canvas.Refresh(r.c) }

// chartText is canvas text in the theme's colour and a size scaled from
// the theme's text size.
func chartText(s string, scale float32, bold bool, col fyne.ThemeColorName) *canvas.Text {
	t := canvas.NewText(s, theme.Color(col))
	t.TextSize = theme.TextSize() * scale
	t.TextStyle = fyne.TextStyle{Bold: bold}
	return t
}

// chartAt places obj at x, y with size w, h.
func chartAt(obj fyne.CanvasObject, x, y, w, h float32) fyne.CanvasObject {
	obj.Move(fyne.NewPos(x, y))
	obj.Resize(fyne.NewSize(w, h))
	return obj
}

// chartCentred places text centred in the box x, y, w, h.
func chartCentred(t *canvas.Text, x, y, w, h float32) fyne.CanvasObject {
	t.Alignment = fyne.TextAlignCenter
	return chartAt(t, x, y, w, h)
}

func (r *trendRenderer) Layout(size fyne.Size) {
	r.size = size
	r.objs = r.objs[:0]
	t := r.c.trend
	nd, nr := len(t.Days), len(t.Rounds)
	if nd == 0 || nr == 0 || size.Width <= 0 {
		return
	}
	textH := theme.TextSize() * 1.3
	label := textH * 2 // day labels under the panels: weekday and date
	left := float32(8)
	colW := (size.Width - left) / float32(nd)
	panelH := (size.Height - label) / float32(nr)
	// Alternate day stripes help the eye down a column across panels.
	for d := 0; d < nd; d += 2 {
		stripe := canvas.NewRectangle(theme.Color(theme.ColorNameHover))
		r.objs = append(r.objs, chartAt(stripe, left+float32(d)*colW, 0, colW, size.Height-label))
	}
	for i, rt := range t.Rounds {
		r.panel(rt, t.Most, left, float32(i)*panelH, colW, panelH, textH)
	}
	for d, day := range t.Days {
		x := left + float32(d)*colW
		when, err := time.Parse(time.DateOnly, day)
		if err != nil {
			continue
		}
		wd := when.Format("Mon")
		if colW < theme.TextSize()*2.6 {
			wd = wd[:2]
		}
		r.objs = append(r.objs,
			chartCentred(chartText(wd, 0.85, false, theme.ColorNameForeground), x, size.Height-label, colW, textH),
			chartCentred(chartText(when.Format("2"), 0.85, true, theme.ColorNameForeground), x, size.Height-textH, colW, textH))
	}
}

// panel draws one round: its name and totals, a baseline, and per day the
// missed and late bars with their numbers.
func (r *trendRenderer) panel(rt report.RoundTrend, most int, left, top, colW, h, textH float32) {
	var missed, late int
	for i := range rt.Missed {
		missed += rt.Missed[i]
		late += rt.Late[i]
	}
	title := chartText(fmt.Sprintf("%s: %d missed, %d late or early", rt.Label, missed, late), 0.9, true, theme.ColorNameForeground)
	r.objs = append(r.objs, chartAt(title, left, top, colW*float32(len(rt.Missed)), textH))
	base := top + h - 4
	line := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	r.objs = append(r.objs, chartAt(line, left, base, colW*float32(len(rt.Missed)), 1))
	room := base - top - textH*2 // the title above, a number over the tallest bar
	scale := float32(0)
	if most > 0 {
		scale = room / float32(most)
	}
	barW := min(colW*0.36, 40)
	gap := (colW - 2*barW) / 3
	for d := range rt.Missed {
		x := left + float32(d)*colW + gap
		r.bar(rt.Missed[d], x, base, barW, scale, textH, theme.Color(colourNameStop))
		r.bar(rt.Late[d], x+barW+gap, base, barW, scale, textH, theme.Color(colourNameWarn))
	}
}

// bar draws one count as a bar with the number just above it; zero draws
// no bar and no number, so a quiet day reads as quiet.
func (r *trendRenderer) bar(n int, x, base, w, scale, textH float32, fill color.Color) {
	if n <= 0 {
		return
	}
	bh := max(float32(n)*scale, 3)
	b := canvas.NewRectangle(fill)
	r.objs = append(r.objs, chartAt(b, x, base-bh, w, bh))
	num := chartText(fmt.Sprint(n), 0.85, true, theme.ColorNameForeground)
	r.objs = append(r.objs, chartCentred(num, x-6, base-bh-textH, w+12, textH))
}

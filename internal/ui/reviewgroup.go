package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/report"
)

// reviewHeadHeight is a group heading's height in the review list.
const reviewHeadHeight = 48

// Groupings offered on the review screen.
const (
	groupResident = "By resident"
	groupRound    = "By round"
)

// reviewEntry is a row of the review list with the group it is under.
type reviewEntry struct {
	row   report.Row
	group int
}

// groupEntries flattens the groups into the list's entries.
func groupEntries(groups []report.Group) []reviewEntry {
	var out []reviewEntry
	for i, g := range groups {
		for _, r := range g.Rows {
			out = append(out, reviewEntry{row: r, group: i})
		}
	}
	return out
}

// pageStarts splits the entries into pages that fit height: each page
// opens with its group's heading, and a new heading comes wherever the
// group changes. Every page holds at least one row.
func pageStarts(entries []reviewEntry, height, head, row float32) []int {
	starts := []int{0}
	used := float32(0)
	for i, e := range entries {
		h := row
		if used == 0 || e.group != entries[i-1].group {
			h += head
		}
		if used > 0 && used+h > height {
			starts = append(starts, i)
			used, h = 0, row+head
		}
		used += h
	}
	return starts
}

// groupedLayout places the review list's headings and rows in the order
// the screen last filled them, and tells the screen its height so it can
// page.
type groupedLayout struct {
	s      *reviewScreen
	order  []fyne.CanvasObject
	height []float32
	width  float32
}

func (l *groupedLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(300, reviewRowHeight+reviewHeadHeight)
}

func (l *groupedLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	if size.Height != l.s.avail {
		l.s.avail = size.Height
		l.s.paginate()
		l.s.fill()
		return // fill placed the objects
	}
	l.place()
}

func (l *groupedLayout) place() {
	y := float32(0)
	for i, o := range l.order {
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(l.width, l.height[i]-4))
		y += l.height[i]
	}
}

// newGroupHeading is a heading of the review list.
func newGroupHeading() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// headingText is a group's heading with its count; "continued" when the
// page starts inside the group.
func headingText(g report.Group, continued bool) string {
	what := "rows"
	if len(g.Rows) == 1 {
		what = "row"
	}
	s := fmt.Sprintf("%s  (%d %s)", g.Label, len(g.Rows), what)
	if continued {
		s += ", continued"
	}
	return s
}

// groupBy is the grouping chosen.
func (s *reviewScreen) groupBy() report.GroupBy {
	if s.grouping.Selected == groupRound {
		return report.GroupByRound
	}
	return report.GroupByResident
}

// paginate works out the pages of the entries for the list's height.
func (s *reviewScreen) paginate() {
	s.starts = pageStarts(s.entries, s.avail, reviewHeadHeight, reviewRowHeight)
	if s.page >= len(s.starts) {
		s.page = len(s.starts) - 1
	}
}

// fill shows the current page: headings and rows in order.
func (s *reviewScreen) fill() {
	l := s.layout
	l.order, l.height = l.order[:0], l.height[:0]
	for _, h := range s.heads {
		h.Hide()
	}
	for _, r := range s.lines {
		r.box.Hide()
	}
	start, end := 0, 0
	if len(s.starts) > 0 && len(s.entries) > 0 {
		start, end = s.starts[s.page], len(s.entries)
		if s.page+1 < len(s.starts) {
			end = s.starts[s.page+1]
		}
	}
	nh, nr := 0, 0
	if len(s.entries) == 0 && s.rv != nil && len(s.heads) > 0 {
		// An empty list says so: a blank could be a screen still loading.
		h := s.heads[0]
		nh++
		h.SetText("Nothing in this section for this period")
		if len(s.rows) == 0 && s.open.Checked {
			h.SetText("Nothing left to review in this section")
		}
		h.Show()
		l.order, l.height = append(l.order, h), append(l.height, reviewHeadHeight)
	}
	for i := start; i < end && nr < len(s.lines) && nh < len(s.heads); i++ {
		e := s.entries[i]
		if i == start || e.group != s.entries[i-1].group {
			h := s.heads[nh]
			nh++
			h.SetText(headingText(s.groups[e.group], i > 0 && s.entries[i-1].group == e.group))
			h.Show()
			l.order, l.height = append(l.order, h), append(l.height, reviewHeadHeight)
		}
		r := s.lines[nr]
		nr++
		r.set(s.sel, e.row)
		r.box.Show()
		l.order, l.height = append(l.order, r.box), append(l.height, reviewRowHeight)
	}
	l.place()
	s.pageInfo()
}

// pageInfo says where the list stands and enables the pager.
func (s *reviewScreen) pageInfo() {
	pages := max(len(s.starts), 1)
	what := "rows"
	if len(s.rows) == 1 {
		what = "row"
	}
	s.pageText.SetText(fmt.Sprintf("Page %d of %d · %d %s", s.page+1, pages, len(s.rows), what))
	setEnabled(s.prev, s.page > 0)
	setEnabled(s.next, s.page < pages-1)
}

// toolRow puts a field and its tools on one line on a landscape screen,
// and the tools on a line of their own under the field on a portrait one,
// so neither is squeezed to uselessness. The window's shape decides, not
// the row's width: a layout's height cannot depend on the width it is
// then given.
type toolRow struct {
	wide func() bool
}

func (t *toolRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	a, b := objs[0].MinSize(), objs[1].MinSize()
	if t.wide() {
		return fyne.NewSize(a.Width+b.Width+theme.Padding(), max(a.Height, b.Height))
	}
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height+theme.Padding())
}

func (t *toolRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	field, tools := objs[0], objs[1]
	tw := tools.MinSize().Width
	if !t.wide() {
		h := field.MinSize().Height
		field.Move(fyne.NewPos(0, 0))
		field.Resize(fyne.NewSize(size.Width, h))
		tools.Move(fyne.NewPos(0, h+theme.Padding()))
		tools.Resize(fyne.NewSize(size.Width, tools.MinSize().Height))
		return
	}
	field.Move(fyne.NewPos(0, 0))
	field.Resize(fyne.NewSize(size.Width-tw-theme.Padding(), size.Height))
	tools.Move(fyne.NewPos(size.Width-tw, 0))
	tools.Resize(fyne.NewSize(tw, size.Height))
}

// landscape reports whether the window is wider than tall.
func (a *App) landscape() bool {
	s := a.win.Canvas().Size()
	return s.Width >= s.Height
}

// sectionsLayout lists the review's section buttons one above another
// beside the rows on a landscape screen, and in two columns above them on
// a portrait one, where a column beside the rows would leave them too
// narrow to read.
type sectionsLayout struct {
	wide func() bool
}

func (l *sectionsLayout) cols() int {
	if l.wide() {
		return 1
	}
	return 2
}

func (l *sectionsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var cell fyne.Size
	for _, o := range objs {
		cell = cell.Max(o.MinSize())
	}
	cols := l.cols()
	rows := (len(objs) + cols - 1) / cols
	p := theme.Padding()
	return fyne.NewSize(float32(cols)*(cell.Width+p), float32(rows)*(cell.Height+p))
}

func (l *sectionsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	cols := l.cols()
	p := theme.Padding()
	w := (size.Width - p*float32(cols-1)) / float32(cols)
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i%cols)*(w+p), float32(i/cols)*(h+p)))
		o.Resize(fyne.NewSize(w, h))
	}
}

// reviewBody puts the sections (objs[0], scrolling over side) beside the
// rows (objs[1]) on a landscape screen and above them on a portrait one.
type reviewBody struct {
	wide func() bool
	side fyne.CanvasObject
}

func (l *reviewBody) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s, c := l.side.MinSize(), objs[1].MinSize()
	if l.wide() {
		return fyne.NewSize(s.Width+2*theme.Padding()+c.Width, c.Height)
	}
	return fyne.NewSize(max(s.Width, c.Width), s.Height+c.Height)
}

func (l *reviewBody) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	side, rows := objs[0], objs[1]
	p := theme.Padding()
	s := l.side.MinSize()
	s.Width += 2 * p // room for the scroll bar
	if l.wide() {
		side.Move(fyne.NewPos(p, 0))
		side.Resize(fyne.NewSize(s.Width, size.Height))
		rows.Move(fyne.NewPos(s.Width+p, 0))
		rows.Resize(fyne.NewSize(size.Width-s.Width-p, size.Height))
		return
	}
	side.Move(fyne.NewPos(p, 0))
	side.Resize(fyne.NewSize(size.Width-2*p, s.Height))
	rows.Move(fyne.NewPos(0, s.Height+p))
	rows.Resize(fyne.NewSize(size.Width, size.Height-s.Height-p))
}

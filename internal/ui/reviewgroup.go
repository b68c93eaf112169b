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

package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/staff"
)

// registerColumns are the book's columns and their shares of the width,
// as the printed register has them.
var registerColumns = []struct {
	title string
	share float32
}{
	{"Date and time", 18}, {"Received from / given to", 28}, {"In", 6}, {"Out", 6},
	{"Balance", 10}, {"By", 16}, {"Witness", 16},
}

// bookView is one register: its head (medicine, form, strength, balance,
// last count), a warning when a count is overdue, the open discrepancies,
// and a page of its entries with the running balance. The entries are big
// paged rows, as on the round: touch does not drag-scroll a list.
type bookView struct {
	app      *App
	head     *widget.Label
	sub      *widget.Label
	overdue  *fyne.Container
	openBox  *fyne.Container
	openText *bandText
	// A manager records what was done about the oldest open discrepancy,
	// which closes it (round.ResolveDiscrepancy).
	action     *widget.Entry
	resolve    *widget.Button
	resolveBox *fyne.Container
	onResolve  func(id uuid.UUID, action string)
	rows       []*bookRow
	shown      []bookItem
	pageText   *widget.Label
	prev       *widget.Button
	next       *widget.Button
	b          *report.RegisterBook
	page       int
	perPage    int
	box        fyne.CanvasObject
}

// bookItem is a row of the page: an entry, or the correction under a
// struck entry.
type bookItem struct {
	line       *report.BookLine
	correction bool
}

// Book rows: the most a tall screen shows, and each one's height.
const (
	maxBookRows   = 30
	bookRowHeight = 42
)

func newBookView(a *App) *bookView {
	v := &bookView{app: a, head: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		sub: wrapped(""), perPage: 1}
	v.head.SizeName = theme.SizeNameSubHeadingText
	v.head.Wrapping = fyne.TextWrapWord
	v.overdue = band(toneWarn, bandBold(toneWarn, "A count is overdue: two staff count this medicine and record what they find (Count)."))
	v.openText = bandPlain(toneStop, "")
	v.openBox = band(toneStop, bandBold(toneStop, "Open discrepancies: the manager records what was done"), v.openText)
	v.action = widget.NewEntry()
	v.action.SetPlaceHolder("What was done about the oldest open discrepancy (manager)")
	v.action.OnChanged = func(string) { a.idle.touch() }
	submitUnfocus(a, v.action)
	v.resolve = newButton("Record what was done", theme.ConfirmIcon(), widget.HighImportance, a.act(func() {
		if v.b != nil && len(v.b.Open) > 0 && v.onResolve != nil {
			v.onResolve(v.b.Open[0].EventID, v.action.Text)
		}
	}))
	v.resolveBox = container.NewBorder(nil, nil, nil, tall(v.resolve), tall(v.action))
	v.resolveBox.Hide()
	header := make([]fyne.CanvasObject, len(registerColumns))
	for i, c := range registerColumns {
		header[i] = widget.NewLabelWithStyle(c.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	list := container.New(&pageLayout{height: bookRowHeight, capacity: v.capacity})
	for i := 0; i < maxBookRows; i++ {
		r := newBookRow()
		v.rows = append(v.rows, r)
		list.Add(r.box)
	}
	v.pageText = widget.NewLabel("")
	v.prev = newButton("Earlier entries", theme.NavigateBackIcon(), widget.MediumImportance, a.act(func() { v.turn(-1) }))
	v.next = newButton("Later entries", theme.NavigateNextIcon(), widget.MediumImportance, a.act(func() { v.turn(1) }))
	pager := container.NewBorder(nil, nil, tall(v.prev), tall(v.next), container.NewCenter(v.pageText))
	top := container.NewVBox(v.head, v.sub, v.overdue, v.openBox, v.resolveBox,
		container.New(columnsLayout{}, header...), widget.NewSeparator())
	v.box = container.NewBorder(top, pager, nil, nil, list)
	return v
}

// empty shows that there is no register to show.
func (v *bookView) empty(text string) {
	v.b, v.shown = nil, nil
	v.head.SetText(text)
	v.sub.SetText("")
	v.overdue.Hide()
	v.openBox.Hide()
	v.resolveBox.Hide()
	v.fill()
}

// set shows a register at page; page < 0 is its newest page.
func (v *bookView) set(b *report.RegisterBook, page int) {
	v.b = b
	v.head.SetText(fmt.Sprintf("%s: balance %s", b.Medicine, mar.Amount(b.Balance, b.Unit)))
	var sub []string
	if b.Controlled {
		sub = append(sub, fmt.Sprintf("Controlled drug, schedule %d", b.Schedule))
	}
	for _, kv := range [][2]string{{"Form", b.Form}, {"Strength", b.Strength}, {"Counted in", b.Unit}} {
		if kv[1] != "" {
			sub = append(sub, kv[0]+": "+kv[1])
		}
	}
	sub = append(sub, strings.TrimSuffix(lastCountWords(v.app, b), "."))
	if b.DaysLeft != nil && b.OrderNow {
		sub = append(sub, daysLeftWords(*b.DaysLeft)+": ORDER NOW")
	} else if b.DaysLeft != nil {
		sub = append(sub, daysLeftWords(*b.DaysLeft))
	}
	v.sub.SetText(strings.Join(sub, "  ·  "))
	v.overdue.Hidden = !b.CountOverdue
	var open []string
	for _, d := range b.Open {
		open = append(open, v.app.when(d.At)+": "+d.Text)
	}
	v.openText.SetText(strings.Join(open, "\n"))
	v.openBox.Hidden = len(open) == 0
	v.resolveBox.Hidden = len(open) == 0 || !v.app.session.May(staff.ActResolveDiscrepancy)
	v.shown = v.shown[:0]
	for i := range b.Lines {
		v.shown = append(v.shown, bookItem{line: &b.Lines[i]})
		if b.Lines[i].Struck {
			v.shown = append(v.shown, bookItem{line: &b.Lines[i], correction: true})
		}
	}
	v.page = page
	v.fill()
}

func lastCountWords(a *App, b *report.RegisterBook) string {
	if b.LastCount.IsZero() {
		return "Never counted."
	}
	return "Last counted " + a.when(b.LastCount) + "."
}

func (v *bookView) pages() int { return max(1, (len(v.shown)+v.perPage-1)/v.perPage) }

// fill shows the page's rows; a page out of range is the newest.
func (v *bookView) fill() {
	pages := v.pages()
	if v.page < 0 || v.page >= pages {
		v.page = pages - 1
	}
	// Pages end at the newest entry, so the page opened on is full and the
	// first page, the oldest, is the short one.
	first := max(0, len(v.shown)-(pages-v.page)*v.perPage)
	last := len(v.shown) - (pages-v.page-1)*v.perPage
	for i, r := range v.rows {
		if i < v.perPage && first+i < last {
			it := v.shown[first+i]
			r.set(v.app, it.line, it.correction)
			r.box.Show()
		} else {
			r.box.Hide()
		}
	}
	n := 0
	if v.b != nil {
		n = len(v.b.Lines)
	}
	entries := "entries"
	if n == 1 {
		entries = "entry"
	}
	v.pageText.SetText(fmt.Sprintf("Page %d of %d · %d %s", v.page+1, pages, n, entries))
	setEnabled(v.prev, v.page > 0)
	setEnabled(v.next, v.page < pages-1)
}

func (v *bookView) turn(d int) {
	v.page += d
	v.fill()
}

// capacity is how many rows fit; the page layout reports it. The page
// keeps its first row in view.
func (v *bookView) capacity(n int) {
	n = max(1, min(n, maxBookRows))
	if n == v.perPage {
		return
	}
	// A new size opens on the newest page again: the oldest row shown
	// before may not start a page now.
	v.perPage = n
	v.page = -1
	v.fill()
}

// bookRow is one row of the register's page: an entry, struck through
// when a correction voids it, or the correction under such an entry.
type bookRow struct {
	cells   []*widget.Label
	strike  *canvas.Line
	entry   *fyne.Container
	correct *widget.Label
	box     *fyne.Container
}

func newBookRow() *bookRow {
	r := &bookRow{strike: canvas.NewLine(color.NRGBA{0xc6, 0x28, 0x28, 0xff}), correct: widget.NewLabel("")}
	r.strike.StrokeWidth = 2
	r.correct.Importance = widget.DangerImportance
	r.correct.Truncation = fyne.TextTruncateEllipsis
	objs := make([]fyne.CanvasObject, len(registerColumns))
	for i := range registerColumns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		r.cells = append(r.cells, l)
		objs[i] = l
	}
	r.entry = container.New(strikeLayout{}, container.New(columnsLayout{}, objs...), r.strike)
	r.box = container.NewBorder(nil, widget.NewSeparator(), nil, nil, container.NewStack(r.entry, r.correct))
	return r
}

func (r *bookRow) set(a *App, l *report.BookLine, correction bool) {
	r.entry.Hidden = correction
	r.correct.Hidden = !correction
	if correction {
		r.correct.SetText("    Struck through above, " + l.Correction)
		return
	}
	from := l.FromTo
	if l.Batch != "" && l.Movement == ledger.Receipt {
		from += " (batch " + l.Batch + ")"
	}
	texts := []string{l.At.In(a.loc).Format("02/01/06 15:04"), from, number(l.In), number(l.Out),
		strconv.FormatFloat(l.Balance, 'f', -1, 64), l.By, l.Witness}
	for i, t := range texts {
		r.cells[i].TextStyle = fyne.TextStyle{Bold: l.Movement == ledger.Counted, Italic: l.Struck}
		r.cells[i].SetText(t)
	}
	r.strike.Hidden = !l.Struck
	r.entry.Refresh()
}

func number(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// columnsLayout puts its objects side by side at the register's shares of
// the width, each as tall as the tallest.
type columnsLayout struct{}

func (columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*40, h)
}

func (columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i := range objs {
		total += registerColumns[i%len(registerColumns)].share
	}
	x := float32(0)
	for i, o := range objs {
		w := size.Width * registerColumns[i%len(registerColumns)].share / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// strikeLayout lays its first object over the whole space and draws its
// second, a line, through the middle: an entry struck through.
type strikeLayout struct{}

func (strikeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (strikeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	if len(objs) > 1 {
		objs[1].Move(fyne.NewPos(0, size.Height/2))
		objs[1].Resize(fyne.NewSize(size.Width, 0))
	}
}

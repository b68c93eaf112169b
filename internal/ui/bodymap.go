package ui

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
)

// bodyMap is the body map of a patch or cream record: the figure from the
// front and from the back, side by side, with each site or area a
// labelled target in a column beside the figure and a line to its place
// on it. Targets carry words, not colour alone: a chosen one is ticked and
// bold, and the map's caller says what was chosen in words too. Left and
// right are the resident's: from the front their left is on the right.
// It decides nothing: the sites come from mar, and the check judges the
// choice.
type bodyMap struct {
	widget.BaseWidget
	multi    bool // a cream goes on several areas; a patch on one site
	sites    []mar.BodySite
	chosen   []string // words, in the order chosen
	onChange func(words []string)

	targets  map[string]*siteTarget
	captions [2]*canvas.Text
	divider  *canvas.Line
	shapes   [2][]fyne.CanvasObject
	lines    map[string]*canvas.Line
	dots     map[string]*canvas.Circle
}

// mapTarget is the least height of a target: smaller than the app's
// buttons (touchTarget), so that a cream's ten areas a column fit beside
// a landscape figure, but above the 44 px a finger needs.
const mapTarget = 46

// mapTargetGap is the space between two targets in a column.
const mapTargetGap = 4

func newBodyMap(onChange func(words []string)) *bodyMap {
	m := &bodyMap{onChange: onChange}
	m.ExtendBaseWidget(m)
	return m
}

// set shows these sites, with those of chosen ticked and each of notes
// said under its site's words.
func (m *bodyMap) set(sites []mar.BodySite, multi bool, chosen []string, notes map[string]string) {
	m.sites, m.multi = sites, multi
	m.chosen = slices.Clone(chosen)
	m.targets, m.lines, m.dots = map[string]*siteTarget{}, map[string]*canvas.Line{}, map[string]*canvas.Circle{}
	for _, s := range sites {
		word := s.Word
		m.targets[word] = newSiteTarget(shortSite(s), notes[word], func() { m.toggle(word) })
		m.lines[word] = canvas.NewLine(color.Black)
		m.dots[word] = canvas.NewCircle(color.Black)
	}
	m.Refresh()
}

// toggle chooses a site, or for a cream adds or takes away an area.
func (m *bodyMap) toggle(word string) {
	switch i := slices.Index(m.chosen, word); {
	case !m.multi:
		m.chosen = []string{word}
	case i >= 0:
		m.chosen = slices.Delete(m.chosen, i, i+1)
	default:
		m.chosen = append(m.chosen, word)
	}
	m.Refresh()
	if m.onChange != nil {
		m.onChange(slices.Clone(m.chosen))
	}
}

// target is the tappable target of a site, for tests; nil when not shown.
func (m *bodyMap) target(word string) *siteTarget { return m.targets[word] }

func (m *bodyMap) CreateRenderer() fyne.WidgetRenderer {
	for i, words := range []string{"FRONT", "BACK"} {
		m.captions[i] = canvas.NewText(words, color.Black)
		m.captions[i].TextStyle = fyne.TextStyle{Bold: true}
		m.captions[i].Alignment = fyne.TextAlignCenter
		m.shapes[i] = figureShapes()
	}
	m.divider = canvas.NewLine(color.Black)
	return &bodyMapRenderer{m: m}
}

// shortSite is a site's words on its target: "L upper arm" for the
// resident's left upper arm, short enough for a column beside the figure.
func shortSite(s mar.BodySite) string {
	w := s.Words
	for _, r := range []struct{ from, to string }{
		{"base of the spine (sacrum)", "sacrum"}, {"back of the left upper arm", "left arm (back)"},
		{"back of the right upper arm", "right arm (back)"}, {"back of the left thigh", "left thigh (back)"},
		{"back of the right thigh", "right thigh (back)"}, {" side of the chest", " side"},
		{" upper chest", " chest"}, {"left ", "L "}, {"right ", "R "},
	} {
		w = strings.Replace(w, r.from, r.to, 1)
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// sitePlace is where a site sits on the figure, as fractions of its width
// and height; the side it is on comes from its word (-left, -right).
type sitePlace struct {
	dx, y  float32 // dx: distance from the middle line
	centre bool    // on the middle line: right says its column
	right  bool    // a middle site's target is in the right-hand column
}

// sitePlaces are where each word sits on the figure (mar.SkinAreas holds
// every site).
var sitePlaces = map[string]sitePlace{
	"upper-arm": {dx: 0.27, y: 0.24}, "chest": {dx: 0.1, y: 0.23}, "side": {dx: 0.15, y: 0.35},
	"thigh": {dx: 0.08, y: 0.6}, "upper-back": {dx: 0.1, y: 0.23}, "lower-back": {dx: 0.08, y: 0.4},
	"back-arm": {dx: 0.27, y: 0.24}, "forearm": {dx: 0.31, y: 0.38}, "hand": {dx: 0.34, y: 0.5},
	"lower-leg": {dx: 0.08, y: 0.78}, "foot": {dx: 0.09, y: 0.96}, "buttock": {dx: 0.08, y: 0.53},
	"back-thigh": {dx: 0.08, y: 0.64}, "calf": {dx: 0.08, y: 0.78}, "heel": {dx: 0.08, y: 0.96},
	"face": {y: 0.06, centre: true}, "neck": {y: 0.13, centre: true, right: true},
	"abdomen": {y: 0.4, centre: true}, "groin": {y: 0.5, centre: true, right: true},
	"sacrum": {y: 0.47, centre: true, right: true},
}

// place is where a site sits in a view: x and y as fractions of the
// figure, and whether its target is in the right-hand column.
func place(s mar.BodySite) (x, y float32, rightCol bool) {
	base, left := s.Word, false
	if b, ok := strings.CutSuffix(s.Word, "-left"); ok {
		base, left = b, true
	} else if b, ok := strings.CutSuffix(s.Word, "-right"); ok {
		base = b
	}
	p := sitePlaces[base]
	if p.centre {
		return 0.5, p.y, p.right
	}
	// From the front the resident's left is on the viewer's right; from
	// the back it is on the viewer's left.
	toRight := left != s.Back
	if toRight {
		return 0.5 + p.dx, p.y, true
	}
	return 0.5 - p.dx, p.y, false
}

// figureAspect is the figure's height over its width.
const figureAspect = 2.3

// figureParts are the figure's head, neck, body, arms, hands, legs and
// feet as rectangles of the figure box (x0, y0, x1, y1); each arm, hand,
// leg and foot is mirrored for the other side.
var figureParts = [][4]float32{
	{0.41, 0.005, 0.59, 0.1}, {0.46, 0.095, 0.54, 0.15}, {0.32, 0.145, 0.68, 0.52},
	{0.17, 0.16, 0.3, 0.33}, {0.13, 0.32, 0.26, 0.46}, {0.11, 0.45, 0.23, 0.54},
	{0.34, 0.5, 0.49, 0.93}, {0.32, 0.92, 0.49, 0.995},
}

func figureShapes() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for i, p := range figureParts {
		r := canvas.NewRectangle(color.Black)
		r.CornerRadius = 8
		if i == 0 {
			r.CornerRadius = 40 // the head is round
		}
		out = append(out, r)
		if p[0]+p[2] < 0.99 { // a limb: its mirror on the other side
			m := canvas.NewRectangle(color.Black)
			m.CornerRadius = r.CornerRadius
			out = append(out, m)
		}
	}
	return out
}

type bodyMapRenderer struct{ m *bodyMap }

func (r *bodyMapRenderer) Destroy() {}

func (r *bodyMapRenderer) Objects() []fyne.CanvasObject {
	m := r.m
	out := []fyne.CanvasObject{m.divider}
	for i := range 2 {
		out = append(out, m.captions[i])
		out = append(out, m.shapes[i]...)
	}
	for _, s := range m.sites {
		out = append(out, m.lines[s.Word], m.dots[s.Word])
	}
	for _, s := range m.sites {
		out = append(out, m.targets[s.Word])
	}
	return out
}

// colWidth is the width of a column of targets: the widest target.
func (r *bodyMapRenderer) colWidth() float32 {
	w := float32(0)
	for _, t := range r.m.targets {
		w = max(w, t.MinSize().Width)
	}
	return w
}

// rows is the most targets any column of one view holds.
func (r *bodyMapRenderer) rows() int {
	count := map[[2]bool]int{}
	most := 0
	for _, s := range r.m.sites {
		_, _, right := place(s)
		k := [2]bool{s.Back, right}
		count[k]++
		most = max(most, count[k])
	}
	return most
}

func (r *bodyMapRenderer) targetHeight() float32 {
	h := float32(0)
	for _, t := range r.m.targets {
		h = max(h, t.MinSize().Height)
	}
	return h
}

// MinSize is one view's: the map lays its two views side by side where it
// is wider than tall, else one above the other.
func (r *bodyMapRenderer) MinSize() fyne.Size {
	const minFigure = 90
	h := r.captionHeight() + float32(r.rows())*(r.targetHeight()+mapTargetGap)
	return fyne.NewSize(2*r.colWidth()+minFigure, max(h, 300))
}

func (r *bodyMapRenderer) captionHeight() float32 {
	return theme.TextSize()*1.2 + theme.Padding()*2
}

// mapViewGap is the space between the front and the back, with a line
// along its middle so the two views' columns do not read as one.
const mapViewGap = 24

func (r *bodyMapRenderer) Layout(size fyne.Size) {
	d := r.m.divider
	if size.Width >= size.Height {
		half := (size.Width - mapViewGap) / 2
		for i := range 2 {
			r.layoutView(i, fyne.NewPos(float32(i)*(half+mapViewGap), 0), fyne.NewSize(half, size.Height))
		}
		d.Position1, d.Position2 = fyne.NewPos(size.Width/2, 0), fyne.NewPos(size.Width/2, size.Height)
		return
	}
	half := (size.Height - mapViewGap) / 2
	for i := range 2 {
		r.layoutView(i, fyne.NewPos(0, float32(i)*(half+mapViewGap)), fyne.NewSize(size.Width, half))
	}
	d.Position1, d.Position2 = fyne.NewPos(0, size.Height/2), fyne.NewPos(size.Width, size.Height/2)
}

// mapItem is a site placed in a view: where it sits on the figure.
type mapItem struct {
	s    mar.BodySite
	x, y float32
}

// layoutView lays out the front (0) or back (1): caption, figure in the
// middle, targets in the columns either side at the height of their place
// on the figure, pushed apart where they would overlap.
func (r *bodyMapRenderer) layoutView(view int, at fyne.Position, size fyne.Size) {
	m := r.m
	capH := r.captionHeight()
	c := m.captions[view]
	c.Move(at)
	c.Resize(fyne.NewSize(size.Width, capH))
	col := r.colWidth()
	areaH := size.Height - capH
	figW := min(size.Width-2*col-2*theme.Padding(), areaH/figureAspect)
	figH := figW * figureAspect
	fig := fyne.NewPos(at.X+(size.Width-figW)/2, at.Y+capH+(areaH-figH)/2)
	r.layoutFigure(view, fig, figW, figH)

	var cols [2][]mapItem
	for _, s := range m.sites {
		if s.Back != (view == 1) {
			continue
		}
		x, y, right := place(s)
		k := 0
		if right {
			k = 1
		}
		cols[k] = append(cols[k], mapItem{s, fig.X + x*figW, fig.Y + y*figH})
	}
	r.layoutColumn(cols[0], at.X, false, at.Y+capH, at.Y+size.Height)
	r.layoutColumn(cols[1], at.X+size.Width-col, true, at.Y+capH, at.Y+size.Height)
}

// layoutColumn puts a column's targets at x, each as near the height of
// its place as the others allow, with its line to the place and its dot.
func (r *bodyMapRenderer) layoutColumn(items []mapItem, x float32, right bool, top, bottom float32) {
	m := r.m
	th, col := r.targetHeight(), r.colWidth()
	slices.SortFunc(items, func(a, b mapItem) int { return int(a.y - b.y) })
	ys := spread(len(items), func(i int) float32 { return items[i].y - th/2 }, top, bottom, th+mapTargetGap)
	edge := x + col // the line leaves a target from its side nearer the figure
	if right {
		edge = x
	}
	for i, it := range items {
		t := m.targets[it.s.Word]
		t.Move(fyne.NewPos(x, ys[i]))
		t.Resize(fyne.NewSize(col, th))
		l := m.lines[it.s.Word]
		l.Position1, l.Position2 = fyne.NewPos(edge, ys[i]+th/2), fyne.NewPos(it.x, it.y)
		rad := float32(5)
		if slices.Contains(m.chosen, it.s.Word) {
			rad = 9
		}
		d := m.dots[it.s.Word]
		d.Move(fyne.NewPos(it.x-rad, it.y-rad))
		d.Resize(fyne.NewSquareSize(2 * rad))
	}
}

// spread places n targets of a column at their wanted tops, in order,
// each at least step below the last and all between top and bottom.
func spread(n int, want func(int) float32, top, bottom, step float32) []float32 {
	ys := make([]float32, n)
	next := top
	for i := range n {
		ys[i] = max(want(i), next)
		next = ys[i] + step
	}
	limit := bottom - step + mapTargetGap
	for i := n - 1; i >= 0; i-- {
		ys[i] = max(min(ys[i], limit), top)
		limit = ys[i] - step
	}
	return ys
}

func (r *bodyMapRenderer) layoutFigure(view int, at fyne.Position, w, h float32) {
	shapes := r.m.shapes[view]
	i := 0
	for _, p := range figureParts {
		put := func(x0, x1 float32) {
			s := shapes[i]
			s.Move(fyne.NewPos(at.X+x0*w, at.Y+p[1]*h))
			s.Resize(fyne.NewSize((x1-x0)*w, (p[3]-p[1])*h))
			i++
		}
		put(p[0], p[2])
		if p[0]+p[2] < 0.99 {
			put(1-p[2], 1-p[0])
		}
	}
}

func (r *bodyMapRenderer) Refresh() {
	m := r.m
	fg := theme.Color(theme.ColorNameForeground)
	line := theme.Color(theme.ColorNamePlaceHolder)
	skin := theme.Color(theme.ColorNameInputBackground)
	m.divider.StrokeColor, m.divider.StrokeWidth = theme.Color(theme.ColorNameSeparator), 2
	for i := range 2 {
		m.captions[i].Color = fg
		m.captions[i].TextSize = theme.TextSize()
		for _, s := range m.shapes[i] {
			rect := s.(*canvas.Rectangle)
			rect.FillColor, rect.StrokeColor, rect.StrokeWidth = skin, line, 1.5
		}
	}
	for _, s := range m.sites {
		chosen := slices.Contains(m.chosen, s.Word)
		m.targets[s.Word].setChosen(chosen)
		l, d := m.lines[s.Word], m.dots[s.Word]
		l.StrokeColor, l.StrokeWidth, d.FillColor = line, 1, fg
		if chosen {
			l.StrokeColor, l.StrokeWidth, d.FillColor = theme.Color(theme.ColorNamePrimary), 2.5, theme.Color(theme.ColorNamePrimary)
		}
	}
	r.Layout(m.Size())
	canvas.Refresh(m)
}

package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// siteTarget is one site's target on the body map: its words in a
// rounded box, ticked and bold when chosen, with a note under them when
// the site is resting from a patch ("used 21 Nov").
type siteTarget struct {
	widget.BaseWidget
	label  string
	note   string
	chosen bool
	tapped func()
	bg     *canvas.Rectangle
	text   *canvas.Text
	noteTx *canvas.Text
}

func newSiteTarget(label, note string, tapped func()) *siteTarget {
	t := &siteTarget{label: label, note: note, tapped: tapped, bg: canvas.NewRectangle(color.Transparent),
		text: canvas.NewText(label, color.Black), noteTx: canvas.NewText(note, color.Black)}
	t.bg.CornerRadius = 6
	t.ExtendBaseWidget(t)
	return t
}

// Tapped chooses the site.
func (t *siteTarget) Tapped(*fyne.PointEvent) {
	if t.tapped != nil {
		t.tapped()
	}
}

func (t *siteTarget) setChosen(chosen bool) {
	t.chosen = chosen
	t.Refresh()
}

// Text is the target's words as shown, with the tick when chosen.
func (t *siteTarget) Text() string {
	if t.chosen {
		return "✓ " + t.label
	}
	return t.label
}

// Note is what the target says under its words: "" or when the site was
// last used.
func (t *siteTarget) Note() string { return t.note }

func (t *siteTarget) CreateRenderer() fyne.WidgetRenderer {
	return &siteTargetRenderer{t: t}
}

type siteTargetRenderer struct{ t *siteTarget }

func (r *siteTargetRenderer) Destroy() {}

func (r *siteTargetRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.t.bg, r.t.text, r.t.noteTx}
}

func (r *siteTargetRenderer) MinSize() fyne.Size {
	size := fyne.MeasureText("✓ "+r.t.label, theme.TextSize(), fyne.TextStyle{Bold: true})
	if r.t.note != "" {
		n := fyne.MeasureText(r.t.note, theme.CaptionTextSize(), fyne.TextStyle{})
		size = fyne.NewSize(max(size.Width, n.Width), size.Height+n.Height)
	}
	return fyne.NewSize(size.Width+theme.InnerPadding(), max(size.Height+theme.Padding()*2, mapTarget))
}

func (r *siteTargetRenderer) Layout(size fyne.Size) {
	t := r.t
	t.bg.Resize(size)
	ts, ns := t.text.MinSize(), fyne.Size{}
	if t.note != "" {
		ns = t.noteTx.MinSize()
	}
	top := (size.Height - ts.Height - ns.Height) / 2
	t.text.Move(fyne.NewPos((size.Width-ts.Width)/2, top))
	t.text.Resize(ts)
	t.noteTx.Move(fyne.NewPos((size.Width-ns.Width)/2, top+ts.Height))
	t.noteTx.Resize(ns)
}

func (r *siteTargetRenderer) Refresh() {
	t := r.t
	t.text.Text = t.Text()
	t.text.TextSize = theme.TextSize()
	t.text.TextStyle = fyne.TextStyle{Bold: t.chosen}
	t.bg.StrokeWidth = 1
	t.bg.StrokeColor = theme.Color(theme.ColorNamePlaceHolder)
	t.bg.FillColor = theme.Color(theme.ColorNameButton)
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.noteTx.Text, t.noteTx.TextSize, t.noteTx.Hidden = t.note, theme.CaptionTextSize(), t.note == ""
	t.noteTx.Color = theme.Color(theme.ColorNameWarning)
	if t.chosen {
		t.bg.StrokeWidth = 2
		t.bg.FillColor = theme.Color(theme.ColorNamePrimary)
		t.text.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
		t.noteTx.Color = t.text.Color
	}
	r.Layout(t.Size())
	canvas.Refresh(t)
}

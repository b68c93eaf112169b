package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// siteTarget is one site's target on the body map: its words in a
// rounded box, ticked and bold when chosen.
type siteTarget struct {
	widget.BaseWidget
	label  string
	chosen bool
	tapped func()
	bg     *canvas.Rectangle
	text   *canvas.Text
}

func newSiteTarget(label string, tapped func()) *siteTarget {
	t := &siteTarget{label: label, tapped: tapped, bg: canvas.NewRectangle(color.Transparent),
		text: canvas.NewText(label, color.Black)}
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

func (t *siteTarget) CreateRenderer() fyne.WidgetRenderer {
	return &siteTargetRenderer{t: t}
}

type siteTargetRenderer struct{ t *siteTarget }

func (r *siteTargetRenderer) Destroy() {}

func (r *siteTargetRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.t.bg, r.t.text}
}

func (r *siteTargetRenderer) MinSize() fyne.Size {
	size := fyne.MeasureText("✓ "+r.t.label, theme.TextSize(), fyne.TextStyle{Bold: true})
	return fyne.NewSize(size.Width+theme.InnerPadding(), max(size.Height+theme.Padding()*2, mapTarget))
}

func (r *siteTargetRenderer) Layout(size fyne.Size) {
	r.t.bg.Resize(size)
	ts := r.t.text.MinSize()
	r.t.text.Move(fyne.NewPos((size.Width-ts.Width)/2, (size.Height-ts.Height)/2))
	r.t.text.Resize(ts)
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
	if t.chosen {
		t.bg.StrokeWidth = 2
		t.bg.FillColor = theme.Color(theme.ColorNamePrimary)
		t.text.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
	}
	r.Layout(t.Size())
	canvas.Refresh(t)
}

package ui

import (
	"hash/fnv"
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// touchTarget is the least height of anything a care worker taps: 48 px is
// the platform guidance for a finger, and gloves make fingers wider.
const touchTarget = 56

// minHeight lays out its objects stacked, at least h high.
type minHeight struct{ h float32 }

func (m minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := layout.NewStackLayout().MinSize(objs)
	return s.Max(fyne.NewSize(0, m.h))
}

func (m minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}

// tall wraps obj so it is at least a touch target high.
func tall(obj fyne.CanvasObject) *fyne.Container {
	return container.New(minHeight{touchTarget}, obj)
}

// newButton is a button at least a touch target high.
func newButton(label string, icon fyne.Resource, imp widget.Importance, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	b.Importance = imp
	return b
}

// fgTheme draws text and icons in one colour, for labels on a coloured band.
type fgTheme struct {
	fyne.Theme
	fg      color.Color
	heading float32
}

func (t fgTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		return t.fg
	}
	return t.Theme.Color(n, v)
}

func (t fgTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameHeadingText && t.heading > 0 {
		return t.heading
	}
	return t.Theme.Size(n)
}

// band is a coloured banner whose labels are drawn in fg: used for the
// verdict, the allergies and the care notes so they cannot be missed.
func band(bg, fg color.Color, heading float32, objs ...fyne.CanvasObject) *fyne.Container {
	rect := canvas.NewRectangle(bg)
	rect.CornerRadius = 6
	th := fgTheme{Theme: fyne.CurrentApp().Settings().Theme(), fg: fg, heading: heading}
	return container.NewStack(rect, container.NewThemeOverride(container.NewPadded(container.NewVBox(objs...)), th))
}

// heading is a bold label in heading size.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// wrapped is a label that wraps at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// initials are up to two capital letters of a name, for the photo
// placeholder.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				b.WriteRune(unicode.ToUpper(r))
				break
			}
		}
	}
	s := []rune(b.String())
	switch len(s) {
	case 0:
		return "?"
	case 1:
		return string(s)
	}
	return string(s[0]) + string(s[len(s)-1])
}

// avatarColours are muted so white initials stay readable on each.
var avatarColours = []color.NRGBA{
	{0x37, 0x47, 0x4f, 0xff}, {0x4e, 0x34, 0x2e, 0xff}, {0x1a, 0x23, 0x7e, 0xff},
	{0x00, 0x4d, 0x40, 0xff}, {0x4a, 0x14, 0x8c, 0xff}, {0x88, 0x0e, 0x4f, 0xff},
	{0x01, 0x57, 0x9b, 0xff}, {0x33, 0x69, 0x1e, 0xff},
}

// avatar is a residents's photo placeholder: initials on a circle whose
// colour is fixed by the name, so the same person looks the same each time.
type avatar struct {
	circle *canvas.Circle
	text   *canvas.Text
	box    *fyne.Container
}

func newAvatar(size float32) *avatar {
	a := &avatar{circle: canvas.NewCircle(avatarColours[0]), text: canvas.NewText("", color.White)}
	a.text.TextStyle = fyne.TextStyle{Bold: true}
	a.text.TextSize = size * 0.4
	a.text.Alignment = fyne.TextAlignCenter
	a.box = container.NewGridWrap(fyne.NewSquareSize(size), container.NewStack(a.circle, container.NewCenter(a.text)))
	return a
}

func (a *avatar) set(name string) {
	h := fnv.New32a()
	h.Write([]byte(name))
	a.circle.FillColor = avatarColours[h.Sum32()%uint32(len(avatarColours))]
	a.text.Text = initials(name)
	a.circle.Refresh()
	a.text.Refresh()
}

// tapRow makes a whole row tappable: a button sized to the row lies under
// the row's labels, which do not take taps themselves.
func tapRow(content fyne.CanvasObject, tapped func()) (*widget.Button, *fyne.Container) {
	b := widget.NewButton("", tapped)
	return b, container.NewStack(b, container.NewPadded(content))
}

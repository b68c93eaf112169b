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

// band is a coloured banner for the verdict, the allergies and the care
// notes, so they cannot be missed. Its text and icons are bandText and
// bandIcon of the same tone. It names theme colours rather than overriding
// the theme for its content: a Fyne theme override takes a new font cache
// scope each time it is refreshed, and every scope loads its own copy of
// the fonts (about 15 MB a time), which is what grew the app to 320 MB in
// a round of five residents.
func band(t tone, objs ...fyne.CanvasObject) *fyne.Container {
	return container.NewStack(newBandBackground(t), container.NewPadded(container.NewVBox(objs...)))
}

// bandBackground is a band's rounded rectangle, in the theme's colour
// for its tone.
type bandBackground struct {
	widget.BaseWidget
	tone tone
	rect *canvas.Rectangle
}

func newBandBackground(t tone) *bandBackground {
	b := &bandBackground{tone: t, rect: canvas.NewRectangle(color.Transparent)}
	b.rect.CornerRadius = 6
	b.ExtendBaseWidget(b)
	return b
}

func (b *bandBackground) CreateRenderer() fyne.WidgetRenderer {
	b.rect.FillColor = theme.Color(b.tone.background())
	return widget.NewSimpleRenderer(b.rect)
}

func (b *bandBackground) Refresh() {
	b.rect.FillColor = theme.Color(b.tone.background())
	b.BaseWidget.Refresh()
}

// bandText is text on a band, drawn in the band's text colour and
// wrapped at word boundaries.
type bandText struct {
	widget.BaseWidget
	seg  *widget.TextSegment
	rich *widget.RichText
}

func newBandText(t tone, text string, bold bool, size fyne.ThemeSizeName) *bandText {
	seg := &widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		ColorName: t.foreground(), SizeName: size, TextStyle: fyne.TextStyle{Bold: bold}}}
	b := &bandText{seg: seg, rich: widget.NewRichText(seg)}
	b.rich.Wrapping = fyne.TextWrapWord
	b.ExtendBaseWidget(b)
	return b
}

// bandHeading is bold heading-size text on a band.
func bandHeading(t tone, text string) *bandText {
	return newBandText(t, text, true, theme.SizeNameHeadingText)
}

// bandBold is bold text-size text on a band.
func bandBold(t tone, text string) *bandText { return newBandText(t, text, true, theme.SizeNameText) }

// bandChip is bold text on a small band that sits beside other things,
// such as "Overdue" on a row: it keeps to one line, because wrapped text
// in a row squeezed narrow would stand one letter a line.
func bandChip(t tone, text string) *bandText {
	b := bandBold(t, text)
	b.rich.Wrapping = fyne.TextWrapOff
	return b
}

// bandPlain is text-size text on a band.
func bandPlain(t tone, text string) *bandText { return newBandText(t, text, false, theme.SizeNameText) }

// Text is the text shown.
func (b *bandText) Text() string { return b.seg.Text }

// SetText changes the text shown.
func (b *bandText) SetText(text string) {
	if b.seg.Text == text {
		return
	}
	b.seg.Text = text
	b.rich.Refresh()
}

func (b *bandText) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.rich) }

// bandIcon is an icon drawn in a band's text colour.
func bandIcon(t tone, res fyne.Resource) *widget.Icon {
	return widget.NewIcon(theme.NewColoredResource(res, t.foreground()))
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

package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// roundTheme enlarges the default theme for a tablet read at arm's length
// and used with gloves, darkens the status colours that the default light
// variant draws too pale to read on white, and names the colours of the
// verdict bands so every band looks them up in one place.
type roundTheme struct {
	fyne.Theme
	scale float32
}

func newTheme(tablet bool) fyne.Theme {
	s := float32(1.15)
	if tablet {
		s = 1.3
	}
	return &roundTheme{Theme: theme.DefaultTheme(), scale: s}
}

// sizeNameVerdict is the size of the verdict's words: larger than any
// heading, because it is read from arm's length before anything else.
const sizeNameVerdict fyne.ThemeSizeName = "medround-verdict"

func (t *roundTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case sizeNameVerdict:
		return t.Theme.Size(theme.SizeNameHeadingText) * t.scale * 1.6
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText,
		theme.SizeNameCaptionText, theme.SizeNameInlineIcon, theme.SizeNameInnerPadding:
		return t.Theme.Size(n) * t.scale
	}
	return t.Theme.Size(n)
}

func (t *roundTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := bandColours[n]; ok {
		return c
	}
	if pair, ok := statusColours[n]; ok {
		if v == theme.VariantLight {
			return pair.light
		}
		return pair.dark
	}
	return t.Theme.Color(n, v)
}

// variantPair is a colour for the light variant and one for the dark.
type variantPair struct{ light, dark color.Color }

// statusColours replace the default theme's success, warning, error and
// primary colours. Text in these colours ("Given 05:59", "Not given", "Not
// before 14:00", "Due now") must read at 4.5:1 or better on the background
// (WCAG AA, tested in theme_test.go): the defaults' bright green and orange
// are under 2:1 on white. Buttons filled with them keep white text on light
// and near-black text on dark, and keep 4.5:1 too.
var statusColours = map[fyne.ThemeColorName]variantPair{
	theme.ColorNameSuccess: {light: rgb(0x1e, 0x6b, 0x24), dark: rgb(0x43, 0xf4, 0x36)},
	theme.ColorNameWarning: {light: rgb(0x9a, 0x4d, 0x00), dark: rgb(0xff, 0xa7, 0x26)},
	theme.ColorNameError:   {light: rgb(0xc6, 0x28, 0x28), dark: rgb(0xff, 0x6e, 0x5e)},
	theme.ColorNamePrimary: {light: rgb(0x1a, 0x56, 0xc8), dark: rgb(0x5c, 0x95, 0xff)},
}

// Band colours are the same in both variants: the meaning of a verdict
// must not change with the theme, and each background pairs with a text
// colour that reads at 4.5:1 or better on it.
const (
	colourNameOK      fyne.ThemeColorName = "medround-ok"
	colourNameOnOK    fyne.ThemeColorName = "medround-on-ok"
	colourNameWarn    fyne.ThemeColorName = "medround-warn"
	colourNameOnWarn  fyne.ThemeColorName = "medround-on-warn"
	colourNameStop    fyne.ThemeColorName = "medround-stop"
	colourNameOnStop  fyne.ThemeColorName = "medround-on-stop"
	colourNameNotes   fyne.ThemeColorName = "medround-notes"
	colourNameOnNotes fyne.ThemeColorName = "medround-on-notes"
)

var bandColours = map[fyne.ThemeColorName]color.Color{
	colourNameOK:      rgb(0x1b, 0x5e, 0x20), // dark green
	colourNameOnOK:    color.White,
	colourNameWarn:    rgb(0xff, 0xb3, 0x00), // amber
	colourNameOnWarn:  color.Black,
	colourNameStop:    rgb(0xb7, 0x1c, 0x1c), // dark red
	colourNameOnStop:  color.White,
	colourNameNotes:   rgb(0x0d, 0x47, 0xa1), // dark blue
	colourNameOnNotes: color.White,
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// tone is what a band means: its background and the colour of its text.
type tone int

const (
	toneOK tone = iota
	toneWarn
	toneStop
	toneNotes
)

func (t tone) background() fyne.ThemeColorName {
	return [...]fyne.ThemeColorName{colourNameOK, colourNameWarn, colourNameStop, colourNameNotes}[t]
}

func (t tone) foreground() fyne.ThemeColorName {
	return [...]fyne.ThemeColorName{colourNameOnOK, colourNameOnWarn, colourNameOnStop, colourNameOnNotes}[t]
}

package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// roundTheme enlarges the default theme for a tablet read at arm's length
// and used with gloves; colours follow the light or dark variant.
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

func (t *roundTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText,
		theme.SizeNameCaptionText, theme.SizeNameInlineIcon, theme.SizeNameInnerPadding:
		return t.Theme.Size(n) * t.scale
	}
	return t.Theme.Size(n)
}

// Verdict colours are fixed rather than themed: the meaning of a verdict
// band must not change with the theme, and each pairs with a text colour
// that keeps its contrast on both light and dark backgrounds.
var (
	colourOK      = color.NRGBA{R: 0x1b, G: 0x5e, B: 0x20, A: 0xff} // dark green
	colourWarn    = color.NRGBA{R: 0xff, G: 0xb3, B: 0x00, A: 0xff} // amber
	colourStop    = color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff} // dark red
	colourOnOK    = color.White
	colourOnWarn  = color.Black
	colourOnStop  = color.White
	colourNotes   = color.NRGBA{R: 0x0d, G: 0x47, B: 0xa1, A: 0xff} // dark blue
	colourOnNotes = color.White
)

package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// wcagAA is the least contrast for normal-size text (WCAG 2 AA, 1.4.3).
const wcagAA = 4.5

func TestStatusTextReadsOnBothVariants(t *testing.T) {
	test.NewTempApp(t)
	th := newTheme(false)
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		for _, c := range []struct {
			what string
			text fyne.ThemeColorName
		}{
			{"“Can be given now” and “Given 05:59”", theme.ColorNameSuccess},
			{"“Not given” and “Refused”", theme.ColorNameWarning},
			{"“Not before 14:00” and problems", theme.ColorNameError},
			{"“Due now”", theme.ColorNamePrimary},
			{"ordinary text", theme.ColorNameForeground},
		} {
			if r := contrast(th.Color(c.text, v), bg); r < wcagAA {
				t.Errorf("variant %d: %s in %s on the background: contrast %.2f, want ≥ %.1f", v, c.what, c.text, r, wcagAA)
			}
		}
	}
}

func TestButtonsFilledWithStatusColoursRead(t *testing.T) {
	test.NewTempApp(t)
	th := newTheme(false)
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for _, c := range []struct {
			what     string
			fill, on fyne.ThemeColorName
		}{
			{"Given", theme.ColorNameSuccess, theme.ColorNameForegroundOnSuccess},
			{"Refused / Not given", theme.ColorNameWarning, theme.ColorNameForegroundOnWarning},
			{"Mark as entered in error", theme.ColorNameError, theme.ColorNameForegroundOnError},
		} {
			if r := contrast(th.Color(c.on, v), th.Color(c.fill, v)); r < wcagAA {
				t.Errorf("variant %d: %q button text on its fill: contrast %.2f, want ≥ %.1f", v, c.what, r, wcagAA)
			}
		}
	}
}

func TestBandTextReadsOnItsBand(t *testing.T) {
	test.NewTempApp(t)
	th := newTheme(false)
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for name, tn := range map[string]tone{"OK to give": toneOK, "warning": toneWarn,
			"do not give / allergies": toneStop, "care notes / away": toneNotes} {
			if r := contrast(th.Color(tn.foreground(), v), th.Color(tn.background(), v)); r < wcagAA {
				t.Errorf("variant %d: %s band: contrast %.2f, want ≥ %.1f", v, name, r, wcagAA)
			}
		}
	}
}

func TestContrastOfKnownPairs(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b color.Color
		want float64
	}{
		{"black on white is the most there is", color.Black, color.White, 21},
		{"a colour on itself has none", rgb(0x80, 0x80, 0x80), rgb(0x80, 0x80, 0x80), 1},
		{"Fyne's default light success green on white was unreadable", rgb(0x43, 0xf4, 0x36), color.White, 1.48},
	} {
		if got := contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("%s: contrast = %.2f, want %.2f", c.name, got, c.want)
		}
	}
}

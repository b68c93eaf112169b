package labels

import (
	"fmt"
	"image"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Parsed once: the fonts are read-only after parsing. Faces are made per
// use because a font.Face keeps caches and is not safe to share.
var (
	regularFont = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(goregular.TTF) })
	boldFont    = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(gobold.TTF) })
)

// Text sizes in pixels (at 300 dpi, 50 px is 12 pt). The name is the
// largest: a care worker checks it against the face in front of them.
const (
	titleSize  = 34
	nameSize   = 64
	minName    = 34
	detailSize = 50
	hriSize    = 40
	lineGap    = 1.15 // baseline to baseline, in font sizes
)

// textFace is a font at a size, opened for measuring and drawing.
type textFace struct {
	face font.Face
	size float64
}

func open(f *opentype.Font, size float64) (textFace, error) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return textFace{}, fmt.Errorf("card font size %v: %w", size, err)
	}
	return textFace{face: face, size: size}, nil
}

func (t textFace) width(s string) int { return font.MeasureString(t.face, s).Ceil() }

// drawText writes the title, the name (on up to two lines) and the detail
// above the DataMatrix, and the code's text centred under the bars.
func drawText(img *image.Gray, c card) error {
	reg, err := regularFont()
	if err != nil {
		return fmt.Errorf("card font: %w", err)
	}
	bold, err := boldFont()
	if err != nil {
		return fmt.Errorf("card font: %w", err)
	}
	width := CardWidth - 2*margin
	y := margin + titleSize
	if err := writeLine(img, reg, c.title, titleSize, 24, y, width); err != nil {
		return err
	}
	face, lines, err := fitName(bold, c.name, width)
	if err != nil {
		return err
	}
	for _, l := range lines {
		y += int(face.size * lineGap)
		drawLine(img, face, l, y, width)
	}
	face.face.Close()
	if c.detail != "" {
		y += int(detailSize * 1.3)
		if err := writeLine(img, reg, c.detail, detailSize, 30, min(y, textBottom), width); err != nil {
			return err
		}
	}
	return writeLine(img, reg, c.code, hriSize, 24, hriBase, width)
}

// writeLine draws text centred on baseline y, shrinking it down to minSize
// to fit width and then cutting it short with an ellipsis.
func writeLine(img *image.Gray, f *opentype.Font, text string, size, minSize float64, y, width int) error {
	for ; ; size -= 2 {
		t, err := open(f, size)
		if err != nil {
			return err
		}
		if fits := t.width(text) <= width; fits || size-2 < minSize {
			if !fits {
				text = shorten(t, text, width)
			}
			drawLine(img, t, text, y, width)
			return t.face.Close()
		}
		t.face.Close()
	}
}

// fitName lays a name on one line if it fits at a readable size, else on
// two lines broken between words, else on two lines with the second cut
// short. The caller closes the returned face.
func fitName(f *opentype.Font, name string, width int) (textFace, []string, error) {
	for size := float64(nameSize); size >= 48; size -= 4 {
		t, err := open(f, size)
		if err != nil {
			return textFace{}, nil, err
		}
		if t.width(name) <= width {
			return t, []string{name}, nil
		}
		t.face.Close()
	}
	for size := float64(nameSize) - 8; ; size -= 4 {
		t, err := open(f, size)
		if err != nil {
			return textFace{}, nil, err
		}
		a, b := breakLine(t, name)
		if (t.width(a) <= width && t.width(b) <= width) || size-4 < minName {
			return t, []string{shortenIf(t, a, width), shortenIf(t, b, width)}, nil
		}
		t.face.Close()
	}
}

// breakLine splits text at the space or after the hyphen that makes the
// longer line shortest; double-barrelled surnames are common.
func breakLine(t textFace, text string) (string, string) {
	a, b, bestW := text, "", -1
	for i := 1; i < len(text)-1; i++ {
		var x, y string
		switch text[i] {
		case ' ':
			x, y = text[:i], text[i+1:]
		case '-':
			x, y = text[:i+1], text[i+1:]
		default:
			continue
		}
		if w := max(t.width(x), t.width(y)); bestW < 0 || w < bestW {
			a, b, bestW = strings.TrimSpace(x), strings.TrimSpace(y), w
		}
	}
	return a, b
}

func drawLine(img *image.Gray, t textFace, text string, y, width int) {
	x := margin + (width-t.width(text))/2
	d := font.Drawer{Dst: img, Src: image.Black, Face: t.face, Dot: fixed.P(x, y)}
	d.DrawString(text)
}

func shortenIf(t textFace, text string, width int) string {
	if t.width(text) <= width {
		return text
	}
	return shorten(t, text, width)
}

// shorten cuts runes off the end of text until it and an ellipsis fit.
func shorten(t textFace, text string, width int) string {
	r := []rune(text)
	for len(r) > 0 && t.width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

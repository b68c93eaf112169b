package labels

import (
	"fmt"
	"image"
	"image/draw"
	"regexp"
	"strings"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/datamatrix"
	"github.com/makiuchi-d/gozxing/datamatrix/encoder"
	"github.com/makiuchi-d/gozxing/oned"

	"medround/internal/mar"
)

// Card size: CR80 (ISO/IEC 7810 ID-1, 85.6 x 54 mm) at DPI dots per inch,
// the size of a bank card, which card printers and lanyard holders take.
// Portrait, as a badge hangs on a lanyard.
const (
	DPI        = 300
	CardWidth  = 638  // 54 mm
	CardHeight = 1011 // 85.6 mm
)

// Layout in pixels at DPI. The DataMatrix sits at the centre of the card
// with clear space all round: a camera is aimed at the middle of a card, and
// gozxing's DataMatrix detector searches outward from the middle of the
// frame, so a symbol there is found even when the card fills the picture.
const (
	margin     = 40  // 3.4 mm: inside a card printer's unprintable edge
	dmBox      = 280 // 24 mm square for the DataMatrix
	barsTop    = 700
	barsHeight = 180 // 15 mm: a hand-held scanner's line need not be aimed
	hriBase    = 940 // baseline of the code's text under the bars
	textBottom = 320 // the name and detail end above the DataMatrix's clear space
	// quietModules is the clear space each side of the Code 128 that the
	// standard asks for.
	quietModules = 10
	// minModule is the narrowest Code 128 bar drawn: 2 px is 0.17 mm, about
	// the narrowest a card printer and a care home's scanner handle.
	minModule = 2
	// dmQuiet is the DataMatrix quiet zone in modules.
	dmQuiet = 1
)

// Options are what a card needs besides the person.
type Options struct {
	// Home is printed at the top of each card, e.g. "Rose Court"; empty
	// prints the kind of card instead.
	Home string
	// ResidentPattern matches the home's own resident numbers; nil means
	// barcode.DefaultResidentPattern.
	ResidentPattern *regexp.Regexp
}

// card is what one card shows.
type card struct {
	title, name, detail, code string
}

// ResidentCard draws a resident's ID card: name, room and the resident's
// code (see ResidentCode) as DataMatrix and Code 128.
func ResidentCard(r mar.Resident, opt Options) (image.Image, error) {
	code, err := ResidentCode(r, opt.ResidentPattern)
	if err != nil {
		return nil, err
	}
	c := card{title: titleOr(opt.Home, "Resident"), name: r.Name(), code: code}
	if r.Room != "" {
		c.detail = "Room " + r.Room
	}
	img, err := render(c)
	if err != nil {
		return nil, fmt.Errorf("resident card %s: %w", r.ID, err)
	}
	return img, nil
}

// StaffBadge draws a staff badge: name, role and the badge code (see
// StaffCode) as DataMatrix and Code 128.
func StaffBadge(u mar.User, opt Options) (image.Image, error) {
	code, err := StaffCode(u)
	if err != nil {
		return nil, err
	}
	c := card{title: titleOr(opt.Home, "Staff"), name: u.Name, detail: roleTitle(u.Role), code: code}
	img, err := render(c)
	if err != nil {
		return nil, fmt.Errorf("staff badge %s: %w", u.ID, err)
	}
	return img, nil
}

func titleOr(home, kind string) string {
	if home = strings.TrimSpace(home); home != "" {
		return home + " · " + kind
	}
	return kind
}

var roleTitles = map[mar.Role]string{mar.RoleCarer: "Care worker", mar.RoleSenior: "Senior carer", mar.RoleManager: "Manager"}

func roleTitle(r mar.Role) string {
	if t, ok := roleTitles[r]; ok {
		return t
	}
	return r.String()
}

// render lays out one card on a white page.
func render(c card) (*image.Gray, error) {
	if err := checkPrintable(c.code); err != nil {
		return nil, err
	}
	img := image.NewGray(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	centre := image.Pt(CardWidth/2, CardHeight/2)
	box := image.Rect(-dmBox/2, -dmBox/2, dmBox/2, dmBox/2).Add(centre)
	if err := drawDataMatrix(img, c.code, box); err != nil {
		return nil, err
	}
	if err := drawCode128(img, c.code, image.Rect(margin, barsTop, CardWidth-margin, barsTop+barsHeight)); err != nil {
		return nil, err
	}
	if err := drawText(img, c); err != nil {
		return nil, err
	}
	return img, nil
}

// drawDataMatrix draws a square DataMatrix centred in box with whole-pixel
// modules, so no module is blurred by resampling.
func drawDataMatrix(img *image.Gray, text string, box image.Rectangle) error {
	hints := map[gozxing.EncodeHintType]any{gozxing.EncodeHintType_DATA_MATRIX_SHAPE: encoder.SymbolShapeHint_FORCE_SQUARE}
	m, err := datamatrix.NewDataMatrixWriter().Encode(text, gozxing.BarcodeFormat_DATA_MATRIX, 0, 0, hints)
	if err != nil {
		return fmt.Errorf("datamatrix: %w", err)
	}
	n := max(m.GetWidth(), m.GetHeight()) + 2*dmQuiet
	module := min(box.Dx(), box.Dy()) / n
	if module < 4 {
		return fmt.Errorf("datamatrix of %d modules does not fit a card: use a shorter ID", n)
	}
	side := module * (n - 2*dmQuiet)
	origin := box.Min.Add(image.Pt((box.Dx()-side)/2, (box.Dy()-side)/2))
	for y := 0; y < m.GetHeight(); y++ {
		for x := 0; x < m.GetWidth(); x++ {
			if m.Get(x, y) {
				r := image.Rect(0, 0, module, module).Add(origin.Add(image.Pt(x*module, y*module)))
				draw.Draw(img, r, image.Black, image.Point{}, draw.Src)
			}
		}
	}
	return nil
}

// drawCode128 draws the Code 128 centred across box with its quiet zones,
// bars a whole number of pixels wide.
func drawCode128(img *image.Gray, text string, box image.Rectangle) error {
	hints := map[gozxing.EncodeHintType]any{gozxing.EncodeHintType_MARGIN: 0}
	m, err := oned.NewCode128Writer().Encode(text, gozxing.BarcodeFormat_CODE_128, 0, 0, hints)
	if err != nil {
		return fmt.Errorf("code 128: %w", err)
	}
	total := m.GetWidth() + 2*quietModules
	module := box.Dx() / total
	if module < minModule {
		return fmt.Errorf("code 128 of %q needs %d modules, too many for a card: use a shorter ID", text, total)
	}
	left := box.Min.X + (box.Dx()-module*m.GetWidth())/2
	for x := 0; x < m.GetWidth(); x++ {
		if m.Get(x, 0) {
			r := image.Rect(left+x*module, box.Min.Y, left+(x+1)*module, box.Max.Y)
			draw.Draw(img, r, image.Black, image.Point{}, draw.Src)
		}
	}
	return nil
}

// Package pdffont gives the printed documents (the MAR chart, the
// controlled drugs register and stock record) the one font they print in:
// DejaVu Sans, embedded and subset to the letters used, because a
// resident's name must print as written. fpdf's built-in Helvetica covers
// Latin-1 only, and printed "Zoë ?ukasiewicz" or "Nguy?n Th? Hà" on the
// documents an inspector reads. There is no oblique face.
package pdffont

import (
	_ "embed"
	"fmt"

	"github.com/go-pdf/fpdf"
)

var (
	//go:embed fonts/DejaVuSans.ttf
	regular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	bold []byte
)

// Family is the font family Add registers, regular ("") and bold ("B").
const Family = "DejaVuSans"

// Add registers the family with the document.
func Add(pdf *fpdf.Fpdf) error {
	pdf.AddUTF8FontFromBytes(Family, "", regular)
	pdf.AddUTF8FontFromBytes(Family, "B", bold)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("load the font: %w", err)
	}
	return nil
}

// NewA4 starts an A4 document as every printout is set up: millimetres,
// the margin on every side, no automatic page breaks (each layout turns its
// own pages), medround as creator, the title, and the font registered.
// orientation is "P" (portrait) or "L" (landscape).
func NewA4(orientation, title string, margin float64) (*fpdf.Fpdf, error) {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetCreator("medround", true)
	pdf.SetTitle(title, true)
	if err := Add(pdf); err != nil {
		return nil, err
	}
	return pdf, nil
}

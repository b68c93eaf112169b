package barcode

import (
	"image"
	"image/draw"
	"slices"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
)

// upcImage draws a UPC-A code with gozxing's writer, with a quiet zone.
func upcImage(t *testing.T, digits string) image.Image {
	t.Helper()
	m, err := oned.NewUPCAWriter().Encode(digits, gozxing.BarcodeFormat_UPC_A, 300, 120, nil)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, m.GetWidth()+40, m.GetHeight()+40))
	draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
	for y := 0; y < m.GetHeight(); y++ {
		for x := 0; x < m.GetWidth(); x++ {
			if m.Get(x, y) {
				img.Pix[(y+20)*img.Stride+x+20] = 0
			}
		}
	}
	return img
}

// TestUPCAReadsTheSameWithoutTheSecondReader: gozxing's UPC-A reader is
// its EAN-13 reader again, so Decode runs it only when EAN-13 is not
// wanted; a UPC-A pack code must read as before either way.
func TestUPCAReadsTheSameWithoutTheSecondReader(t *testing.T) {
	img := upcImage(t, "036000291452")
	for _, tc := range []struct {
		name    string
		formats []Format
		want    Read
	}{
		{"every format: the EAN-13 reader reads it, with its leading zero", nil, Read{Format: FormatEAN13, Text: "0036000291452"}},
		{"UPC-A and EAN-13", []Format{FormatUPCA, FormatEAN13}, Read{Format: FormatEAN13, Text: "0036000291452"}},
		{"UPC-A alone", []Format{FormatUPCA}, Read{Format: FormatUPCA, Text: "036000291452"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reads, err := Decode(img, DecodeOptions{Formats: tc.formats, Parse: Options{Now: testNow}})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(reads, func(r Read) bool { return r.Format == tc.want.Format && r.Text == tc.want.Text }) {
				t.Errorf("Decode = %+v, want %s %q", reads, tc.want.Format, tc.want.Text)
			}
			for _, r := range reads {
				if r.Code.GTIN != "00036000291452" {
					t.Errorf("%s %q: GTIN %q, want 00036000291452", r.Format, r.Text, r.Code.GTIN)
				}
			}
		})
	}
}

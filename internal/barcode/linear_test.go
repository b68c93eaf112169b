package barcode

import (
	"image"
	"image/draw"
	"slices"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
	"github.com/makiuchi-d/gozxing/qrcode"
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

// qrImage draws text as a QR code with gozxing's writer, size pixels
// square, on a white ground twice as wide.
func qrImage(t *testing.T, text string, size int) image.Image {
	t.Helper()
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, size, size, nil)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, 2*m.GetWidth(), m.GetHeight()+20))
	draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
	for y := 0; y < m.GetHeight(); y++ {
		for x := 0; x < m.GetWidth(); x++ {
			if m.Get(x, y) {
				img.Pix[(y+10)*img.Stride+x+m.GetWidth()/2] = 0
			}
		}
	}
	return img
}

// TestQRReadsAfterDataMatrix: QR codes are looked for after every
// DataMatrix view, and on a camera frame after both DataMatrix passes;
// a QR resident card must still read either way.
func TestQRReadsAfterDataMatrix(t *testing.T) {
	for _, tc := range []struct {
		name string
		size int
	}{{"card held close", 240}, {"small in the frame", 60}} {
		for _, quick := range []bool{false, true} {
			img := qrImage(t, "9434765919", tc.size)
			reads, err := Decode(img, DecodeOptions{Quick: quick, Parse: Options{Now: testNow}})
			if err != nil {
				t.Fatal(err)
			}
			if quick && tc.size < 100 {
				continue // a camera frame is not enlarged; the next frame is closer
			}
			if len(reads) != 1 || reads[0].Format != FormatQR || reads[0].Text != "9434765919" || reads[0].Code.NHSNumber != "9434765919" {
				t.Errorf("%s (quick %v): reads %+v, want the QR NHS number", tc.name, quick, reads)
			}
		}
	}
}

package barcode

import (
	"image"

	"github.com/makiuchi-d/gozxing"
)

// A linear reader accepts a code from a single scan line, and textures
// (wood grain, fabric, text) sometimes make a line that passes the check
// digit: UPC-E in particular, whose check is only implied by parity. A real
// bar code is tall, so the same text must also read on other lines of it.
// confirmNeed is how many bands must agree: UPC-E two, the others, whose
// check digit is explicit, one.
func confirmNeed(f gozxing.BarcodeFormat) int {
	if f == gozxing.BarcodeFormat_UPC_E {
		return 2
	}
	return 1
}

func isLinear(f gozxing.BarcodeFormat) bool {
	switch f {
	case gozxing.BarcodeFormat_EAN_13, gozxing.BarcodeFormat_EAN_8, gozxing.BarcodeFormat_UPC_A,
		gozxing.BarcodeFormat_UPC_E, gozxing.BarcodeFormat_CODE_128:
		return true
	}
	return false
}

// confirmLinear re-reads two bands of the view beside the line that gave
// res, one on each side and not touching it, and reports whether enough of
// them give the same text.
func confirmLinear(r gozxing.Reader, view *image.Gray, invert bool, res *gozxing.Result) bool {
	pts := res.GetResultPoints()
	if len(pts) < 2 {
		return false
	}
	p, q := pts[0], pts[len(pts)-1]
	horizontal := abs(q.GetX()-p.GetX()) >= abs(q.GetY()-p.GetY())
	g := view
	at := int((p.GetY() + q.GetY()) / 2)
	length := abs(q.GetX() - p.GetX())
	if !horizontal {
		g = transpose(view)
		at = int((p.GetX() + q.GetX()) / 2)
		length = abs(q.GetY() - p.GetY())
	}
	h := max(12, int(length/4)) // an EAN-13 is about 0.7 times as tall as wide
	agree := 0
	for _, band := range []image.Rectangle{
		image.Rect(g.Rect.Min.X, at+2, g.Rect.Max.X, at+2+h),
		image.Rect(g.Rect.Min.X, at-2-h, g.Rect.Max.X, at-2),
		image.Rect(g.Rect.Min.X, at+2+h, g.Rect.Max.X, at+2+2*h),
		image.Rect(g.Rect.Min.X, at-2-2*h, g.Rect.Max.X, at-2-h),
	} {
		if again := readBand(r, g, band, invert); again != nil && again.GetText() == res.GetText() {
			agree++
			if agree >= confirmNeed(res.GetBarcodeFormat()) {
				return true
			}
		}
	}
	return false
}

// readBand reads the part of g inside band.
func readBand(r gozxing.Reader, g *image.Gray, band image.Rectangle, invert bool) *gozxing.Result {
	band = band.Intersect(g.Rect)
	if band.Dy() < 1 {
		return nil
	}
	// A band is a few rows of a code already found on a row: turning it to
	// look for a vertical code, as try-harder does, is wasted work.
	src := newGraySource(g.SubImage(band).(*image.Gray))
	if invert {
		src = src.Invert()
	}
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(unturned{src}))
	if err != nil {
		return nil
	}
	return safeDecode(r, bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true})
}

// transpose swaps rows and columns, so a code read on a column can be
// re-read on neighbouring columns as rows.
func transpose(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	t := image.NewGray(image.Rect(0, 0, h, w))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			t.Pix[x*t.Stride+y] = g.Pix[(y)*g.Stride+x]
		}
	}
	return t
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// unturned is a source the 1D readers do not rotate.
type unturned struct{ gozxing.LuminanceSource }

func (unturned) IsRotateSupported() bool { return false }

package barcode

import (
	"image"

	"github.com/makiuchi-d/gozxing"
)

// A linear reader accepts a code from a single scan line, and textures
// (wood grain, fabric, text) sometimes make a line that passes the check
// digit: UPC-E in particular, whose check is only implied by parity. A real
// bar code is tall, so the same text must also read on other lines of it.
const (
	confirmBands = 4 // lines tried above and below the first read
	confirmNeed  = 2 // of which this many must give the same text
)

func isLinear(f gozxing.BarcodeFormat) bool {
	switch f {
	case gozxing.BarcodeFormat_EAN_13, gozxing.BarcodeFormat_EAN_8, gozxing.BarcodeFormat_UPC_A,
		gozxing.BarcodeFormat_UPC_E, gozxing.BarcodeFormat_CODE_128:
		return true
	}
	return false
}

// confirmLinear re-reads thin bands of the view parallel to the line that
// gave res, at growing distances from it, and reports whether enough of
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
	step := max(2, int(length/40)) // about one module of an EAN-13
	agree := 0
	for i := 1; i <= confirmBands; i++ {
		off := step * ((i + 1) / 2)
		if i%2 == 0 {
			off = -off
		}
		if again := readBand(r, g, at+off, invert); again != nil && again.GetText() == res.GetText() {
			agree++
		}
	}
	return agree >= confirmNeed
}

// readBand reads a band three pixels high centred on row y.
func readBand(r gozxing.Reader, g *image.Gray, y int, invert bool) *gozxing.Result {
	band := image.Rect(g.Rect.Min.X, y-1, g.Rect.Max.X, y+2).Intersect(g.Rect)
	if band.Dy() < 1 {
		return nil
	}
	src := gozxing.NewLuminanceSourceFromImage(g.SubImage(band))
	if invert {
		src = src.Invert()
	}
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewGlobalHistgramBinarizer(src))
	if err != nil {
		return nil
	}
	return safeDecode(r, bmp, nil)
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

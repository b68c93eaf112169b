package barcode

import (
	"errors"
	"image"

	"github.com/makiuchi-d/gozxing"
)

// graySource hands an *image.Gray to gozxing without copying it.
// gozxing's own NewLuminanceSourceFromImage converts pixel by pixel through
// image.Image.At, which costs more than decoding a clean code.
type graySource struct {
	g *image.Gray
}

var _ gozxing.LuminanceSource = graySource{}

// newGraySource wraps g; its pixels must not change while gozxing reads
// them.
func newGraySource(g *image.Gray) gozxing.LuminanceSource {
	return graySource{g: g}
}

func (s graySource) GetWidth() int  { return s.g.Rect.Dx() }
func (s graySource) GetHeight() int { return s.g.Rect.Dy() }

// GetRow returns row y, in a slice of the image itself when the caller
// gives no buffer: gozxing never writes into the rows it is given.
func (s graySource) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= s.GetHeight() {
		return row, errors.New("row outside the image")
	}
	w := s.GetWidth()
	if len(row) < w {
		row = make([]byte, w)
	}
	off := y * s.g.Stride
	copy(row, s.g.Pix[off:off+w])
	return row, nil
}

// GetMatrix returns the pixels row by row, without a copy when the image
// is not a sub-image.
func (s graySource) GetMatrix() []byte {
	w, h := s.GetWidth(), s.GetHeight()
	if s.g.Stride == w {
		return s.g.Pix[:w*h]
	}
	m := make([]byte, w*h)
	for y := 0; y < h; y++ {
		copy(m[y*w:(y+1)*w], s.g.Pix[y*s.g.Stride:])
	}
	return m
}

func (s graySource) IsCropSupported() bool { return true }

func (s graySource) Crop(left, top, width, height int) (gozxing.LuminanceSource, error) {
	r := image.Rect(left, top, left+width, top+height).Add(s.g.Rect.Min)
	if !r.In(s.g.Rect) {
		return nil, errors.New("crop outside the image")
	}
	return graySource{g: rebase(s.g.SubImage(r).(*image.Gray))}, nil
}

func (s graySource) Invert() gozxing.LuminanceSource {
	return gozxing.LuminanceSourceInvert(s)
}

func (s graySource) IsRotateSupported() bool { return true }

// RotateCounterClockwise turns the image a quarter turn left, as the 1D
// readers do with the try-harder hint to read vertical codes.
func (s graySource) RotateCounterClockwise() (gozxing.LuminanceSource, error) {
	w, h := s.GetWidth(), s.GetHeight()
	out := image.NewGray(image.Rect(0, 0, h, w))
	for y := 0; y < h; y++ {
		row := s.g.Pix[y*s.g.Stride : y*s.g.Stride+w]
		for x, v := range row {
			out.Pix[(w-1-x)*out.Stride+y] = v
		}
	}
	return graySource{g: out}, nil
}

func (s graySource) RotateCounterClockwise45() (gozxing.LuminanceSource, error) {
	return nil, errors.New("45 degree rotation is not supported")
}

func (s graySource) String() string { return gozxing.LuminanceSourceString(s) }

// rebase makes a sub-image start at (0, 0), sharing its pixels.
func rebase(g *image.Gray) *image.Gray {
	return &image.Gray{Pix: g.Pix, Stride: g.Stride, Rect: image.Rect(0, 0, g.Rect.Dx(), g.Rect.Dy())}
}

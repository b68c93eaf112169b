package barcode

import (
	"bytes"
	"image"
	"testing"
)

// enlargeByPixel is the plain form of enlarge: each output pixel blended
// from its four source pixels, nothing kept between rows.
func enlargeByPixel(g *image.Gray, num, den int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	nw, nh := w*num/den, h*num/den
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		y0, y1, ay := taps(y, num, den, h)
		for x := 0; x < nw; x++ {
			x0, x1, ax := taps(x, num, den, w)
			top := int(g.Pix[y0*g.Stride+x0])*(256-ax) + int(g.Pix[y0*g.Stride+x1])*ax
			bot := int(g.Pix[y1*g.Stride+x0])*(256-ax) + int(g.Pix[y1*g.Stride+x1])*ax
			out.Pix[y*out.Stride+x] = byte((top*(256-ay) + bot*ay) >> 16)
		}
	}
	return out
}

// TestViewsDrawnIntoTheirBorder: the views drawn straight into a padded
// image, and enlarge keeping each row's blend, give the same pixels as
// making the view and padding it after, so what reads did not change.
func TestViewsDrawnIntoTheirBorder(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {2, 3}, {17, 9}, {40, 41}, {131, 77}} {
		g := texture(size.X, size.Y, 3)
		if got, want := scale(g, 2, 1), enlargeByPixel(g, 2, 1); !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%v: enlarge differs from the pixel by pixel blend", size)
		}
		for _, f := range []struct {
			name      string
			got, want *image.Gray
		}{
			{"up 2x", scaledPadded(g, 2, 1), padded(enlargeByPixel(g, 2, 1))},
			{"down 2x", scaledPadded(g, 1, 2), padded(scale(g, 1, 2))},
			{"blurred", blurredPadded(g), padded(blur(g))},
		} {
			if f.got.Rect != f.want.Rect || !bytes.Equal(f.got.Pix, f.want.Pix) {
				t.Errorf("%v %s: %v differs from padding after (%v)", size, f.name, f.got.Rect, f.want.Rect)
			}
		}
	}
}

func FuzzViewsDrawnIntoTheirBorder(f *testing.F) {
	f.Add(uint8(5), uint8(7), []byte{0, 255, 17})
	f.Fuzz(func(t *testing.T, w, h uint8, pix []byte) {
		if w == 0 || h == 0 || len(pix) == 0 {
			return
		}
		g := image.NewGray(image.Rect(0, 0, int(w), int(h)))
		for i := range g.Pix {
			g.Pix[i] = pix[i%len(pix)] + byte(i/len(pix))
		}
		if got, want := scaledPadded(g, 2, 1), padded(enlargeByPixel(g, 2, 1)); !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%dx%d: up 2x differs", w, h)
		}
		if got, want := blurredPadded(g), padded(blurByPixel(g)); !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%dx%d: blurred differs", w, h)
		}
	})
}

// TestPaddedIsTheImageInAWhiteBorder: padding paints only the border, so
// every border pixel must still come out white and every inner one the
// image's.
func TestPaddedIsTheImageInAWhiteBorder(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {3, 2}, {40, 41}, {131, 77}} {
		g := texture(size.X, size.Y, 5)
		for i := range g.Pix {
			g.Pix[i] = min(g.Pix[i], 0xfe) // no white of its own
		}
		p := padded(g)
		b := quietZone(size.X, size.Y)
		if p.Rect.Dx() != size.X+2*b || p.Rect.Dy() != size.Y+2*b {
			t.Fatalf("%v: padded to %v, want a border of %d", size, p.Rect, b)
		}
		for y := 0; y < p.Rect.Dy(); y++ {
			for x := 0; x < p.Rect.Dx(); x++ {
				want := byte(0xff)
				if x >= b && x < b+size.X && y >= b && y < b+size.Y {
					want = g.Pix[(y-b)*g.Stride+x-b]
				}
				if got := p.Pix[y*p.Stride+x]; got != want {
					t.Fatalf("%v: pixel (%d,%d) = %d, want %d", size, x, y, got, want)
				}
			}
		}
	}
}

// blurByPixel is the plain form of blur: each pixel the mean of the
// pixels around it that are in the image.
func blurByPixel(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s, n := 0, 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if xx, yy := x+dx, y+dy; xx >= 0 && xx < w && yy >= 0 && yy < h {
						s += int(g.Pix[yy*g.Stride+xx])
						n++
					}
				}
			}
			out.Pix[y*out.Stride+x] = byte(s / n)
		}
	}
	return out
}

func TestBlurIsTheMeanOfTheNeighbours(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {1, 5}, {5, 1}, {2, 2}, {3, 3}, {17, 9}, {131, 77}} {
		g := texture(size.X, size.Y, 9)
		if got, want := blur(g), blurByPixel(g); !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%v: blur differs from the pixel by pixel mean", size)
		}
	}
}

package barcode

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing"
)

// noisyRGBA is a camera-like frame: random colours, some see-through.
func noisyRGBA(w, h int) *image.NRGBA {
	r := rand.New(rand.NewPCG(1, 2))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(r.IntN(256))
	}
	return img
}

// slowGray is toGray's general path, pixel by pixel through At.
func slowGray(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			r, gr, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			g.Pix[y*g.Stride+x] = byte(((r+2*gr+bl)/4 + (0xffff - a)) >> 8)
		}
	}
	return g
}

// TestToGrayFastPaths checks that the fast paths for the pixel formats
// PNG and JPEG decoders produce give the same grey as the general one, so
// a photo reads the same whatever its file format.
func TestToGrayFastPaths(t *testing.T) {
	src := noisyRGBA(37, 23)
	rgba := image.NewRGBA(src.Rect)
	draw.Draw(rgba, rgba.Rect, src, image.Point{}, draw.Src)
	pal := image.NewPaletted(src.Rect, color.Palette{color.Black, color.White, color.NRGBA{200, 10, 40, 128}})
	draw.Draw(pal, pal.Rect, src, image.Point{}, draw.Src)
	for name, img := range map[string]image.Image{
		"RGB PNG photo":       rgba,
		"palette PNG scan":    pal,
		"cropped RGB frame":   rgba.SubImage(image.Rect(3, 4, 30, 20)),
		"cropped palette PNG": pal.SubImage(image.Rect(1, 2, 9, 9)),
	} {
		t.Run(name, func(t *testing.T) {
			if got, want := toGray(img), slowGray(img); !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("toGray differs from the general path")
			}
		})
	}
	t.Run("palette index past the palette, as a crafted file may hold", func(t *testing.T) {
		bad := *pal
		bad.Pix = append([]byte(nil), pal.Pix...)
		bad.Pix[5] = 200
		if got := toGray(&bad); got.Pix[5] != 0 { // opaque black, as the PNG decoder pads palettes
			t.Errorf("grey %d, want 0", got.Pix[5])
		}
	})
}

// TestGraySourceMatchesGozxing checks the luminance source against
// gozxing's own, including the crops and quarter turns the readers ask for.
func TestGraySourceMatchesGozxing(t *testing.T) {
	g := toGray(noisyRGBA(31, 17))
	ours, theirs := newGraySource(g), gozxing.NewLuminanceSourceFromImage(g)
	same := func(t *testing.T, a, b gozxing.LuminanceSource) {
		t.Helper()
		if a.GetWidth() != b.GetWidth() || a.GetHeight() != b.GetHeight() {
			t.Fatalf("size %dx%d, want %dx%d", a.GetWidth(), a.GetHeight(), b.GetWidth(), b.GetHeight())
		}
		if !bytes.Equal(a.GetMatrix()[:a.GetWidth()*a.GetHeight()], b.GetMatrix()[:b.GetWidth()*b.GetHeight()]) {
			t.Error("matrix differs")
		}
		for y := 0; y < a.GetHeight(); y++ {
			ra, _ := a.GetRow(y, nil)
			rb, _ := b.GetRow(y, nil)
			if !bytes.Equal(ra[:a.GetWidth()], rb[:b.GetWidth()]) {
				t.Fatalf("row %d differs", y)
			}
		}
	}
	t.Run("whole frame", func(t *testing.T) { same(t, ours, theirs) })
	t.Run("turned for a vertical code", func(t *testing.T) {
		a, _ := ours.RotateCounterClockwise()
		b, _ := theirs.RotateCounterClockwise()
		same(t, a, b)
	})
	t.Run("cropped then turned", func(t *testing.T) {
		a, _ := ours.Crop(3, 2, 20, 11)
		b, _ := theirs.Crop(3, 2, 20, 11)
		same(t, a, b)
		a, _ = a.RotateCounterClockwise()
		b = gozxing.NewLuminanceSourceFromImage(g.SubImage(image.Rect(3, 2, 23, 13)))
		b, _ = b.RotateCounterClockwise()
		same(t, a, b)
	})
	t.Run("inverted label", func(t *testing.T) { same(t, ours.Invert(), theirs.Invert()) })
	if _, err := ours.Crop(20, 10, 20, 10); err == nil {
		t.Error("crop past the edge: no error")
	}
	if _, err := ours.GetRow(17, nil); err == nil {
		t.Error("row past the bottom: no error")
	}
}

// TestScaleKeepsEdges checks the 2x views: a hard black/white edge stays
// where it was, and halving averages.
func TestScaleKeepsEdges(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 4, 2))
	copy(g.Pix, []byte{0, 0, 255, 255, 0, 0, 255, 255})
	up := scale(g, 2, 1)
	if up.Rect.Dx() != 8 || up.Pix[0] != 0 || up.Pix[7] != 255 || up.Pix[3] >= up.Pix[4] {
		t.Errorf("2x up row = %v", up.Pix[:8])
	}
	down := scale(g, 1, 2)
	if down.Rect.Dx() != 2 || down.Rect.Dy() != 1 || down.Pix[0] != 0 || down.Pix[1] != 255 {
		t.Errorf("1/2 down = %v", down.Pix)
	}
	if b := blur(g); b.Pix[1] != 255/3 || b.Pix[0] != 0 {
		t.Errorf("blur row = %v", b.Pix[:4])
	}
}

// TestHalvesOfTinyImages guards the split view against images too small
// to split.
func TestHalvesOfTinyImages(t *testing.T) {
	for _, r := range []image.Rectangle{image.Rect(0, 0, 1, 1), image.Rect(0, 0, 1, 100), image.Rect(0, 0, 3, 2)} {
		for _, v := range halves(image.NewGray(r)) {
			if v.Rect.Empty() {
				t.Errorf("%v: empty half", r)
			}
		}
	}
}

// FuzzDecodeBytes feeds arbitrary files to the image decoder: a damaged
// photo must give an error or no read, never a panic.
func FuzzDecodeBytes(f *testing.F) {
	g := image.NewGray(image.Rect(0, 0, 16, 9))
	for i := range g.Pix {
		g.Pix[i] = byte(i * 37)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, g); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add(pngHeader(3, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		reads, err := DecodeBytes(data, DecodeOptions{MaxPixels: 1 << 16})
		if err != nil && reads != nil {
			t.Errorf("reads %v with error %v", reads, err)
		}
	})
}

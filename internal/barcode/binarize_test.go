package barcode

import (
	"image"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/makiuchi-d/gozxing"
)

// sameMatrix reports whether hybrid and gozxing's HybridBinarizer make the
// same black matrix of g.
func sameMatrix(t *testing.T, g *image.Gray) {
	t.Helper()
	want, wantErr := gozxing.NewHybridBinarizer(newGraySource(g)).GetBlackMatrix()
	got, err := newHybrid(newGraySource(g)).GetBlackMatrix()
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%v: error %v, gozxing's %v", g.Rect, err, wantErr)
	}
	if err != nil {
		return
	}
	if got.GetWidth() != want.GetWidth() || got.GetHeight() != want.GetHeight() {
		t.Fatalf("%v: matrix %dx%d, want %dx%d", g.Rect, got.GetWidth(), got.GetHeight(), want.GetWidth(), want.GetHeight())
	}
	for y := 0; y < want.GetHeight(); y++ {
		for x := 0; x < want.GetWidth(); x++ {
			if got.Get(x, y) != want.Get(x, y) {
				t.Fatalf("%v: pixel (%d,%d) black %v, gozxing says %v", g.Rect, x, y, got.Get(x, y), want.Get(x, y))
			}
		}
	}
}

// texture is an image with flat areas, gradients, edges and noise, so that
// every branch of the black point estimate is taken.
func texture(w, h int, seed uint64) *image.Gray {
	r := rand.New(rand.NewPCG(seed, 7))
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 0
			switch {
			case (x/13+y/11)%5 == 0: // flat dark
				v = 20 + r.IntN(8)
			case (x/17)%3 == 0: // flat light
				v = 230 + r.IntN(10)
			case (x/5+y/5)%2 == 0: // modules
				v = 40 + r.IntN(30)
			default:
				v = (x*255/max(w, 1) + r.IntN(60)) % 256
			}
			g.Pix[y*g.Stride+x] = byte(v)
		}
	}
	return g
}

func TestHybridMatchesGozxing(t *testing.T) {
	for _, size := range []image.Point{{40, 40}, {41, 57}, {63, 40}, {100, 100}, {131, 77}, {240, 240}, {257, 199}, {39, 120}, {5, 5}} {
		for seed := uint64(1); seed <= 3; seed++ {
			sameMatrix(t, texture(size.X, size.Y, seed))
		}
	}
	t.Run("every zint pack code", func(t *testing.T) {
		for _, row := range readTSV(t, "testdata/zint/MANIFEST.tsv") {
			img, err := loadImageFile(filepath.Join("testdata/zint", row.get("file")))
			if err != nil {
				t.Fatal(err)
			}
			sameMatrix(t, toGray(img))
		}
	})
}

func FuzzHybridMatchesGozxing(f *testing.F) {
	f.Add(uint16(40), uint16(40), []byte{0, 255, 30, 200})
	f.Add(uint16(77), uint16(41), []byte{10, 10, 10, 11, 250})
	f.Fuzz(func(t *testing.T, w, h uint16, pix []byte) {
		if w == 0 || h == 0 || int(w)*int(h) > 1<<16 || len(pix) == 0 {
			return
		}
		g := image.NewGray(image.Rect(0, 0, int(w), int(h)))
		for i := range g.Pix {
			g.Pix[i] = pix[i%len(pix)] ^ byte(i/len(pix))
		}
		sameMatrix(t, g)
	})
}

// TestAtMostComparesEveryByte checks the word-wide threshold against the
// byte-by-byte one for every threshold and a spread of pixel values.
func TestAtMostComparesEveryByte(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for th := 0; th < 256; th++ {
		for n := 0; n < 200; n++ {
			var px [8]byte
			for i := range px {
				switch n % 4 {
				case 0:
					px[i] = byte(r.IntN(256))
				case 1: // near the threshold, where off by one shows
					px[i] = byte(min(max(th+r.IntN(5)-2, 0), 255))
				case 2:
					px[i] = []byte{0, 255, byte(th)}[r.IntN(3)]
				default:
					px[i] = byte(r.IntN(2) * 255)
				}
			}
			var want uint64
			for i, p := range px {
				if int(p) <= th {
					want |= 1 << i
				}
			}
			p := uint64(px[0]) | uint64(px[1])<<8 | uint64(px[2])<<16 | uint64(px[3])<<24 |
				uint64(px[4])<<32 | uint64(px[5])<<40 | uint64(px[6])<<48 | uint64(px[7])<<56
			if got := atMost(p, uint64(th)*lanes); got != want {
				t.Fatalf("atMost(%v, %d) = %08b, want %08b", px, th, got, want)
			}
		}
	}
}

func TestByteSum(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, v := range []uint64{0, ^uint64(0), 0x0102030405060708, 0xff00ff00ff00ff00} {
		if got, want := byteSum(v), slowByteSum(v); got != want {
			t.Errorf("byteSum(%#x) = %d, want %d", v, got, want)
		}
	}
	for i := 0; i < 10000; i++ {
		v := r.Uint64()
		if got, want := byteSum(v), slowByteSum(v); got != want {
			t.Fatalf("byteSum(%#x) = %d, want %d", v, got, want)
		}
	}
}

func slowByteSum(v uint64) int {
	s := 0
	for i := 0; i < 8; i++ {
		s += int(v >> (8 * i) & 0xff)
	}
	return s
}

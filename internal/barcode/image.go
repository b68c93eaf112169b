package barcode

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // image formats a photo may come in
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// DefaultMaxPixels bounds the images DecodeFile accepts when
// DecodeOptions.MaxPixels is zero: 40 megapixels is more than any tablet
// camera takes, and decoding one needs about 200 MB.
const DefaultMaxPixels = 40_000_000

// maxFileBytes bounds the file DecodeFile reads, so a huge or endless file
// cannot exhaust memory before its header is even checked.
const maxFileBytes = 64 << 20

// Errors DecodeFile and DecodeBytes return for files that are not a
// usable image. They are wrapped with the file name and detail.
var (
	ErrNotImage    = errors.New("not an image file this app can read (PNG, JPEG, GIF, WebP, BMP, TIFF); take the photo again or choose another file")
	ErrImageSize   = errors.New("image is too large to decode; take a photo at a lower resolution or crop to the barcode")
	ErrImageEmpty  = errors.New("image has no pixels; choose another file")
	ErrImageBroken = errors.New("image file is damaged or cut short; copy it again or take a new photo")
)

// DecodeFile reads an image file and decodes every barcode in it. The
// header is checked before the pixels are decoded, so an oversized,
// empty, damaged or non-image file gives a clear error without using much
// memory or time.
func DecodeFile(path string, opt DecodeOptions) ([]Read, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() <= maxFileBytes {
		buf.Grow(int(st.Size()) + bytes.MinRead) // read in one go, not by doubling
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, maxFileBytes+1)); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	data := buf.Bytes()
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("decode %s: file over %d MiB: %w", path, maxFileBytes>>20, ErrImageSize)
	}
	reads, err := DecodeBytes(data, opt)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return reads, nil
}

// DecodeBytes decodes every barcode in an encoded image (PNG, JPEG, GIF,
// WebP, BMP or TIFF), with the same checks as DecodeFile.
func DecodeBytes(data []byte, opt DecodeOptions) ([]Read, error) {
	img, err := loadImage(data, opt.maxPixels())
	if err != nil {
		return nil, err
	}
	return Decode(img, opt)
}

// loadImage checks the header, then decodes the pixels.
func loadImage(data []byte, maxPixels int) (img image.Image, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case errors.Is(err, image.ErrFormat):
		return nil, ErrNotImage
	case err != nil:
		return nil, fmt.Errorf("read image header: %v: %w", err, ErrImageBroken)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return nil, fmt.Errorf("%s is %dx%d: %w", format, cfg.Width, cfg.Height, ErrImageEmpty)
	case cfg.Width > maxPixels/cfg.Height:
		return nil, fmt.Errorf("%s is %dx%d, over %d megapixels: %w", format, cfg.Width, cfg.Height, maxPixels/1_000_000, ErrImageSize)
	}
	defer func() {
		// Image decoders for rarer formats have panicked on crafted files.
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decode %s: %v: %w", format, r, ErrImageBroken)
		}
	}()
	img, _, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %v: %w", format, err, ErrImageBroken)
	}
	return img, nil
}

// toGray converts an image to 8-bit luminance the way gozxing does
// ((R+2G+B)/4, transparent pixels as white), with fast paths for the
// formats cameras and files produce.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	return toGrayInto(make([]byte, b.Dx()*b.Dy()), img)
}

// toGrayInto is toGray writing into pix, which holds exactly the image's
// pixel count: every pixel is written, so pix may hold an older frame.
func toGrayInto(pix []byte, img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := &image.Gray{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+w], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+w], src.Y[src.YOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.RGBA: // premultiplied: a transparent pixel is black, as gozxing reads it
		for y := 0; y < h; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4]
				g.Pix[y*g.Stride+x] = rgbaLum(p[0], p[1], p[2], p[3])
			}
		}
	case *image.Paletted:
		var lum [256]byte
		for i, c := range src.Palette {
			r, gr, bl, a := c.RGBA()
			lum[i] = byte(((r+2*gr+bl)/4 + (0xffff - a)) >> 8)
		}
		for y := 0; y < h; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				g.Pix[y*g.Stride+x] = lum[row[x]]
			}
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4]
				lum := (int(p[0]) + 2*int(p[1]) + int(p[2])) / 4
				g.Pix[y*g.Stride+x] = byte((lum*int(p[3]) + 255*(255-int(p[3]))) / 255)
			}
		}
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				r, gr, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				lum := (r + 2*gr + bl) / 4 // premultiplied, 16-bit
				g.Pix[y*g.Stride+x] = byte((lum + (0xffff - a)) >> 8)
			}
		}
	}
	return g
}

// rgbaLum is the default case's luminance for one premultiplied 8-bit
// pixel, without the 16-bit round trip.
func rgbaLum(r, g, b, a byte) byte {
	r16, g16, b16, a16 := uint32(r)*0x101, uint32(g)*0x101, uint32(b)*0x101, uint32(a)*0x101
	return byte(((r16+2*g16+b16)/4 + (0xffff - a16)) >> 8)
}

// pad surrounds g with a white quiet zone of border pixels; printed codes
// cropped tight to the symbol do not decode without one.
func pad(g *image.Gray, border int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out, inner := withBorder(w, h, border)
	for y := 0; y < h; y++ {
		copy(inner.Pix[y*inner.Stride:y*inner.Stride+w], g.Pix[y*g.Stride:y*g.Stride+w])
	}
	return out
}

// scale resizes g by num/den (2/1 up or 1/2 down) with bilinear sampling
// up and box averaging down.
func scale(g *image.Gray, num, den int) *image.Gray {
	nw, nh := g.Rect.Dx()*num/den, g.Rect.Dy()*num/den
	if nw < 1 || nh < 1 {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	scaleInto(out, g, num, den)
	return out
}

// scaledPadded is padded(scale(g, num, den)), drawn straight into the
// padded image rather than copied there.
func scaledPadded(g *image.Gray, num, den int) *image.Gray {
	nw, nh := g.Rect.Dx()*num/den, g.Rect.Dy()*num/den
	if nw < 1 || nh < 1 {
		return padded(g)
	}
	out, inner := withBorder(nw, nh, quietZone(nw, nh))
	scaleInto(inner, g, num, den)
	return out
}

// scaleInto fills dst, num/den times g's size, from g.
func scaleInto(dst, g *image.Gray, num, den int) {
	if den > num {
		shrink(dst, g, den)
		return
	}
	enlarge(dst, g, num, den)
}

// withBorder makes a white image border pixels larger than w×h on every
// side, and returns with it the w×h area inside, sharing its pixels, for a
// view to be drawn straight into its quiet zone.
func withBorder(w, h, border int) (out, inner *image.Gray) {
	out = image.NewGray(image.Rect(0, 0, w+2*border, h+2*border))
	// Only the border is painted: the caller draws every inner pixel.
	white := func(b []byte) {
		for i := range b {
			b[i] = 0xff
		}
	}
	white(out.Pix[:border*out.Stride])
	white(out.Pix[(border+h)*out.Stride:])
	for y := border; y < border+h; y++ {
		row := out.Pix[y*out.Stride : (y+1)*out.Stride]
		white(row[:border])
		white(row[border+w:])
	}
	return out, out.SubImage(image.Rect(border, border, border+w, border+h)).(*image.Gray)
}

// shrink averages each den x den block of g into dst, dropping a partial
// block at the right and bottom edges.
func shrink(dst, g *image.Gray, den int) {
	nw, nh := dst.Rect.Dx(), dst.Rect.Dy()
	n := den * den
	for y := 0; y < nh; y++ {
		out := dst.Pix[y*dst.Stride : y*dst.Stride+nw]
		for x := range out {
			sum := 0
			for dy := 0; dy < den; dy++ {
				row := g.Pix[(y*den+dy)*g.Stride+x*den:]
				for dx := 0; dx < den; dx++ {
					sum += int(row[dx])
				}
			}
			out[x] = byte(sum / n)
		}
	}
}

// enlarge samples g bilinearly at pixel centres into dst, in fixed point
// with 8 fractional bits. Each source row's horizontal blend is made once
// and kept while the output rows that need it are made.
func enlarge(dst, g *image.Gray, num, den int) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	nw, nh := dst.Rect.Dx(), dst.Rect.Dy()
	x0s, x1s, axs := make([]int, nw), make([]int, nw), make([]int, nw)
	for x := range x0s {
		x0s[x], x1s[x], axs[x] = taps(x, num, den, w)
	}
	var rows [2]struct {
		y   int
		mix []int
	}
	for i := range rows {
		rows[i].y, rows[i].mix = -1, make([]int, nw)
	}
	blend := func(y int) []int {
		for i := range rows {
			if rows[i].y == y {
				return rows[i].mix
			}
		}
		slot := &rows[0]
		if rows[1].y < rows[0].y { // replace the row further up
			slot = &rows[1]
		}
		src := g.Pix[y*g.Stride:]
		for x := range slot.mix {
			slot.mix[x] = int(src[x0s[x]])*(256-axs[x]) + int(src[x1s[x]])*axs[x]
		}
		slot.y = y
		return slot.mix
	}
	for y := 0; y < nh; y++ {
		y0, y1, ay := taps(y, num, den, h)
		top, bot := blend(y0), blend(y1)
		out := dst.Pix[y*dst.Stride : y*dst.Stride+nw]
		for x := range out {
			out[x] = byte((top[x]*(256-ay) + bot[x]*ay) >> 16)
		}
	}
}

// taps gives the two source pixels output pixel i lies between and the
// weight of the second, out of 256.
func taps(i, num, den, size int) (int, int, int) {
	f := max((2*i+1)*den*128/num-128, 0)
	i0 := min(f>>8, size-1)
	return i0, min(i0+1, size-1), f & 0xff
}

// crop returns the centre of g, frac/4 of each side, as a camera preview
// frame's region of interest.
func crop(g *image.Gray, frac int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	cw, ch := w*frac/4, h*frac/4
	r := image.Rect((w-cw)/2, (h-ch)/2, (w-cw)/2+cw, (h-ch)/2+ch)
	sub := g.SubImage(r).(*image.Gray)
	return toGray(sub)
}

// halves splits g across its longer side into two halves and the middle
// half between them: two codes side by side confuse gozxing's DataMatrix
// detector, which looks for one symbol filling the white space.
func halves(g *image.Gray) []*image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	rs := []image.Rectangle{image.Rect(0, 0, w/2, h), image.Rect(w/2, 0, w, h), image.Rect(w/4, 0, w*3/4, h)}
	if h > w {
		rs = []image.Rectangle{image.Rect(0, 0, w, h/2), image.Rect(0, h/2, w, h), image.Rect(0, h/4, w, h*3/4)}
	}
	var out []*image.Gray
	for _, r := range rs {
		if !r.Empty() {
			out = append(out, toGray(g.SubImage(r.Add(g.Rect.Min))))
		}
	}
	return out
}

func eachView(gs []*image.Gray, f func(*image.Gray) *image.Gray) []*image.Gray {
	for i, g := range gs {
		gs[i] = f(g)
	}
	return gs
}

// blur averages each pixel with its eight neighbours, which smooths JPEG
// ringing and sensor noise that break up a code's modules.
func blur(g *image.Gray) *image.Gray {
	out := image.NewGray(image.Rect(0, 0, g.Rect.Dx(), g.Rect.Dy()))
	blurInto(out, g)
	return out
}

// blurredPadded is padded(blur(g)), drawn straight into the padded image.
func blurredPadded(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out, inner := withBorder(w, h, quietZone(w, h))
	blurInto(inner, g)
	return out
}

func blurInto(dst, g *image.Gray) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	rows := make([]uint16, w*h) // horizontal sums of three, at most 765
	for y := 0; y < h; y++ {
		src := g.Pix[y*g.Stride : y*g.Stride+w]
		sums := rows[y*w : (y+1)*w]
		for x := range src {
			s := uint16(src[x])
			if x > 0 {
				s += uint16(src[x-1])
			}
			if x+1 < w {
				s += uint16(src[x+1])
			}
			sums[x] = s
		}
	}
	for y := 0; y < h; y++ {
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		if y == 0 || y == h-1 || w < 3 {
			blurEdgeRow(out, rows, w, h, y, 0, w)
			continue
		}
		up, mid, down := rows[(y-1)*w:y*w], rows[y*w:(y+1)*w], rows[(y+1)*w:(y+2)*w]
		// Inside the image every pixel has nine to average: a division
		// by a constant, which the compiler makes a multiplication.
		for x := 1; x < w-1; x++ {
			out[x] = byte((uint32(up[x]) + uint32(mid[x]) + uint32(down[x])) / 9)
		}
		blurEdgeRow(out, rows, w, h, y, 0, 1)
		blurEdgeRow(out, rows, w, h, y, w-1, w)
	}
}

// blurEdgeRow averages pixels x0 to x1 of row y over the neighbours they
// have, for the image's edges.
func blurEdgeRow(out []byte, rows []uint16, w, h, y, x0, x1 int) {
	ny := 1 + min(y, 1) + min(h-1-y, 1)
	for x := x0; x < x1; x++ {
		s := int(rows[y*w+x])
		if y > 0 {
			s += int(rows[(y-1)*w+x])
		}
		if y+1 < h {
			s += int(rows[(y+1)*w+x])
		}
		nx := 1 + min(x, 1) + min(w-1-x, 1)
		out[x] = byte(s / (nx * ny))
	}
}

// fill paints a rectangle with one grey level, white (or black in an
// inverted view) so the next pass finds another code.
func fill(g *image.Gray, r image.Rectangle, v byte) {
	r = r.Intersect(g.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.Pix[y*g.Stride+r.Min.X : y*g.Stride+r.Max.X]
		for i := range row {
			row[i] = v
		}
	}
}

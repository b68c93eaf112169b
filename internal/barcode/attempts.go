package barcode

import "image"

// attempt is one way of presenting the image to the readers.
type attempt struct {
	name   string
	quick  bool                         // cheap enough for every camera frame
	matrix bool                         // run the DataMatrix reader
	qr     bool                         // run the QR reader
	linear int                          // rows the linear readers scan, or 0 not to run them
	global bool                         // GlobalHistogramBinarizer instead of HybridBinarizer
	pure   bool                         // PURE_BARCODE hint: the image is the symbol and its quiet zone
	invert bool                         // light code on dark ground
	view   func(f *frame) *image.Gray   // the image as the readers see it, or nil to skip
	tiles  func(f *frame) []*image.Gray // or several parts of it, read one by one
}

// views are the images an attempt reads.
func (a attempt) views(f *frame) []*image.Gray {
	if a.tiles != nil {
		return a.tiles(f)
	}
	if v := a.view(f); v != nil {
		return []*image.Gray{v}
	}
	return nil
}

// frame is the image being decoded and the views of it more than one
// attempt reads, made once.
type frame struct {
	g, pad, up *image.Gray
}

func (f *frame) same() *image.Gray { return f.g }

// padded is the image with a quiet zone; readers do not change it.
func (f *frame) padded() *image.Gray {
	if f.pad == nil {
		f.pad = padded(f.g)
	}
	return f.pad
}

// enlarged is the image twice its size with a quiet zone, or nil for an
// image too large to be worth it.
func (f *frame) enlarged() *image.Gray {
	if f.up == nil && upscalable(f.g) {
		f.up = scaledPadded(f.g, 2, 1)
	}
	return f.up
}

func padded(g *image.Gray) *image.Gray {
	return pad(g, quietZone(g.Rect.Dx(), g.Rect.Dy()))
}

// quietZone is the white border padded gives a w×h view: a tenth of its
// longer side, at least 8 pixels.
func quietZone(w, h int) int {
	return max(8, max(w, h)/10)
}

// Rows the linear readers scan: a few spread over the image read most
// codes, every row the worn or small ones.
const (
	sparseLines = 32
	denseLines  = 128
)

// attempts are ordered by what they read on the shared corpus per
// millisecond, DataMatrix views first, as packs carry it: the 2x view that
// small photos need comes before scanning every row, which costs more on a
// DataMatrix photo than the 2x view does on a linear one. The linear
// readers run only on the image as it is: they binarize each row with the
// global histogram whatever the binarizer, and on the corpus no scaled,
// padded or inverted view read a linear code the image itself had not.
var attempts = []attempt{
	{name: "hybrid", quick: true, matrix: true, linear: sparseLines, view: (*frame).same},
	{name: "global", quick: true, matrix: true, global: true, view: (*frame).same},
	{name: "up2x+padded", matrix: true, view: (*frame).enlarged},
	{name: "pure+padded", matrix: true, pure: true, view: pureView},
	{name: "dense rows", linear: denseLines, view: (*frame).same},
	{name: "global+padded", matrix: true, global: true, view: (*frame).padded},
	{name: "blurred+global", matrix: true, global: true, view: func(f *frame) *image.Gray {
		return blurredPadded(f.g)
	}},
	{name: "inverted+padded", matrix: true, invert: true, view: (*frame).padded},
	{name: "halves+pure", matrix: true, pure: true, tiles: func(f *frame) []*image.Gray {
		if !cropped(f.g) {
			return nil
		}
		return eachView(halves(f.g), padded)
	}},
	{name: "halves+up2x", matrix: true, tiles: func(f *frame) []*image.Gray {
		g := f.g
		// Only strips, such as a label with codes side by side: in a
		// squarer frame up2x above has seen the same pixels.
		long, short := max(g.Rect.Dx(), g.Rect.Dy()), min(g.Rect.Dx(), g.Rect.Dy())
		if !upscalable(g) || long < 2*short {
			return nil
		}
		return eachView(halves(g), func(g *image.Gray) *image.Gray { return scaledPadded(g, 2, 1) })
	}},
	{name: "down2x+padded", matrix: true, view: downView},
	{name: "centre+up2x", matrix: true, view: centreView},
	// QR codes, which no pack carries, are looked for after every
	// DataMatrix view, on the views and binarizers the QR reader read
	// before DataMatrix came first; a camera frame looks on the first two.
	{name: "hybrid QR", quick: true, qr: true, view: (*frame).same},
	{name: "global QR", quick: true, qr: true, global: true, view: (*frame).same},
	{name: "up2x+padded QR", qr: true, view: (*frame).enlarged},
	{name: "pure+padded QR", qr: true, pure: true, view: pureView},
	{name: "inverted+padded QR", qr: true, invert: true, view: (*frame).padded},
	{name: "down2x+padded QR", qr: true, view: downView},
	{name: "centre+up2x QR", qr: true, view: centreView},
}

// pureView is the padded image when it may be a code alone.
func pureView(f *frame) *image.Gray {
	if !cropped(f.g) {
		return nil
	}
	return f.padded()
}

// downView is a large image at half its size, with a quiet zone.
func downView(f *frame) *image.Gray {
	if min(f.g.Rect.Dx(), f.g.Rect.Dy()) < 400 {
		return nil
	}
	return scaledPadded(f.g, 1, 2)
}

// centreView is the middle of a large image at twice its size.
func centreView(f *frame) *image.Gray {
	if min(f.g.Rect.Dx(), f.g.Rect.Dy()) < 400 {
		return nil
	}
	return scale(crop(f.g, 2), 2, 1)
}

// upscalable reports whether g is small enough to read at twice its size:
// no bigger than a VGA frame then. A larger image's small codes are found
// by enlarging its centre.
func upscalable(g *image.Gray) bool {
	return 4*g.Rect.Dx()*g.Rect.Dy() <= 640*480
}

// cropped reports whether g is small enough to be a picture of the codes
// alone, cropped from a scan or made by a program, which pure-barcode
// mode expects; in a photo that mode only finds noise to decode.
func cropped(g *image.Gray) bool {
	return upscalable(g)
}

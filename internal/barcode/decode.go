package barcode

import (
	"errors"
	"fmt"
	"image"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/datamatrix"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Format is a barcode symbology Decode can read.
type Format string

// Formats Decode reads: what UK medicine packs, pharmacy labels and
// resident cards carry.
const (
	FormatDataMatrix Format = "DATA_MATRIX"
	FormatQR         Format = "QR_CODE"
	FormatEAN13      Format = "EAN_13"
	FormatEAN8       Format = "EAN_8"
	FormatUPCA       Format = "UPC_A"
	FormatUPCE       Format = "UPC_E"
	FormatCode128    Format = "CODE_128"
)

// AllFormats lists every format Decode reads, in the order it tries them.
var AllFormats = []Format{FormatDataMatrix, FormatEAN13, FormatEAN8, FormatUPCA, FormatUPCE, FormatCode128, FormatQR}

// DecodeOptions configures Decode.
type DecodeOptions struct {
	// Formats limits the symbologies looked for; nil means AllFormats.
	Formats []Format
	// Parse configures how each read's text is parsed.
	Parse Options
	// MaxPixels refuses larger images; zero means DefaultMaxPixels.
	MaxPixels int
	// Quick makes only the cheap attempts, for live camera frames where the
	// next frame is another chance.
	Quick bool
	// KeepInvalid also returns reads whose GS1 content does not parse,
	// with ParseErr set, for diagnostic tools. The app must leave it false:
	// such a read may be a misread.
	KeepInvalid bool
}

func (o DecodeOptions) maxPixels() int {
	if o.MaxPixels > 0 {
		return o.MaxPixels
	}
	return DefaultMaxPixels
}

// Read is one barcode found in an image.
type Read struct {
	Format    Format
	Symbology string // AIM identifier from the decoder, e.g. "]d2" for GS1 DataMatrix
	// Text is the decoded content: GS1 separators as ASCII 29, no leading
	// FNC1, UTF-8.
	Text     string
	Code     Code  // the parsed meaning; Kind is KindUnknown when ParseErr is set
	ParseErr error // why Text is not a resident or pack code, or nil
}

// SelfChecked reports whether the read can be trusted on its own: a
// DataMatrix or QR code, whose Reed-Solomon error correction makes a wrong
// read all but impossible, or content with a check of its own (a pack code
// whose GTIN check digit and GS1 syntax passed, an NHS number's modulus
// 11). A read without one, such as a Code 128 home resident number, needs
// the same text from another frame before it is trusted.
func (r Read) SelfChecked() bool {
	switch r.Format {
	case FormatDataMatrix, FormatQR:
		return true
	}
	if r.ParseErr != nil {
		return false
	}
	return r.Code.Kind == KindPack || (r.Code.Kind == KindResident && r.Code.NHSNumber != "")
}

// maxCodesPerFrame bounds how many codes one image yields; a medicine
// trolley photo with more is better scanned pack by pack.
const maxCodesPerFrame = 8

// Decode finds the barcodes in img. It tries cheap passes first (the
// image as it is: DataMatrix with both binarizers, linear codes on a few
// rows) and costlier ones only when those find nothing (2x up for small
// images, pure-barcode mode for drawn ones, every row for linear codes, a
// quiet zone, blur, inverted, halves, 1/2 down and the enlarged centre for
// large ones), then QR codes, which no pack carries, on the views that
// read them; it stops at the first pass that reads something, and within
// a view at the first self-checked read (the one a scan uses). It never
// returns an EAN/UPC whose check digit fails (the library verifies it)
// nor GS1 content that does not parse; other text is returned with
// ParseErr set, since a resident card may hold free text. A camera frame
// (Quick) gets the first passes on the image as it is only.
func Decode(img image.Image, opt DecodeOptions) ([]Read, error) {
	if img == nil {
		return nil, ErrImageEmpty
	}
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return nil, fmt.Errorf("image is %dx%d: %w", b.Dx(), b.Dy(), ErrImageEmpty)
	}
	if b.Dx() > opt.maxPixels()/b.Dy() {
		return nil, fmt.Errorf("image is %dx%d: %w", b.Dx(), b.Dy(), ErrImageSize)
	}
	d := newDecoder(opt)
	// The frame's pixels are reused by the next call: no read keeps them.
	pix := grayFrames.Get().(*[]byte)
	defer grayFrames.Put(pix)
	f := &frame{g: toGrayInto(grow(pix, b.Dx()*b.Dy()), img)}
	for _, a := range attempts {
		if opt.Quick && !a.quick {
			continue
		}
		if len(d.readers(a)) == 0 {
			continue
		}
		if reads := d.readViews(a.views(f), a); len(reads) > 0 {
			return reads, nil
		}
	}
	return nil, nil
}

// grayFrames keeps the luminance buffer of a decoded image for the next
// one: a camera sends frames of one size many times a second.
var grayFrames = sync.Pool{New: func() any { return new([]byte) }}

// readViews reads every view of one attempt and merges what they find.
func (d *decoder) readViews(views []*image.Gray, a attempt) []Read {
	var reads []Read
	for _, v := range views {
		for _, r := range d.readAll(v, a) {
			if !slices.ContainsFunc(reads, func(x Read) bool { return x.Format == r.Format && x.Text == r.Text }) {
				reads = append(reads, r)
			}
		}
		if len(reads) >= maxCodesPerFrame {
			return reads[:maxCodesPerFrame]
		}
	}
	return reads
}

// decoder holds the readers for one Decode call; gozxing readers keep state
// and must not be shared between goroutines.
type decoder struct {
	opt    DecodeOptions
	dm, qr gozxing.Reader // or nil when not wanted
	linear *linearReader  // EAN/UPC and Code 128, or nil
	// bins keeps each view's binarizer, and so its black matrix, for the
	// QR reader's pass over a view DataMatrix was looked for in.
	bins map[binKey]gozxing.Binarizer
}

type binKey struct {
	view           *image.Gray
	global, invert bool
}

// binarizer is the attempt's binarizer for view, made once per Decode.
func (d *decoder) binarizer(view *image.Gray, a attempt) gozxing.Binarizer {
	k := binKey{view, a.global, a.invert}
	if b, ok := d.bins[k]; ok {
		return b
	}
	b := a.binarizer(a.source(view))
	if d.bins == nil {
		d.bins = map[binKey]gozxing.Binarizer{}
	}
	d.bins[k] = b
	return b
}

func newDecoder(opt DecodeOptions) *decoder {
	formats := opt.Formats
	if formats == nil {
		formats = AllFormats
	}
	want := map[Format]bool{}
	for _, f := range formats {
		want[f] = true
	}
	d := &decoder{opt: opt, linear: newLinearReader(want)}
	if want[FormatDataMatrix] {
		d.dm = datamatrix.NewDataMatrixReader()
	}
	if want[FormatQR] {
		d.qr = qrcode.NewQRCodeReader()
	}
	return d
}

// readers are those an attempt runs, DataMatrix first: it is what a
// medicine pack carries.
func (d *decoder) readers(a attempt) []gozxing.Reader {
	var rs []gozxing.Reader
	if a.matrix && d.dm != nil {
		rs = append(rs, d.dm)
	}
	if a.linear > 0 && d.linear != nil {
		d.linear.lines = a.linear
		rs = append(rs, d.linear)
	}
	if a.qr && d.qr != nil {
		rs = append(rs, d.qr)
	}
	return rs
}

// readAll reads the codes in one view: after each read the code's area is
// painted white and the readers run again, until a self-checked read.
func (d *decoder) readAll(view *image.Gray, a attempt) []Read {
	var reads []Read
	seen := map[string]bool{}
	owned := false
	bin := d.binarizer(view, a)
	for len(reads) < maxCodesPerFrame {
		bmp, err := gozxing.NewBinaryBitmap(bin)
		if err != nil {
			break
		}
		res := d.readOne(bmp, view, a)
		if res == nil {
			break
		}
		r, ok := d.accept(res)
		if ok && !seen[string(r.Format)+"\x00"+r.Text] {
			seen[string(r.Format)+"\x00"+r.Text] = true
			reads = append(reads, r)
		}
		if ok && r.SelfChecked() {
			// The first confident read is the one the app uses; sweeping
			// the painted view again for more costs as much as the read.
			break
		}
		if !owned { // never paint over the caller's pixels
			view, owned = cloneGray(view), true
		}
		box := resultBox(res, view.Rect)
		if box.Empty() || roomLeft(view.Rect, box) < 1 {
			break
		}
		paint := byte(0xff)
		if a.invert {
			paint = 0
		}
		fill(view, box, paint)
		bin = reuse(bmp, a, a.source(view), box)
	}
	return reads
}

// roomLeft is the area of r outside box, in quarters of r's: a code
// painted out with its margin from most of the view leaves no room for
// another, and looking costs as much as the first read.
func roomLeft(r, box image.Rectangle) int {
	in := box.Intersect(r)
	total := r.Dx() * r.Dy()
	return 4 * (total - in.Dx()*in.Dy()) / max(total, 1)
}

// source is the view as the readers see it.
func (a attempt) source(view *image.Gray) gozxing.LuminanceSource {
	src := newGraySource(view)
	if a.invert {
		src = src.Invert()
	}
	return src
}

func (a attempt) binarizer(src gozxing.LuminanceSource) gozxing.Binarizer {
	if a.global {
		return gozxing.NewGlobalHistgramBinarizer(src)
	}
	return newHybrid(src)
}

// reuse is the binarizer for the next read of a view after a code in box
// was painted out: the black matrix already made, with the box cleared,
// since making it again costs more than reading it.
func reuse(bmp *gozxing.BinaryBitmap, a attempt, src gozxing.LuminanceSource, box image.Rectangle) gozxing.Binarizer {
	kept, err := bmp.GetBlackMatrix()
	if err != nil {
		return a.binarizer(src)
	}
	// A copy: the matrix is kept for the QR pass over the unpainted view.
	m, err := gozxing.NewBitMatrix(kept.GetWidth(), kept.GetHeight())
	if err != nil || m.Xor(kept) != nil {
		return a.binarizer(src)
	}
	box = box.Intersect(image.Rect(0, 0, m.GetWidth(), m.GetHeight()))
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			m.Unset(x, y)
		}
	}
	return &cleared{src: src, m: m, a: a, rows: gozxing.NewGlobalHistgramBinarizer(src)}
}

// cleared is a binarizer whose black matrix was made before part of the
// image was painted out; rows, which both of gozxing's binarizers make
// from the global histogram, come from the painted image.
type cleared struct {
	src  gozxing.LuminanceSource
	m    *gozxing.BitMatrix
	a    attempt
	rows gozxing.Binarizer
}

func (c *cleared) GetLuminanceSource() gozxing.LuminanceSource { return c.src }
func (c *cleared) GetBlackMatrix() (*gozxing.BitMatrix, error) { return c.m, nil }
func (c *cleared) GetWidth() int                               { return c.src.GetWidth() }
func (c *cleared) GetHeight() int                              { return c.src.GetHeight() }

func (c *cleared) GetBlackRow(y int, row *gozxing.BitArray) (*gozxing.BitArray, error) {
	return c.rows.GetBlackRow(y, row)
}

// CreateBinarizer makes a fresh binarizer for a turned copy of the image.
func (c *cleared) CreateBinarizer(src gozxing.LuminanceSource) gozxing.Binarizer {
	return c.a.binarizer(src)
}

// readOne runs each reader on the view and returns the first result.
func (d *decoder) readOne(bmp *gozxing.BinaryBitmap, view *image.Gray, a attempt) *gozxing.Result {
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	if a.pure {
		hints[gozxing.DecodeHintType_PURE_BARCODE] = true
	}
	for _, r := range d.readers(a) {
		res := safeDecode(r, bmp, hints)
		if res == nil {
			continue
		}
		if isLinear(res.GetBarcodeFormat()) && !confirmLinear(r, view, a.invert, res) {
			continue
		}
		return res
	}
	return nil
}

// safeDecode runs one reader, treating a panic inside gozxing (it has
// index bugs on odd input) as no read.
func safeDecode(r gozxing.Reader, bmp *gozxing.BinaryBitmap, hints map[gozxing.DecodeHintType]interface{}) (res *gozxing.Result) {
	defer func() {
		if recover() != nil {
			res = nil
		}
		r.Reset()
	}()
	res, err := r.Decode(bmp, hints)
	if err != nil {
		return nil
	}
	return res
}

// accept turns a gozxing result into a Read, or refuses it.
func (d *decoder) accept(res *gozxing.Result) (Read, bool) {
	r := Read{Format: Format(res.GetBarcodeFormat().String())}
	r.Symbology, _ = res.GetResultMetadata()[gozxing.ResultMetadataType_SYMBOLOGY_IDENTIFIER].(string)
	r.Text = cleanText(res.GetText(), r.Symbology)
	r.Code, r.ParseErr = Parse(parseInput(r), d.opt.Parse)
	if r.ParseErr == nil {
		return r, true
	}
	if d.opt.KeepInvalid {
		return r, true
	}
	switch r.Format {
	case FormatEAN13, FormatEAN8, FormatUPCA, FormatUPCE:
		return r, false // a linear pack code that does not parse is a misread
	}
	if gs1Symbology(r.Symbology) && !errors.Is(r.ParseErr, ErrNoGTIN) {
		return r, false
	}
	return r, true
}

// parseInput is what Parse sees for a read: the symbology identifier and
// text, with UPC codes turned into the GTIN they stand for.
func parseInput(r Read) string {
	switch r.Format {
	case FormatUPCA:
		return r.Text // 12 digits, classified as a GTIN-12
	case FormatUPCE:
		if a := expandUPCE(r.Text); a != "" {
			return a
		}
		return r.Text
	}
	return r.Symbology + r.Text
}

// cleanText drops the leading FNC1 gozxing reports as GS for GS1 data, and
// reads non-UTF-8 bytes as ISO 8859-1, the default character set of Code
// 128 and DataMatrix.
func cleanText(s, sym string) string {
	if gs1Symbology(sym) {
		s = strings.TrimPrefix(s, string(rune(gs)))
	}
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// resultBox is the area a result's points span, grown so that painting it
// white removes the whole code: 1D results give two points on one row, so
// their box runs the full height (or width, when the code was rotated).
func resultBox(res *gozxing.Result, bounds image.Rectangle) image.Rectangle {
	pts := res.GetResultPoints()
	if len(pts) == 0 {
		return image.Rectangle{}
	}
	minX, minY, maxX, maxY := pts[0].GetX(), pts[0].GetY(), pts[0].GetX(), pts[0].GetY()
	for _, p := range pts[1:] {
		minX, maxX = min(minX, p.GetX()), max(maxX, p.GetX())
		minY, maxY = min(minY, p.GetY()), max(maxY, p.GetY())
	}
	w, h := maxX-minX, maxY-minY
	if len(pts) <= 2 { // linear code
		if w >= h {
			return image.Rect(int(minX)-int(w/10), bounds.Min.Y, int(maxX)+int(w/10)+1, bounds.Max.Y)
		}
		return image.Rect(bounds.Min.X, int(minY)-int(h/10), bounds.Max.X, int(maxY)+int(h/10)+1)
	}
	m := max(w, h) / 4
	return image.Rect(int(minX-m), int(minY-m), int(maxX+m)+1, int(maxY+m)+1)
}

func cloneGray(g *image.Gray) *image.Gray {
	c := image.NewGray(g.Rect)
	copy(c.Pix, g.Pix)
	return c
}

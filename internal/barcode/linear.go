package barcode

import (
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/oned"
)

// linearRows tries each linear symbology on one binarized row. gozxing has
// no multi-format 1D reader, and running the EAN/UPC and Code 128 readers
// one after the other binarizes every row, and rotates the image for
// vertical codes, once per reader; one reader over all row decoders does
// it once.
type linearRows []oned.RowDecoder

func (l linearRows) DecodeRow(n int, row *gozxing.BitArray, hints map[gozxing.DecodeHintType]interface{}) (*gozxing.Result, error) {
	var err error
	for _, d := range l {
		var res *gozxing.Result
		if res, err = d.DecodeRow(n, row, hints); err == nil {
			return res, nil
		}
	}
	// The last decoder's error, not a new one: gozxing records the caller
	// of every exception it makes, and on a row with no code that costs
	// more than reading it.
	return nil, err
}

// linearReader scans rows of the image, then of the image turned a
// quarter, with every linear row decoder. It is gozxing's OneDReader with
// the try-harder row step made a parameter: gozxing then reads every row,
// and on the corpus a code that reads at all reads on many rows.
type linearReader struct {
	rows  linearRows
	lines int // rows scanned per image, spread from the middle out
}

func (l *linearReader) DecodeWithoutHints(bmp *gozxing.BinaryBitmap) (*gozxing.Result, error) {
	return l.Decode(bmp, nil)
}

func (l *linearReader) Reset() {}

// Decode reads the image as it is, and if nothing is found, turned a
// quarter to the left, for codes printed or held vertically.
func (l *linearReader) Decode(bmp *gozxing.BinaryBitmap, hints map[gozxing.DecodeHintType]interface{}) (*gozxing.Result, error) {
	res, err := l.scan(bmp, hints)
	if err == nil || !bmp.IsRotateSupported() {
		return res, err
	}
	turned, err := bmp.RotateCounterClockwise()
	if err != nil {
		return nil, err
	}
	if res, err = l.scan(turned, hints); err != nil {
		return nil, err
	}
	orientation := 270
	if o, ok := res.GetResultMetadata()[gozxing.ResultMetadataType_ORIENTATION].(int); ok {
		orientation = (orientation + o) % 360
	}
	res.PutMetadata(gozxing.ResultMetadataType_ORIENTATION, orientation)
	pts := res.GetResultPoints()
	h := float64(turned.GetHeight())
	for i, p := range pts { // back to the unturned image's coordinates
		pts[i] = gozxing.NewResultPoint(h-p.GetY()-1, p.GetX())
	}
	return res, nil
}

// scan tries rows from the middle out, alternately below and above, each
// forwards and reversed (for codes upside down).
func (l *linearReader) scan(bmp *gozxing.BinaryBitmap, hints map[gozxing.DecodeHintType]interface{}) (*gozxing.Result, error) {
	w, h := bmp.GetWidth(), bmp.GetHeight()
	step := max(1, h/max(1, l.lines))
	row := gozxing.NewBitArray(w)
	var err error
	for i := 0; ; i++ {
		y := h/2 + step*((i+1)/2)
		if i%2 == 1 {
			y = h/2 - step*((i+1)/2)
		}
		if y < 0 || y >= h {
			break
		}
		if row, err = bmp.GetBlackRow(y, row); err != nil || bars(row, minBars) < minBars {
			continue
		}
		for reversed := 0; reversed < 2; reversed++ {
			if reversed == 1 {
				row.Reverse()
			}
			res, err := l.rows.DecodeRow(y, row, hints)
			if err != nil {
				continue
			}
			if reversed == 1 {
				res.PutMetadata(gozxing.ResultMetadataType_ORIENTATION, 180)
				pts := res.GetResultPoints()
				for j := 0; j < len(pts) && j < 2; j++ {
					pts[j] = gozxing.NewResultPoint(float64(w)-pts[j].GetX()-1, pts[j].GetY())
				}
			}
			return res, nil
		}
	}
	return nil, gozxing.NewNotFoundException()
}

// newLinearReader reads the linear formats wanted, or returns nil if none
// is.
func newLinearReader(want map[Format]bool) *linearReader {
	var rows linearRows
	var upc []gozxing.BarcodeFormat
	for _, f := range []struct {
		f Format
		z gozxing.BarcodeFormat
	}{{FormatEAN13, gozxing.BarcodeFormat_EAN_13}, {FormatEAN8, gozxing.BarcodeFormat_EAN_8},
		{FormatUPCA, gozxing.BarcodeFormat_UPC_A}, {FormatUPCE, gozxing.BarcodeFormat_UPC_E}} {
		// gozxing's UPC-A reader is its EAN-13 reader run again, keeping
		// codes that start with 0; after the EAN-13 reader failed on a row
		// it fails too, so with EAN-13 wanted it only doubles the work.
		if want[f.f] && !(f.f == FormatUPCA && want[FormatEAN13]) {
			upc = append(upc, f.z)
		}
	}
	if len(upc) > 0 {
		hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_POSSIBLE_FORMATS: upc}
		rows = append(rows, oned.NewMultiFormatUPCEANReader(hints).(oned.RowDecoder))
	}
	if want[FormatCode128] {
		rows = append(rows, oned.NewCode128Reader().(oned.RowDecoder))
	}
	if len(rows) == 0 {
		return nil
	}
	return &linearReader{rows: rows, lines: sparseLines}
}

// minBars is the fewest bars a row of any linear code Decode reads has: a
// Code 128 symbol with no data is start, check and stop, ten bars.
const minBars = 10

// bars counts the black runs in row, stopping at enough: asking the row
// decoders about a row with fewer costs more than counting, for each makes
// an error that records its caller.
func bars(row *gozxing.BitArray, enough int) int {
	n, x, w := 0, 0, row.GetSize()
	for n < enough {
		if x = row.GetNextSet(x); x >= w {
			break
		}
		n++
		x = row.GetNextUnset(x)
	}
	return n
}

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

// newLinearReader reads the linear formats wanted, or returns nil if none
// is.
func newLinearReader(want map[Format]bool) gozxing.Reader {
	var rows linearRows
	var upc []gozxing.BarcodeFormat
	for _, f := range []struct {
		f Format
		z gozxing.BarcodeFormat
	}{{FormatEAN13, gozxing.BarcodeFormat_EAN_13}, {FormatEAN8, gozxing.BarcodeFormat_EAN_8},
		{FormatUPCA, gozxing.BarcodeFormat_UPC_A}, {FormatUPCE, gozxing.BarcodeFormat_UPC_E}} {
		if want[f.f] {
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
	return oned.NewOneDReader(rows)
}

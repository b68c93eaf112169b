package camera

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

// FuzzFrameToGray feeds the converters what a faulty or hostile device
// might hand over: any bytes, any claimed size. They must return an image
// of the claimed size or an error, never panic.
func FuzzFrameToGray(f *testing.F) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(uint8(0), buf.Bytes(), uint16(8), uint16(8))
	f.Add(uint8(1), stripDHT(buf.Bytes()), uint16(8), uint16(8))
	f.Add(uint8(2), make([]byte, 32), uint16(4), uint16(4))
	f.Add(uint8(3), make([]byte, 16), uint16(4), uint16(4))
	f.Add(uint8(0), []byte{0xFF, 0xD8, 0xFF, 0xDA}, uint16(1), uint16(1))
	formats := []fourcc{fmtMJPEG, fmtJPEG, fmtYUYV, fmtGREY}
	f.Fuzz(func(t *testing.T, which uint8, data []byte, w, h uint16) {
		format := formats[int(which)%len(formats)]
		if format == fmtMJPEG || format == fmtJPEG {
			// Bound what the JPEG header may claim, as the driver's
			// negotiated size would.
			if cfg, err := jpeg.DecodeConfig(bytes.NewReader(withHuffmanTables(data))); err == nil && cfg.Width*cfg.Height > 1<<20 {
				return
			}
		}
		g, err := frameToGray(format, data, int(w), int(h))
		if err != nil {
			return
		}
		if format == fmtYUYV || format == fmtGREY {
			if g.Bounds() != image.Rect(0, 0, int(w), int(h)) {
				t.Errorf("%s %dx%d gave %v", format, w, h, g.Bounds())
			}
		}
	})
}

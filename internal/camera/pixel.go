package camera

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"sync"
)

// fourcc is a V4L2 pixel format code: four ASCII bytes, little end first.
type fourcc uint32

func makeFourcc(s string) fourcc {
	return fourcc(uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24)
}

// String returns the four letters, e.g. "YUYV".
func (f fourcc) String() string {
	return string([]byte{byte(f), byte(f >> 8), byte(f >> 16), byte(f >> 24)})
}

// The pixel formats the package converts. Cameras offer many more; these
// cover nearly every UVC webcam.
var (
	fmtYUYV  = makeFourcc("YUYV") // 4:2:2, two bytes a pixel: Y0 U Y1 V
	fmtGREY  = makeFourcc("GREY") // 8-bit luminance only
	fmtMJPEG = makeFourcc("MJPG") // a JPEG per frame, often without Huffman tables
	fmtJPEG  = makeFourcc("JPEG")
)

// frameToGray turns one raw frame of format f and size w×h into a luminance
// image. The result never aliases data: a driver reuses its buffers.
func frameToGray(f fourcc, data []byte, w, h int) (*image.Gray, error) {
	switch f {
	case fmtYUYV:
		return yuyvToGray(data, w, h)
	case fmtGREY:
		return greyToGray(data, w, h)
	case fmtMJPEG, fmtJPEG:
		return jpegToGray(data)
	}
	return nil, fmt.Errorf("camera pixel format %s: not supported; choose YUYV, MJPG or GREY", f)
}

// rowStride works out the bytes per row of a frame from its length, since a
// driver may pad rows; it fails when the frame is too short (a truncated
// buffer would otherwise read as a shifted picture).
func rowStride(n, w, h, bytesPerPixel int) (int, error) {
	if w <= 0 || h <= 0 {
		return 0, fmt.Errorf("frame size %dx%d: width and height must be positive", w, h)
	}
	min := w * bytesPerPixel
	if n < min*h {
		return 0, fmt.Errorf("frame of %d bytes: %dx%d needs at least %d", n, w, h, min*h)
	}
	return max(min, n/h), nil
}

// yuyvToGray keeps the Y byte of each pixel; the chroma bytes carry nothing
// a barcode decoder uses.
func yuyvToGray(data []byte, w, h int) (*image.Gray, error) {
	stride, err := rowStride(len(data), w, h, 2)
	if err != nil {
		return nil, fmt.Errorf("yuyv: %w", err)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		src := data[y*stride : y*stride+2*w]
		dst := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range dst {
			dst[x] = src[2*x]
		}
	}
	return g, nil
}

func greyToGray(data []byte, w, h int) (*image.Gray, error) {
	stride, err := rowStride(len(data), w, h, 1)
	if err != nil {
		return nil, fmt.Errorf("grey: %w", err)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		copy(g.Pix[y*g.Stride:y*g.Stride+w], data[y*stride:])
	}
	return g, nil
}

// jpegToGray decodes an MJPEG frame and keeps its luminance plane without
// converting colour.
func jpegToGray(data []byte) (*image.Gray, error) {
	img, err := jpeg.Decode(bytes.NewReader(withHuffmanTables(data)))
	if err != nil {
		return nil, fmt.Errorf("mjpeg frame: %w", err)
	}
	switch m := img.(type) {
	case *image.Gray:
		return m, nil
	case *image.YCbCr:
		return &image.Gray{Pix: m.Y, Stride: m.YStride, Rect: m.Rect}, nil
	}
	g := image.NewGray(img.Bounds())
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g, nil
}

// withHuffmanTables returns the JPEG with the standard Huffman tables
// (ITU T.81 Annex K.3) inserted before the scan when it has none. Many UVC
// cameras leave them out of MJPEG frames to save bandwidth, as the AVI
// MJPEG convention allows, and image/jpeg cannot decode such a frame.
func withHuffmanTables(b []byte) []byte {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return b
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return b
		}
		switch m := b[i+1]; {
		case m == 0xFF: // fill byte
			i++
		case m == 0xC4: // DHT present
			return b
		case m == 0xDA: // start of scan: tables must come before it
			dht := standardDHT()
			out := make([]byte, 0, len(b)+len(dht))
			out = append(out, b[:i]...)
			out = append(out, dht...)
			return append(out, b[i:]...)
		case m == 0x01 || (m >= 0xD0 && m <= 0xD8): // markers without length
			i += 2
		default:
			i += 2 + (int(b[i+2])<<8 | int(b[i+3]))
		}
	}
	return b
}

// standardDHT is a DHT segment holding the four Annex K.3 tables. It is
// taken from image/jpeg's own encoder, which writes exactly those tables,
// rather than copied out by hand where a typo would go unnoticed.
var standardDHT = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	img := image.NewYCbCr(image.Rect(0, 0, 16, 16), image.YCbCrSubsampleRatio420)
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		return nil
	}
	b := buf.Bytes()
	for i := 2; i+4 <= len(b); {
		n := int(b[i+2])<<8 | int(b[i+3])
		if b[i+1] == 0xC4 {
			return append([]byte(nil), b[i:i+2+n]...)
		}
		i += 2 + n
	}
	return nil
})

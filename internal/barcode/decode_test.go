package barcode

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeZint decodes GS1 DataMatrix pack codes made with zint at
// several sizes, rotations, blur and noise (testdata/zint/gen.sh): every one
// must give exactly the encoded element string and parse as a pack.
func TestDecodeZint(t *testing.T) {
	rows := readTSV(t, "testdata/zint/MANIFEST.tsv")
	if len(rows) < 30 {
		t.Fatalf("only %d zint images", len(rows))
	}
	for _, row := range rows {
		want := unescape(t, row.get("element_string"))
		reads, err := DecodeFile(filepath.Join("testdata/zint", row.get("file")), DecodeOptions{Parse: Options{Now: testNow}})
		if err != nil {
			t.Errorf("%s: %v", row.get("file"), err)
			continue
		}
		if len(reads) != 1 || reads[0].Text != want || reads[0].Symbology != "]d2" {
			t.Errorf("%s: reads %+v, want one ]d2 read of %q", row.get("file"), reads, want)
			continue
		}
		if c := reads[0].Code; reads[0].ParseErr != nil || c.Kind != KindPack || c.Expiry.IsZero() || c.Batch == "" {
			t.Errorf("%s: parsed %+v, %v", row.get("file"), c, reads[0].ParseErr)
		}
	}
}

// TestDecodeFrames decodes camera-like frames with a GS1 DataMatrix pack
// code hidden in a textured background (testdata/frames/gen.sh), thorough
// and as a live camera frame: a read must be exactly the encoded element
// string, and most frames must read (the rest are for timing; ZXing-C++
// misses some too).
func TestDecodeFrames(t *testing.T) {
	rows := readTSV(t, "testdata/frames/MANIFEST.tsv")
	for _, quick := range []bool{false, true} {
		read := 0
		for _, row := range rows {
			want := unescape(t, row.get("element_string"))
			reads, err := DecodeFile(filepath.Join("testdata/frames", row.get("file")), DecodeOptions{Parse: Options{Now: testNow}, Quick: quick})
			if err != nil {
				t.Errorf("%s: %v", row.get("file"), err)
				continue
			}
			for _, r := range reads {
				if r.Text != want || r.Code.Kind != KindPack {
					t.Errorf("%s (quick %v): MISREAD %s %q, want %q", row.get("file"), quick, r.Format, r.Text, want)
				}
			}
			if len(reads) > 0 {
				read++
			}
		}
		if min := len(rows) * 2 / 3; read < min {
			t.Errorf("quick %v: %d of %d frames read, want at least %d", quick, read, len(rows), min)
		}
	}
}

// pngHeader builds the first bytes of a PNG claiming the given size, with a
// valid IHDR checksum and no pixel data: cheap to make, costly if trusted.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 0 // 8-bit greyscale
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	return b.Bytes()
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecodeBadInput(t *testing.T) {
	good, err := os.ReadFile("testdata/zint/" + readTSV(t, "testdata/zint/MANIFEST.tsv")[0].get("file"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{name: "photo cut short while copying", data: good[:len(good)/2], want: ErrImageBroken},
		{name: "only the PNG signature", data: good[:8], want: ErrImageBroken},
		{name: "8000x8000 photo is refused from its header", data: pngHeader(8000, 8000), want: ErrImageSize},
		{name: "zero-width image", data: pngHeader(0, 10), want: ErrImageBroken},
		{name: "text file named .png", data: []byte("medicine round notes\n"), want: ErrNotImage},
		{name: "empty file", data: nil, want: ErrNotImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "scan.png")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			reads, err := DecodeFile(path, DecodeOptions{})
			if !errors.Is(err, tt.want) || reads != nil {
				t.Fatalf("DecodeFile = %v, %v; want %v", reads, err, tt.want)
			}
			if !strings.Contains(err.Error(), "scan.png") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestDecodeImageLimits(t *testing.T) {
	if _, err := Decode(image.NewGray(image.Rect(0, 0, 0, 0)), DecodeOptions{}); !errors.Is(err, ErrImageEmpty) {
		t.Errorf("zero-sized image: err = %v, want ErrImageEmpty", err)
	}
	big := image.NewGray(image.Rect(0, 0, 3000, 2000))
	if _, err := Decode(big, DecodeOptions{MaxPixels: 1_000_000}); !errors.Is(err, ErrImageSize) {
		t.Errorf("6 MP image with 1 MP limit: err = %v, want ErrImageSize", err)
	}
	if _, err := DecodeBytes(encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1))), DecodeOptions{}); err != nil {
		t.Errorf("1x1 image: %v", err)
	}
}

// TestDecodeDoesNotChangeCallerImage guards the frame a camera hands over.
func TestDecodeDoesNotChangeCallerImage(t *testing.T) {
	img, err := loadImageFile("testdata/zint/" + readTSV(t, "testdata/zint/MANIFEST.tsv")[0].get("file"))
	if err != nil {
		t.Fatal(err)
	}
	g := toGray(img)
	before := append([]byte(nil), g.Pix...)
	if reads, err := Decode(g, DecodeOptions{}); err != nil || len(reads) != 1 {
		t.Fatalf("Decode = %v, %v", reads, err)
	}
	if !bytes.Equal(before, g.Pix) {
		t.Error("Decode painted over the caller's image")
	}
}

func loadImageFile(path string) (image.Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return loadImage(data, DefaultMaxPixels)
}

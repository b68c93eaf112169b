package camera

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

func TestFourccNames(t *testing.T) {
	for _, name := range []string{"YUYV", "MJPG", "GREY", "JPEG"} {
		if got := makeFourcc(name).String(); got != name {
			t.Errorf("makeFourcc(%q).String() = %q", name, got)
		}
	}
	// The value V4L2 defines for YUYV in videodev2.h.
	if fmtYUYV != 0x56595559 {
		t.Errorf("YUYV fourcc = %#x, want 0x56595559", uint32(fmtYUYV))
	}
}

func TestYUYVKeepsLuminance(t *testing.T) {
	// A 4x2 frame: Y values 10..17, chroma bytes 200 that must be ignored.
	var data []byte
	for y := byte(0); y < 8; y++ {
		data = append(data, 10+y, 200)
	}
	tests := []struct {
		name    string
		data    []byte
		wantErr bool
	}{
		{"tight rows as most cameras send", data, false},
		{"rows padded by the driver", padRows(data, 8, 2, 4), false},
		{"truncated buffer from a torn frame", data[:15], true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := frameToGray(fmtYUYV, tt.data, 4, 2)
			if tt.wantErr {
				if err == nil {
					t.Fatal("short frame converted without error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 8; i++ {
				if got := g.GrayAt(i%4, i/4).Y; got != byte(10+i) {
					t.Errorf("pixel (%d,%d) = %d, want %d", i%4, i/4, got, 10+i)
				}
			}
		})
	}
}

func padRows(data []byte, rowLen, rows, pad int) []byte {
	var out []byte
	for r := 0; r < rows; r++ {
		out = append(out, data[r*rowLen:(r+1)*rowLen]...)
		out = append(out, make([]byte, pad)...)
	}
	return out
}

func TestGreyCopiesFrame(t *testing.T) {
	data := []byte{1, 2, 3, 4, 5, 6}
	g, err := frameToGray(fmtGREY, data, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	data[0] = 99 // the driver reuses its buffer
	if g.GrayAt(0, 0).Y != 1 || g.GrayAt(2, 1).Y != 6 {
		t.Errorf("grey frame = %v, want a copy of 1..6", g.Pix)
	}
}

func TestUnsupportedFormatSaysWhichToUse(t *testing.T) {
	_, err := frameToGray(makeFourcc("H264"), []byte{1}, 1, 1)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("YUYV")) {
		t.Errorf("H264 frame: err = %v, want advice naming YUYV", err)
	}
}

func TestFrameSizeMustBePositive(t *testing.T) {
	if _, err := frameToGray(fmtYUYV, nil, 0, 0); err == nil {
		t.Error("0x0 frame converted without error")
	}
}

// TestMJPEGWithoutHuffmanTables is the UVC camera that leaves the standard
// tables out of each frame: image/jpeg refuses it until they are put back.
func TestMJPEGWithoutHuffmanTables(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 32, 16))
	for x := 0; x < 32; x++ {
		for y := 0; y < 16; y++ {
			if (x/4)%2 == 0 {
				src.Set(x, y, color.White)
			} else {
				src.Set(x, y, color.Black)
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	stripped := stripDHT(full)
	if len(stripped) == len(full) {
		t.Fatal("test frame had no DHT to strip")
	}
	if _, err := jpeg.Decode(bytes.NewReader(stripped)); err == nil {
		t.Fatal("image/jpeg decoded a frame without Huffman tables; the fix-up is no longer needed")
	}
	want, err := jpegToGray(full)
	if err != nil {
		t.Fatal(err)
	}
	got, err := frameToGray(fmtMJPEG, stripped, 32, 16)
	if err != nil {
		t.Fatalf("frame without DHT: %v", err)
	}
	if got.Bounds() != want.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	for y := 0; y < 16; y++ {
		for x := 0; x < 32; x++ {
			if got.GrayAt(x, y) != want.GrayAt(x, y) {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, got.GrayAt(x, y), want.GrayAt(x, y))
			}
		}
	}
}

func TestCorruptMJPEGIsAnError(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":              nil,
		"start marker alone": {0xFF, 0xD8},
		"not a jpeg":         []byte("hello camera"),
		"bad segment length": {0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF},
	} {
		if _, err := frameToGray(fmtMJPEG, data, 8, 8); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}

// stripDHT removes every DHT segment before the scan.
func stripDHT(b []byte) []byte {
	out := append([]byte(nil), b[:2]...)
	i := 2
	for i+4 <= len(b) && b[i+1] != 0xDA {
		n := int(b[i+2])<<8 | int(b[i+3])
		if b[i+1] != 0xC4 {
			out = append(out, b[i:i+2+n]...)
		}
		i += 2 + n
	}
	return append(out, b[i:]...)
}

func TestStandardDHTHoldsFourTables(t *testing.T) {
	dht := standardDHT()
	// 2 marker + 2 length + 4 × (1 class/id + 16 counts) + 12 + 12 + 162 + 162 symbols.
	if want := 2 + 2 + 4*17 + 12 + 12 + 162 + 162; len(dht) != want {
		t.Errorf("standard DHT is %d bytes, want %d", len(dht), want)
	}
}

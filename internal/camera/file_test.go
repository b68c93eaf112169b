package camera

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writePNG(t *testing.T, dir, name string, img image.Image) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFileSourcePlaysInOrderThenEOF(t *testing.T) {
	dir := t.TempDir()
	a := writePNG(t, dir, "a.png", image.NewGray(image.Rect(0, 0, 3, 1)))
	b := writePNG(t, dir, "b.png", image.NewGray(image.Rect(0, 0, 5, 1)))
	src := NewFileSource([]string{a, b}, 0)
	defer src.Close()
	ctx := context.Background()
	for i, wantW := range []int{3, 5} {
		f, err := src.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if f.Seq != uint64(i+1) || f.Image.Bounds().Dx() != wantW || f.Time.IsZero() {
			t.Errorf("frame %d = seq %d width %d time %v", i, f.Seq, f.Image.Bounds().Dx(), f.Time)
		}
	}
	if _, err := src.Next(ctx); !errors.Is(err, io.EOF) {
		t.Errorf("after last file: %v, want io.EOF", err)
	}
}

func TestFileSourceKeepsRate(t *testing.T) {
	imgs := []image.Image{image.NewGray(image.Rect(0, 0, 1, 1))}
	src := NewImageSource(imgs, 50) // 20 ms a frame
	src.Loop = true
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < 6; i++ {
		if _, err := src.Next(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Five intervals after the first frame.
	if el := time.Since(start); el < 100*time.Millisecond {
		t.Errorf("6 frames at 50 fps took %v, want at least 100ms", el)
	}
}

func TestFileSourceStopsOnCancel(t *testing.T) {
	src := NewImageSource([]image.Image{image.NewGray(image.Rect(0, 0, 1, 1))}, 0.1) // 10 s a frame
	src.Loop = true
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := src.Next(ctx); err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	if _, err := src.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel = %v, want context.Canceled", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("cancel took %v to stop a 10 s wait", el)
	}
}

func TestEmptyFileSourceEnds(t *testing.T) {
	src := NewFileSource(nil, 30)
	src.Loop = true
	if _, err := src.Next(context.Background()); !errors.Is(err, io.EOF) {
		t.Errorf("empty looping source: %v, want io.EOF", err)
	}
}

func TestLoadImageBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := writePNG(t, dir, "good.png", image.NewGray(image.Rect(0, 0, 4, 4)))
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"truncated.png":      raw[:len(raw)/2],
		"zero-bytes.png":     nil,
		"notes.txt":          []byte("morning round notes"),
		"huge-8000x8000.png": pngHeader(t, raw, 8000, 8000),
		"zero-width.png":     pngHeader(t, raw, 0, 10),
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := LoadImage(p); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("LoadImage(%s) = %v, want an error naming the file", name, err)
			}
		})
	}
	if _, err := LoadImage(filepath.Join(dir, "missing.png")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadImage(missing) = %v, want not exist", err)
	}
}

// pngHeader rewrites the size in a PNG's IHDR chunk (and its CRC), making a
// file that claims to be w×h without holding the pixels.
func pngHeader(t *testing.T, raw []byte, w, h uint32) []byte {
	t.Helper()
	b := append([]byte(nil), raw...)
	const ihdr = 8 // after the signature: length(4) "IHDR"(4) data(13) crc(4)
	if string(b[ihdr+4:ihdr+8]) != "IHDR" {
		t.Fatal("no IHDR")
	}
	binary.BigEndian.PutUint32(b[ihdr+8:], w)
	binary.BigEndian.PutUint32(b[ihdr+12:], h)
	binary.BigEndian.PutUint32(b[ihdr+21:], crc32.ChecksumIEEE(b[ihdr+4:ihdr+21]))
	return b
}

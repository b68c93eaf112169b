package camera

import (
	"context"
	"fmt"
	"image"
	_ "image/gif"  // frames may be GIF
	_ "image/jpeg" // frames may be JPEG
	_ "image/png"  // frames may be PNG
	"io"
	"os"
	"time"

	_ "golang.org/x/image/webp" // phone photos are often WebP
)

// maxFilePixels bounds the size of an image file played as a frame, so a
// huge or hostile file gives an error instead of gigabytes of memory: 40
// megapixels is more than any phone camera.
const maxFilePixels = 40_000_000

// FileSource plays images as frames at a steady rate: files read when
// their turn comes, or images already in memory. It stands in for a camera
// in tests and on platforms without camera access.
type FileSource struct {
	// Loop starts again at the first image after the last instead of
	// returning io.EOF.
	Loop bool

	n        int
	load     func(i int) (image.Image, error)
	interval time.Duration
	next     int
	last     time.Time
	seq      uint64
}

var _ Source = (*FileSource)(nil)

// NewFileSource plays the image files at paths (PNG, JPEG, GIF or WebP) at
// fps frames a second; fps <= 0 plays them as fast as they are asked for.
func NewFileSource(paths []string, fps float64) *FileSource {
	return &FileSource{n: len(paths), interval: frameInterval(fps), load: func(i int) (image.Image, error) {
		return LoadImage(paths[i])
	}}
}

// NewImageSource plays images already in memory at fps frames a second.
func NewImageSource(images []image.Image, fps float64) *FileSource {
	return &FileSource{n: len(images), interval: frameInterval(fps), load: func(i int) (image.Image, error) {
		return images[i], nil
	}}
}

func frameInterval(fps float64) time.Duration {
	if fps <= 0 {
		return 0
	}
	return time.Duration(float64(time.Second) / fps)
}

// Next waits for the frame's turn and returns it; io.EOF after the last
// image unless Loop is set.
func (s *FileSource) Next(ctx context.Context) (Frame, error) {
	if s.next >= s.n {
		if !s.Loop || s.n == 0 {
			return Frame{}, io.EOF
		}
		s.next = 0
	}
	if err := s.wait(ctx); err != nil {
		return Frame{}, err
	}
	img, err := s.load(s.next)
	if err != nil {
		return Frame{}, err
	}
	s.next++
	s.seq++
	s.last = time.Now()
	return Frame{Image: img, Time: s.last, Seq: s.seq}, nil
}

// wait sleeps until one interval after the previous frame.
func (s *FileSource) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d := time.Until(s.last.Add(s.interval))
	if s.last.IsZero() || d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Close does nothing: files are opened and closed per frame.
func (s *FileSource) Close() error { return nil }

// LoadImage reads a PNG, JPEG, GIF or WebP file, refusing one too large to
// decode safely before decoding it.
func LoadImage(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open image: %w", err)
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", path, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxFilePixels {
		return nil, fmt.Errorf("image %s: %dx%d %s is empty or over %d megapixels", path, cfg.Width, cfg.Height, format, maxFilePixels/1_000_000)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("image %s: %w", path, err)
	}
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("image %s: %w", path, err)
	}
	return img, nil
}

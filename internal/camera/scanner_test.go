package camera

import (
	"context"
	"errors"
	"image"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"medround/internal/barcode"
	"medround/internal/corpustest"
)

func fixture(name string) string { return filepath.Join("testdata", name) }

func blank() image.Image { return image.NewGray(image.Rect(0, 0, 64, 48)) }

// checkNoLeak fails the test if goroutines started during it are still
// running shortly after it ends.
func checkNoLeak(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(2 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<16)
			t.Errorf("%d goroutines left running (was %d):\n%s", n, before, buf[:runtime.Stack(buf, true)])
		}
	})
}

func TestScanReadsRealCodesFromFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		check func(barcode.Read) bool
	}{
		{"GS1 DataMatrix on a pack, one frame is enough", []string{"pack-gs1-datamatrix.png"}, func(r barcode.Read) bool {
			return r.Code.Kind == barcode.KindPack && r.Code.GTIN == "05012345678900" && r.Code.Batch == "AB12" && r.Code.Serial == "X9Y8"
		}},
		{"NHS number on a wristband DataMatrix", []string{"resident-nhs-datamatrix.png"}, func(r barcode.Read) bool {
			return r.Code.Kind == barcode.KindResident && r.Code.NHSNumber == "9434765919"
		}},
		{"home number in Code 128 read in two frames", []string{"resident-R0042-code128.png", "resident-R0042-code128.png"}, func(r barcode.Read) bool {
			return r.Code.Kind == barcode.KindResident && r.Code.LocalID == "R0042"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNoLeak(t)
			var paths []string
			for _, f := range tt.files {
				paths = append(paths, fixture(f))
			}
			res, err := Scan(context.Background(), NewFileSource(paths, 0), ScanOptions{})
			if err != nil {
				t.Fatalf("Scan: %v (stats %+v)", err, res.Stats)
			}
			if len(res.Reads) != 1 || !tt.check(res.Reads[0]) {
				t.Errorf("Scan read %+v", res.Reads)
			}
			if res.Frame.Seq != uint64(len(tt.files)) {
				t.Errorf("decided on frame %d, want %d", res.Frame.Seq, len(tt.files))
			}
		})
	}
}

// A home number in Code 128 has no check digit of its own: one frame of it
// is not enough.
func TestScanWantsTwoFramesForUncheckedCode(t *testing.T) {
	checkNoLeak(t)
	_, err := Scan(context.Background(), NewFileSource([]string{fixture("resident-R0042-code128.png")}, 0), ScanOptions{})
	if !errors.Is(err, ErrNoCode) {
		t.Errorf("one Code 128 frame of R0042: %v, want ErrNoCode", err)
	}
}

func TestScanEndsWithErrNoCodeWhenNothingReads(t *testing.T) {
	checkNoLeak(t)
	res, err := Scan(context.Background(), NewImageSource([]image.Image{blank(), blank(), blank()}, 0), ScanOptions{})
	if !errors.Is(err, ErrNoCode) {
		t.Errorf("blank frames: %v, want ErrNoCode", err)
	}
	if res.Stats.Captured != 3 || res.Stats.Decoded == 0 {
		t.Errorf("stats %+v, want 3 captured and some decoded", res.Stats)
	}
}

// lockstep gives its next frame only once the decoder has finished the
// last, so no frame is dropped and a script sees every frame.
type lockstep struct {
	images []image.Image
	i      int
	ready  chan struct{}
}

func (l *lockstep) Next(ctx context.Context) (Frame, error) {
	if l.i > 0 {
		select {
		case <-l.ready:
		case <-ctx.Done():
			return Frame{}, ctx.Err()
		}
	}
	if l.i >= len(l.images) {
		return Frame{}, io.EOF
	}
	l.i++
	return Frame{Image: l.images[l.i-1], Seq: uint64(l.i)}, nil
}

func (l *lockstep) Close() error { return nil }

// scripted is a decoder that reads what a script says for each frame, by
// the frame's width (frames are made 1..n pixels wide), and then lets the
// lockstep source go on.
func scripted(src *lockstep, script map[int][]string) func(image.Image, barcode.DecodeOptions) ([]barcode.Read, error) {
	return func(img image.Image, _ barcode.DecodeOptions) ([]barcode.Read, error) {
		defer func() { src.ready <- struct{}{} }()
		var reads []barcode.Read
		for _, text := range script[img.Bounds().Dx()] {
			code, err := barcode.Parse(text, barcode.Options{})
			reads = append(reads, barcode.Read{Format: barcode.FormatCode128, Text: text, Code: code, ParseErr: err})
		}
		return reads, nil
	}
}

func frames(n int) []image.Image {
	var out []image.Image
	for i := 1; i <= n; i++ {
		out = append(out, image.NewGray(image.Rect(0, 0, i, 1)))
	}
	return out
}

func TestScanConfidence(t *testing.T) {
	tests := []struct {
		name      string
		script    map[int][]string
		wantFrame uint64 // 0: no confident read
		wantText  string
	}{
		{"NHS number in Code 128 trusted at once (modulus 11)", map[int][]string{2: {"9434765919"}}, 2, "9434765919"},
		{"EAN-13 pack code trusted at once (check digit)", map[int][]string{1: {"5012345678900"}}, 1, "5012345678900"},
		{"home number needs a second frame", map[int][]string{1: {"R0042"}, 2: {"R0042"}}, 2, "R0042"},
		{"blurred frame between does not break the run", map[int][]string{1: {"R0042"}, 3: {"R0042"}}, 3, "R0042"},
		{"another resident's card in between starts again", map[int][]string{1: {"R0042"}, 2: {"R0043"}, 3: {"R0042"}}, 0, ""},
		{"staff badge read twice", map[int][]string{2: {"STAFF:amy"}, 4: {"STAFF:amy"}}, 4, "STAFF:amy"},
		{"staff badge read once is not enough", map[int][]string{2: {"STAFF:amy"}}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNoLeak(t)
			src := &lockstep{images: frames(5), ready: make(chan struct{}, 1)}
			res, err := Scan(context.Background(), src, ScanOptions{Decoder: scripted(src, tt.script)})
			if tt.wantFrame == 0 {
				if !errors.Is(err, ErrNoCode) {
					t.Errorf("Scan = %+v, %v; want ErrNoCode", res.Reads, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Frame.Seq != tt.wantFrame || res.Reads[0].Text != tt.wantText {
				t.Errorf("Scan read %q at frame %d, want %q at %d", res.Reads[0].Text, res.Frame.Seq, tt.wantText, tt.wantFrame)
			}
		})
	}
}

// TestScanDropsFramesItCannotKeepUpWith: a decoder slower than the camera
// works on the newest frame, never a backlog.
func TestScanDropsFramesItCannotKeepUpWith(t *testing.T) {
	checkNoLeak(t)
	src := NewImageSource([]image.Image{blank()}, 500) // 2 ms a frame
	src.Loop = true
	slow := func(image.Image, barcode.DecodeOptions) ([]barcode.Read, error) {
		time.Sleep(20 * time.Millisecond)
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 250*time.Millisecond)
	defer cancel()
	res, err := Scan(ctx, src, ScanOptions{Decoder: slow})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Scan = %v, want deadline exceeded", err)
	}
	st := res.Stats
	if st.Dropped == 0 || st.Decoded >= st.Captured/2 {
		t.Errorf("stats %+v: a 20 ms decoder on a 2 ms camera should drop most frames", st)
	}
	if st.Decoded > 15 {
		t.Errorf("decoded %d frames in 250 ms at 20 ms each", st.Decoded)
	}
}

// seqRecorder notes the sequence number of the newest frame captured, and
// holds back every frame after the first until gate is closed.
type seqRecorder struct {
	Source
	last atomic.Uint64
	gate chan struct{}
}

func (s *seqRecorder) Next(ctx context.Context) (Frame, error) {
	if s.last.Load() > 0 {
		<-s.gate
	}
	f, err := s.Source.Next(ctx)
	if err == nil {
		s.last.Store(f.Seq)
	}
	return f, err
}

// TestScanDecodesTheNewestFrame: while the decoder is busy the camera
// delivers ten frames; the next frame decoded is the tenth, and the ones
// between were dropped, not queued.
func TestScanDecodesTheNewestFrame(t *testing.T) {
	checkNoLeak(t)
	src := &seqRecorder{Source: NewImageSource(frames(10), 0), gate: make(chan struct{})}
	var got []int
	opt := ScanOptions{Decoder: func(img image.Image, _ barcode.DecodeOptions) ([]barcode.Read, error) {
		if got = append(got, img.Bounds().Dx()); len(got) == 1 {
			close(src.gate)
		}
		for deadline := time.Now().Add(2 * time.Second); src.last.Load() < 10 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		return nil, nil
	}}
	res, err := Scan(context.Background(), src, opt)
	if !errors.Is(err, ErrNoCode) {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1] != 10 {
		t.Errorf("decoded frames %v, want the first then the tenth", got)
	}
	if res.Stats.Captured != 10 || res.Stats.Decoded != 2 || res.Stats.Dropped != 8 {
		t.Errorf("stats %+v, want 10 captured, 2 decoded, 8 dropped", res.Stats)
	}
}

func TestScanStopsOnCancelWithoutLeaks(t *testing.T) {
	checkNoLeak(t)
	src := NewImageSource([]image.Image{blank()}, 30)
	src.Loop = true
	ctx, cancel := context.WithCancel(context.Background())
	out := Start(ctx, src, ScanOptions{})
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case o := <-out:
		if !errors.Is(o.Err, context.Canceled) {
			t.Errorf("cancelled scan: %v, want context.Canceled", o.Err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("scan did not stop within 2 s of cancel")
	}
}

func TestStartDeliversWithoutAReceiverWaiting(t *testing.T) {
	checkNoLeak(t)
	out := Start(context.Background(), NewFileSource([]string{fixture("pack-gs1-datamatrix.png")}, 0), ScanOptions{})
	time.Sleep(100 * time.Millisecond) // the scan finishes with nobody receiving
	o, ok := <-out
	if !ok || o.Err != nil || len(o.Reads) != 1 {
		t.Errorf("Start delivered %+v, %v", o, ok)
	}
	if _, ok := <-out; ok {
		t.Error("channel not closed after the outcome")
	}
}

// failing is a camera that breaks after two frames.
type failing struct{ n int }

func (f *failing) Next(ctx context.Context) (Frame, error) {
	if f.n++; f.n > 2 {
		return Frame{}, errors.New("device unplugged")
	}
	return Frame{Image: blank(), Seq: uint64(f.n)}, nil
}
func (f *failing) Close() error { return nil }

func TestScanReportsSourceFailure(t *testing.T) {
	checkNoLeak(t)
	_, err := Scan(context.Background(), &failing{}, ScanOptions{})
	if err == nil || errors.Is(err, ErrNoCode) {
		t.Errorf("unplugged camera: %v, want its error", err)
	}
}

func TestScanReportsDecoderFailure(t *testing.T) {
	checkNoLeak(t)
	bad := func(image.Image, barcode.DecodeOptions) ([]barcode.Read, error) {
		return nil, barcode.ErrImageSize
	}
	_, err := Scan(context.Background(), NewImageSource([]image.Image{blank()}, 0), ScanOptions{Decoder: bad})
	if !errors.Is(err, barcode.ErrImageSize) {
		t.Errorf("decoder failure: %v, want ErrImageSize", err)
	}
}

// TestScanClearsKeepInvalid: even if the caller asks to keep invalid
// reads, a GS1 code that does not parse must not end a scan.
func TestScanClearsKeepInvalid(t *testing.T) {
	var saw bool
	dec := func(img image.Image, o barcode.DecodeOptions) ([]barcode.Read, error) {
		saw = o.KeepInvalid || !o.Quick
		return nil, nil
	}
	Scan(context.Background(), NewImageSource([]image.Image{blank()}, 0), ScanOptions{Decoder: dec, Decode: barcode.DecodeOptions{KeepInvalid: true}})
	if saw {
		t.Error("decoder got KeepInvalid or a thorough pass for a live frame")
	}
}

// TestScanCorpusPhotos plays real photos from the shared corpus as camera
// frames: each is shown twice, as a steady hand would.
func TestScanCorpusPhotos(t *testing.T) {
	corpus := corpustest.Dir(t, "barcodes")
	tests := []struct {
		name, file string
		frames     uint64 // the frame the read is trusted on
	}{
		{"book EAN-13: check digit, trusted at once", "ean13/zxing-ean13-3/01.png", 1},
		{"parts label DataMatrix: error-corrected, trusted at once", "datamatrix/zxingcpp-datamatrix-3/dm-6.jpg", 1},
		{"Code 128 photo without a check of its own: second frame", "code128/zxing-code128-3/1.png", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(corpus, tt.file)
			want, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".txt")
			if err != nil {
				corpustest.Missing(t, err)
			}
			checkNoLeak(t)
			res, err := Scan(context.Background(), NewFileSource([]string{path, path}, 0), ScanOptions{Thorough: true})
			if err != nil {
				t.Fatalf("Scan: %v (stats %+v)", err, res.Stats)
			}
			if res.Reads[0].Text != string(want) || res.Frame.Seq != tt.frames {
				t.Errorf("read %q on frame %d, want %q on frame %d", res.Reads[0].Text, res.Frame.Seq, want, tt.frames)
			}
		})
	}
}

package camera

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"sync"
	"sync/atomic"

	"medround/internal/barcode"
)

// DefaultAgree is how many decoded frames in a row must give the same text
// before a read without its own check is trusted.
const DefaultAgree = 2

// ErrNoCode means the source ran out of frames before a confident read.
var ErrNoCode = errors.New("no barcode read: hold the code steady in the middle of the picture, or type it")

// ScanOptions configures Scan.
type ScanOptions struct {
	// Decode is passed to the decoder for each frame. Its Quick field is
	// set unless Thorough is: the next frame is another chance, and a slow
	// decode means reading an older picture. KeepInvalid is always cleared.
	Decode barcode.DecodeOptions
	// Thorough runs every decoding pass on each frame, for a source of
	// photos rather than a live camera.
	Thorough bool
	// Agree is how many decoded frames in a row must give the same text for
	// a read that carries no check of its own; 0 means DefaultAgree.
	Agree int
	// Decoder decodes one frame; nil means barcode.Decode. Tests replace it.
	Decoder func(image.Image, barcode.DecodeOptions) ([]barcode.Read, error)
}

// Result is the confident read that ended a scan.
type Result struct {
	// Reads are the confident reads in the deciding frame, in the order the
	// decoder found them; most frames hold one.
	Reads []barcode.Read
	// Frame is the picture they were read from.
	Frame Frame
	Stats Stats
}

// Stats counts what a scan did with the source's frames.
type Stats struct {
	Captured uint64 // frames taken from the source
	Decoded  uint64 // frames the decoder ran on
	Dropped  uint64 // frames replaced by a newer one before decoding
}

// Scan reads frames from src and decodes them until it has a confident
// read, ctx is done, or src ends (ErrNoCode) or fails. It does not close
// src.
//
// A capture goroutine takes frames at the source's rate into a one-slot
// handoff, replacing a frame the decoder has not reached: the decoder
// always works on the newest picture and frames are never queued. Scan
// returns only after the capture goroutine has stopped.
//
// A read is confident when:
//   - its content carries a check of its own: a pack code (GTIN check
//     digit verified, GS1 syntax parsed) or an NHS number (modulus 11); or
//   - it came from a DataMatrix or QR code, whose Reed-Solomon error
//     correction makes a wrong read all but impossible; or otherwise
//   - (a home resident number or free text such as a staff badge from a
//     Code 128) the same text was read in Agree decoded frames in a row.
//     Frames where nothing was read do not break the run (the hand moved);
//     a frame with different text does.
func Scan(ctx context.Context, src Source, opt ScanOptions) (Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	h := &handoff{slot: make(chan Frame, 1), done: make(chan struct{})}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		h.capture(ctx, src)
	}()
	defer func() {
		cancel()
		wg.Wait()
	}()
	s := newScan(opt)
	for {
		f, ok, err := h.take(ctx)
		if err != nil {
			return Result{Stats: h.stats(s.decoded)}, err
		}
		if !ok {
			continue
		}
		reads, err := s.frame(f)
		if err != nil {
			return Result{Stats: h.stats(s.decoded)}, err
		}
		if len(reads) > 0 {
			return Result{Reads: reads, Frame: f, Stats: h.stats(s.decoded)}, nil
		}
	}
}

// Outcome is what Start delivers: a Result or why there is none.
type Outcome struct {
	Result
	Err error
}

// Start runs Scan in the background and delivers its one Outcome on the
// returned channel, which is buffered so the scan ends even if nobody
// receives. Cancel ctx to stop it.
func Start(ctx context.Context, src Source, opt ScanOptions) <-chan Outcome {
	out := make(chan Outcome, 1)
	go func() {
		r, err := Scan(ctx, src, opt)
		out <- Outcome{Result: r, Err: err}
		close(out)
	}()
	return out
}

// handoff passes the newest frame from the capture goroutine to the
// decoder.
type handoff struct {
	slot     chan Frame    // capacity 1: the newest frame not yet decoded
	done     chan struct{} // closed when capture stops; err is set before
	err      error
	captured atomic.Uint64
	dropped  atomic.Uint64
}

// capture takes frames until the source fails or ctx is done. It is the
// only sender on slot, so after emptying the slot its send cannot block.
func (h *handoff) capture(ctx context.Context, src Source) {
	defer close(h.done)
	for {
		f, err := src.Next(ctx)
		if err != nil {
			h.err = err
			return
		}
		h.captured.Add(1)
		select {
		case <-h.slot:
			h.dropped.Add(1)
		default:
		}
		h.slot <- f
	}
}

// take returns the newest frame; ok is false when there was none yet to
// take. After the source ends, a frame still waiting is decoded before the
// end is reported.
func (h *handoff) take(ctx context.Context) (Frame, bool, error) {
	select {
	case f := <-h.slot:
		return f, true, nil
	case <-ctx.Done():
		return Frame{}, false, ctx.Err()
	case <-h.done:
	}
	select {
	case f := <-h.slot:
		return f, true, nil
	default:
	}
	if errors.Is(h.err, io.EOF) {
		return Frame{}, false, ErrNoCode
	}
	if ctx.Err() != nil {
		return Frame{}, false, ctx.Err()
	}
	return Frame{}, false, fmt.Errorf("camera: %w", h.err)
}

func (h *handoff) stats(decoded uint64) Stats {
	return Stats{Captured: h.captured.Load(), Decoded: decoded, Dropped: h.dropped.Load()}
}

// scan is the decoding side's state: which texts the last frame with reads
// held, for the agreement rule.
type scan struct {
	opt     ScanOptions
	decode  func(image.Image, barcode.DecodeOptions) ([]barcode.Read, error)
	agree   int
	runs    map[string]int // text → decoded frames in a row that read it
	decoded uint64
}

func newScan(opt ScanOptions) *scan {
	s := &scan{opt: opt, decode: opt.Decoder, agree: opt.Agree, runs: map[string]int{}}
	if s.decode == nil {
		s.decode = barcode.Decode
	}
	if s.agree <= 0 {
		s.agree = DefaultAgree
	}
	s.opt.Decode.Quick = !opt.Thorough
	// A read whose GS1 content does not parse may be a misread; it must
	// never end a scan.
	s.opt.Decode.KeepInvalid = false
	return s
}

// frame decodes one frame and returns its confident reads, if any.
func (s *scan) frame(f Frame) ([]barcode.Read, error) {
	reads, err := s.decode(f.Image, s.opt.Decode)
	s.decoded++
	if err != nil {
		return nil, fmt.Errorf("decode frame %d: %w", f.Seq, err)
	}
	if len(reads) == 0 {
		return nil, nil
	}
	runs := make(map[string]int, len(reads))
	var sure []barcode.Read
	for _, r := range reads {
		runs[r.Text] = s.runs[r.Text] + 1
		if r.SelfChecked() || runs[r.Text] >= s.agree {
			sure = append(sure, r)
		}
	}
	s.runs = runs
	return sure, nil
}

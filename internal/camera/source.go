package camera

import (
	"context"
	"errors"
	"image"
	"time"
)

// Frame is one picture from a Source.
type Frame struct {
	Image image.Image
	// Time is when the frame was captured (for a camera, when it was taken
	// off the driver's queue).
	Time time.Time
	// Seq counts frames from 1 in the order the Source produced them.
	Seq uint64
}

// Source produces frames one at a time.
//
// Next blocks until the next frame is ready, ctx is done, or the source has
// no more frames (io.EOF). A Source is used by one goroutine at a time; Close
// must not be called while a Next is in progress.
type Source interface {
	Next(ctx context.Context) (Frame, error)
	Close() error
}

// Device is a video capture device found on this machine.
type Device struct {
	Path string // e.g. /dev/video0
	Name string // the driver's name for it, e.g. "Integrated Camera"; may be empty
}

// ErrUnsupported means this platform has no camera access the package can
// use; decode a photo instead.
var ErrUnsupported = errors.New("camera capture is not supported on this platform; take a photo and open it instead")

// ErrNoDevice means no camera was found.
var ErrNoDevice = errors.New("no camera found; plug one in, check it is not in use by another program, or open a photo instead")

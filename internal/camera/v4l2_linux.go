//go:build linux

package camera

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"time"

	"github.com/blackjack/webcam"
)

// Options chooses what a camera is asked for.
type Options struct {
	// Size is the wanted frame size; the nearest the camera offers is used.
	// Zero means 1280x720.
	Size image.Point
	// Format forces a pixel format: "YUYV", "MJPG" or "GREY". Empty lets
	// the package choose (see choose).
	Format string
}

// maxBadFrames is how many frames in a row may fail to convert (a torn
// MJPEG frame happens now and then) before Next gives up on the camera.
const maxBadFrames = 30

// driverBuffers is how many buffers the driver fills. Two keeps latency to a
// frame or so: more would only queue stale pictures.
const driverBuffers = 2

// V4L2 is a Linux camera read through Video4Linux2.
type V4L2 struct {
	cam    *webcam.Webcam
	path   string
	format fourcc
	size   image.Point
	seq    uint64
}

var _ Source = (*V4L2)(nil)

// Devices lists the video nodes on this machine. Some are not capture
// devices (a UVC camera also makes a metadata node); Open skips those.
func Devices() ([]Device, error) {
	return listDevices("/dev/video*", "/sys/class/video4linux")
}

// Open opens the first camera that can capture video. It returns an error
// wrapping ErrNoDevice when there is none.
func Open(opt Options) (*V4L2, error) {
	devs, err := Devices()
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, d := range devs {
		c, err := OpenV4L2(d.Path, opt)
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("open camera: %w", errors.Join(append([]error{ErrNoDevice}, errs...)...))
}

// OpenV4L2 opens the capture device at path, negotiates a format and size
// and starts streaming.
func OpenV4L2(path string, opt Options) (*V4L2, error) {
	force, err := parseFormat(opt.Format)
	if err != nil {
		return nil, err
	}
	cam, err := webcam.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open camera %s: %w", path, ErrNoDevice)
		}
		return nil, fmt.Errorf("open camera %s: %w", path, err)
	}
	c, err := start(cam, path, opt.Size, force)
	if err != nil {
		cam.Close()
		return nil, err
	}
	return c, nil
}

func start(cam *webcam.Webcam, path string, want image.Point, force fourcc) (*V4L2, error) {
	ch, err := choose(offers(cam), want, force)
	if err != nil {
		return nil, fmt.Errorf("camera %s: %w", path, err)
	}
	f, w, h, err := cam.SetImageFormat(webcam.PixelFormat(ch.format), uint32(ch.size.X), uint32(ch.size.Y))
	if err != nil {
		return nil, fmt.Errorf("camera %s: set format %s %dx%d: %w", path, ch.format, ch.size.X, ch.size.Y, err)
	}
	// The driver may adjust the request; convert what it actually sends.
	if _, ok := formatCost[fourcc(f)]; !ok {
		return nil, fmt.Errorf("camera %s: asked for %s, driver gave %s", path, ch.format, fourcc(f))
	}
	if err := cam.SetBufferCount(driverBuffers); err != nil {
		return nil, fmt.Errorf("camera %s: set buffers: %w", path, err)
	}
	if err := cam.StartStreaming(); err != nil {
		return nil, fmt.Errorf("camera %s: start streaming: %w", path, err)
	}
	return &V4L2{cam: cam, path: path, format: fourcc(f), size: image.Pt(int(w), int(h))}, nil
}

// offers asks the camera which formats and sizes it gives.
func offers(cam *webcam.Webcam) []offer {
	var out []offer
	for pf := range cam.GetSupportedFormats() {
		o := offer{format: fourcc(pf)}
		for _, s := range cam.GetSupportedFrameSizes(pf) {
			o.sizes = append(o.sizes, sizeRange{
				minW: int(s.MinWidth), maxW: int(s.MaxWidth), stepW: int(s.StepWidth),
				minH: int(s.MinHeight), maxH: int(s.MaxHeight), stepH: int(s.StepHeight),
			})
		}
		out = append(out, o)
	}
	return out
}

// Format returns the negotiated pixel format (e.g. "YUYV") and frame size.
func (c *V4L2) Format() (string, image.Point) { return c.format.String(), c.size }

// Next waits for the camera's next frame and returns its luminance. The
// driver wait is in whole seconds, so a cancelled ctx is noticed at the
// next frame, or within a second if the camera has stalled.
func (c *V4L2) Next(ctx context.Context) (Frame, error) {
	bad := 0
	for {
		if err := ctx.Err(); err != nil {
			return Frame{}, err
		}
		img, err := c.grab()
		var conv *convertError
		switch {
		case errors.As(err, &conv):
			if bad++; bad >= maxBadFrames {
				return Frame{}, fmt.Errorf("camera %s: %d bad frames in a row: %w", c.path, bad, err)
			}
		case err != nil:
			return Frame{}, err
		case img != nil:
			c.seq++
			return Frame{Image: img, Time: time.Now(), Seq: c.seq}, nil
		}
	}
}

// convertError is a frame the driver delivered but that did not convert
// (torn or truncated): skipped, unlike a device error.
type convertError struct{ err error }

func (e *convertError) Error() string { return e.err.Error() }
func (e *convertError) Unwrap() error { return e.err }

// grab converts the next frame, or returns nil when none came within a
// second. The buffer goes back to the driver only after conversion, so the
// driver cannot overwrite a frame while it is being read.
func (c *V4L2) grab() (*image.Gray, error) {
	err := c.cam.WaitForFrame(1)
	var timeout *webcam.Timeout
	if errors.As(err, &timeout) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("camera %s: wait for frame: %w", c.path, err)
	}
	data, index, err := c.cam.GetFrame()
	if err != nil {
		return nil, fmt.Errorf("camera %s: read frame: %w", c.path, err)
	}
	var img *image.Gray
	if len(data) > 0 {
		img, err = frameToGray(c.format, data, c.size.X, c.size.Y)
	}
	if rerr := c.cam.ReleaseFrame(index); rerr != nil {
		return nil, fmt.Errorf("camera %s: release frame: %w", c.path, rerr)
	}
	if err != nil {
		return nil, &convertError{err: err}
	}
	return img, nil
}

// Close stops streaming and releases the device.
func (c *V4L2) Close() error {
	if err := c.cam.Close(); err != nil {
		return fmt.Errorf("close camera %s: %w", c.path, err)
	}
	return nil
}

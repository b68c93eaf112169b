//go:build !linux

package camera

import (
	"context"
	"fmt"
	"image"
)

// Options chooses what a camera is asked for.
type Options struct {
	// Size is the wanted frame size; zero means 1280x720.
	Size image.Point
	// Format forces a pixel format: "YUYV", "MJPG" or "GREY".
	Format string
}

// V4L2 is a Linux camera; on this platform it cannot be opened.
type V4L2 struct{}

var _ Source = (*V4L2)(nil)

// Devices returns ErrUnsupported: only Linux cameras are read.
func Devices() ([]Device, error) { return nil, ErrUnsupported }

// Open returns ErrUnsupported: only Linux cameras are read.
func Open(Options) (*V4L2, error) { return nil, fmt.Errorf("open camera: %w", ErrUnsupported) }

// OpenV4L2 returns ErrUnsupported: V4L2 is a Linux interface.
func OpenV4L2(path string, _ Options) (*V4L2, error) {
	return nil, fmt.Errorf("open camera %s: %w", path, ErrUnsupported)
}

// Format returns nothing on this platform.
func (*V4L2) Format() (string, image.Point) { return "", image.Point{} }

// Next returns ErrUnsupported.
func (*V4L2) Next(context.Context) (Frame, error) { return Frame{}, ErrUnsupported }

// Close does nothing.
func (*V4L2) Close() error { return nil }

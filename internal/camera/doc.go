// Package camera turns a camera (or a list of image files standing in for
// one) into a stream of frames, and scans those frames for a barcode until
// it has a read it can trust.
//
// A care worker holds a pack or a wristband in front of a tablet camera and
// expects the read to be quick. Decoding a frame can take longer than the
// camera takes to produce the next one, so the Scanner never queues frames:
// a capture goroutine keeps only the newest frame in a one-slot handoff and
// the decoder always works on the most recent picture. An old frame is worth
// nothing once the hand has moved.
//
// Sources:
//   - V4L2 (Linux): a USB or built-in camera through the kernel's Video4Linux2
//     interface, in pure Go (github.com/blackjack/webcam), so the headless
//     tool still builds with CGO_ENABLED=0. On other platforms OpenV4L2 and
//     Devices return ErrUnsupported and the app falls back to photos.
//   - FileSource: image files (or images in memory) played as frames at a
//     set rate, for tests and for platforms without camera access.
//
// Only luminance matters to the barcode decoder, so YUYV and GREY frames
// become image.Gray without colour conversion, and MJPEG frames keep only
// their Y plane.
package camera

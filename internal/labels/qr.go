package labels

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// qrModule is the side of one QR module in pixels: a code of about 60
// modules comes out near 500 pixels, big enough on a screen or on paper
// for a tablet camera at arm's length.
const qrModule = 8

// qrQuiet is the quiet zone in modules that the QR specification asks for.
const qrQuiet = 4

// QR draws text as a QR code (error correction M: a scuffed print or a
// glare on a screen still reads), black on white, with its quiet zone.
func QR(text string) (*image.Gray, error) {
	hints := map[gozxing.EncodeHintType]any{gozxing.EncodeHintType_ERROR_CORRECTION: "M", gozxing.EncodeHintType_MARGIN: 0}
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	side := (m.GetWidth() + 2*qrQuiet) * qrModule
	img := image.NewGray(image.Rect(0, 0, side, side))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for y := 0; y < m.GetHeight(); y++ {
		for x := 0; x < m.GetWidth(); x++ {
			if m.Get(x, y) {
				r := image.Rect(0, 0, qrModule, qrModule).Add(image.Pt((qrQuiet+x)*qrModule, (qrQuiet+y)*qrModule))
				draw.Draw(img, r, image.Black, image.Point{}, draw.Src)
			}
		}
	}
	return img, nil
}

// WriteQR writes text as a QR code PNG at path. The file is readable by
// its owner only (it is written through a temporary file, made 0600): an
// enrolment QR code holds a one-time code that enrols a tablet.
func WriteQR(path, text string) error {
	img, err := QR(text)
	if err != nil {
		return err
	}
	return writePNG(path, img)
}

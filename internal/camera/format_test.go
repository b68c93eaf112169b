package camera

import (
	"image"
	"strings"
	"testing"
)

func discrete(sizes ...image.Point) []sizeRange {
	var out []sizeRange
	for _, s := range sizes {
		out = append(out, sizeRange{minW: s.X, maxW: s.X, minH: s.Y, maxH: s.Y})
	}
	return out
}

func TestChooseFormat(t *testing.T) {
	// A typical USB webcam: YUYV up to 1280x720, MJPEG up to 1920x1080,
	// and an H264 stream the package cannot read.
	webcam := []offer{
		{format: makeFourcc("H264"), sizes: discrete(image.Pt(1920, 1080))},
		{format: fmtMJPEG, sizes: discrete(image.Pt(640, 480), image.Pt(1280, 720), image.Pt(1920, 1080))},
		{format: fmtYUYV, sizes: discrete(image.Pt(640, 480), image.Pt(1280, 720))},
	}
	stepwise := []offer{{format: fmtGREY, sizes: []sizeRange{{minW: 160, maxW: 2592, stepW: 16, minH: 120, maxH: 1944, stepH: 8}}}}
	tests := []struct {
		name    string
		offers  []offer
		want    image.Point
		force   string
		format  string
		size    image.Point
		errWord string
	}{
		{"default size: YUYV is cheaper than MJPEG at 1280x720", webcam, image.Point{}, "", "YUYV", image.Pt(1280, 720), ""},
		{"full HD asked: only MJPEG gives it", webcam, image.Pt(1920, 1080), "", "MJPG", image.Pt(1920, 1080), ""},
		{"USB 2 camera forced to MJPEG for frame rate", webcam, image.Pt(1280, 720), "mjpeg", "MJPG", image.Pt(1280, 720), ""},
		{"small preview asked", webcam, image.Pt(600, 400), "", "YUYV", image.Pt(640, 480), ""},
		{"stepwise sensor snaps to its steps", stepwise, image.Pt(1000, 701), "", "GREY", image.Pt(1008, 704), ""},
		{"stepwise sensor clamps to its maximum", stepwise, image.Pt(4000, 3000), "", "GREY", image.Pt(2592, 1944), ""},
		{"camera that only streams H264", webcam[:1], image.Point{}, "", "", image.Point{}, "H264"},
		{"forced format the camera lacks", webcam[1:], image.Point{}, "GREY", "", image.Point{}, "does not offer GREY"},
		{"no formats at all", nil, image.Point{}, "", "", image.Point{}, "no format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			force, err := parseFormat(tt.force)
			if err != nil {
				t.Fatal(err)
			}
			got, err := choose(tt.offers, tt.want, force)
			if tt.errWord != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errWord) {
					t.Fatalf("choose = %v, %v; want error containing %q", got, err, tt.errWord)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.format.String() != tt.format || got.size != tt.size {
				t.Errorf("choose = %s %v, want %s %v", got.format, got.size, tt.format, tt.size)
			}
		})
	}
}

func TestParseFormatRejectsUnknown(t *testing.T) {
	for _, s := range []string{"H264", "RGB", "yuv420"} {
		if _, err := parseFormat(s); err == nil {
			t.Errorf("parseFormat(%q) accepted", s)
		}
	}
	for _, s := range []string{"yuyv", "MJPG", "mjpeg", "GREY"} {
		if _, err := parseFormat(s); err != nil {
			t.Errorf("parseFormat(%q): %v", s, err)
		}
	}
}

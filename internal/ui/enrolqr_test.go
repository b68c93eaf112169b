package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"medround/internal/camera"
	"medround/internal/labels"
	"medround/internal/protocol"
	"medround/internal/store"
	"medround/internal/syncer"
)

// enrolQRCode is the text of the QR code the centre prints for one of its
// codes.
func enrolQRCode(t *testing.T, c *demoCentre) string {
	return protocol.EnrolQR{Server: c.srv.URL, Code: c.code(t)}.Text()
}

// A manager scans the centre's QR code with the wedge scanner on the
// Central record tab: the address and code are filled in, nothing is
// enrolled until the manager taps Enrol, and then the tablet is enrolled.
func TestManagerEnrolsByScanningTheQRCode(t *testing.T) {
	c := newDemoCentre(t)
	dir := t.TempDir()
	var link *steppedLink
	h := newHarnessOn(t, func(st *store.Store, o *Options) {
		link = newSteppedLink(t, dir, st, o.Now)
		o.Sync = link
	})
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	h.sees("Scan the enrolment QR code")
	qr := enrolQRCode(t, c)
	h.scan(qr)
	h.sees("Enrolment read from the QR code")
	want, _ := protocol.ParseEnrolQR(qr)
	if got := h.entry("Central record address").Text; got != c.srv.URL {
		t.Errorf("address filled as %q, want %q", got, c.srv.URL)
	}
	if got := h.entry("Enrolment code").Text; got != want.Code {
		t.Errorf("code filled as %q, want %q", got, want.Code)
	}
	if _, enrolled := link.Enrolment(); enrolled {
		t.Fatal("enrolled by the scan alone; want the manager to tap Enrol")
	}
	h.tap("Enrol this tablet")
	h.sees("Enrolled with Willow House")
	link.deliver(t, syncer.StateSynced)
	h.sees("This tablet is enrolled with Willow House")
}

// Scans that are not a usable enrolment say why and fill in nothing.
func TestEnrolmentScanThatCannotBeUsedSaysWhy(t *testing.T) {
	c := newDemoCentre(t)
	cases := []struct {
		name, scan, says string
	}{
		{"a wristband", "R101", "That is not an enrolment QR code"},
		{"a centre over plain HTTP across the network", protocol.EnrolQR{Server: "http://central.example.org:8443", Code: "ABCD"}.Text(),
			"This enrolment QR code cannot be used: the central record's address is plain http://"},
		{"a QR code of a later layout", "medround-enrol:v2?server=https://c.example&code=ABCD", "update medround on this tablet"},
	}
	h := newHarnessWith(t, func(o *Options) { o.Sync = &fixedLink{} })
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	for _, tc := range cases {
		h.scan(tc.scan)
		h.sees(tc.says)
		if got := h.entry("Central record address").Text; got != "" {
			t.Errorf("%s: address filled as %q, want nothing", tc.name, got)
		}
	}
	h.app.lock()
	h.signIn("amy", "1111") // a carer, back on the page the manager left
	h.sees("Enrol with a central record")
	h.scan(enrolQRCode(t, c))
	h.sees("Only a manager can enrol this tablet")
	if got := h.entry("Central record address").Text; got != "" {
		t.Errorf("a carer's scan filled the address with %q", got)
	}
}

// A wedge scan while the address field has the focus lands in the field;
// its Enter puts the address and code each in their place.
func TestEnrolmentScannedIntoTheAddressField(t *testing.T) {
	c := newDemoCentre(t)
	h := newHarnessWith(t, func(o *Options) { o.Sync = &fixedLink{} })
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	qr := enrolQRCode(t, c)
	want, _ := protocol.ParseEnrolQR(qr)
	addr := h.entry("Central record address")
	h.win.Canvas().Focus(addr)
	test.Type(addr, qr)
	addr.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if addr.Text != c.srv.URL || h.entry("Enrolment code").Text != want.Code {
		t.Errorf("address %q and code %q; want %q and %q", addr.Text, h.entry("Enrolment code").Text, c.srv.URL, want.Code)
	}
	h.sees("Enrolment read from the QR code")
}

// The camera reads the QR code from the centre's screen or paper.
func TestEnrolmentQRCodeReadByTheCamera(t *testing.T) {
	c := newDemoCentre(t)
	qr := enrolQRCode(t, c)
	h := newHarnessWith(t, func(o *Options) {
		o.Sync = &fixedLink{}
		o.Cameras = twoCameras
		o.OpenCamera = func(string) (camera.Source, error) {
			img, err := labels.QR(qr)
			if err != nil {
				return nil, err
			}
			return camera.NewImageSource([]image.Image{img, img, img}, 1000), nil
		}
	})
	h.signIn("meg", "3333")
	h.tap("Settings")
	h.tap("Central record")
	h.tap("Scan enrolment QR code")
	h.sees("Enrolment read from the QR code")
	if got := h.entry("Central record address").Text; got != c.srv.URL {
		t.Errorf("address read by the camera %q, want %q", got, c.srv.URL)
	}
}

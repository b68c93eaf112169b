package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"medround/internal/protocol"
)

// qrLine is the printed line that reads as an enrolment QR code, if any.
func qrLine(t *testing.T, out string) (protocol.EnrolQR, bool) {
	t.Helper()
	for line := range strings.SplitSeq(out, "\n") {
		if q, err := protocol.ParseEnrolQR(line); err == nil {
			return q, true
		}
	}
	return protocol.EnrolQR{}, false
}

func TestEnrolmentCodesComeAsQRCodes(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(t.TempDir(), "willow.png")
	code, out, errOut := ctl(t, dir, "demo", "--qr", png)
	q, ok := qrLine(t, out)
	if code != 0 || !ok || q.Server != "http://127.0.0.1:8443" || q.Code != lastLine(out) {
		t.Fatalf("demo: exit %d, %q %q; want the QR text for the demo centre, then the code on the last line", code, out, errOut)
	}
	if info, err := os.Stat(png); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("demo --qr: %v, %v; want the PNG written owner-only", info, err)
	}

	steps := []struct {
		name   string
		args   []string
		exit   int
		server string // the QR code's address; "" for none printed
	}{
		{"no address: the code alone", []string{"device", "enrol", "--home", "willow"}, 0, ""},
		{"the address tablets reach the centre at", []string{"device", "enrol", "--home", "willow", "--server", "https://central.example.org:8443"}, 0, "https://central.example.org:8443"},
		{"plain HTTP to another machine is refused", []string{"device", "enrol", "--home", "willow", "--server", "http://central.example.org:8443"}, 2, ""},
		{"a PNG needs the address", []string{"device", "enrol", "--home", "willow", "--qr", png}, 2, ""},
	}
	for _, s := range steps {
		code, out, errOut := ctl(t, dir, s.args...)
		q, ok := qrLine(t, out)
		if code != s.exit || ok != (s.server != "") || q.Server != s.server || (ok && q.Code != lastLine(out)) {
			t.Errorf("%s: exit %d, %q %q; want exit %d and QR address %q", s.name, code, out, errOut, s.exit, s.server)
		}
	}
}

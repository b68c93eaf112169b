package labels

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"medround/internal/barcode"
	"medround/internal/protocol"
)

// An enrolment QR code written by the centre reads back, with a camera's
// decoder, as the same enrolment, and its file is owner-only: it holds a
// one-time code.
func TestEnrolmentQRReadsBack(t *testing.T) {
	want := protocol.EnrolQR{Server: "https://central.example.org:8443", Code: "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345"}
	path := filepath.Join(t.TempDir(), "enrol.png")
	if err := WriteQR(path, want.Text()); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("QR file: %v, %v; want it owner-only", info, err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	reads, err := barcode.Decode(img, barcode.DecodeOptions{})
	if err != nil || len(reads) != 1 || reads[0].Format != barcode.FormatQR {
		t.Fatalf("decode the QR code: %+v, %v; want one QR read", reads, err)
	}
	if got, err := protocol.ParseEnrolQR(reads[0].Text); err != nil || got != want {
		t.Errorf("QR code reads as %+v, %v; want %+v", got, err, want)
	}
}

func TestQRRefusesEmptyText(t *testing.T) {
	if _, err := QR(""); err == nil {
		t.Error("QR of nothing drawn, want an error")
	}
}

package protocol

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// An enrolment QR code carries what a manager would otherwise type on the
// tablet: the centre's address and a one-time code, as
//
//	medround-enrol:v1?server=https://central.example.org:8443&code=ABCD-EFGH-...
//
// `medround-central device enrol --server URL` prints it (and --qr writes
// it as a PNG); the app reads it with the camera or a keyboard-wedge
// scanner. The version is in the text so a later layout is refused in
// words rather than misread.

// EnrolQRScheme starts the text of an enrolment QR code.
const EnrolQRScheme = "medround-enrol:"

// enrolQRVersion is the layout this build writes and reads.
const enrolQRVersion = "v1"

// MaxEnrolQRLen bounds the text read: an address and a code fit many
// times over, and a scan of something else is not parsed at length.
const MaxEnrolQRLen = 1024

// maxServerLen bounds the centre's address in an enrolment QR code.
const maxServerLen = 512

// EnrolQR is the content of an enrolment QR code.
type EnrolQR struct {
	Server string // the centre's address, https://HOST:PORT
	Code   string // the one-time enrolment code
}

// ErrNotEnrolQR: the text scanned is not an enrolment QR code at all (a
// wristband, a pack, a badge).
var ErrNotEnrolQR = errors.New("this is not an enrolment QR code")

// ErrEnrolQR: the text is an enrolment QR code that cannot be used.
var ErrEnrolQR = errors.New("this enrolment QR code cannot be used")

// Text is what the QR code encodes. The address keeps its ':' and '/' so a
// person can read it; anything else outside the unreserved characters is
// percent-encoded.
func (q EnrolQR) Text() string {
	return EnrolQRScheme + enrolQRVersion + "?server=" + escapeQR(q.Server) + "&code=" + escapeQR(q.Code)
}

func escapeQR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~:/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// ParseEnrolQR reads the text of an enrolment QR code. Text that is not
// one is ErrNotEnrolQR; one that cannot be used (another version, a
// missing or doubled field, an address that is not http(s), plain HTTP
// to a host other than this one, a code of other characters) is
// ErrEnrolQR, with the reason.
func ParseEnrolQR(text string) (EnrolQR, error) {
	text = strings.TrimSpace(text)
	if len(text) < len(EnrolQRScheme) || !strings.EqualFold(text[:len(EnrolQRScheme)], EnrolQRScheme) {
		return EnrolQR{}, ErrNotEnrolQR
	}
	if len(text) > MaxEnrolQRLen {
		return EnrolQR{}, fmt.Errorf("%w: it is longer than %d characters", ErrEnrolQR, MaxEnrolQRLen)
	}
	version, query, _ := strings.Cut(text[len(EnrolQRScheme):], "?")
	if version != enrolQRVersion {
		return EnrolQR{}, fmt.Errorf("%w: it is of another version (%.10q): update medround on this tablet", ErrEnrolQR, version)
	}
	vals, err := url.ParseQuery(query)
	if err != nil {
		return EnrolQR{}, fmt.Errorf("%w: it is damaged", ErrEnrolQR)
	}
	for k, v := range vals {
		if (k != "server" && k != "code") || len(v) != 1 {
			return EnrolQR{}, fmt.Errorf("%w: it holds %.20q other than once", ErrEnrolQR, k)
		}
	}
	q := EnrolQR{Server: vals.Get("server"), Code: vals.Get("code")}
	if err := checkEnrolServer(q.Server); err != nil {
		return EnrolQR{}, fmt.Errorf("%w: %v", ErrEnrolQR, err)
	}
	if err := checkEnrolCode(q.Code); err != nil {
		return EnrolQR{}, fmt.Errorf("%w: %v", ErrEnrolQR, err)
	}
	return q, nil
}

// checkEnrolServer accepts an http(s) address with a host and nothing a
// base address does not need. Plain HTTP is only for this tablet itself
// (the centre refuses it elsewhere): a code that sends the tablet's token
// in the clear across a network is refused before it is used.
func checkEnrolServer(s string) error {
	u, err := url.Parse(s)
	switch {
	case s == "" || len(s) > maxServerLen || err != nil:
		return errors.New("the central record's address is missing or damaged")
	case u.Scheme != "https" && u.Scheme != "http", u.Host == "", u.Opaque != "":
		return errors.New("the central record's address is not an https:// address")
	case u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return errors.New("the central record's address carries more than an address")
	case u.Scheme == "http" && !loopback(u.Hostname()):
		return errors.New("the central record's address is plain http:// to another machine: records would cross the network unencrypted; ask for an https:// one")
	}
	return nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkEnrolCode accepts what `medround-central device enrol` prints:
// letters, digits and dashes.
func checkEnrolCode(c string) error {
	if c == "" || len(c) > MaxCodeLen {
		return errors.New("the enrolment code is missing or too long")
	}
	for i := 0; i < len(c); i++ {
		if b := c[i]; !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-') {
			return errors.New("the enrolment code holds characters a code never has")
		}
	}
	return nil
}

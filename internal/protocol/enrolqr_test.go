package protocol

import (
	"errors"
	"strings"
	"testing"
)

func TestParseEnrolQR(t *testing.T) {
	const code = "ABCD-EFGH-JKLM-NPQR"
	cases := []struct {
		name string
		text string
		want EnrolQR
		err  error
	}{
		{"the centre's QR code", "medround-enrol:v1?server=https://central.example.org:8443&code=" + code,
			EnrolQR{"https://central.example.org:8443", code}, nil},
		{"fields the other way round", "medround-enrol:v1?code=" + code + "&server=https://central.example.org",
			EnrolQR{"https://central.example.org", code}, nil},
		{"address percent-encoded", "medround-enrol:v1?server=https%3A%2F%2Fcentral.example.org%3A8443%2Fmedround&code=" + code,
			EnrolQR{"https://central.example.org:8443/medround", code}, nil},
		{"wedge scanner's line end", "medround-enrol:v1?server=https://c.example&code=" + code + "\r\n",
			EnrolQR{"https://c.example", code}, nil},
		{"scheme in capitals (scanner in caps lock)", "MEDROUND-ENROL:v1?server=https://c.example&code=" + code,
			EnrolQR{"https://c.example", code}, nil},
		{"demo centre on this tablet over plain HTTP", "medround-enrol:v1?server=http://127.0.0.1:8443&code=" + code,
			EnrolQR{"http://127.0.0.1:8443", code}, nil},
		{"localhost over plain HTTP", "medround-enrol:v1?server=http://localhost:8443&code=" + code,
			EnrolQR{"http://localhost:8443", code}, nil},
		{"IPv6 loopback over plain HTTP", "medround-enrol:v1?server=http://[::1]:8443&code=" + code,
			EnrolQR{"http://[::1]:8443", code}, nil},

		{"a resident's wristband", "R101", EnrolQR{}, ErrNotEnrolQR},
		{"a pack", "(01)05012345678900(17)271231(10)B1", EnrolQR{}, ErrNotEnrolQR},
		{"a staff badge", "STAFF:meg", EnrolQR{}, ErrNotEnrolQR},
		{"empty", "", EnrolQR{}, ErrNotEnrolQR},
		{"a web link", "https://central.example.org/enrol?code=" + code, EnrolQR{}, ErrNotEnrolQR},
		{"newer version", "medround-enrol:v2?server=https://c.example&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"no version", "medround-enrol:?server=https://c.example&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"no code", "medround-enrol:v1?server=https://c.example", EnrolQR{}, ErrEnrolQR},
		{"no address", "medround-enrol:v1?code=" + code, EnrolQR{}, ErrEnrolQR},
		{"code twice (which one?)", "medround-enrol:v1?server=https://c.example&code=AAAA&code=BBBB", EnrolQR{}, ErrEnrolQR},
		{"address twice", "medround-enrol:v1?server=https://a.example&server=https://b.example&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"unknown field", "medround-enrol:v1?server=https://c.example&code=" + code + "&home=oak", EnrolQR{}, ErrEnrolQR},
		{"plain HTTP across the network", "medround-enrol:v1?server=http://central.example.org:8443&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"address of another scheme", "medround-enrol:v1?server=ftp://c.example&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"address with no host", "medround-enrol:v1?server=https:///x&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"address with a password", "medround-enrol:v1?server=https://u:p@c.example&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"address with a query", "medround-enrol:v1?server=https://c.example/%3Fx=1&code=" + code, EnrolQR{}, ErrEnrolQR},
		{"code with a space", "medround-enrol:v1?server=https://c.example&code=AB+CD", EnrolQR{}, ErrEnrolQR},
		{"code too long", "medround-enrol:v1?server=https://c.example&code=" + strings.Repeat("A", MaxCodeLen+1), EnrolQR{}, ErrEnrolQR},
		{"bad percent-encoding", "medround-enrol:v1?server=https://c.example&code=%ZZ", EnrolQR{}, ErrEnrolQR},
		{"text too long", "medround-enrol:v1?server=https://c.example/" + strings.Repeat("a", MaxEnrolQRLen) + "&code=" + code, EnrolQR{}, ErrEnrolQR},
	}
	for _, c := range cases {
		got, err := ParseEnrolQR(c.text)
		if got != c.want || !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
			t.Errorf("%s: ParseEnrolQR(%q) = %+v, %v; want %+v, %v", c.name, c.text, got, err, c.want, c.err)
		}
	}
}

func TestEnrolQRTextReadsBack(t *testing.T) {
	for _, q := range []EnrolQR{
		{"https://central.example.org:8443", "ABCD-EFGH"},
		{"https://central.example.org/medround%20centre/", "abcd"},
		{"http://127.0.0.1:8443", "Z234-5677"},
	} {
		text := q.Text()
		got, err := ParseEnrolQR(text)
		if err != nil || got != q {
			t.Errorf("ParseEnrolQR(%q) = %+v, %v; want %+v", text, got, err, q)
		}
	}
	if got := (EnrolQR{"https://c.example:8443", "ABCD-EFGH"}).Text(); got != "medround-enrol:v1?server=https://c.example:8443&code=ABCD-EFGH" {
		t.Errorf("Text() = %q: want the address readable", got)
	}
}

// FuzzParseEnrolQR: no text panics the parser, what it accepts passes its
// own checks, and its Text reads back the same.
func FuzzParseEnrolQR(f *testing.F) {
	for _, s := range []string{
		"medround-enrol:v1?server=https://central.example.org:8443&code=ABCD-EFGH-JKLM-NPQR",
		"medround-enrol:v1?code=A&server=http%3A%2F%2F127.0.0.1%3A8443",
		"medround-enrol:v1?server=https://[::1]:1/&code=a-b",
		"medround-enrol:v2?server=x&code=y",
		"R101", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q, err := ParseEnrolQR(text)
		if err != nil {
			if !errors.Is(err, ErrNotEnrolQR) && !errors.Is(err, ErrEnrolQR) {
				t.Fatalf("ParseEnrolQR(%q): %v, neither not-a-code nor unusable", text, err)
			}
			return
		}
		if checkEnrolServer(q.Server) != nil || checkEnrolCode(q.Code) != nil {
			t.Fatalf("ParseEnrolQR(%q) = %+v, which fails its own checks", text, q)
		}
		again, err := ParseEnrolQR(q.Text())
		if err != nil || again != q {
			t.Fatalf("ParseEnrolQR(%q) = %+v; its Text %q reads back as %+v, %v", text, q, q.Text(), again, err)
		}
	})
}

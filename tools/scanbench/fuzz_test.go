package scanbench

import (
	"strings"
	"testing"
)

// FuzzParseZXing: whatever ZXingReader prints (it may crash mid-line),
// parsing gives reads for the file asked about and never panics.
func FuzzParseZXing(f *testing.F) {
	f.Add("a.png DataMatrix \"x<GS>y<U+00E9>\"\na.png None\n")
	f.Add("a.png EAN-13 \"9780735619937 92\"")
	f.Add("a.png Code128 \"<\"")
	f.Add("a.png QRCode \"<U+ZZ>\"\n")
	f.Fuzz(func(t *testing.T, out string) {
		for _, r := range parseZXing(out, "a.png") {
			if r.Format == "" {
				t.Errorf("read without a format from %q", out)
			}
		}
		if s := unescapeZXing(out); !strings.Contains(out, "<") && s != out {
			t.Errorf("unescapeZXing(%q) = %q changed text without escapes", out, s)
		}
	})
}

// FuzzUnescapeHex: an element string either unescapes to text with no
// escape left that was not written as one, or is refused; never a panic.
func FuzzUnescapeHex(f *testing.F) {
	f.Add(`0105\x1d21X`)
	f.Add(`\x`)
	f.Add(`\x1`)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := unescapeHex(s)
		if err != nil {
			return
		}
		if !strings.Contains(s, `\x`) && got != s {
			t.Errorf("unescapeHex(%q) = %q changed text without escapes", s, got)
		}
		if len(got) > len(s) {
			t.Errorf("unescapeHex(%q) = %q is longer", s, got)
		}
	})
}

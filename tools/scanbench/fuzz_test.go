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

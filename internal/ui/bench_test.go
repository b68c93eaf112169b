package ui

import (
	"strings"
	"testing"
)

// BenchmarkScanToVerdict is a pack scan's Enter to the verdict laid out on
// the resident's page, over the real store (headless: drawing the frame is
// not counted).
func BenchmarkScanToVerdict(b *testing.B) {
	h := newHarness(b)
	h.signIn("amy", "1111")
	h.scan("R101")
	code := pack("amlodipine-5")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.scan(code)
	}
	b.StopTimer()
	if !strings.Contains(h.texts(), "OK to give") {
		b.Fatalf("no verdict: %s", h.texts())
	}
}

package fhir_test

import (
	"testing"

	"medround/internal/fhir"
	"medround/internal/fhir/fhirtest"
)

func TestHomeBundleIsAWholeChart(t *testing.T) {
	c, err := fhir.ParseBundle(fhirtest.HomeBundle(100), "home.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) != 1200 || len(c.Residents) != 100 || len(c.Unsupported) != 0 {
		t.Fatalf("%d entries, %d residents, warnings %v", len(c.Entries), len(c.Residents), c.Unsupported)
	}
}

// BenchmarkParseBundle100x12 is the parsing part of importing a
// 100-resident home (the whole import, storage included, must take under 2 s).
func BenchmarkParseBundle100x12(b *testing.B) {
	data := fhirtest.HomeBundle(100)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fhir.ParseBundle(data, "home.json"); err != nil {
			b.Fatal(err)
		}
	}
}

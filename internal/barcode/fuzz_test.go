package barcode

import (
	"reflect"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"]d20105012345678900172701001" + "0AB12C\x1d21SER", "(01)05012345678900(17)270131(10)X", "5012345678900",
		"9434765919", "943 476 5919", "R1234", "]E02112345678900|]e099COMPOSITE\x1d98XYZ", "]C1", "\x1d\x1d",
		"0107032069804988100329\x1d\x1d15210526", "(10)12345\\(11)991225", "800302112345678900ABC",
	} {
		f.Add(s)
	}
	opt := Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s, opt)
		if err != nil {
			if c.Kind != KindUnknown {
				t.Fatalf("Parse(%q) returned kind %v with error %v", s, c.Kind, err)
			}
			return
		}
		switch c.Kind {
		case KindPack:
			if len(c.GTIN) != 14 || !ValidGTIN(c.GTIN) {
				t.Fatalf("Parse(%q) pack GTIN %q is not a valid GTIN-14", s, c.GTIN)
			}
		case KindResident:
			if c.NHSNumber != "" && !ValidNHSNumber(c.NHSNumber) {
				t.Fatalf("Parse(%q) NHS number %q is not valid", s, c.NHSNumber)
			}
		default:
			t.Fatalf("Parse(%q) succeeded with kind unknown", s)
		}
		if len(c.AIs) == 0 {
			return
		}
		again, err := Parse("]d2"+EncodeElementString(c.AIs), opt)
		if err != nil {
			t.Fatalf("re-parse of %q (from %q): %v", EncodeElementString(c.AIs), s, err)
		}
		if !reflect.DeepEqual(again.AIs, c.AIs) || again.GTIN != c.GTIN || !again.Expiry.Equal(c.Expiry) ||
			again.Batch != c.Batch || again.Serial != c.Serial {
			t.Fatalf("re-parse of %q differs:\n %+v\n %+v", s, c, again)
		}
	})
}

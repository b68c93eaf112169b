package barcode

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// testNow fixes GS1's century window so the vectors do not drift.
var testNow = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

func wantAIs(t *testing.T, js string) []ElementString {
	t.Helper()
	if js == "" {
		return nil
	}
	var pairs [][2]string
	if err := json.Unmarshal([]byte(js), &pairs); err != nil {
		t.Fatalf("bad expected_ais_json %q: %v", js, err)
	}
	out := make([]ElementString, len(pairs))
	for i, p := range pairs {
		out[i] = ElementString{AI: p[0], Value: p[1]}
	}
	return out
}

// TestGS1ElementStringVectors runs every row of the upstream GS1 vectors
// (gs1-syntax-engine, zxing-cpp, biip).
func TestGS1ElementStringVectors(t *testing.T) {
	dir := needCorpus(t, "gs1")
	for _, row := range readTSV(t, filepath.Join(dir, "gs1_element_strings.tsv")) {
		in := unescape(t, row.get("input"))
		valid := row.get("valid") == "1"
		kind := row.get("input_kind")
		var ais []ElementString
		var err error
		switch kind {
		case "element":
			ais, err = ParseElementString(in)
			if _, ok := unlintedSources[in]; ok {
				// The source decoder checks structure only; the dictionary's
				// linters reject the value. Structure must still pass.
				if err == nil {
					t.Errorf("line %d: %q passed the linters; drop it from unlintedSources", row.line, in)
				}
				ais, err = parseElements(in, false)
			} else if why, ok := dictionaryDisagrees[in]; ok {
				if err == nil {
					t.Errorf("line %d: %q now parses; drop it from dictionaryDisagrees (%s)", row.line, in, why)
				}
				continue
			}
		case "bracketed":
			ais, err = parseBracketed(in)
		case "element-no-fnc1":
			// Data without FNC1 in first position is not GS1: it must not
			// become a pack.
			c, perr := Parse(in, Options{Now: testNow})
			if perr == nil || c.Kind == KindPack {
				t.Errorf("line %d: Parse(%q) = %v, %v; want an error, not a pack", row.line, in, c.Kind, perr)
			}
			continue
		case "scan":
			checkScanRow(t, row, in, valid)
			continue
		default:
			t.Fatalf("line %d: unknown input_kind %q", row.line, kind)
		}
		if (err == nil) != valid {
			t.Errorf("line %d: %s %q: err = %v, want valid=%v (%s)", row.line, kind, in, err, valid, row.get("note"))
			continue
		}
		if !valid {
			continue
		}
		if want := wantAIs(t, row.get("expected_ais_json")); want != nil && !reflect.DeepEqual(ais, want) {
			t.Errorf("line %d: %q AIs = %v, want %v", row.line, in, ais, want)
		}
		if want := unescape(t, row.get("expected_element_string")); want != "" && EncodeElementString(ais) != want {
			t.Errorf("line %d: %q encodes to %q, want %q", row.line, in, EncodeElementString(ais), want)
		}
	}
}

// unlintedSources are rows from zxing-cpp's HRIFromGS1 and biip, which
// split AIs without running GS1 linters; their made-up values fail the
// dictionary's check-digit or date linters, which Parse keeps on because a
// wrong check digit may be a misread.
var unlintedSources = map[string]string{
	"00123456789012345678":              "SSCC csum",
	"16123456":                          "SELL BY yymmdd (month 34)",
	"253123456789012345678901234567890": "GDTI csum",
	"25312345678901234567890123456789":  "GDTI csum",
	"2551234567890123456789012345":      "GCN csum",
	"255123456789012345678901234":       "GCN csum",
	"4151234567890123":                  "GLN csum",
	"4171234567890123":                  "GLN csum",
	"4326123456":                        "REL DATE yymmdd",
	"7006123456":                        "FIRST FREEZE DATE yymmdd",
	"8017123456789012345678":            "GSRN csum",
	"8026123456789012345678":            "ITIP csum",
	"800307071324001022085952":          "GRAI csum",
}

// dictionaryDisagrees are rows where the syntax dictionary release in the
// corpus (the source of truth here) says otherwise than the source decoder.
var dictionaryDisagrees = map[string]string{
	"236ABC123":         "AI 236 is newer than this dictionary release",
	"8299ABC123":        "AI 8299 is newer than this dictionary release",
	"42512345678901234": "425 is a list of whole 3-digit country codes (N3 [N3]…), 14 digits cannot be",
}

// checkScanRow maps the syntax engine's verdict on full scanner output to
// Parse. The engine calls non-GS1 data valid ("]Q1TESTING"): for Parse that
// is well formed but neither a resident nor a pack, so the error must be
// ErrUnrecognised or ErrEmpty, never a syntax or check-digit error, and
// never a pack.
func checkScanRow(t *testing.T, row tsvRow, in string, valid bool) {
	t.Helper()
	c, err := Parse(in, Options{Now: testNow})
	ok := err == nil
	if valid && !gs1Symbology(c.Symbology) {
		ok = ok || errors.Is(err, ErrUnrecognised) || errors.Is(err, ErrEmpty)
	}
	if ok != valid || (!valid && c.Kind == KindPack) {
		t.Errorf("line %d: Parse(%q) = %+v, %v; want valid=%v (%s)", row.line, in, c.Kind, err, valid, row.get("note"))
		return
	}
	if want := unescape(t, row.get("expected_element_string")); want != "" {
		if err != nil || EncodeElementString(c.AIs) != want {
			t.Errorf("line %d: Parse(%q) AIs %q, %v; want %q", row.line, in, EncodeElementString(c.AIs), err, want)
		}
	}
}

// TestGS1LinterVectors runs every row of the GS1 linter unit tests for the
// linters a pack check relies on.
func TestGS1LinterVectors(t *testing.T) {
	dir := needCorpus(t, "gs1")
	for _, row := range readTSV(t, filepath.Join(dir, "gs1_linter_vectors.tsv")) {
		in := unescape(t, row.get("input"))
		var ok bool
		switch l := row.get("linter"); l {
		case "cset82":
			ok = badChar('X', in) < 0
		case "csum":
			ok = lint(l, in) == nil && isDigits(in)
		case "yymmd0", "yymmdd":
			ok = lint(l, in) == nil
		default:
			t.Fatalf("line %d: linter %q not covered", row.line, l)
		}
		if want := row.get("expect") == "pass"; ok != want {
			t.Errorf("line %d: %s(%q) passed=%v, want %v (%s)", row.line, row.get("linter"), in, ok, want, row.get("error_code"))
		}
	}
}

// TestGS1DateVectors checks what date AIs mean, including "day 00 is the
// last day of the month" for expiry.
func TestGS1DateVectors(t *testing.T) {
	dir := needCorpus(t, "gs1")
	for _, row := range readTSV(t, filepath.Join(dir, "gs1_dates_biip.tsv")) {
		in := row.get("element_string")
		ais, err := ParseElementString(in)
		if valid := row.get("valid") == "1"; (err == nil) != valid {
			t.Errorf("line %d: %q err = %v, want valid=%v", row.line, in, err, valid)
			continue
		} else if !valid {
			if !errors.Is(err, ErrBadDate) {
				t.Errorf("line %d: %q err = %v, want ErrBadDate", row.line, in, err)
			}
			continue
		}
		zeroDay := lookupAI(ais[0].AI).comps[0].linters[0] == "yymmd0"
		got, ok := gs1Date(ais[0].Value[:6], zeroDay, testNow)
		if !ok || got.Format("2006-01-02") != row.get("expected_date") {
			t.Errorf("line %d: %q date = %v, want %s", row.line, in, got, row.get("expected_date"))
		}
	}
}

// TestGS1FromPackPhotos parses the element strings of the real pharma pack
// photos in the barcode corpus.
func TestGS1FromPackPhotos(t *testing.T) {
	dir := needCorpus(t, "gs1")
	for _, row := range readTSV(t, filepath.Join(dir, "gs1_from_barcode_images_DERIVED.tsv")) {
		in := unescape(t, row.get("element_string"))
		c, err := Parse("]d2"+in, Options{Now: testNow})
		if err != nil {
			t.Errorf("line %d: Parse(%q): %v", row.line, in, err)
			continue
		}
		if want := wantAIs(t, row.get("ais_json_DERIVED_BY_CORPUS_COLLECTOR")); !reflect.DeepEqual(c.AIs, want) {
			t.Errorf("line %d: AIs = %v, want %v", row.line, c.AIs, want)
		}
		if c.Kind != KindPack || c.GTIN != c.AIs[0].Value || c.Expiry.IsZero() || c.Batch == "" {
			t.Errorf("line %d: got %+v", row.line, c)
		}
	}
}

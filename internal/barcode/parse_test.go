package barcode

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParse(t *testing.T) {
	const fmdPack = "0105012345678900" + "17270100" + "10AB12C" + "\x1d" + "21SER123456"
	tests := []struct {
		name string
		in   string
		opt  Options
		want Code
		err  error
	}{
		{name: "FMD pack DataMatrix via scanner with ]d2 and day-00 expiry", in: "]d2" + fmdPack,
			want: Code{Kind: KindPack, Symbology: "]d2", GTIN: "05012345678900", Expiry: date(2027, 1, 31), Batch: "AB12C", Serial: "SER123456"}},
		{name: "pack sent with leading GS for FNC1 and no identifier", in: "\x1d" + fmdPack,
			want: Code{Kind: KindPack, GTIN: "05012345678900", Expiry: date(2027, 1, 31), Batch: "AB12C", Serial: "SER123456"}},
		{name: "pack from wedge scanner without identifier or FNC1", in: fmdPack,
			want: Code{Kind: KindPack, GTIN: "05012345678900", Expiry: date(2027, 1, 31), Batch: "AB12C", Serial: "SER123456"}},
		{name: "wedge scanner sends GS as configured substitute", in: strings.ReplaceAll(fmdPack, "\x1d", "<GS>"), opt: Options{GSSubstitute: "<GS>"},
			want: Code{Kind: KindPack, GTIN: "05012345678900", Expiry: date(2027, 1, 31), Batch: "AB12C", Serial: "SER123456"}},
		{name: "pack typed by hand in bracketed form", in: "(01)05012345678900(17)270115(10)AB12C(21)SER1",
			want: Code{Kind: KindPack, GTIN: "05012345678900", Expiry: date(2027, 1, 15), Batch: "AB12C", Serial: "SER1"}},
		{name: "GS1-128 pharmacy label", in: "]C10105012345678900" + "10LOT9",
			want: Code{Kind: KindPack, Symbology: "]C1", GTIN: "05012345678900", Batch: "LOT9"}},
		{name: "GS1 QR pharmacy label", in: "]Q30105012345678900",
			want: Code{Kind: KindPack, Symbology: "]Q3", GTIN: "05012345678900"}},
		{name: "older pack with EAN-13", in: "5012345678900", want: Code{Kind: KindPack, GTIN: "05012345678900"}},
		{name: "older pack with EAN-13 and identifier", in: "]E05012345678900", want: Code{Kind: KindPack, Symbology: "]E0", GTIN: "05012345678900"}},
		{name: "UPC-A pack", in: "036000291452", want: Code{Kind: KindPack, GTIN: "00036000291452"}},
		{name: "EAN-8 pack", in: "]E402345673", want: Code{Kind: KindPack, Symbology: "]E4", GTIN: "00000002345673"}},
		{name: "GTIN-14 typed", in: "05012345678900", want: Code{Kind: KindPack, GTIN: "05012345678900"}},
		{name: "EAN-13 misread in one digit", in: "5012345678901", err: ErrCheckDigit},
		{name: "FMD pack with wrong GTIN check digit", in: "]d20105012345678901", err: ErrCheckDigit},
		{name: "pack with 30 February expiry", in: "]d2010501234567890017270230", err: ErrBadDate},
		{name: "pack code with an unknown AI", in: "]d20105012345678900891234", err: ErrUnknownAI},
		{name: "GS1 code without GTIN cannot identify a pack", in: "]d210ABC", err: ErrNoGTIN},
		{name: "expiry alone typed in brackets", in: "(17)270131", err: ErrNoGTIN},
		{name: "pack code cut short by the scanner", in: "]d201050123456789", err: ErrSyntax},
		{name: "EAN-13 with an empty GS1 composite (fuzz find)", in: "]E02112345678900|]e0", err: ErrSyntax},
		{name: "unknown symbology identifier", in: "]XX1234", err: ErrSyntax},
		{name: "resident wristband with NHS number", in: "9434765919", want: Code{Kind: KindResident, NHSNumber: "9434765919"}},
		{name: "NHS number typed with spaces", in: "943 476 5919", want: Code{Kind: KindResident, NHSNumber: "9434765919"}},
		{name: "NHS number typed with dashes", in: "943-476-5919", want: Code{Kind: KindResident, NHSNumber: "9434765919"}},
		{name: "NHS number in Code 128 with identifier", in: "]C09434765919", want: Code{Kind: KindResident, Symbology: "]C0", NHSNumber: "9434765919"}},
		{name: "NHS number misread is refused, never a local ID", in: "9434765918", opt: Options{ResidentPattern: regexp.MustCompile(`^\d{10}$`)}, err: ErrCheckDigit},
		{name: "NHS number whose check digit would be 10", in: "1234567890", err: ErrCheckDigit},
		{name: "home's own resident number on a card", in: "R1234", want: Code{Kind: KindResident, LocalID: "R1234"}},
		{name: "staff badge of a senior", in: "STAFF:sam", want: Code{Kind: KindStaff, StaffID: "sam"}},
		{name: "staff badge with no user ID is refused", in: "STAFF:", err: ErrUnrecognised},
		{name: "home's own resident number in a DataMatrix card", in: "]d1R004512", want: Code{Kind: KindResident, Symbology: "]d1", LocalID: "R004512"}},
		{name: "home with its own pattern", in: "RES-0042", opt: Options{ResidentPattern: regexp.MustCompile(`^RES-\d{4}$`)},
			want: Code{Kind: KindResident, LocalID: "RES-0042"}},
		{name: "trailing CR LF from scanner suffix", in: "R1234\r\n", want: Code{Kind: KindResident, LocalID: "R1234"}},
		{name: "URL on a leaflet QR", in: "]Q1https://example.com/leaflet", err: ErrUnrecognised},
		{name: "staff badge is not a resident or pack", in: "STAFF-17", err: ErrUnrecognised},
		{name: "nothing scanned", in: " \r\n", err: ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Now = testNow
			got, err := Parse(tt.in, tt.opt)
			if tt.err != nil {
				var pe *ParseError
				if !errors.Is(err, tt.err) || !errors.As(err, &pe) {
					t.Fatalf("Parse(%q) error = %v, want %v as *ParseError", tt.in, err, tt.err)
				}
				if got.Kind != KindUnknown {
					t.Errorf("Parse(%q) Kind = %v with error, want unknown", tt.in, got.Kind)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			got.Raw, got.AIs = "", nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) =\n %+v, want\n %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestParseErrorMessage checks messages say what to do and do not echo a
// long scan.
func TestParseErrorMessage(t *testing.T) {
	long := "]d20105012345678901" + strings.Repeat("X", 200)
	_, err := Parse(long, Options{})
	msg := err.Error()
	if len(msg) > 250 || strings.Contains(msg, strings.Repeat("X", 30)) {
		t.Errorf("message echoes the long input: %q", msg)
	}
	if !strings.Contains(msg, "check digit") || !strings.Contains(msg, "scan or type it again") {
		t.Errorf("message %q does not say what was wrong and what to do", msg)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Pos != 5 {
		t.Errorf("Pos = %d, want 5 (the GTIN value)", pe.Pos)
	}
}

func TestGTIN14(t *testing.T) {
	for in, want := range map[string]string{"02345673": "00000002345673", "036000291452": "00036000291452",
		"5012345678900": "05012345678900", "05012345678900": "05012345678900", "5012345678901": "", "12345": ""} {
		if got := GTIN14(in); got != want {
			t.Errorf("GTIN14(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExpandUPCE(t *testing.T) {
	for in, want := range map[string]string{"01234565": "012345000065", "04252614": "042100005264", "01234133": "012300000413", "01234145": "012340000015"} {
		if got := expandUPCE(in); got != want || !ValidGTIN(got) {
			t.Errorf("expandUPCE(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNHSNumberVectors runs every row of the NHS number vectors.
func TestNHSNumberVectors(t *testing.T) {
	dir := needCorpus(t, "nhs-number")
	for _, row := range readTSV(t, filepath.Join(dir, "nhs_numbers.tsv")) {
		var in string
		if err := json.Unmarshal([]byte(row.get("input_json")), &in); err != nil {
			t.Fatalf("line %d: %v", row.line, err)
		}
		want := row.get("expected_by_source") != "invalid"
		if strings.Contains(row.get("note"), "for_region") {
			// Region ranges are not checked: a home may hold Scottish CHI or
			// Welsh numbers. The modulus-11 verdict applies.
			want = row.get("mod11_crosscheck_by_collector") == "pass"
		}
		if got := ValidNHSNumber(in); got != want {
			t.Errorf("line %d: ValidNHSNumber(%q) = %v, want %v (%s)", row.line, in, got, want, row.get("note"))
		}
		c, err := Parse(in, Options{})
		if want && (err != nil || c.Kind != KindResident) {
			t.Errorf("line %d: Parse(%q) = %v, %v; want resident", row.line, in, c.Kind, err)
		}
		if !want && err == nil {
			t.Errorf("line %d: Parse(%q) = %+v, want an error", row.line, in, c)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "uk-fci_testdata-9-valid-nhs-numbers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(strings.TrimPrefix(string(data), "\ufeff"))
	if len(lines) != 9 {
		t.Fatalf("read %d numbers, want 9", len(lines))
	}
	for _, n := range lines {
		if !ValidNHSNumber(n) {
			t.Errorf("ValidNHSNumber(%q) = false, want true", n)
		}
	}
}

package scanbench

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestParseZXingOutput(t *testing.T) {
	const file = "/c/dm/gs1.png"
	out := file + ` DataMatrix "01095040000591012112345678p901<GS>101234567p<GS>171411208200http://www.gs1.org/demo/"` + "\n" +
		file + ` EAN-13 "9780735619937 92"` + "\n" +
		"/c/other.png QRCode \"x\"\n" +
		file + "  \"\"\n" + // no format: found by fuzzing

		file + " None\n"
	got := parseZXing(out, file)
	want := []Read{
		{"DATA_MATRIX", "01095040000591012112345678p901\x1d101234567p\x1d171411208200http://www.gs1.org/demo/"},
		{"EAN_13", "9780735619937 92"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseZXing = %q, want %q", got, want)
	}
}

func TestUnescapeZXing(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DC04<GS>62<RS><EOT>", "DC04\x1d62\x1e\x04"},
		{"<NUL><DEL><U+00E9>", "\x00\x7fé"},
		{"a <b> c<", "a <b> c<"}, // not escapes: kept
		{"<GS", "<GS"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := unescapeZXing(tt.in); got != tt.want {
			t.Errorf("unescapeZXing(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSameCode(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		same      bool
	}{
		{"exact text", "Hello", "Hello", true},
		{"UPC-A read of an EAN-13 starting 0", "0012345678905", "012345678905", true},
		{"EAN-13 with a 2-digit add-on", "9780735619937", "9780735619937 92", true},
		{"one digit different", "9780735619937", "9780735619944", false},
		{"add-on on a bad GTIN", "9780735619937", "9780735619930 92", false},
		{"free text is not padded", "R0042", "0R0042", false},
	}
	for _, tt := range tests {
		if got := sameCode(tt.want, tt.got); got != tt.same {
			t.Errorf("%s: sameCode(%q, %q) = %v", tt.name, tt.want, tt.got, got)
		}
	}
}

func TestJudge(t *testing.T) {
	multi := Image{Expect: ExpectMulti, Want: []string{"Stegosaurus", "Plesiosaurus"}}
	o := judge(Outcome{Reads: []Read{{"DATA_MATRIX", "Plesiosaurus"}}}, multi)
	if o.Found != 1 || len(o.Wrong) != 0 || (Row{Image: multi}).Correct(o) {
		t.Errorf("one of two symbols: %+v", o)
	}
	neg := Image{Group: GroupNegative, Expect: ExpectNone}
	if o := judge(Outcome{Reads: []Read{{"UPC_E", "01234565"}}}, neg); len(o.Wrong) != 1 {
		t.Errorf("read on a negative not counted as wrong: %+v", o)
	}
	blurred := Image{Group: GroupNegative, Expect: ExpectNone, Want: []string{"5012345678900"}}
	if o := judge(Outcome{Reads: []Read{{"EAN_13", "5012345678900"}}}, blurred); len(o.Wrong) != 0 {
		t.Errorf("right read of a blurred negative counted as wrong: %+v", o)
	}
}

func TestPercentile(t *testing.T) {
	var ts []time.Duration
	for i := 20; i >= 1; i-- {
		ts = append(ts, time.Duration(i)*time.Millisecond)
	}
	if m, p := percentile(ts, 50), percentile(ts, 95); m != 10*time.Millisecond || p != 19*time.Millisecond {
		t.Errorf("median %v p95 %v, want 10ms 19ms", m, p)
	}
	if percentile(nil, 50) != 0 {
		t.Error("percentile of nothing is not 0")
	}
	if ts[0] != 20*time.Millisecond {
		t.Error("percentile sorted its argument")
	}
}

func TestLoadManifest(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("MANIFEST.tsv", "file\tsidecars\tsymbology\tcategory\texpect\trepo\tpath\tcommit\tnotes\n"+
		"dm/a.png\ta.metadata.txt a.txt\tDATA_MATRIX (GS1)\tsynthetic\tdecode\tr\tp\tc\t\n"+
		"c/6.png\t6.txt\tCODE_128\tphoto\tdecode\tr\tp\tc\t\n"+
		"dm/two.png\t\tDATA_MATRIX x2\tsynthetic\tdecode-multi\tr\tp\tc\t\"holds \"\"Stegosaurus\"\" and \"\"Plesiosaurus\"\"\"\n"+
		"n/blur.png\tblur.txt\tEAN_13 (blurry)\tunreadable photo\tno-decode\tr\tp\tc\t\n"+
		"n/e.png\t\tNONE\tblank image\tno-decode\tr\tp\tc\t\n")
	write("dm/a.txt", "0109504000059101\x1d10AB")
	write("dm/a.metadata.txt", "SYMBOLOGY_IDENTIFIER=]d2")
	write("c/6.txt", "caf\xe9") // Latin-1 bytes
	write("n/blur.txt", "5012345678900")
	got, err := LoadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Image{
		{File: "dm/a.png", Group: "DATA_MATRIX", Expect: ExpectDecode, Want: []string{"0109504000059101\x1d10AB"}},
		{File: "c/6.png", Group: "CODE_128", Expect: ExpectDecode, Want: []string{"café"}, Photo: true},
		{File: "dm/two.png", Group: "DATA_MATRIX", Expect: ExpectMulti, Want: []string{"Stegosaurus", "Plesiosaurus"}},
		{File: "n/blur.png", Group: GroupNegative, Expect: ExpectNone, Want: []string{"5012345678900"}},
		{File: "n/e.png", Group: GroupNegative, Expect: ExpectNone},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadManifest =\n%+v\nwant\n%+v", got, want)
	}
}

func TestLoadManifestErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadManifest(dir); err == nil {
		t.Error("missing manifest accepted")
	}
	os.WriteFile(filepath.Join(dir, "MANIFEST.tsv"), []byte("file\tsymbology\n"), 0o600)
	if _, err := LoadManifest(dir); err == nil {
		t.Error("manifest without expect column accepted")
	}
	os.WriteFile(filepath.Join(dir, "MANIFEST.tsv"), []byte("file\tsidecars\tsymbology\texpect\tnotes\nx.png\tx.txt\tEAN_13\tdecode\t\n"), 0o600)
	if _, err := LoadManifest(dir); err == nil {
		t.Error("missing sidecar accepted")
	}
}

func TestLoadElementStringManifest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "MANIFEST.tsv"), []byte("file\telement_string\n"+
		"pack01.png\t0105012345678900172701311\\x1d21SER\n"+
		"frame02.jpg\t01050004560123481727070010A1\n"), 0o600)
	got, err := LoadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Image{
		{File: "pack01.png", Group: "DATA_MATRIX", Expect: ExpectDecode, Want: []string{"0105012345678900172701311\x1d21SER"}},
		{File: "frame02.jpg", Group: "DATA_MATRIX", Expect: ExpectDecode, Want: []string{"01050004560123481727070010A1"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadManifest =\n%+v\nwant\n%+v", got, want)
	}
	for _, bad := range []string{"x.png\t\n", "x.png\tAB\\x1\n", "x.png\tAB\\xZZ\n", "\t0105\n"} {
		os.WriteFile(filepath.Join(dir, "MANIFEST.tsv"), []byte("file\telement_string\n"+bad), 0o600)
		if _, err := LoadManifest(dir); err == nil {
			t.Errorf("manifest row %q accepted", bad)
		}
	}
}

func TestUnescapeHex(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		bad      bool
	}{
		{in: `10AB\x1d21X`, want: "10AB\x1d21X"},
		{in: `\x1d\x1D`, want: "\x1d\x1d"},
		{in: "no escapes", want: "no escapes"},
		{in: `cut \x1`, bad: true},
		{in: `\xg0`, bad: true},
	} {
		got, err := unescapeHex(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("unescapeHex(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

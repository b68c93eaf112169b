package scanbench

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Expectations the manifest gives an image.
const (
	ExpectDecode    = "decode"
	ExpectMulti     = "decode-multi"
	ExpectInversion = "decode-with-inversion"
	ExpectNone      = "no-decode"
)

// GroupNegative is the group of the images that must give no wrong read.
const GroupNegative = "negative"

// Image is one row of MANIFEST.tsv.
type Image struct {
	File   string // relative to the corpus folder
	Group  string // DATA_MATRIX, EAN_13, CODE_128 or GroupNegative
	Expect string // one of the Expect constants
	// Want holds the texts the image holds: one for most, several for
	// decode-multi, and for a negative the true content when the corpus
	// knows it (a blurred code: reading it right is no fault).
	Want []string
	// Photo is true for a photograph (the category column says "photo"),
	// false for a code a program drew.
	Photo bool
}

// manifestColumns are the columns Run needs, by header name.
var manifestColumns = []string{"file", "sidecars", "symbology", "expect", "notes"}

// LoadManifest reads dir/MANIFEST.tsv and each image's expected text.
func LoadManifest(dir string) ([]Image, error) {
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		return nil, fmt.Errorf("corpus manifest: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("corpus manifest header: %w", err)
	}
	col, err := columns(header)
	if err != nil {
		return nil, err
	}
	var images []Image
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return images, nil
		}
		if err != nil {
			return nil, fmt.Errorf("corpus manifest: %w", err)
		}
		img, err := imageRow(dir, rec, col)
		if err != nil {
			return nil, err
		}
		images = append(images, img)
	}
}

func columns(header []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	if _, ok := col[elementColumn]; ok {
		if _, ok := col["file"]; ok {
			return col, nil
		}
	}
	for _, c := range manifestColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("corpus manifest has no %q column", c)
		}
	}
	return col, nil
}

func imageRow(dir string, rec []string, col map[string]int) (Image, error) {
	get := func(c string) string {
		if i := col[c]; i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	if _, ok := col[elementColumn]; ok {
		return elementRow(get("file"), get(elementColumn))
	}
	img := Image{File: get("file"), Expect: get("expect"), Group: group(get("symbology"), get("expect")),
		Photo: strings.HasPrefix(get("category"), "photo")}
	if img.File == "" {
		return Image{}, errors.New("corpus manifest: a row has no file")
	}
	if img.Expect == ExpectMulti {
		img.Want = quoted(get("notes"))
		return img, nil
	}
	want, err := sidecarText(dir, img.File, get("sidecars"))
	if err != nil {
		return Image{}, err
	}
	if want != "" {
		img.Want = []string{want}
	}
	return img, nil
}

// elementColumn names the column of the GS1 DataMatrix sets made in this
// repository (internal/barcode/testdata/zint and frames): one pack code
// per image, its element string with \x1d for the group separator.
const elementColumn = "element_string"

func elementRow(file, es string) (Image, error) {
	if file == "" {
		return Image{}, errors.New("corpus manifest: a row has no file")
	}
	want, err := unescapeHex(es)
	if err != nil || want == "" {
		return Image{}, fmt.Errorf("corpus manifest: %s: element string %q: want text with \\xNN escapes", file, es)
	}
	return Image{File: file, Group: "DATA_MATRIX", Expect: ExpectDecode, Want: []string{want}}, nil
}

// unescapeHex turns each \xNN into the byte it names.
func unescapeHex(s string) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, `\x`)
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		if i+4 > len(s) {
			return "", errors.New("escape cut short")
		}
		v, err := strconv.ParseUint(s[i+2:i+4], 16, 8)
		if err != nil {
			return "", fmt.Errorf("escape %q: %w", s[i:i+4], err)
		}
		b.WriteString(s[:i])
		b.WriteByte(byte(v))
		s = s[i+4:]
	}
}

// group files an image under its symbology's first word, or as a negative.
func group(symbology, expect string) string {
	if expect == ExpectNone {
		return GroupNegative
	}
	if f := strings.Fields(symbology); len(f) > 0 {
		return f[0]
	}
	return "UNKNOWN"
}

var quotedWord = regexp.MustCompile(`"([^"]+)"`)

// quoted returns the double-quoted words of a note: the manifest names the
// symbols of a multi-symbol image that way, having no sidecar for them.
func quoted(note string) []string {
	var out []string
	for _, m := range quotedWord.FindAllStringSubmatch(note, -1) {
		out = append(out, m[1])
	}
	return out
}

// sidecarText reads the expected content: X.txt (or X.bin), not the
// .result.txt or .metadata.txt files that describe it.
func sidecarText(dir, file, sidecars string) (string, error) {
	for _, s := range strings.Fields(sidecars) {
		if strings.HasSuffix(s, ".result.txt") || strings.HasSuffix(s, ".metadata.txt") {
			continue
		}
		if !strings.HasSuffix(s, ".txt") && !strings.HasSuffix(s, ".bin") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.Dir(file), s))
		if err != nil {
			return "", fmt.Errorf("expected text of %s: %w", file, err)
		}
		return latin1ToUTF8(string(b)), nil
	}
	return "", nil
}

// latin1ToUTF8 reads bytes that are not UTF-8 as ISO 8859-1, the default
// character set of Code 128 and DataMatrix, as both decoders report them.
func latin1ToUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

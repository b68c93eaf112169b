package barcode

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDecodeKeepsEveryRead decodes every image the decoder read before it
// was made faster (testdata/reads.tsv: the shared corpus, the zint pack
// codes and the camera-like frames) and fails when a code it read then, thorough or as a camera
// frame, is no longer read with the same format and text. Speed must not
// cost a read; misreads are TestDecodeCorpus's and TestDecodeZint's.
func TestDecodeKeepsEveryRead(t *testing.T) {
	var corpusDir string
	for _, row := range readTSV(t, "testdata/reads.tsv") {
		file := row.get("file")
		path, ok := "", false
		for _, set := range []string{"zint/", "frames/"} {
			if rel, found := strings.CutPrefix(file, set); found {
				path, ok = filepath.Join("testdata", set, rel), true
			}
		}
		if !ok {
			rel, ok := strings.CutPrefix(file, "corpus/")
			if !ok {
				t.Fatalf("line %d: %q is not in corpus/, zint/ or frames/", row.line, file)
			}
			if corpusDir == "" {
				corpusDir = needCorpus(t, "barcodes")
			}
			path = filepath.Join(corpusDir, rel)
		}
		for _, mode := range []struct {
			col   string
			quick bool
		}{{"reads", false}, {"quick", true}} {
			want, err := parseReadList(row.get(mode.col))
			if err != nil {
				t.Fatalf("line %d: %v", row.line, err)
			}
			reads, err := DecodeFile(path, DecodeOptions{Parse: Options{Now: testNow}, Quick: mode.quick})
			if err != nil {
				t.Errorf("%s (%s): %v", file, mode.col, err)
				continue
			}
			got := make([]string, len(reads))
			for i, r := range reads {
				got[i] = fmt.Sprintf("%s:%q", r.Format, r.Text)
			}
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("%s (%s): %s no longer read; now %v", file, mode.col, w, got)
				}
			}
		}
	}
}

// parseReadList splits a reads.tsv cell, FORMAT:"text" items separated by
// spaces, into those items.
func parseReadList(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		format, rest, ok := strings.Cut(s, ":")
		if !ok || format == "" || strings.ContainsAny(format, " \"") {
			return nil, fmt.Errorf("read list %q: want FORMAT:\"text\"", s)
		}
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return nil, fmt.Errorf("read list %q: %w", s, err)
		}
		out = append(out, format+":"+q)
		s = rest[len(q):]
	}
	return out, nil
}

func TestParseReadList(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
		bad      bool
	}{
		{name: "no read", in: ""},
		{name: "one pack code with a group separator", in: `DATA_MATRIX:"0105\x1d21X"`, want: []string{`DATA_MATRIX:"0105\x1d21X"`}},
		{name: "two codes in one image", in: `DATA_MATRIX:"a b" EAN_13:"1"`, want: []string{`DATA_MATRIX:"a b"`, `EAN_13:"1"`}},
		{name: "text not quoted", in: `EAN_13:123`, bad: true},
		{name: "no format", in: `"abc"`, bad: true},
		{name: "quote left open", in: `QR_CODE:"abc`, bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseReadList(tc.in)
			if (err != nil) != tc.bad || !slices.Equal(got, tc.want) {
				t.Errorf("parseReadList(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.bad)
			}
		})
	}
}

func FuzzParseReadList(f *testing.F) {
	f.Add(`DATA_MATRIX:"a" EAN_13:"1"`)
	f.Add(`X:"\x1d`)
	f.Fuzz(func(t *testing.T, s string) {
		items, err := parseReadList(s)
		if err != nil {
			return
		}
		// Each item is FORMAT:"…" and lists back to the same items.
		again, err := parseReadList(strings.Join(items, " "))
		if err != nil || !slices.Equal(again, items) {
			t.Errorf("parseReadList(%q) = %q, but its own output gives %q, %v", s, items, again, err)
		}
	})
}

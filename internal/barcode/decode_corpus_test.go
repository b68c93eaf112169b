package barcode

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// corpusImage is one row of barcodes/MANIFEST.tsv with its expected texts.
type corpusImage struct {
	file   string
	group  string   // DATA_MATRIX, EAN_13, CODE_128 or NONE
	expect string   // decode, no-decode, decode-multi, decode-with-inversion
	want   []string // every text the image holds; empty for negatives without a sidecar
}

// multiTexts are the images whose sidecar cannot say what they hold.
var multiTexts = map[string][]string{
	// pylibdmtx tests/test_pylibdmtx.py
	"datamatrix/pylibdmtx/datamatrix.png": {"Stegosaurus", "Plesiosaurus"},
}

func loadCorpus(t testing.TB) (string, []corpusImage) {
	dir := needCorpus(t, "barcodes")
	var imgs []corpusImage
	for _, row := range readTSV(t, filepath.Join(dir, "MANIFEST.tsv")) {
		ci := corpusImage{file: row.get("file"), expect: row.get("expect"), group: strings.Fields(row.get("symbology"))[0]}
		ci.want = multiTexts[ci.file]
		for _, side := range strings.Fields(row.get("sidecars")) {
			if strings.HasSuffix(side, ".result.txt") || strings.HasSuffix(side, ".metadata.txt") {
				continue
			}
			if strings.HasSuffix(side, ".txt") || strings.HasSuffix(side, ".bin") {
				b, err := os.ReadFile(filepath.Join(dir, filepath.Dir(ci.file), side))
				if err != nil {
					t.Fatalf("line %d: %v", row.line, err)
				}
				ci.want = append(ci.want, latin1(string(b)))
			}
		}
		imgs = append(imgs, ci)
	}
	return dir, imgs
}

// corpusTally counts one group's results.
type corpusTally struct {
	images, decoded, correct, misread int
	times                             []time.Duration
}

func (c *corpusTally) String() string {
	sort.Slice(c.times, func(i, j int) bool { return c.times[i] < c.times[j] })
	med, p95 := c.times[len(c.times)/2], c.times[len(c.times)*95/100]
	return fmt.Sprintf("images %3d  decoded %3d  correct %3d  misread %d  median %6.1f ms  p95 %7.1f ms",
		c.images, c.decoded, c.correct, c.misread, ms(med), ms(p95))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Minimum correct reads per group, as measured with gozxing v0.1.1; a
// change that loses a read fails here.
var corpusMinCorrect = map[string]int{"DATA_MATRIX": 52, "EAN_13": 19, "CODE_128": 11}

// TestDecodeCorpus decodes every image of the shared barcode corpus and
// fails on any misread: a read whose text is not what the image holds.
func TestDecodeCorpus(t *testing.T) {
	dir, imgs := loadCorpus(t)
	tally := map[string]*corpusTally{}
	start := time.Now()
	for _, ci := range imgs {
		tl := tally[ci.group]
		if tl == nil {
			tl = &corpusTally{}
			tally[ci.group] = tl
		}
		t0 := time.Now()
		reads, err := DecodeFile(filepath.Join(dir, ci.file), DecodeOptions{Parse: Options{Now: testNow}})
		tl.times = append(tl.times, time.Since(t0))
		tl.images++
		if err != nil {
			t.Errorf("%s: %v", ci.file, err)
			continue
		}
		if len(reads) > 0 {
			tl.decoded++
		}
		got := map[string]bool{}
		for _, r := range reads {
			got[r.Text] = true
			if !contains(ci.want, r.Text) {
				tl.misread++
				t.Errorf("MISREAD %s: %s %q, want one of %q", ci.file, r.Format, r.Text, ci.want)
			}
		}
		if ci.expect != "no-decode" && len(ci.want) > 0 && allIn(ci.want, got) {
			tl.correct++
		}
		t.Logf("%-60s %-8s reads %d %6.1f ms", ci.file, ci.expect, len(reads), ms(tl.times[len(tl.times)-1]))
	}
	groups := make([]string, 0, len(tally))
	for g := range tally {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		t.Logf("%-12s %v", g, tally[g])
		if tally[g].correct < corpusMinCorrect[g] {
			t.Errorf("%s: %d correct, want at least %d", g, tally[g].correct, corpusMinCorrect[g])
		}
	}
	t.Logf("whole corpus: %v", time.Since(start))
}

// latin1 reads a sidecar that is not UTF-8 as ISO 8859-1, as Decode
// reports binary DataMatrix content.
func latin1(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func allIn(want []string, got map[string]bool) bool {
	for _, w := range want {
		if !got[w] {
			return false
		}
	}
	return true
}

// BenchmarkDecodeCorpus decodes every image of the shared corpus once per
// iteration; divide ns/op by the image count for the time per image.
func BenchmarkDecodeCorpus(b *testing.B) {
	dir, imgs := loadCorpus(b)
	data := make([][]byte, len(imgs))
	for i, ci := range imgs {
		var err error
		if data[i], err = os.ReadFile(filepath.Join(dir, ci.file)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range data {
			if _, err := DecodeBytes(d, DecodeOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(imgs)), "ms/image")
}

// BenchmarkDecodeZintPack is the common case: one GS1 DataMatrix pack code.
func BenchmarkDecodeZintPack(b *testing.B) {
	data, err := os.ReadFile("testdata/zint/pack07-s4-plain.png")
	if err != nil {
		b.Fatal(err)
	}
	img, err := loadImage(data, DefaultMaxPixels)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if reads, _ := Decode(img, DecodeOptions{}); len(reads) != 1 {
			b.Fatal("no read")
		}
	}
}

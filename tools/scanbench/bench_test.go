package scanbench

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"medround/internal/barcode"
	"medround/internal/corpustest"
)

var corpus = filepath.Join(corpustest.Root(), "barcodes")

// needCorpus fails the test when the barcode corpus is missing (see corpustest).
func needCorpus(t testing.TB) {
	t.Helper()
	corpustest.File(t, "barcodes/MANIFEST.tsv")
}

// subset is one quick image of each kind: clean DataMatrix, GS1 DataMatrix,
// EAN-13 photo, Code 128 with a Latin-1 character, and two negatives.
var subset = []string{
	"datamatrix/zxing-datamatrix-1/C40.png",
	"datamatrix/gs1/gs1-figure-4.15.1-2-32x32.png",
	"ean13/zxing-ean13-3/01.png",
	"code128/zxing-code128-1/6.png",
	"negative/zxingcpp-falsepositives-1/1x1.png",
	"negative/pylibdmtx/empty.png",
}

func TestRunOnSubset(t *testing.T) {
	needCorpus(t)
	var out bytes.Buffer
	res, err := Run(context.Background(), corpus, &out, Options{Files: subset})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if len(r.Ours.Wrong) > 0 {
			t.Errorf("%s: wrong read %+v", r.File, r.Ours.Wrong)
		}
		if r.Group != GroupNegative && !r.Correct(r.Ours) {
			t.Errorf("%s: ours read %+v, want %q", r.File, r.Ours.Reads, r.Want)
		}
	}
	all := res.Groups[len(res.Groups)-1]
	if all.Name != "all" || all.Images != len(subset) || all.Ours.Correct != 4 || all.Ours.Misread != 0 {
		t.Errorf("totals %+v", all)
	}
	for _, want := range []string{"DATA_MATRIX", "EAN_13", "CODE_128", "negative", "median ms", "Wrong reads (target 0): 0"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := exec.LookPath("ZXingReader"); err != nil {
		if !strings.Contains(out.String(), ZXingInstall) {
			t.Errorf("ZXingReader missing but output does not say how to install it:\n%s", out.String())
		}
		return
	}
	if res.ZXing.Missing != "" || res.ZXing.Startup <= 0 || !strings.Contains(out.String(), "ours/zxing") {
		t.Errorf("peer did not run: %+v\n%s", res.ZXing, out.String())
	}
	if all.ZXing.Correct == 0 {
		t.Errorf("ZXing-C++ read none of the subset:\n%s", out.String())
	}
}

func TestRunWithoutPeerSaysHowToInstall(t *testing.T) {
	needCorpus(t)
	var out bytes.Buffer
	res, err := Run(context.Background(), corpus, &out, Options{Files: subset[:1], ZXingReader: "ZXingReader-not-installed"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ZXing.Missing == "" || !strings.Contains(out.String(), "apt-get install -y zxing-cpp-tools") {
		t.Errorf("missing peer not reported:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "DATA_MATRIX") || strings.Contains(out.String(), "ours/zxing") {
		t.Errorf("want our figures alone:\n%s", out.String())
	}
}

func TestRunRefusesFileNotInManifest(t *testing.T) {
	needCorpus(t)
	if _, err := Run(context.Background(), corpus, &bytes.Buffer{}, Options{Files: []string{"nope.png"}, NoZXing: true}); err == nil {
		t.Error("unknown file accepted")
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	needCorpus(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, corpus, &bytes.Buffer{}, Options{NoZXing: true}); err == nil {
		t.Error("cancelled run finished")
	}
}

// BenchmarkDecodeCorpus times barcode.DecodeFile per image over the subset,
// the figure the corpus table's median summarises.
func BenchmarkDecodeCorpus(b *testing.B) {
	needCorpus(b)
	for _, f := range subset {
		b.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(b *testing.B) {
			path := filepath.Join(corpus, f)
			for b.Loop() {
				if _, err := barcode.DecodeFile(path, barcode.DecodeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRunSubset times a whole comparison run over the subset, peer
// included when installed.
func BenchmarkRunSubset(b *testing.B) {
	needCorpus(b)
	for b.Loop() {
		start := time.Now()
		if _, err := Run(context.Background(), corpus, &bytes.Buffer{}, Options{Files: subset}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(len(subset)), "ms/image")
	}
}

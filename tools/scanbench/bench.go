package scanbench

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"medround/internal/barcode"
)

// Options configures Run.
type Options struct {
	// Formats are looked for by both engines; nil means barcode.AllFormats,
	// what the app looks for.
	Formats []barcode.Format
	// Parse configures how our reads are parsed (the home's settings).
	Parse barcode.Options
	// ZXingReader names the peer program; empty means "ZXingReader" on PATH.
	ZXingReader string
	// NoZXing skips the peer.
	NoZXing bool
	// Files limits the run to these manifest paths; nil runs every image.
	Files []string
	// Timeout bounds one ZXingReader call; zero means a minute.
	Timeout time.Duration
	// Repeat is how many times each engine decodes each image; the fastest
	// time counts, since load from other processes only ever adds to it.
	// Zero means DefaultRepeat.
	Repeat int
}

// DefaultRepeat is how many times each image is decoded by each engine.
const DefaultRepeat = 3

// Read is one code an engine found.
type Read struct {
	Format string
	Text   string
}

// Outcome is what one engine did with one image.
type Outcome struct {
	Ran     bool
	Reads   []Read
	Found   int           // expected texts among the reads
	Wrong   []Read        // reads that are none of the expected texts
	Elapsed time.Duration // for ZXingReader, less its start-up
	// CPU is the processor time of the call, all threads, for ZXingReader
	// less its start-up; it is the figure to compare on a loaded machine.
	// HasCPU is false where the system cannot measure it.
	CPU    time.Duration
	HasCPU bool
	Err    string // the image could not be decoded at all
}

// Decoded reports whether the engine read anything.
func (o Outcome) Decoded() bool { return len(o.Reads) > 0 }

// Row is one image and both engines' outcomes.
type Row struct {
	Image
	Ours, ZXing Outcome
}

// Correct reports whether o read every text the image holds.
func (r Row) Correct(o Outcome) bool { return len(r.Want) > 0 && o.Found == len(r.Want) }

// Tally sums one engine's outcomes over a group of images.
type Tally struct {
	Decoded, Correct, Misread int
	Failed                    int // calls that errored (unreadable file, crash)
	Median, P95               time.Duration
	// CPUMedian is the median CPU time over the images that have one;
	// HasCPU says whether any has.
	CPUMedian time.Duration
	HasCPU    bool
}

// Group is one format's images, or GroupNegative, or "all".
type Group struct {
	Name        string
	Images      int
	Ours, ZXing Tally
}

// ZXingRun describes the peer's part of the run.
type ZXingRun struct {
	Path    string
	Formats string
	Missing string        // why the peer did not run; empty when it did
	Startup time.Duration // fastest wall time of a call on a blank image
	// StartupCPU is the least CPU time of a call on a blank image.
	StartupCPU time.Duration
	// BatchImages were timed in one call (every image the peer opened
	// without error); BatchMean is that call's time divided by them.
	BatchImages int
	BatchMean   time.Duration
	BatchErr    string
}

// Result is a whole run.
type Result struct {
	Dir    string
	Repeat int // decodes of each image by each engine; the fastest counts
	Rows   []Row
	Groups []Group
	ZXing  ZXingRun
}

// Run decodes every corpus image (or opt.Files) in corpusDir with
// barcode.DecodeFile and with ZXingReader, and prints the comparison to w.
func Run(ctx context.Context, corpusDir string, w io.Writer, opt Options) (*Result, error) {
	images, err := LoadManifest(corpusDir)
	if err != nil {
		return nil, err
	}
	images, err = selectImages(images, opt.Files)
	if err != nil {
		return nil, err
	}
	if opt.Formats == nil {
		opt.Formats = barcode.AllFormats
	}
	if opt.Repeat <= 0 {
		opt.Repeat = DefaultRepeat
	}
	res := &Result{Dir: corpusDir, Repeat: opt.Repeat, Rows: make([]Row, len(images))}
	for i, img := range images {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Rows[i] = Row{Image: img, Ours: runOurs(filepath.Join(corpusDir, img.File), img, opt)}
	}
	if err := runPeer(ctx, res, opt); err != nil {
		return nil, err
	}
	res.Groups = summarise(res.Rows)
	if err := Print(w, res); err != nil {
		return nil, fmt.Errorf("print benchmark: %w", err)
	}
	return res, nil
}

func selectImages(all []Image, files []string) ([]Image, error) {
	if files == nil {
		return all, nil
	}
	var out []Image
	for _, f := range files {
		i := slices.IndexFunc(all, func(img Image) bool { return img.File == f })
		if i < 0 {
			return nil, fmt.Errorf("%s is not in the corpus manifest", f)
		}
		out = append(out, all[i])
	}
	return out, nil
}

// runOurs decodes one image as the app would, timing the whole call
// including reading the file, as ZXingReader's time includes it too.
func runOurs(path string, img Image, opt Options) Outcome {
	var o Outcome
	for i := 0; i < opt.Repeat; i++ {
		cpu0, hasCPU := processCPU()
		start := time.Now()
		reads, err := barcode.DecodeFile(path, barcode.DecodeOptions{Formats: opt.Formats, Parse: opt.Parse})
		el := time.Since(start)
		cpu1, _ := processCPU()
		if i > 0 {
			o.Elapsed, o.CPU = min(o.Elapsed, el), min(o.CPU, cpu1-cpu0)
			continue
		}
		o = Outcome{Ran: true, Elapsed: el, CPU: cpu1 - cpu0, HasCPU: hasCPU}
		if err != nil {
			o.Err = err.Error()
			return o
		}
		for _, r := range reads {
			o.Reads = append(o.Reads, Read{Format: string(r.Format), Text: r.Text})
		}
	}
	return judge(o, img)
}

// runPeer runs ZXingReader on every row, unless it is missing or turned
// off, which is noted in the result rather than failing the run.
func runPeer(ctx context.Context, res *Result, opt Options) error {
	if opt.NoZXing {
		res.ZXing.Missing = "turned off"
		return nil
	}
	name := opt.ZXingReader
	if name == "" {
		name = "ZXingReader"
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	z, err := newZXing(ctx, name, opt.Formats, timeout)
	if err != nil {
		res.ZXing.Missing = err.Error()
		return nil
	}
	defer z.close()
	res.ZXing = ZXingRun{Path: z.path, Formats: z.formats, Startup: z.startup, StartupCPU: z.startupCPU}
	var opened []string
	for i := range res.Rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		row := &res.Rows[i]
		path := filepath.Join(res.Dir, row.File)
		o := z.readRepeat(ctx, path, opt.Repeat)
		if o.Err == "" {
			opened = append(opened, path)
			o = judge(o, row.Image)
		}
		row.ZXing = o
	}
	total, err := z.batch(ctx, opened)
	if err != nil {
		res.ZXing.BatchErr = err.Error()
	} else if len(opened) > 0 {
		res.ZXing.BatchImages, res.ZXing.BatchMean = len(opened), total/time.Duration(len(opened))
	}
	return nil
}

// judge counts which reads are expected and which are wrong.
func judge(o Outcome, img Image) Outcome {
	found := map[string]bool{}
	for _, r := range o.Reads {
		i := slices.IndexFunc(img.Want, func(w string) bool { return sameCode(w, r.Text) })
		if i < 0 {
			o.Wrong = append(o.Wrong, r)
			continue
		}
		found[img.Want[i]] = true
	}
	o.Found = len(found)
	return o
}

// sameCode compares an expected and a read text. EAN/UPC numbers are
// compared as GTINs, since a UPC-A is an EAN-13 with a leading zero that
// either engine may report in either form, and without a 2- or 5-digit
// add-on (ZXing-C++ appends one after a space; the corpus text has none).
func sameCode(want, got string) bool {
	if want == got {
		return true
	}
	if main, addon, ok := strings.Cut(got, " "); ok && len(addon) <= 5 && barcode.ValidGTIN(main) {
		got = main
	}
	a, b := barcode.GTIN14(want), barcode.GTIN14(got)
	return a != "" && a == b
}

// summarise tallies rows by group, in a fixed order, then all together.
func summarise(rows []Row) []Group {
	byName := map[string][]Row{}
	var names []string
	for _, r := range rows {
		if _, ok := byName[r.Group]; !ok {
			names = append(names, r.Group)
		}
		byName[r.Group] = append(byName[r.Group], r)
	}
	slices.SortFunc(names, func(a, b string) int { return groupOrder(a) - groupOrder(b) })
	var groups []Group
	for _, n := range names {
		groups = append(groups, tallyGroup(n, byName[n]))
		if n == "DATA_MATRIX" && slices.ContainsFunc(byName[n], func(r Row) bool { return r.Photo }) {
			// What a care worker's camera sees, apart from the codes
			// programs drew: the figure the decoder is tuned for.
			photos := slices.DeleteFunc(slices.Clone(byName[n]), func(r Row) bool { return !r.Photo })
			groups = append(groups, tallyGroup(GroupDataMatrixPhotos, photos))
		}
	}
	return append(groups, tallyGroup("all", rows))
}

// GroupDataMatrixPhotos is the DataMatrix photographs, a part of the
// DATA_MATRIX group, shown on their own row.
const GroupDataMatrixPhotos = "DM photos"

func groupOrder(name string) int {
	switch name {
	case "DATA_MATRIX":
		return 0
	case "EAN_13":
		return 1
	case "CODE_128":
		return 2
	case GroupNegative:
		return 9
	}
	return 5
}

func tallyGroup(name string, rows []Row) Group {
	g := Group{Name: name, Images: len(rows)}
	g.Ours = tally(rows, func(r Row) Outcome { return r.Ours })
	g.ZXing = tally(rows, func(r Row) Outcome { return r.ZXing })
	return g
}

func tally(rows []Row, pick func(Row) Outcome) Tally {
	var t Tally
	var times, cpu []time.Duration
	for _, r := range rows {
		o := pick(r)
		if !o.Ran {
			continue
		}
		if o.Err != "" {
			t.Failed++
			continue
		}
		times = append(times, o.Elapsed)
		if o.HasCPU {
			cpu = append(cpu, o.CPU)
		}
		if o.Decoded() {
			t.Decoded++
		}
		if r.Correct(o) {
			t.Correct++
		}
		if len(o.Wrong) > 0 {
			t.Misread++
		}
	}
	t.Median, t.P95 = percentile(times, 50), percentile(times, 95)
	t.CPUMedian, t.HasCPU = percentile(cpu, 50), len(cpu) > 0
	return t
}

// percentile is the nearest-rank p-th percentile.
func percentile(ts []time.Duration, p int) time.Duration {
	if len(ts) == 0 {
		return 0
	}
	s := slices.Clone(ts)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(0, min(i, len(s)-1))]
}

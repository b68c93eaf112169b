package scanbench

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Print writes the comparison table and the list of misreads, false
// positives, multi-symbol results and peer failures.
func Print(w io.Writer, res *Result) error {
	p := &printer{w: w}
	p.header(res)
	p.table(res)
	p.misreads(res)
	p.multi(res)
	p.peerNotes(res)
	return p.err
}

// printer remembers the first write error so each line need not check.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) header(res *Result) {
	p.f("Barcode corpus: %d images in %s\n", len(res.Rows), res.Dir)
	p.f("medround: barcode.DecodeFile in this process; time per image includes reading the file.\n")
	p.f("Each engine decodes each image %d times and the fastest time counts: load from other processes only adds.\n", res.Repeat)
	z := res.ZXing
	if z.Missing != "" {
		p.f("ZXing-C++: not run: %s\n", z.Missing)
		p.f("  install it with: %s\n\n", ZXingInstall)
		return
	}
	p.f("ZXing-C++: %s -1 -format %s, one process per image.\n", z.Path, z.Formats)
	p.f("  time per image = the call's wall (and CPU) time less its start-up: the fastest of as many calls on an\n")
	p.f("  8x8 blank PNG made just before, under the same load (fastest of %d at the start: %.1f ms wall, %.1f ms CPU),\n", calibrationRuns, ms(z.Startup), ms(z.StartupCPU))
	p.f("  so it counts loading and decoding the image, as ours does, and not process start-up.\n\n")
}

func (p *printer) table(res *Result) {
	tw := tabwriter.NewWriter(p.w, 0, 0, 1, ' ', tabwriter.AlignRight)
	peer := res.ZXing.Missing == ""
	row := func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t") }
	top := []string{"", "", "|", "ours", "", "", "", "", "", "|"}
	head := []string{"format", "images", "|", "decoded", "correct", "misread", "median ms", "p95 ms", "cpu ms", "|"}
	if peer {
		top = append(top, "zxing-cpp", "", "", "", "", "", "", "|", "time", "cpu", "correct")
		head = append(head, "decoded", "correct", "misread", "failed", "median ms", "p95 ms", "cpu ms", "|", "ours/zxing", "ours/zxing", "ours-zxing")
	}
	row(top...)
	row(head...)
	for _, g := range res.Groups {
		o := g.Ours
		cells := []string{g.Name, fmt.Sprint(g.Images), "|", fmt.Sprint(o.Decoded), correct(g, o), fmt.Sprint(o.Misread), msText(o.Median), msText(o.P95), cpuText(o), "|"}
		if peer {
			z := g.ZXing
			cells = append(cells, fmt.Sprint(z.Decoded), correct(g, z), fmt.Sprint(z.Misread), fmt.Sprint(z.Failed), msText(z.Median), msText(z.P95), cpuText(z),
				"|", ratio(o.Median, z.Median), cpuRatio(o, z), diff(g))
		}
		row(cells...)
	}
	if err := tw.Flush(); err != nil && p.err == nil {
		p.err = err
	}
	p.f("negative: 'decoded' and 'misread' count images with any read, i.e. false positives.\n")
	p.f("failed: the engine could not process the image (not counted in the other columns).\n")
	p.f("cpu ms: median processor time per image (all threads; ZXing-C++ less its start-up), which load from other processes does not inflate.\n\n")
}

func cpuText(t Tally) string {
	if !t.HasCPU {
		return "-"
	}
	return msText(t.CPUMedian)
}

func cpuRatio(a, b Tally) string {
	if !a.HasCPU || !b.HasCPU {
		return "-"
	}
	return ratio(a.CPUMedian, b.CPUMedian)
}

func msText(d time.Duration) string { return fmt.Sprintf("%.1f", ms(d)) }

func correct(g Group, t Tally) string {
	if g.Name == GroupNegative {
		return "-"
	}
	return fmt.Sprint(t.Correct)
}

func diff(g Group) string {
	if g.Name == GroupNegative {
		return "-"
	}
	return fmt.Sprintf("%+d", g.Ours.Correct-g.ZXing.Correct)
}

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1fx", float64(a)/float64(b))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// misreads lists every wrong read: on a positive image a misread, on a
// negative a false positive.
func (p *printer) misreads(res *Result) {
	var lines []string
	for _, r := range res.Rows {
		for _, e := range []struct {
			name string
			o    Outcome
		}{{"ours", r.Ours}, {"zxing-cpp", r.ZXing}} {
			for _, wr := range e.o.Wrong {
				kind := "misread"
				if r.Group == GroupNegative {
					kind = "false positive"
				}
				lines = append(lines, fmt.Sprintf("  %-9s %-14s %s: %s %s%s\n", e.name, kind, r.File, wr.Format, quote(wr.Text), expected(r.Image)))
			}
		}
	}
	p.f("Wrong reads (target 0): %d\n", len(lines))
	for _, l := range lines {
		p.f("%s", l)
	}
	p.f("\n")
}

func expected(img Image) string {
	if len(img.Want) == 0 {
		return ""
	}
	q := make([]string, len(img.Want))
	for i, w := range img.Want {
		q[i] = quote(w)
	}
	return ", expected " + strings.Join(q, " and ")
}

// quote shows a read short and with control characters escaped.
func quote(s string) string {
	const max = 48
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func (p *printer) multi(res *Result) {
	for _, r := range res.Rows {
		if r.Expect != ExpectMulti {
			continue
		}
		p.f("decode-multi %s: ours found %d of %d", r.File, r.Ours.Found, len(r.Want))
		if r.ZXing.Ran {
			p.f(", zxing-cpp %d of %d", r.ZXing.Found, len(r.Want))
		}
		p.f(" (expected %s)\n", strings.Join(quoteAll(r.Want), ", "))
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = quote(s)
	}
	return out
}

// peerNotes says which images either engine could not process, and the
// batch cross-check of ZXing-C++'s time.
func (p *printer) peerNotes(res *Result) {
	for _, e := range []struct {
		name string
		pick func(Row) Outcome
	}{{"ours", func(r Row) Outcome { return r.Ours }}, {"zxing-cpp", func(r Row) Outcome { return r.ZXing }}} {
		counts := map[string][]string{}
		for _, r := range res.Rows {
			if o := e.pick(r); o.Err != "" {
				counts[o.Err] = append(counts[o.Err], r.File)
			}
		}
		reasons := make([]string, 0, len(counts))
		for k := range counts {
			reasons = append(reasons, k)
		}
		sort.Strings(reasons)
		for _, k := range reasons {
			p.f("%s could not process %d image(s): %s: %s\n", e.name, len(counts[k]), k, strings.Join(counts[k], " "))
		}
	}
	z := res.ZXing
	switch {
	case z.Missing != "":
	case z.BatchErr != "":
		p.f("ZXing-C++ batch cross-check failed: %s\n", z.BatchErr)
	case z.BatchImages > 0:
		p.f("ZXing-C++ batch cross-check: one call over the %d images it opened took %.1f ms per image, start-up paid once.\n", z.BatchImages, ms(z.BatchMean))
	}
}

package scanbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"medround/internal/barcode"
)

// ZXingInstall is how to get the peer on Debian or Ubuntu.
const ZXingInstall = "apt-get install -y zxing-cpp-tools"

// zxingFormats names each of the decoder's formats as ZXingReader's
// -format flag and its output do.
var zxingFormats = map[barcode.Format]string{
	barcode.FormatDataMatrix: "DataMatrix", barcode.FormatQR: "QRCode",
	barcode.FormatEAN13: "EAN-13", barcode.FormatEAN8: "EAN-8",
	barcode.FormatUPCA: "UPC-A", barcode.FormatUPCE: "UPC-E",
	barcode.FormatCode128: "Code128",
}

// calibrationRuns is how many calls on a blank image give the start-up
// time: the fastest of seven, as each image's time is its fastest call.
const calibrationRuns = 7

// zxing runs the ZXingReader program.
type zxing struct {
	path    string
	formats string
	timeout time.Duration
	startup time.Duration
	// startupCPU is the least CPU time of a call on a blank image.
	startupCPU time.Duration
	blank      string // the blank image, in dir
	dir        string
}

// newZXing finds the program and measures its start-up time.
func newZXing(ctx context.Context, name string, formats []barcode.Format, timeout time.Duration) (*zxing, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Errorf("%s not found (install it with: %s): %w", name, ZXingInstall, err)
	}
	var names []string
	for _, f := range formats {
		if n, ok := zxingFormats[f]; ok {
			names = append(names, n)
		}
	}
	z := &zxing{path: path, formats: strings.Join(names, ","), timeout: timeout}
	if err := z.calibrate(ctx); err != nil {
		return nil, err
	}
	return z, nil
}

// calibrate times ZXingReader on an 8x8 white PNG, where decoding costs
// next to nothing, so what remains is process start-up and image loading.
// The blank image is kept for readRepeat until close.
func (z *zxing) calibrate(ctx context.Context) error {
	dir, err := os.MkdirTemp("", "scanbench-")
	if err != nil {
		return fmt.Errorf("zxing calibration: %w", err)
	}
	z.dir, z.blank = dir, filepath.Join(dir, "blank.png")
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		z.close()
		return fmt.Errorf("zxing calibration: %w", err)
	}
	if err := os.WriteFile(z.blank, buf.Bytes(), 0o600); err != nil {
		z.close()
		return fmt.Errorf("zxing calibration: %w", err)
	}
	times := make([]time.Duration, 0, calibrationRuns)
	cpu := make([]time.Duration, 0, calibrationRuns)
	for i := 0; i < calibrationRuns; i++ {
		o := z.read(ctx, z.blank)
		if o.Err != "" {
			z.close()
			return fmt.Errorf("zxing calibration run: %s", o.Err)
		}
		times, cpu = append(times, o.Elapsed), append(cpu, o.CPU)
	}
	z.startup, z.startupCPU = slices.Min(times), slices.Min(cpu)
	return nil
}

// close removes the blank image.
func (z *zxing) close() {
	if z.dir != "" {
		os.RemoveAll(z.dir)
	}
}

// readRepeat runs read n times and keeps the fastest time, less its
// start-up: before each call on the file it calls on the blank image, and
// takes the fastest of those, so both are measured under the same load
// from other processes (which inflates CPU time too, through shared
// caches). It stops at the first failure.
func (z *zxing) readRepeat(ctx context.Context, file string, n int) Outcome {
	var o, blank Outcome
	for i := 0; i < n; i++ {
		b := z.read(ctx, z.blank)
		again := z.read(ctx, file)
		if again.Err != "" {
			return again
		}
		if i == 0 {
			o, blank = again, b
			continue
		}
		o.Elapsed, o.CPU = min(o.Elapsed, again.Elapsed), min(o.CPU, again.CPU)
		if b.Err == "" {
			blank.Elapsed, blank.CPU = min(blank.Elapsed, b.Elapsed), min(blank.CPU, b.CPU)
		}
	}
	startup, startupCPU := z.startup, z.startupCPU
	if blank.Err == "" && blank.Ran {
		startup, startupCPU = blank.Elapsed, blank.CPU
	}
	o.Elapsed, o.CPU = max(0, o.Elapsed-startup), max(0, o.CPU-startupCPU)
	return o
}

// read runs ZXingReader on one file. Elapsed is the call's wall time; the
// caller subtracts start-up.
func (z *zxing) read(ctx context.Context, file string) Outcome {
	ctx, cancel := context.WithTimeout(ctx, z.timeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, z.path, "-1", "-format", z.formats, file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	o := Outcome{Ran: true, Elapsed: time.Since(start)}
	if ps := cmd.ProcessState; ps != nil {
		o.CPU, o.HasCPU = ps.UserTime()+ps.SystemTime(), true
	}
	if err != nil {
		o.Err = zxingError(err, stderr.String())
		return o
	}
	o.Reads = parseZXing(stdout.String(), file)
	return o
}

// zxingError words a failed call: the program aborts on some images (an
// assertion in ZXing-C++ 1.4) and cannot open WebP.
func zxingError(err error, stderr string) string {
	msg := strings.TrimSpace(stderr)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	var exit *exec.ExitError
	switch {
	case strings.Contains(msg, "Failed to read image"):
		return "cannot open image"
	case errors.As(err, &exit) && exit.ProcessState != nil && !exit.Exited():
		return "crashed: " + msg
	case msg != "":
		return msg
	}
	return err.Error()
}

// batch times one ZXingReader call over files, for the mean per image with
// start-up paid once.
func (z *zxing) batch(ctx context.Context, files []string) (time.Duration, error) {
	if len(files) == 0 {
		return 0, nil
	}
	ctx, cancel := context.WithTimeout(ctx, z.timeout*time.Duration(len(files)))
	defer cancel()
	args := append([]string{"-1", "-format", z.formats}, files...)
	start := time.Now()
	if out, err := exec.CommandContext(ctx, z.path, args...).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("zxing batch run: %v: %s", err, firstLine(string(out)))
	}
	return time.Since(start), nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// parseZXing reads ZXingReader -1 output: one line per symbol, `FILE
// FORMAT "TEXT"`, or `FILE None`.
func parseZXing(out, file string) []Read {
	var reads []Read
	for _, line := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(line, file+" ")
		if !ok {
			continue
		}
		format, text, ok := strings.Cut(rest, " ")
		if !ok || format == "" || len(text) < 2 || text[0] != '"' || text[len(text)-1] != '"' {
			continue
		}
		reads = append(reads, Read{Format: fromZXingFormat(format), Text: unescapeZXing(text[1 : len(text)-1])})
	}
	return reads
}

func fromZXingFormat(name string) string {
	for f, n := range zxingFormats {
		if n == name {
			return string(f)
		}
	}
	return name
}

// asciiControls are the names ZXingReader's -escape writes in angle
// brackets for control characters 0-31 and 127.
var asciiControls = []string{"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"}

// unescapeZXing turns <GS>, <EOT>, <DEL> and <U+XXXX> back into the
// characters they stand for.
func unescapeZXing(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		j := strings.IndexByte(s[max(i, 0):], '>')
		if i < 0 || j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		if r, ok := controlRune(name); ok {
			b.WriteRune(r)
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	return b.String()
}

func controlRune(name string) (rune, bool) {
	if name == "DEL" {
		return 0x7F, true
	}
	if i := slices.Index(asciiControls, name); i >= 0 {
		return rune(i), true
	}
	if hex, ok := strings.CutPrefix(name, "U+"); ok {
		if v, err := strconv.ParseUint(hex, 16, 32); err == nil {
			return rune(v), true
		}
	}
	return 0, false
}

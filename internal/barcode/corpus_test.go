package barcode

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"medround/internal/corpustest"
)

// needCorpus returns a part of the shared corpus; a missing corpus fails
// the test (corpustest says how a run without it is marked).
func needCorpus(t testing.TB, sub string) string {
	t.Helper()
	return corpustest.Dir(t, sub)
}

// tsvRow is one data row of a corpus TSV, addressed by header name.
type tsvRow struct {
	line int
	cols map[string]string
}

func (r tsvRow) get(name string) string { return r.cols[name] }

// readTSV reads every data row of a TSV whose first line is its header.
func readTSV(t testing.TB, path string) []tsvRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var rows []tsvRow
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if header == nil {
			header = fields
			continue
		}
		row := tsvRow{line: n, cols: map[string]string{}}
		for i, h := range header {
			if i < len(fields) {
				row.cols[h] = fields[i]
			}
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s has no rows", path)
	}
	return rows
}

// unescape decodes the corpus notation: \xNN is a byte, \\ a backslash.
func unescape(t testing.TB, s string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '\\':
			b.WriteByte('\\')
			i++
		case 'x':
			v, err := strconv.ParseUint(s[i+2:i+4], 16, 8)
			if err != nil {
				t.Fatalf("bad escape in %q", s)
			}
			b.WriteByte(byte(v))
			i += 3
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

package store_test

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// bbolt's meta pages are pages 0 and 1: a 16-byte page header, then the
// meta (magic u32, version u32, page size u32, ..., txid u64 at 48,
// checksum u64 at 56), in the machine's byte order.
const (
	metaHeader   = 16
	metaLen      = 64
	metaPageSize = metaHeader + 8 // offset of the page size field
	metaTxid     = metaHeader + 48
)

// crashCopy is the file as the disk holds it the moment Append returned:
// the store is not closed, so no later commit has touched it.
func crashCopy(t *testing.T) ([]byte, mar.Event) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "medround.db")
	st := storetest.OpenAt(t, path)
	storetest.WithChart(t, st)
	e := given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Now())
	if err := st.Append(e); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b, e
}

// metaPages returns the offsets of the newer and the older meta page.
func metaPages(b []byte) (newer, older int) {
	ne := binary.NativeEndian
	ps := int(ne.Uint32(b[metaPageSize:]))
	if ne.Uint64(b[ps+metaTxid:]) > ne.Uint64(b[metaTxid:]) {
		return ps, 0
	}
	return 0, ps
}

// TestLastRecordSurvivesADamagedMetaPage flips, one at a time, every bit of
// each meta page's header and meta of a file copied straight after an
// Append (a crash before Close), and reopens it. The acknowledged record
// must be there, or the file refused as damaged: never silently missing,
// which is what bbolt alone does when the newer meta page is the damaged
// one and it falls back to the older, from before the record.
func TestLastRecordSurvivesADamagedMetaPage(t *testing.T) {
	crashed, e := crashCopy(t)
	newer, older := metaPages(crashed)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		page int
	}{
		{"newer meta page damaged", newer},
		{"older meta page damaged", older},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var kept, refused, lost int
			for bit := range (metaHeader + metaLen) * 8 {
				b := append([]byte(nil), crashed...)
				b[tc.page+bit/8] ^= 1 << (bit % 8)
				path := filepath.Join(dir, "flipped.db")
				if err := os.WriteFile(path, b, 0o600); err != nil {
					t.Fatal(err)
				}
				switch found, err := hasEvent(path, e); {
				case errors.Is(err, store.ErrDamaged):
					refused++
				case err != nil:
					t.Fatalf("bit %d: %v, want the record or ErrDamaged", bit, err)
				case found:
					kept++
				default:
					lost++
				}
			}
			t.Logf("%d flips: record kept %d, file refused %d, record lost %d", kept+refused+lost, kept, refused, lost)
			if lost > 0 {
				t.Errorf("%d of %d single-bit flips opened the file without the acknowledged record", lost, kept+refused+lost)
			}
		})
	}
}

// hasEvent opens path read-only, so that nothing is committed, and reports
// whether e is stored.
func hasEvent(path string, e mar.Event) (bool, error) {
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return false, err
	}
	defer st.Close()
	if problems := st.Check(); len(problems) > 0 {
		return false, errors.Join(problems...)
	}
	_, err = st.Event(e.ID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// TestAppendLeavesBothMetaPagesAgreeing checks the mechanism the test above
// relies on: straight after Append, with no Close, both meta pages name the
// same transaction.
func TestAppendLeavesBothMetaPagesAgreeing(t *testing.T) {
	b, _ := crashCopy(t)
	newer, older := metaPages(b)
	ne := binary.NativeEndian
	if n, o := ne.Uint64(b[newer+metaTxid:]), ne.Uint64(b[older+metaTxid:]); n != o {
		t.Errorf("meta pages name transactions %d and %d after Append, want the same", n, o)
	}
}

package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestEchoedMetaIsWhatBboltReads opens, with bbolt alone, a file whose
// older meta page was overwritten by echoMeta and then damaged the newer:
// bbolt must find the same transaction through the copy.
func TestEchoedMetaIsWhatBboltReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "medround.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.update(func(*bolt.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := newestMeta(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	newer := int(m.txid%2) * int(m.pageSize)
	b[newer+pageHeaderSize+metaChecksumOffset] ^= 0xff
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(copyPath, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		if got := uint64(tx.ID()); got != m.txid {
			t.Errorf("bbolt reads transaction %d through the copy, want %d", got, m.txid)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
)

// This file walks bbolt's page tree itself, with every offset bounds-checked,
// before bbolt is trusted with the file. bbolt follows page pointers straight
// into its memory map: a damaged pointer can fault, panic in a goroutine we
// cannot recover (tx.Check runs in its own), or, pointing back up the tree,
// recurse until the stack overflows, which no recover catches. The layout
// below is bbolt's on-disk format (go.etcd.io/bbolt/internal/common), which
// it keeps stable across releases for compatibility.

const (
	boltMagic          = 0xED0CDAED
	boltVersion        = 2
	pageHeaderSize     = 16 // id u64, flags u16, count u16, overflow u32
	elemSize           = 16 // branch: pos, ksize u32, pgid u64; leaf: flags, pos, ksize, vsize u32
	metaSize           = 64
	metaChecksumOffset = 56
	inBucketSize       = 16 // root pgid u64, sequence u64
	noFreelist         = ^uint64(0)

	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagMeta     = 0x04
	flagFreelist = 0x10
	flagBucket   = 0x01 // leaf element holds a bucket
)

// bbolt writes integers in the machine's order.
var ne = binary.NativeEndian

type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	hwm      uint64 // pages in use: the high water mark
	txid     uint64
}

// readMeta reads and validates the meta page at off.
func readMeta(r io.ReaderAt, off int64) (boltMeta, error) {
	b := make([]byte, pageHeaderSize+metaSize)
	if _, err := r.ReadAt(b, off); err != nil {
		return boltMeta{}, fmt.Errorf("read meta page: %w", err)
	}
	if ne.Uint16(b[8:10]) != flagMeta {
		return boltMeta{}, errors.New("meta page has the wrong type")
	}
	m := b[pageHeaderSize:]
	h := fnv.New64a()
	h.Write(m[:metaChecksumOffset])
	switch {
	case ne.Uint32(m[0:4]) != boltMagic:
		return boltMeta{}, errors.New("not a bbolt file")
	case ne.Uint32(m[4:8]) != boltVersion:
		return boltMeta{}, errors.New("unknown bbolt file version")
	case ne.Uint64(m[metaChecksumOffset:]) != h.Sum64():
		return boltMeta{}, errors.New("meta page checksum mismatch")
	}
	meta := boltMeta{
		pageSize: ne.Uint32(m[8:12]), root: ne.Uint64(m[16:24]),
		freelist: ne.Uint64(m[32:40]), hwm: ne.Uint64(m[40:48]), txid: ne.Uint64(m[48:56]),
	}
	ps := meta.pageSize
	if ps < 512 || ps > 1<<20 || ps&(ps-1) != 0 {
		return boltMeta{}, fmt.Errorf("implausible page size %d", ps)
	}
	if meta.root < 2 || meta.root >= meta.hwm || (meta.freelist != noFreelist && (meta.freelist < 2 || meta.freelist >= meta.hwm)) {
		return boltMeta{}, errors.New("meta page points outside the file")
	}
	return meta, nil
}

// newestMeta picks the meta page bbolt will use: the valid one with the
// highest transaction ID.
func newestMeta(r io.ReaderAt) (boltMeta, error) {
	m0, err0 := readMeta(r, 0)
	var m1 boltMeta
	err1 := errors.New("no second meta page")
	if err0 == nil {
		m1, err1 = readMeta(r, int64(m0.pageSize))
	} else {
		for ps := int64(512); ps <= 1<<16 && err1 != nil; ps *= 2 {
			m1, err1 = readMeta(r, ps)
			if err1 == nil && int64(m1.pageSize) != ps {
				err1 = errors.New("second meta page at the wrong offset")
			}
		}
	}
	switch {
	case err0 != nil && err1 != nil:
		return boltMeta{}, fmt.Errorf("both meta pages are bad: %v; %v", err0, err1)
	case err0 != nil:
		return m1, nil
	case err1 != nil || m0.txid > m1.txid:
		return m0, nil
	}
	return m1, nil
}

// visitFunc sees every key and value of a top-level bucket.
type visitFunc func(bucket, key, value []byte) error

// fileWalk checks the page tree of a bbolt file.
type fileWalk struct {
	r     io.ReaderAt
	meta  boltMeta
	used  []byte // per page: 0 unseen, 1 reachable, 2 free
	visit visitFunc
	// spare holds one-page buffers whose page the walk has finished with:
	// nothing keeps a slice of a page once its subtree is walked (the last
	// key seen is copied), so a year's walk reuses a few buffers instead
	// of allocating one for each of 50,000 pages.
	spare [][]byte
}

func (w *fileWalk) buffer() []byte {
	if n := len(w.spare); n > 0 {
		b := w.spare[n-1]
		w.spare = w.spare[:n-1]
		return b
	}
	return make([]byte, w.meta.pageSize)
}

// release returns a page's buffer once nothing refers to it.
func (w *fileWalk) release(p []byte) {
	if len(p) == int(w.meta.pageSize) {
		w.spare = append(w.spare, p)
	}
}

// walkFile proves that every page of the file is reachable exactly once or
// free, that every page and element lies inside the file, that keys are in
// order, and calls visit for every key and value in every top-level bucket.
func walkFile(r io.ReaderAt, size int64, visit visitFunc) (txid uint64, err error) {
	meta, err := newestMeta(r)
	if err != nil {
		return 0, err
	}
	return meta.txid, walkTree(r, size, meta, visit)
}

func walkTree(r io.ReaderAt, size int64, meta boltMeta, visit visitFunc) error {
	if uint64(size)/uint64(meta.pageSize) < meta.hwm {
		return fmt.Errorf("file is %d bytes, shorter than its %d pages: truncated", size, meta.hwm)
	}
	if meta.hwm > 1<<32 {
		return fmt.Errorf("implausible page count %d", meta.hwm)
	}
	// Both meta page headers must be sound even though bbolt can do with one
	// meta: tx.Check asserts them, in a goroutine where a panic is fatal. A
	// torn write cannot spoil them: every commit writes the same header.
	for id := range int64(2) {
		head := make([]byte, pageHeaderSize)
		if _, err := r.ReadAt(head, id*int64(meta.pageSize)); err != nil {
			return fmt.Errorf("read meta page %d: %w", id, err)
		}
		if ne.Uint64(head[0:8]) != uint64(id) || ne.Uint16(head[8:10]) != flagMeta {
			return fmt.Errorf("meta page %d header damaged", id)
		}
	}
	w := &fileWalk{r: r, meta: meta, used: make([]byte, meta.hwm), visit: visit}
	w.used[0], w.used[1] = 1, 1
	if err := w.freelist(); err != nil {
		return err
	}
	if err := w.bucket(nil, meta.root, nil, 0); err != nil {
		return err
	}
	for id, u := range w.used {
		if u == 0 {
			return fmt.Errorf("page %d is neither reachable nor free", id)
		}
	}
	return nil
}

// page reads page id and its overflow pages, marking them reachable. The
// first page is read whole in one call (most pages have no overflow), so the
// walk makes one read per page, not one for the header and one for the rest.
func (w *fileWalk) page(id uint64, mark byte) ([]byte, error) {
	if id < 2 || id >= w.meta.hwm {
		return nil, fmt.Errorf("page %d outside the file", id)
	}
	ps := int64(w.meta.pageSize)
	first := w.buffer()
	if _, err := w.r.ReadAt(first, int64(id)*ps); err != nil {
		return nil, fmt.Errorf("read page %d: %w", id, err)
	}
	if got := ne.Uint64(first[0:8]); got != id {
		return nil, fmt.Errorf("page %d says it is page %d", id, got)
	}
	n := uint64(ne.Uint32(first[12:16])) + 1
	if id+n > w.meta.hwm {
		return nil, fmt.Errorf("page %d overflows the file", id)
	}
	for p := id; p < id+n; p++ {
		if w.used[p] != 0 {
			return nil, fmt.Errorf("page %d referenced twice", p)
		}
		w.used[p] = mark
	}
	if n == 1 {
		return first, nil
	}
	buf := make([]byte, int64(n)*ps)
	copy(buf, first)
	w.release(first)
	if _, err := w.r.ReadAt(buf[ps:], int64(id+1)*ps); err != nil {
		return nil, fmt.Errorf("read page %d: %w", id, err)
	}
	return buf, nil
}

func (w *fileWalk) freelist() error {
	if w.meta.freelist == noFreelist {
		return errors.New("no freelist: this build always keeps one")
	}
	p, err := w.page(w.meta.freelist, 1)
	if err != nil {
		return fmt.Errorf("freelist: %w", err)
	}
	if ne.Uint16(p[8:10]) != flagFreelist {
		return errors.New("freelist page has the wrong type")
	}
	start, count := pageHeaderSize, uint64(ne.Uint16(p[10:12]))
	if count == 0xFFFF {
		count = ne.Uint64(p[pageHeaderSize:])
		start += 8
	}
	if count > uint64(len(p)-start)/8 {
		return fmt.Errorf("freelist claims %d pages, more than fit", count)
	}
	for i := range count {
		id := ne.Uint64(p[start+int(i)*8:])
		if id < 2 || id >= w.meta.hwm || w.used[id] != 0 {
			return fmt.Errorf("freelist names page %d twice or outside the file", id)
		}
		w.used[id] = 2
	}
	return nil
}

// bucket walks the tree rooted at page root (or the inline page) of the
// bucket at path (nil for the root bucket).
func (w *fileWalk) bucket(path []byte, root uint64, inline []byte, depth int) error {
	var last []byte
	if inline != nil {
		return w.nodes(path, inline, bounds{}, &last, depth)
	}
	return w.tree(path, root, bounds{}, &last, depth)
}

// bounds are the keys a subtree may hold: lo <= key < hi (nil: no bound).
// bbolt's search sends a key to the last branch element whose key is not
// above it, so a key outside its subtree's bounds could never be found.
type bounds struct{ lo, hi []byte }

func (b bounds) holds(key []byte) bool {
	return (b.lo == nil || bytes.Compare(key, b.lo) >= 0) && (b.hi == nil || bytes.Compare(key, b.hi) < 0)
}

func (w *fileWalk) tree(path []byte, id uint64, b bounds, last *[]byte, depth int) error {
	if depth > 64 {
		return errors.New("page tree too deep")
	}
	p, err := w.page(id, 1)
	if err != nil {
		return err
	}
	err = w.nodes(path, p, b, last, depth)
	w.release(p)
	return err
}

// nodes checks one branch or leaf page held in p.
func (w *fileWalk) nodes(path []byte, p []byte, b bounds, last *[]byte, depth int) error {
	if len(p) < pageHeaderSize {
		return errors.New("page shorter than its header")
	}
	flags, count := ne.Uint16(p[8:10]), int(ne.Uint16(p[10:12]))
	if pageHeaderSize+count*elemSize > len(p) {
		return fmt.Errorf("page holds %d elements, more than fit", count)
	}
	switch flags {
	case flagBranch:
		return w.branch(path, p, count, b, last, depth)
	case flagLeaf:
		for i := range count {
			off := pageHeaderSize + i*elemSize
			if err := w.leaf(path, p, off, p[off:off+elemSize], b, last, depth); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("page of unexpected type %#x in a tree", flags)
}

func (w *fileWalk) branch(path, p []byte, count int, b bounds, last *[]byte, depth int) error {
	if count == 0 {
		return errors.New("empty branch page")
	}
	keys := make([][]byte, count)
	for i := range count {
		off := pageHeaderSize + i*elemSize
		k, err := keyOf(p, off, ne.Uint32(p[off:off+4]), ne.Uint32(p[off+4:off+8]))
		if err != nil {
			return err
		}
		if !b.holds(k) || (i > 0 && bytes.Compare(k, keys[i-1]) <= 0) {
			return fmt.Errorf("branch keys out of order in bucket %q", path)
		}
		keys[i] = k
	}
	for i := range count {
		off := pageHeaderSize + i*elemSize
		child := bounds{lo: keys[i], hi: b.hi}
		if i+1 < count {
			child.hi = keys[i+1]
		}
		if err := w.tree(path, ne.Uint64(p[off+8:off+16]), child, last, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (w *fileWalk) leaf(path, p []byte, off int, e []byte, b bounds, last *[]byte, depth int) error {
	pos, ksize, vsize := ne.Uint32(e[4:8]), ne.Uint32(e[8:12]), ne.Uint32(e[12:16])
	key, err := keyOf(p, off, pos, ksize)
	if err != nil {
		return err
	}
	value, err := valueOf(p, off, pos, ksize, vsize)
	if err != nil {
		return err
	}
	if !b.holds(key) || (*last != nil && bytes.Compare(key, *last) <= 0) {
		return fmt.Errorf("keys out of order in bucket %q", path)
	}
	if *last == nil {
		*last = make([]byte, 0, 64) // not nil even for an empty key
	}
	*last = append((*last)[:0], key...) // a copy: the page's buffer is reused
	if ne.Uint32(e[0:4])&flagBucket == 0 {
		if path == nil {
			return errors.New("plain value in the root bucket")
		}
		return w.visit(path, key, value)
	}
	if path != nil {
		return fmt.Errorf("nested bucket in %q: not in this schema", path)
	}
	if len(value) < inBucketSize {
		return errors.New("bucket header too short")
	}
	root := ne.Uint64(value[0:8])
	if root == 0 {
		return w.bucket(clone(key), 0, value[inBucketSize:], depth+1)
	}
	return w.bucket(clone(key), root, nil, depth+1)
}

// keyOf returns the key of the element at off in p.
func keyOf(p []byte, off int, pos, ksize uint32) ([]byte, error) {
	return within(p, uint64(off)+uint64(pos), uint64(ksize))
}

// valueOf returns the value of the leaf element at off in p.
func valueOf(p []byte, off int, pos, ksize, vsize uint32) ([]byte, error) {
	return within(p, uint64(off)+uint64(pos)+uint64(ksize), uint64(vsize))
}

func within(p []byte, start, n uint64) ([]byte, error) {
	if start+n > uint64(len(p)) {
		return nil, errors.New("element lies outside its page")
	}
	return p[start : start+n], nil
}

package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"medround/internal/mar"
	"medround/internal/store"
	"medround/internal/store/storetest"
)

// yearDB is built once per test binary run: 100 residents x 12 entries
// and a year of events (~450,000), in large transactions.
var yearDB struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// A year of records: 100 residents, 12 entries each, about 12.3 doses a day.
const (
	yearResidents = 100
	yearEntries   = 12
	yearEvents    = 450_000
)

var yearStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	code := m.Run()
	if yearDB.dir != "" {
		os.RemoveAll(yearDB.dir)
	}
	os.Exit(code)
}

func yearStore(b *testing.B) string {
	b.Helper()
	yearDB.once.Do(func() {
		start := time.Now()
		yearDB.dir, yearDB.err = os.MkdirTemp("", "medround-bench-*")
		if yearDB.err == nil {
			yearDB.path = filepath.Join(yearDB.dir, "medround.db")
			yearDB.err = buildYear(yearDB.path)
		}
		if info, err := os.Stat(yearDB.path); err == nil {
			fmt.Fprintf(os.Stderr, "built a year of records (%d MB) in %v\n", info.Size()>>20, time.Since(start).Round(time.Millisecond))
		}
	})
	if yearDB.err != nil {
		b.Fatal(yearDB.err)
	}
	return yearDB.path
}

func yearChart() store.ChartUpdate {
	u := store.ChartUpdate{At: yearStart}
	base := storetest.Chart()
	u.Products = base.Products
	for r := range yearResidents {
		res := base.Residents[r%3]
		res.ID, res.Room = fmt.Sprintf("R%03d", r+1), fmt.Sprint(r+1)
		res.NHSNumber, res.Identifiers = "", []mar.Identifier{{Value: fmt.Sprintf("W%05d", r+1)}}
		u.Residents = append(u.Residents, res)
		for e := range yearEntries {
			entry := base.Entries[e%len(base.Entries)]
			entry.ID, entry.ResidentID = fmt.Sprintf("MR-%s-%02d", res.ID, e), res.ID
			u.Entries = append(u.Entries, entry)
		}
	}
	return u
}

func buildYear(path string) error {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.ApplyChart(yearChart()); err != nil {
		return err
	}
	step := 365 * 24 * time.Hour / yearEvents
	var batch []mar.Event
	var acks []uuid.UUID
	flush := func() error {
		if err := st.AppendAll(batch); err != nil {
			return err
		}
		batch = batch[:0]
		err := st.Ack(acks...)
		acks = acks[:0]
		return err
	}
	for i := range yearEvents {
		r := fmt.Sprintf("R%03d", i%yearResidents+1)
		e := given(r, fmt.Sprintf("MR-%s-%02d", r, i%yearEntries), yearStart.Add(time.Duration(i)*step))
		batch = append(batch, e)
		if i < yearEvents-500 { // all synced but the last few hundred
			acks = append(acks, e.ID)
		}
		if len(batch) == 25_000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// BenchmarkAppend is one durable dose record: event plus outbox entry in one
// fsync'd transaction.
func BenchmarkAppend(b *testing.B) {
	st := storetest.Open(b)
	storetest.WithChart(b, st)
	at := time.Now()
	for i := 0; b.Loop(); i++ {
		e := given(storetest.ResidentMargaret, storetest.EntryMetformin, at.Add(time.Duration(i)*time.Second))
		if err := st.Append(e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareUpdate is the floor Append is measured against: a bbolt
// Update that puts one ~500-byte value, on the same disk.
func BenchmarkBareUpdate(b *testing.B) {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	value := make([]byte, 500)
	for b.Loop() {
		err := db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			id := uuid.New()
			return bk.Put(id[:], value)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendVsBare times one Append and one bare bbolt update in turn,
// on the same disk, and reports the ratio of their medians: the other loads
// on a shared machine move both alike, so the ratio holds where the separate
// figures of BenchmarkAppend and BenchmarkBareUpdate wander. The durability
// budget is a ratio under 2.
func BenchmarkAppendVsBare(b *testing.B) {
	st := storetest.Open(b)
	storetest.WithChart(b, st)
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	value := make([]byte, 500)
	var appends, bares []time.Duration
	at := time.Now()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := st.Append(given(storetest.ResidentMargaret, storetest.EntryMetformin, at.Add(time.Duration(i)*time.Second))); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		err := db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			id := uuid.New()
			return bk.Put(id[:], value)
		})
		if err != nil {
			b.Fatal(err)
		}
		appends, bares = append(appends, mid.Sub(start)), append(bares, time.Since(mid))
	}
	a, bare := median(appends), median(bares)
	b.ReportMetric(float64(a.Microseconds()), "append-µs")
	b.ReportMetric(float64(bare.Microseconds()), "bare-µs")
	b.ReportMetric(float64(a)/float64(bare), "x-bare")
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// BenchmarkEventsLast48h reads one resident's last 48 hours from a year of
// records, as every check does.
func BenchmarkEventsLast48h(b *testing.B) {
	st, err := store.Open(yearStore(b), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	end := yearStart.Add(364 * 24 * time.Hour)
	n := 0
	for i := 0; b.Loop(); i++ {
		evs, err := st.Events(fmt.Sprintf("R%03d", i%yearResidents+1), end.Add(-48*time.Hour), end)
		if err != nil {
			b.Fatal(err)
		}
		n = len(evs)
	}
	b.ReportMetric(float64(n), "events/op")
}

// BenchmarkEachEventYear reads every event of the year, as a report does.
func BenchmarkEachEventYear(b *testing.B) {
	st, err := store.Open(yearStore(b), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for b.Loop() {
		n := 0
		err := st.EachEvent(yearStart, yearStart.AddDate(1, 0, 0), func(mar.Event) error { n++; return nil })
		if err != nil || n != yearEvents {
			b.Fatalf("visited %d, %v", n, err)
		}
	}
}

// BenchmarkOpenYear is Open's cost on a year of records: the page walk and
// sums that prove nothing is missing.
func BenchmarkOpenYear(b *testing.B) {
	path := yearStore(b)
	for b.Loop() {
		st, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// BenchmarkCheckYear is the full Check (bbolt's tx.Check and every domain
// invariant) on a year of records.
func BenchmarkCheckYear(b *testing.B) {
	st, err := store.Open(yearStore(b), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for b.Loop() {
		if errs := st.Check(); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

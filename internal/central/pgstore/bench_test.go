package pgstore_test

// Benchmarks of the central record on both stores (issue 10's performance
// targets). Figures go in the README's sync section. Run them with
//
//	go test -run '^$' -bench . -cpu 1 ./internal/central/pgstore/
//
// -cpu 1 is "one core" for the Go side; the PostgreSQL server is a
// separate process and takes its own time besides.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	bolt "go.etcd.io/bbolt"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/pgstore"
	"medround/internal/central/pgstore/pgtest"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store/storetest"
)

// batchSize is a full push, the most the protocol allows.
const batchSize = protocol.MaxBatchEvents

// stores opens each store kind fresh for a benchmark, with its
// PostgreSQL connection string (none for bbolt).
var stores = []struct {
	name string
	open func(b *testing.B) (central.Store, string)
}{
	{"bbolt", func(b *testing.B) (central.Store, string) {
		st, err := boltstore.Open(filepath.Join(b.TempDir(), "central.db"))
		must(b, err)
		return st, ""
	}},
	{"postgres", func(b *testing.B) (central.Store, string) {
		dsn := pgtest.DSN(b)
		st, err := pgstore.Open(context.Background(), dsn)
		must(b, err)
		return st, dsn
	}},
}

// dose is an administration as a tablet records it: a scanned pack, the
// check's verdict, a witness; about 600 bytes of JSON.
func dose(device string, i int) mar.Event {
	at := storetest.ChartAt.Add(time.Duration(i) * 3 * time.Minute)
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: device, UserID: "amy", WitnessID: "sam",
		ResidentID: storetest.ResidentMargaret, OccurredAt: at, RecordedAt: at.Add(2 * time.Second),
		EntryID: storetest.EntryMetformin, EntryVersion: 1, SlotDue: at.Truncate(time.Hour), Outcome: mar.OutcomeGiven,
		Quantity: 1, Verdict: mar.LevelWarn, ReasonCodes: []string{"LATE"}, OverrideReason: "resident was asleep at the round",
		GTIN: "05012345678900", Batch: "B1", Serial: fmt.Sprintf("S%08d", i), Expiry: "2027-12-31",
		ProductID: storetest.ProductMetformin, DoseUnit: "tablet"}
}

func doses(device string, from, n int) []mar.Event {
	out := make([]mar.Event, n)
	for i := range out {
		out[i] = dose(device, from+i)
	}
	return out
}

// BenchmarkIngest pushes full batches through Store.PutEvents, each batch
// new events, and reports events/s.
func BenchmarkIngest(b *testing.B) {
	for _, s := range stores {
		b.Run(s.name, func(b *testing.B) {
			st, _ := s.open(b)
			defer st.Close()
			home(b, st, "tab-a")
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				evs := doses("tab-a", i*batchSize, batchSize)
				b.StartTimer()
				if _, err := st.PutEvents(ctx, "tab-a", evs, t0); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*batchSize)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/event")
		})
	}
}

// BenchmarkIngestHTTP pushes full batches through the API's handler: the
// JSON decoding, the token check and the answer besides the store.
func BenchmarkIngestHTTP(b *testing.B) {
	for _, s := range stores {
		b.Run(s.name, func(b *testing.B) {
			st, _ := s.open(b)
			defer st.Close()
			token := enrolToken(b, st)
			h := central.NewServer(st, central.Options{}).Handler()
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				body, err := json.Marshal(protocol.PushRequest{Version: protocol.Version, Events: doses("tab-a", i*batchSize, batchSize)})
				must(b, err)
				b.StartTimer()
				req := httptest.NewRequest(http.MethodPost, protocol.PathPush, bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("push: %d %s", rec.Code, rec.Body)
				}
			}
			b.ReportMetric(float64(b.N*batchSize)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/event")
		})
	}
}

// enrolToken sets up willow, enrols tab-a through the store and returns
// its token.
func enrolToken(b *testing.B, st central.Store) string {
	home(b, st)
	ctx := context.Background()
	_, codeHash, err := central.NewCode()
	must(b, err)
	must(b, st.AddCode(ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: t0.Add(time.Hour)}))
	token, tokenHash, err := central.NewToken()
	must(b, err)
	_, _, err = st.Enrol(ctx, central.Enrolment{CodeHash: codeHash, Device: central.Device{ID: "tab-a", TokenHash: tokenHash, EnrolledAt: t0}})
	must(b, err)
	return token
}

// BenchmarkPushVsBulk compares the push path (a full batch through the
// API's handler: JSON, token, the store's rules and writes, the answer)
// with each store's own bulk load of the same events, JSON-encoded and
// written with none of the rules or reads: for PostgreSQL one COPY per
// batch into the changes table with its indexes, for bbolt one
// transaction putting each change under its sequence number. The two
// alternate batch by batch, so a busy machine slows both alike; the
// target ratio is 3 or less.
func BenchmarkPushVsBulk(b *testing.B) {
	for _, s := range stores {
		b.Run(s.name, func(b *testing.B) {
			st, dsn := s.open(b)
			defer st.Close()
			token := enrolToken(b, st)
			h := central.NewServer(st, central.Options{}).Handler()
			bulk := bulkLoader(b, st, dsn)
			var push, raw time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				evs := doses("tab-a", 2*i*batchSize, 2*batchSize)
				body, err := json.Marshal(protocol.PushRequest{Version: protocol.Version, Events: evs[:batchSize]})
				must(b, err)
				b.StartTimer()
				start := time.Now()
				pushBatch(b, h, token, body)
				mid := time.Now()
				bulk(evs[batchSize:])
				push, raw = push+mid.Sub(start), raw+time.Since(mid)
			}
			n := float64(b.N * batchSize)
			b.ReportMetric(float64(push.Nanoseconds())/n, "push-ns/event")
			b.ReportMetric(float64(raw.Nanoseconds())/n, "bulk-ns/event")
			b.ReportMetric(float64(push)/float64(raw), "push/bulk")
		})
	}
}

func pushBatch(b *testing.B, h http.Handler, token string, body []byte) {
	req := httptest.NewRequest(http.MethodPost, protocol.PathPush, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("push: %d %s", rec.Code, rec.Body)
	}
}

// bulkLoader returns the store kind's raw bulk write. The bbolt one writes
// a file of its own beside the store's (which holds its file locked); the
// PostgreSQL one writes the store's own changes table, under another home.
func bulkLoader(b *testing.B, st central.Store, dsn string) func([]mar.Event) {
	if dsn == "" {
		db, err := bolt.Open(filepath.Join(b.TempDir(), "bulk.db"), 0o600, nil)
		must(b, err)
		b.Cleanup(func() { _ = db.Close() })
		return func(evs []mar.Event) { must(b, db.Update(func(tx *bolt.Tx) error { return boltBulk(tx, evs) })) }
	}
	ctx := context.Background()
	must(b, st.AddHome(ctx, central.Home{ID: "bulk", CreatedAt: t0}))
	conn, err := pgx.Connect(ctx, dsn)
	must(b, err)
	b.Cleanup(func() { _ = conn.Close(ctx) })
	cols := []string{"home_id", "seq", "kind", "device", "received_at", "event_id", "occurred_at", "body"}
	seq := int64(1)
	return func(evs []mar.Event) {
		rows := make([][]any, len(evs))
		for j, e := range encoded(evs) {
			seq++
			rows[j] = []any{"bulk", seq, int16(protocol.ChangeEvent), "tab-a", t0, evs[j].ID, evs[j].OccurredAt, string(e)}
		}
		must(b, pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			_, err := tx.CopyFrom(ctx, pgx.Identifier{"changes"}, cols, pgx.CopyFromRows(rows))
			return err
		}))
	}
}

func boltBulk(tx *bolt.Tx, evs []mar.Event) error {
	bk, err := tx.CreateBucketIfNotExists([]byte("changes"))
	if err != nil {
		return err
	}
	bk.FillPercent = 0.9
	for _, r := range encoded(evs) {
		seq, _ := bk.NextSequence()
		if err := bk.Put(fmt.Appendf(nil, "%016x", seq), r); err != nil {
			return err
		}
	}
	return nil
}

func encoded(evs []mar.Event) [][]byte {
	out := make([][]byte, len(evs))
	for i, e := range evs {
		out[i], _ = json.Marshal(e)
	}
	return out
}

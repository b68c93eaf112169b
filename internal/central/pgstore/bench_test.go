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

// stores opens each store kind fresh for a benchmark.
var stores = []struct {
	name string
	open func(b *testing.B) central.Store
}{
	{"bbolt", func(b *testing.B) central.Store {
		st, err := boltstore.Open(filepath.Join(b.TempDir(), "central.db"))
		must(b, err)
		return st
	}},
	{"postgres", func(b *testing.B) central.Store { return open(b) }},
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
			st := s.open(b)
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
			st := s.open(b)
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
	_, err = st.Enrol(ctx, codeHash, central.Device{ID: "tab-a", TokenHash: tokenHash, EnrolledAt: t0})
	must(b, err)
	return token
}

// BenchmarkBulkInsert is each store's own bulk load of the same rows, with
// none of the push's rules: the floor the push path is measured against.
// For PostgreSQL one COPY per batch into the changes table; for bbolt one
// transaction putting each change under its sequence number.
func BenchmarkBulkInsert(b *testing.B) {
	b.Run("bbolt", func(b *testing.B) {
		db, err := bolt.Open(filepath.Join(b.TempDir(), "bulk.db"), 0o600, nil)
		must(b, err)
		defer db.Close()
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			rows := encoded(doses("tab-a", i*batchSize, batchSize))
			b.StartTimer()
			err := db.Update(func(tx *bolt.Tx) error {
				bk, err := tx.CreateBucketIfNotExists([]byte("changes"))
				if err != nil {
					return err
				}
				bk.FillPercent = 0.9
				for _, r := range rows {
					seq, _ := bk.NextSequence()
					if err := bk.Put(fmt.Appendf(nil, "%016x", seq), r); err != nil {
						return err
					}
				}
				return nil
			})
			must(b, err)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/event")
	})
	b.Run("postgres", func(b *testing.B) {
		dsn := pgtest.DSN(b)
		ctx := context.Background()
		st, err := pgstore.Open(ctx, dsn) // for its tables and indexes
		must(b, err)
		defer st.Close()
		home(b, st)
		conn, err := pgx.Connect(ctx, dsn)
		must(b, err)
		defer conn.Close(ctx)
		cols := []string{"home_id", "seq", "kind", "device", "received_at", "event_id", "occurred_at", "body"}
		seq := int64(100)
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			evs := doses("tab-a", i*batchSize, batchSize)
			rows := make([][]any, len(evs))
			for j, e := range encoded(evs) {
				seq++
				rows[j] = []any{"willow", seq, int16(protocol.ChangeEvent), "tab-a", t0, evs[j].ID, evs[j].OccurredAt, string(e)}
			}
			b.StartTimer()
			must(b, pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
				_, err := tx.CopyFrom(ctx, pgx.Identifier{"changes"}, cols, pgx.CopyFromRows(rows))
				return err
			}))
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/event")
	})
}

func encoded(evs []mar.Event) [][]byte {
	out := make([][]byte, len(evs))
	for i, e := range evs {
		out[i], _ = json.Marshal(e)
	}
	return out
}

package pgstore_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store"
	"medround/internal/store/storetest"
	"medround/internal/syncer"
)

// weekOffline is what a tablet queues in a week without a network: a
// home of 30 residents, about 14 doses each a day.
const weekOffline = 3000

// BenchmarkWeekOfflineSync times one sync of a tablet that comes back
// after a week offline: its 3,000 queued events pushed in batches over
// loopback HTTP, then the pull, until nothing is queued. The target is
// under 2 s.
func BenchmarkWeekOfflineSync(b *testing.B) {
	for _, s := range stores {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st, _ := s.open(b)
				tab, client := offlineTablet(b, st)
				b.StartTimer()
				r, err := client.Sync(context.Background(), tab)
				b.StopTimer()
				if err != nil || r.Pushed != weekOffline || r.Queued != 0 {
					b.Fatalf("sync = %+v, %v; want %d pushed, none queued", r, err, weekOffline)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e9, "s/sync")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*weekOffline), "ns/event")
		})
	}
}

// offlineTablet sets up a centre on st serving willow over loopback, and
// an enrolled tablet with a week of records queued.
func offlineTablet(b *testing.B, st central.Store) (*store.Store, *syncer.Client) {
	b.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	must(b, st.AddHome(ctx, central.Home{ID: "willow", Settings: mar.DefaultHome(), CreatedAt: storetest.ChartAt}))
	u := storetest.Chart()
	must(b, st.AddChart(ctx, "willow", protocol.ChartUpdate{Residents: u.Residents, Products: u.Products,
		Entries: u.Entries, Allergies: u.Allergies, At: u.At}))
	code, codeHash, err := central.NewCode()
	must(b, err)
	must(b, st.AddCode(ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: time.Now().Add(time.Hour)}))
	srv := httptest.NewServer(central.NewServer(st, central.Options{}).Handler())
	b.Cleanup(srv.Close)

	dir := b.TempDir()
	tab, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	must(b, err)
	b.Cleanup(func() { _ = tab.Close() })
	_, err = tab.ApplyChart(u)
	must(b, err)
	dev, err := store.DeviceID(dir)
	must(b, err)
	_, err = syncer.EnrolTablet(ctx, dir, srv.URL, code, "floor 1", syncer.HomeHeld{}, syncer.Options{})
	must(b, err)
	must(b, tab.AppendAll(doses(dev, 0, weekOffline)))
	client, _, err := syncer.ForTablet(dir, syncer.Options{})
	must(b, err)
	return tab, client
}

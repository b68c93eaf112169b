package pgstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/mar"
	"medround/internal/protocol"
)

var t0 = time.Date(2026, 3, 29, 8, 0, 0, 0, time.UTC)

// home sets up willow with a resident and enrols the given devices.
func home(t testing.TB, st central.Store, devices ...string) {
	t.Helper()
	ctx := context.Background()
	must(t, st.AddHome(ctx, central.Home{ID: "willow", Settings: mar.Home{Name: "Willow House"}, CreatedAt: t0}))
	must(t, st.AddChart(ctx, "willow", protocol.ChartUpdate{At: t0, Residents: []mar.Resident{{ID: "R101"}}}))
	for _, d := range devices {
		_, codeHash, err := central.NewCode()
		must(t, err)
		must(t, st.AddCode(ctx, central.EnrolmentCode{Hash: codeHash, HomeID: "willow", ExpiresAt: t0.Add(time.Hour)}))
		_, tok, err := central.NewToken()
		must(t, err)
		_, _, err = st.Enrol(ctx, central.Enrolment{CodeHash: codeHash, Device: central.Device{ID: d, TokenHash: tok, EnrolledAt: t0}})
		must(t, err)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func given(device string, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: device, UserID: "amy",
		ResidentID: "R101", OccurredAt: at, RecordedAt: at, EntryID: "mr-1", EntryVersion: 1,
		SlotDue: at, Outcome: mar.OutcomeGiven, Quantity: 1, Verdict: mar.LevelOK}
}

// TestConcurrentPushesKeepTheSequenceGapFree pushes from two tablets at
// once while a third reader pulls: a reader that saw change n+1 before n
// was committed would move its cursor past n and never get that dose.
func TestConcurrentPushesKeepTheSequenceGapFree(t *testing.T) {
	st := open(t)
	defer st.Close()
	home(t, st, "tab-a", "tab-b")
	ctx := context.Background()
	const batches, size = 20, 25
	var wg sync.WaitGroup
	done := make(chan struct{})
	for _, dev := range []string{"tab-a", "tab-b"} {
		wg.Go(func() {
			for i := range batches {
				evs := make([]mar.Event, size)
				for j := range evs {
					evs[j] = given(dev, t0.Add(time.Duration(i*size+j)*time.Second))
				}
				if _, err := st.PutEvents(ctx, dev, evs, t0); err != nil {
					t.Errorf("%s batch %d: %v", dev, i, err)
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	seen := pullUntil(t, st, done)
	want := 2 + 2*batches*size // the home's settings and chart, then the events
	if len(seen) != want {
		t.Fatalf("the puller saw %d changes, want %d", len(seen), want)
	}
	for i, seq := range seen {
		if seq != uint64(i+1) {
			t.Fatalf("change %d has seq %d: the sequence has a gap or is out of order", i+1, seq)
		}
	}
}

// pullUntil pulls willow's changes as a tablet would, from a cursor,
// until done is closed and nothing more is left; it returns every seq.
func pullUntil(t *testing.T, st central.Store, done <-chan struct{}) []uint64 {
	var seen []uint64
	var cursor uint64
	for finished := false; ; {
		select {
		case <-done:
			finished = true
		default:
		}
		page, head, err := st.Changes(context.Background(), "willow", cursor, 100)
		must(t, err)
		for _, c := range page {
			seen = append(seen, c.Seq)
			cursor = c.Seq
		}
		if finished && cursor == head {
			return seen
		}
	}
}

// TestOneBatchPushedFourTimesAtOnce: a tablet's retry can reach the
// centre while its first try is still being stored. Each copy must be
// stored once and acknowledged, never refused with a database error.
func TestOneBatchPushedFourTimesAtOnce(t *testing.T) {
	st := open(t)
	defer st.Close()
	home(t, st, "tab-a")
	evs := []mar.Event{given("tab-a", t0), given("tab-a", t0.Add(time.Minute))}
	var wg sync.WaitGroup
	stored := make(chan int, 4)
	for range 4 {
		wg.Go(func() {
			acks, err := st.PutEvents(context.Background(), "tab-a", evs, t0)
			if err != nil {
				t.Errorf("concurrent copy of a batch: %v", err)
				return
			}
			n := 0
			for _, a := range acks {
				if a.Status == protocol.AckStored {
					n++
				} else if a.Status != protocol.AckDuplicate {
					t.Errorf("ack %v, want stored or duplicate", a)
				}
			}
			stored <- n
		})
	}
	wg.Wait()
	close(stored)
	total := 0
	for n := range stored {
		total += n
	}
	got, err := st.Events(context.Background(), "willow", time.Time{}, time.Time{})
	must(t, err)
	if total != 2 || len(got) != 2 {
		t.Errorf("stored acks %d, events held %d; want 2 and 2", total, len(got))
	}
}

package chartimport_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/central/chartimport"
	"medround/internal/central/pgstore"
	"medround/internal/central/pgstore/pgtest"
	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/protocol"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// centres are the real stores an import at the centre writes to.
var centres = []struct {
	name string
	open func(t *testing.T) central.Store
}{
	{"bbolt", func(t *testing.T) central.Store {
		st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}},
	{"PostgreSQL", func(t *testing.T) central.Store {
		st, err := pgstore.Open(context.Background(), pgtest.DSN(t))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}},
}

// busyHome is a centre whose home's tablet pushes records (pushes, in
// order, one batch each time) after an import read the home and before
// the import is written, as a tablet on the round does every few seconds.
type busyHome struct {
	central.Store
	pushes [][]mar.Event
	writes int
}

func (b *busyHome) ImportChart(ctx context.Context, homeID string, checked uint64, u protocol.ChartUpdate, records []mar.Event) error {
	b.writes++
	if len(b.pushes) > 0 {
		acks, err := b.PutEvents(ctx, tablet, b.pushes[0], at)
		if err != nil {
			return err
		}
		for _, a := range acks {
			if a.Status != protocol.AckStored {
				return errors.New("the tablet's push was not stored: " + a.Reason)
			}
		}
		b.pushes = b.pushes[1:]
	}
	return b.Store.ImportChart(ctx, homeID, checked, u, records)
}

const tablet = "tab-a"

// importedHome is a centre holding willow with tab-a enrolled and the
// protocol file imported an hour before at; it returns the resident and
// the line of the imported PRN protocol.
func importedHome(t *testing.T, open func(t *testing.T) central.Store) (central.Store, string, string) {
	t.Helper()
	ctx := context.Background()
	st := open(t)
	t.Cleanup(func() { _ = st.Close() })
	if err := st.AddHome(ctx, central.Home{ID: "willow", Settings: mar.DefaultHome(), CreatedAt: at}); err != nil {
		t.Fatal(err)
	}
	_, code, _ := central.NewCode()
	_, token, _ := central.NewToken()
	if err := st.AddCode(ctx, central.EnrolmentCode{Hash: code, HomeID: "willow", ExpiresAt: at.Add(central.CodeTTL)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Enrol(ctx, central.Enrolment{CodeHash: code, Device: central.Device{ID: tablet, TokenHash: token, EnrolledAt: at}}); err != nil {
		t.Fatal(err)
	}
	earlier := chartimport.Options{Now: func() time.Time { return at.Add(-time.Hour) }}
	if _, err := chartimport.Import(ctx, st, "willow", earlier, protocolFile); err != nil {
		t.Fatal(err)
	}
	ps := protocols(t, st)
	if len(ps) != 1 {
		t.Fatalf("the first import stored %d PRN protocols, want 1", len(ps))
	}
	return st, ps[0].ResidentID, ps[0].EntryID
}

// protocols are willow's PRN protocols in the order they were stored.
func protocols(t *testing.T, st central.Store) []mar.PRNProtocol {
	t.Helper()
	evs, err := st.Events(context.Background(), "willow", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var out []mar.PRNProtocol
	for _, e := range evs {
		if e.Event.Kind != mar.KindPRNProtocol {
			continue
		}
		p, err := mar.PRNProtocolFrom(e.Event)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// changedPrescription is the protocol file with the GP's words changed,
// so an import records a new version over an imported one.
func changedPrescription(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(protocolFile)
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(data, []byte("If no better after 48 hours"), []byte("If no better after 24 hours"), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("the protocol file no longer says when to contact the GP")
	}
	path := filepath.Join(t.TempDir(), "changed.json")
	if err := os.WriteFile(path, changed, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func dose(resident, entry string) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, DeviceID: tablet, UserID: "amy",
		ResidentID: resident, OccurredAt: at.Add(-10 * time.Minute), RecordedAt: at.Add(-10 * time.Minute),
		EntryID: entry, EntryVersion: 1, SlotDue: at.Add(-10 * time.Minute), Outcome: mar.OutcomeGiven, Quantity: 1,
		Verdict: mar.LevelOK, PRNReason: "pain"}
}

// writtenInTheHome is a senior's PRN protocol for the line, written on
// the tablet half an hour before the import.
func writtenInTheHome(resident, entry string) mar.Event {
	e := mar.Event{ID: uuid.New(), DeviceID: tablet, UserID: "sam", OccurredAt: at.Add(-30 * time.Minute), RecordedAt: at.Add(-30 * time.Minute)}
	mar.PRNProtocol{ResidentID: resident, EntryID: entry, Signs: []string{"Rubs her left knee", "Says her knee hurts"},
		IfNoEffect: "Tell the senior after an hour", CallGP: "Knee pain still there after 48 hours"}.Fill(&e)
	return e
}

// An import that finds the home changed between its check and its write
// checks again against the home as it now is and writes on its next try:
// a dose pushed meanwhile costs the operator nothing, and a protocol
// written in the home meanwhile stays in force over the changed
// prescription, which is listed to confirm.
func TestImportTriesAgainWhenTheHomeChangedMeanwhile(t *testing.T) {
	clock := chartimport.Options{Now: func() time.Time { return at }, Sleep: func(context.Context, time.Duration) error { return nil }}
	cases := []struct {
		name      string
		meanwhile func(resident, entry string) []mar.Event
		protocols int  // recorded by the import
		home      bool // the protocol in force is the home's
	}{
		{"a dose pushed between the check and the write", func(r, e string) []mar.Event { return []mar.Event{dose(r, e)} }, 1, false},
		{"a dose and a PRN protocol written in the home between the check and the write",
			func(r, e string) []mar.Event { return []mar.Event{dose(r, e), writtenInTheHome(r, e)} }, 0, true},
	}
	for _, centre := range centres {
		for _, c := range cases {
			t.Run(centre.name+"/"+c.name, func(t *testing.T) {
				st, resident, entry := importedHome(t, centre.open)
				busy := &busyHome{Store: st, pushes: [][]mar.Event{c.meanwhile(resident, entry)}}
				res, err := chartimport.Import(context.Background(), busy, "willow", clock, changedPrescription(t))
				if err != nil || busy.writes != 2 {
					t.Fatalf("Import = %v after %d writes; want it stored on the second", err, busy.writes)
				}
				ps := protocols(t, st)
				last := ps[len(ps)-1]
				if res.Protocols != c.protocols || last.Imported == c.home || last.EntryID != entry {
					t.Errorf("import recorded %d protocols, the last stored is %+v; want %d, the one in force written in the home: %v",
						res.Protocols, last, c.protocols, c.home)
				}
				listed := slices.ContainsFunc(res.Review, func(u fhir.Unsupported) bool { return strings.Contains(u.Message, "stays in force") })
				if listed != c.home {
					t.Errorf("review %+v lists the home's protocol to confirm: %v, want %v", res.Review, listed, c.home)
				}
			})
		}
	}
}

// An import whose home changes between check and write on every try is
// refused after chartimport.Tries of them, pausing longer each time, and
// stores nothing: the operator is told.
func TestImportRefusedWhenTheHomeChangedMeanwhile(t *testing.T) {
	for _, centre := range centres {
		t.Run(centre.name, func(t *testing.T) {
			st, resident, entry := importedHome(t, centre.open)
			busy := &busyHome{Store: st}
			for range chartimport.Tries + 1 {
				busy.pushes = append(busy.pushes, []mar.Event{dose(resident, entry)})
			}
			var pauses []time.Duration
			clock := chartimport.Options{Now: func() time.Time { return at }, Sleep: func(_ context.Context, d time.Duration) error {
				pauses = append(pauses, d)
				return nil
			}}
			before := head(t, st)
			_, err := chartimport.Import(context.Background(), busy, "willow", clock, changedPrescription(t))
			if !errors.Is(err, central.ErrHomeChanged) || busy.writes != chartimport.Tries {
				t.Fatalf("Import = %v after %d writes; want ErrHomeChanged after %d", err, busy.writes, chartimport.Tries)
			}
			want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond}
			if !slices.Equal(pauses, want) {
				t.Errorf("pauses between tries = %v, want %v", pauses, want)
			}
			if got := head(t, st); got != before+chartimport.Tries {
				t.Errorf("head %d after the refused import, want %d: only the tablet's doses", got, before+chartimport.Tries)
			}
			if ps := protocols(t, st); len(ps) != 1 {
				t.Errorf("willow holds %d PRN protocols after the refused import, want the first import's only", len(ps))
			}
		})
	}
}

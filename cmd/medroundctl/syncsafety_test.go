package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/store"
	"medround/internal/syncer"
)

// syncRig is a centre with one home on loopback and a tablet's data
// directory, driven through the command line.
type syncRig struct {
	dir, url, code string
}

func newSyncRig(t *testing.T) *syncRig {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	if err := st.AddHome(ctx, central.Home{ID: "oak", Settings: mar.DefaultHome()}); err != nil {
		t.Fatal(err)
	}
	if err := st.AddChart(ctx, "oak", protocol.ChartUpdate{At: time.Now(), Residents: []mar.Resident{{ID: "R101", Active: true}}}); err != nil {
		t.Fatal(err)
	}
	code, hash, _ := central.NewCodeFor("oak")
	if err := st.AddCode(ctx, central.EnrolmentCode{Hash: hash, HomeID: "oak", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(central.NewServer(st, central.Options{}).Handler())
	t.Cleanup(srv.Close)
	old := syncOptions
	syncOptions = syncer.Options{RetryMax: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond}
	t.Cleanup(func() { syncOptions = old })
	return &syncRig{dir: t.TempDir(), url: srv.URL, code: code}
}

func (r *syncRig) ctl(args ...string) (int, string) {
	var out, errOut bytes.Buffer
	n := run(append([]string{"--data", r.dir}, args...), strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	return n, out.String() + errOut.String()
}

// A record the centre will not take is named, with the centre's reason,
// in `sync` and `sync --json`, and the sync still succeeds for the rest.
func TestSyncReportsRecordsTheCentreRefused(t *testing.T) {
	r := newSyncRig(t)
	if n, out := r.ctl("enrol", "--server", r.url, "--code", r.code); n != 0 {
		t.Fatalf("enrol: exit %d, %s", n, out)
	}
	st, err := store.Open(filepath.Join(r.dir, store.DatabaseFile), store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	err = st.Append(mar.Event{ID: uuid.New(), Kind: mar.KindStatusChange, DeviceID: "another-tablet", UserID: "meg",
		ResidentID: "R101", OccurredAt: now, RecordedAt: now, Status: mar.StatusHospital})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if n, out := r.ctl("sync"); n != 0 || !strings.Contains(out, "refused by the centre: 1 record") || !strings.Contains(out, "another device") {
		t.Errorf("sync: exit %d, %s; want success naming the refused record and why", n, out)
	}
	n, out := r.ctl("sync", "--json")
	var got struct {
		Refused        int             `json:"refused"`
		Queued         int             `json:"queued"`
		RefusedRecords []store.Refusal `json:"refusedRecords"`
	}
	if err := json.Unmarshal([]byte(out), &got); n != 0 || err != nil || got.Refused != 1 || got.Queued != 0 ||
		len(got.RefusedRecords) != 1 || got.RefusedRecords[0].Reason == "" {
		t.Errorf("sync --json: exit %d, %s; want refused 1 with its reason, nothing queued", n, out)
	}
	// Nothing is put right at the centre: sent again, refused again.
	if n, out := r.ctl("sync", "--resend-refused"); n != 0 || !strings.Contains(out, "1 refused records go back") || !strings.Contains(out, "refused by the centre: 1 record") {
		t.Errorf("sync --resend-refused: exit %d, %s; want it sent and refused again", n, out)
	}
}

func TestEnrolRefusesPlainHTTPToAnotherMachine(t *testing.T) {
	r := newSyncRig(t)
	n, out := r.ctl("enrol", "--server", "http://192.168.1.20:8443", "--code", r.code)
	if n != 1 || !strings.Contains(out, "must start with https://") {
		t.Errorf("enrol over plain HTTP to another machine: exit %d, %s; want exit 1 saying to use https://", n, out)
	}
	if _, err := os.Stat(filepath.Join(r.dir, store.DatabaseFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused enrolment made a database: %v", err)
	}
}

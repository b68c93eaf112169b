package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"medround/internal/central"
	"medround/internal/central/boltstore"
	"medround/internal/mar"
	"medround/internal/protocol"
	"medround/internal/syncer"
)

func TestEnrolThenSyncAndCentreDown(t *testing.T) {
	st, err := boltstore.Open(filepath.Join(t.TempDir(), "central.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if err := st.AddHome(ctx, central.Home{ID: "oak", Settings: mar.DefaultHome()}); err != nil {
		t.Fatal(err)
	}
	if err := st.AddChart(ctx, "oak", protocol.ChartUpdate{At: time.Now(), Residents: []mar.Resident{{ID: "R101", Active: true}}}); err != nil {
		t.Fatal(err)
	}
	code, hash, _ := central.NewCode()
	if err := st.AddCode(ctx, central.EnrolmentCode{Hash: hash, HomeID: "oak", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(central.NewServer(st, central.Options{}).Handler())
	dir := t.TempDir()
	old := syncOptions
	syncOptions = syncer.Options{RetryMax: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond}
	defer func() { syncOptions = old }()
	ctlRun := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		n := run(append([]string{"--data", dir}, args...), strings.NewReader(""), &out, &errOut, func(string) string { return "" })
		return n, out.String() + errOut.String()
	}
	if n, out := ctlRun("enrol", "--server", srv.URL, "--code", code); n != 0 || !strings.Contains(out, "queued 0") {
		t.Fatalf("enrol: exit %d, %s", n, out)
	}
	if n, out := ctlRun("residents"); n != 0 || !strings.Contains(out, "present") {
		t.Errorf("residents after enrolment: exit %d, %s; want the centre's chart", n, out)
	}
	if n, out := ctlRun("sync", "--json"); n != 0 || !strings.Contains(out, `"queued": 0`) {
		t.Errorf("sync: exit %d, %s", n, out)
	}
	srv.Close()
	if n, out := ctlRun("sync"); n != 1 || !strings.Contains(out, "could not be reached") {
		t.Errorf("sync with the centre down: exit %d, %s; want exit 1 saying so", n, out)
	}
}

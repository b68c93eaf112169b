package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"medround/internal/demo"
	"medround/internal/store"
)

// TestPatchListInTheHomesTime: a buprenorphine patch put on on Thursday
// morning; the list says when, and when it is due off, in the home's time
// (GMT in November), not in UTC's RFC 3339.
func TestPatchListInTheHomesTime(t *testing.T) {
	dir := demoDir(t)
	if code, _, errs := ctl(t, "--data", dir, "record", "--resident", "R102", "--pack", pack("buprenorphine-5"), "--outcome", "given",
		"--site", "upper-arm-left", "--user", "amy", "--pin", "1111", "--witness", "sam", "--witness-pin", "2222",
		"--at", "2026-11-26T08:05:00Z", "--override-reason", "entered after the round"); code != 0 {
		t.Fatalf("record patch: exit %d %q", code, errs)
	}
	code, out, errs := ctl(t, "--data", dir, "patch", "list", "--resident", "R102", "--at", "2026-11-27T10:00:00Z")
	if code != 0 || !strings.Contains(out, "on Thu 26 Nov 2026 08:05 GMT\tleft upper arm\tdue off Thu 3 Dec 2026 08:05 GMT") || !strings.Contains(out, " GMT") || strings.Contains(out, "Z\t") {
		t.Errorf("patch list: exit %d %q\n%s\nwant the patch put on on Thursday, in GMT", code, errs, out)
	}
	if code, _, _ := ctl(t, "--data", dir, "patch", "list", "--resident", "R102", "--at", "Thursday"); code != exitUsage {
		t.Errorf("patch list --at Thursday: exit %d, want a usage error", code)
	}
}

// TestRecordCreamAreas: a barrier cream is recorded with the areas it went
// on, and refused without them.
func TestRecordCreamAreas(t *testing.T) {
	dir := demoDir(t)
	st, err := store.Open(filepath.Join(dir, "medround.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.ApplyChart(demo.BarrierCream("res-001", time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)))
	if cerr := st.Close(); err != nil || cerr != nil {
		t.Fatalf("chart the cream: %v, %v", err, cerr)
	}
	cream := demo.BarrierCreamPack(time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), "C1")
	record := []string{"--data", dir, "record", "--resident", "R101", "--pack", cream, "--outcome", "given",
		"--user", "amy", "--pin", "1111", "--at", "2026-11-25T08:00:00Z", "--override-reason", "entered after the round"}
	if code, _, errs := ctl(t, record...); code == 0 || !strings.Contains(errs, "body map") {
		t.Errorf("cream recorded with no area: exit %d %q, want refused saying to choose on the body map", code, errs)
	}
	if code, _, errs := ctl(t, append(record, "--site", "sacrum,buttock-left")...); code != 0 {
		t.Fatalf("record cream on the sacrum and left buttock: exit %d %q", code, errs)
	}
	if _, out, _ := ctl(t, "--data", dir, "history", "R101", "--from", "2026-11-25T07:00:00Z", "--to", "2026-11-25T09:00:00Z"); !strings.Contains(out, "sacrum") {
		t.Errorf("history after a cream recorded:\n%s\nwant its areas", out)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"medround/internal/central"
	"medround/internal/central/pgstore/pgtest"
	"medround/internal/mar"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestPostgresServesEverySubcommand runs the administration against a
// real PostgreSQL: the same commands, the same answers as on bbolt.
func TestPostgresServesEverySubcommand(t *testing.T) {
	dsn := pgtest.DSN(t)
	pg := func(env map[string]string, args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut, func(k string) string { return env[k] })
		return code, out.String(), errOut.String()
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	flag := map[string]string{}
	viaEnv := map[string]string{"MEDROUND_CENTRAL_POSTGRES": dsn}
	steps := []struct {
		name string
		env  map[string]string
		args []string
		code int
		out  string
	}{
		{"add a home", flag, []string{"--postgres", dsn, "home", "add", "--id", "oak", "--name", "Oak Lodge"}, 0, "home oak added"},
		{"the same home again is refused", viaEnv, []string{"home", "add", "--id", "oak", "--name", "Oak"}, 1, ""},
		{"add a senior", viaEnv, []string{"user", "add", "--home", "oak", "--id", "sam", "--name", "Sam Patel", "--role", "senior", "--pin", "2222"}, 0, "user sam added"},
		{"import the care home chart", flag, []string{"import", "--postgres", dsn, "--home", "oak", "../medroundctl/testdata/carehome.json"}, 0, "PRN protocols 2"},
		{"set up the demo home", viaEnv, []string{"demo"}, 0, "Willow House"},
		{"list devices of a home with none", viaEnv, []string{"device", "list", "--home", "oak"}, 0, "DEVICE"},
		{"the imported PRN protocols are the home's events", viaEnv, []string{"events", "--home", "oak", "--json"}, 0, `"kind":"prn-protocol","deviceId":"central"`},
		{"incidents, the copies under --data", flag, []string{"--data", t.TempDir(), "--postgres", dsn, "incidents", "--home", "willow", "--json"}, 0, "[]"},
		{"incidents, the copies in the cache directory", viaEnv, []string{"incidents", "--home", "oak"}, 0, "INCIDENT"},
		{"an unreachable server is an error, not a hang", flag, []string{"--postgres", "host=127.0.0.1 port=1 connect_timeout=2", "events", "--home", "oak"}, 1, ""},
	}
	for _, s := range steps {
		code, out, errOut := pg(s.env, s.args...)
		if code != s.code || !strings.Contains(out, s.out) {
			t.Errorf("%s: exit %d, out %q, err %q; want exit %d with %q", s.name, code, out, errOut, s.code, s.out)
		}
	}
	code, out, _ := pg(viaEnv, "device", "enrol", "--home", "oak")
	if code != 0 || len(strings.ReplaceAll(lastLine(out), "-", "")) != 20 {
		t.Fatalf("device enrol: exit %d, %q; want the code on the last line", code, out)
	}
	code, out, _ = pg(viaEnv, "events", "--home", "willow", "--json")
	var evs []central.StoredEvent
	if code != 0 || json.Unmarshal([]byte(out), &evs) != nil || len(evs) != demoProtocols(t) || evs[0].Event.Kind != mar.KindPRNProtocol {
		t.Errorf("events of the demo home: exit %d, %d events; want its %d PRN protocols", code, len(evs), demoProtocols(t))
	}
}

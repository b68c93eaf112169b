// Package pgtest starts a real PostgreSQL server for tests, from Debian's
// postgresql package: initdb into a temporary directory, a free port on
// 127.0.0.1, unix sockets in that directory, stopped when the tests end.
// One server serves a whole test binary; each test gets a schema of its
// own, which is much faster than a database per test (CREATE DATABASE
// copies a template and checkpoints) and just as apart.
//
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// then pgtest.DSN(t) in each test. When PostgreSQL is not installed the
// test fails and says to run `make test`, which installs it; with
// MEDROUND_NO_POSTGRES=1 it is skipped instead. On Windows, which has no
// Debian package to start, the package builds and its tests are skipped.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// SkipEnv names the variable that turns missing PostgreSQL binaries into
// a skip rather than a failure.
const SkipEnv = "MEDROUND_NO_POSTGRES"

// superuser is the cluster's superuser, made by initdb; the server trusts
// connections on 127.0.0.1 and its socket only, so it has no password.
const superuser = "medround"

// ErrNotInstalled is returned when no PostgreSQL server binaries are found.
var ErrNotInstalled = errors.New("PostgreSQL is not installed: run `make test`, which installs Debian's postgresql package (or set " + SkipEnv + "=1 to skip these tests)")

// ErrUnsupported is returned by Start where no test server can run
// (Windows): the tests that need one are skipped there, saying why.
var ErrUnsupported = errors.New("PostgreSQL tests need Debian's postgresql package and run on Linux (make test); skipped on this system")

// binGlob is where Debian and Ubuntu install the server binaries, one
// directory per major version.
var binGlob = "/usr/lib/postgresql/*/bin"

var (
	once    sync.Once
	shared  *Server
	starErr error
	schemas atomic.Int64
)

// Main runs the tests and stops the shared server, if one was started.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
		}
	}
	return code
}

// Shared returns the test binary's server, starting it on first use. It
// fails t (or skips it, with MEDROUND_NO_POSTGRES=1) when PostgreSQL is
// not installed or does not start.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	once.Do(func() { shared, starErr = Start() })
	check(tb, starErr)
	return shared
}

// check fails tb when the server could not start, or skips it when
// PostgreSQL is missing and MEDROUND_NO_POSTGRES=1 says that is expected.
// A server that is installed but fails to start always fails. Where no
// server can run (Windows) the test is skipped, saying why.
func check(tb testing.TB, err error) {
	tb.Helper()
	if errors.Is(err, ErrUnsupported) {
		tb.Skipf("pgtest: %v", err)
	}
	if errors.Is(err, ErrNotInstalled) && os.Getenv(SkipEnv) == "1" {
		tb.Skipf("PostgreSQL tests skipped (%s=1)", SkipEnv)
	}
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
}

// DSN returns a connection string for a fresh, empty schema on the shared
// server, dropped when tb ends.
func DSN(tb testing.TB) string {
	tb.Helper()
	s := Shared(tb)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), schemas.Add(1))
	if err := s.Exec("CREATE SCHEMA " + name); err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			tb.Errorf("pgtest: %v", err)
		}
	})
	return s.DSN() + " search_path=" + name
}

// BinDir finds the newest installed PostgreSQL's binaries.
func BinDir() (string, error) {
	dirs, _ := filepath.Glob(binGlob)
	var found []string
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "postgres")) {
			found = append(found, d)
		}
	}
	if len(found) == 0 {
		return "", ErrNotInstalled
	}
	return newest(found), nil
}

// newest picks the highest major version; they are numbers, and "9.6"
// sorts after "10" as text.
func newest(binDirs []string) string {
	sort.Slice(binDirs, func(i, j int) bool { return versionOf(binDirs[i]) < versionOf(binDirs[j]) })
	return binDirs[len(binDirs)-1]
}

func versionOf(binDir string) float64 {
	var v float64
	_, _ = fmt.Sscanf(filepath.Base(filepath.Dir(binDir)), "%g", &v)
	return v
}

func isExec(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && info.Mode()&0o111 != 0
}

// Exec runs one statement as the superuser on the postgres database.
func (s *Server) Exec(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.DSN())
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", strings.Fields(sql)[0], err)
	}
	return nil
}

// freePort asks the kernel for a free port on 127.0.0.1. Another process
// may take it before the server binds it; Start retries then.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func command(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "TZ=UTC")
	return cmd
}

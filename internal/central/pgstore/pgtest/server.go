package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running test server.
type Server struct {
	dir  string // owned by the server's user; holds data/, the socket and the log
	port int
	cmd  *exec.Cmd
	done chan error // the postgres process's exit
}

// startTimeout bounds how long a server may take to accept connections;
// it is seconds on an idle machine, more on a loaded one.
const startTimeout = 60 * time.Second

// Start initialises a cluster in a new temporary directory and starts a
// server on a free port of 127.0.0.1. PostgreSQL refuses to run as root,
// so as root the cluster belongs to, and the server runs as, nobody.
func Start() (*Server, error) {
	if !serverSupported {
		return nil, ErrUnsupported
	}
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	cred, err := serverUser()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "medround-pg-")
	if err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	if err := chownTo(dir, cred); err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	s := &Server{dir: dir}
	if err := s.initdb(bin, cred); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	// A port found free may be taken before the server binds it: retry.
	for attempt := 0; ; attempt++ {
		err = s.start(bin, cred)
		if err == nil || attempt == 2 {
			break
		}
	}
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) initdb(bin string, cred *credential) error {
	// --no-sync: a test cluster need not survive a power cut, and
	// syncing its files takes longer than creating them.
	cmd := command(filepath.Join(bin, "initdb"), "-D", filepath.Join(s.dir, "data"),
		"-U", superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
	cmd.SysProcAttr = procAttr(cred)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	return nil
}

func (s *Server) start(bin string, cred *credential) error {
	port, err := freePort()
	if err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	logf, err := os.OpenFile(filepath.Join(s.dir, "postgres.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	defer logf.Close()
	// The server keeps PostgreSQL's durable defaults (fsync on), so the
	// benchmarks measure what a real centre would do.
	cmd := command(filepath.Join(bin, "postgres"), "-D", filepath.Join(s.dir, "data"),
		"-p", strconv.Itoa(port), "-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories="+s.dir, "-c", "max_connections=40")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = procAttr(cred)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	s.port, s.cmd, s.done = port, cmd, make(chan error, 1)
	go func() { s.done <- cmd.Wait() }()
	if err := s.waitReady(); err != nil {
		_ = cmd.Process.Kill()
		<-s.done
		log, _ := os.ReadFile(filepath.Join(s.dir, "postgres.log"))
		return fmt.Errorf("start postgres: %w\n%s", err, tail(log, 2000))
	}
	return nil
}

func (s *Server) waitReady() error {
	deadline := time.Now().Add(startTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, s.DSN())
		if err == nil {
			_ = conn.Close(ctx)
			cancel()
			return nil
		}
		cancel()
		select {
		case werr := <-s.done:
			s.done <- werr
			return fmt.Errorf("server exited: %v", werr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not accepting connections after %v: %w", startTimeout, err)
		}
	}
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// DSN is the superuser's connection string for the postgres database.
func (s *Server) DSN() string {
	return fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=postgres sslmode=disable", s.port, superuser)
}

// Dir is the server's temporary directory (its data, socket and log).
func (s *Server) Dir() string { return s.dir }

// Stop shuts the server down (fast shutdown: sessions are ended, nothing
// more is written) and removes its directory.
func (s *Server) Stop() error {
	defer os.RemoveAll(s.dir)
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		return fmt.Errorf("stop postgres: %w", err)
	}
	select {
	case <-s.done:
		return nil
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
		return errors.New("stop postgres: no fast shutdown in 30s; killed")
	}
}

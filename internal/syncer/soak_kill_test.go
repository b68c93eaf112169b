package syncer_test

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"medround/internal/central/boltstore"
)

// TestSoakBoltKilled is the fault soak with the real centre: the
// `medround-central serve` binary as a child process on a bbolt data
// directory, killed with SIGKILL before or while it handles a push and
// started again on the same directory. What a crash leaves on disk (a
// half-written bbolt commit, the incident finder's copies mid-update)
// is what the next start must open. On bbolt only: the PostgreSQL store
// is soaked in process (TestSoakPostgres), and a SIGKILL of the centre
// there leaves the transaction to the database server, which rolls it
// back; the child would only add a server start per restart.
func TestSoakBoltKilled(t *testing.T) {
	bin := buildCentral(t)
	dir := t.TempDir()
	st, err := boltstore.Open(filepath.Join(dir, "central.db"))
	must(t, err)
	seedCentre(t, st)
	c := &centre{st: st, log: &logbook{}}
	codes := []string{c.code(t), c.code(t)}
	must(t, st.Close())

	seed := uint64(time.Now().UnixNano())
	t.Logf("soak seed %d", seed)
	cc := &childCentre{t: t, bin: bin, dir: dir, logPath: filepath.Join(t.TempDir(), "centre.log")}
	cc.start()
	t.Cleanup(cc.stop)
	p, front := newSoakProxy(t, cc, seed)
	tabs := soakTablets(t, front.URL, c.log, codes...)
	ids := runSoak(t, p, tabs, seed)
	t.Logf("centre killed with SIGKILL %d times", cc.kills)

	cc.stop()
	st, err = boltstore.Open(filepath.Join(dir, "central.db"))
	must(t, err)
	defer st.Close()
	checkConverged(t, st, tabs, ids)
	if t.Failed() {
		if log, err := os.ReadFile(cc.logPath); err == nil {
			t.Logf("centre's log:\n%s", log)
		}
	}
}

// buildCentral builds medround-central into the test's temporary
// directory, as `make` builds it (CGO_ENABLED=0).
func buildCentral(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the soak builds medround-central with the go command, which is not on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "medround-central")
	cmd := exec.Command(gobin, "build", "-o", bin, "medround/cmd/medround-central")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build medround-central: %v\n%s", err, out)
	}
	return bin
}

// childCentre runs `medround-central --data DIR serve` on a free loopback
// port; a restart kills it with SIGKILL and starts it again on the same
// directory (on another port: the proxy asks for the address each time).
type childCentre struct {
	t       *testing.T
	bin     string
	dir     string
	logPath string // the centre's stderr, kept across restarts
	mu      sync.RWMutex
	cmd     *exec.Cmd
	addr    string
	kills   int
	stopped bool // no restart after stop: a late one would leave a child running
}

// start runs the centre and waits for its "serving on" line. It may run on
// the proxy's goroutine, so it reports failure with Errorf and leaves the
// address empty: every request then fails and the soak's end checks fail.
func (cc *childCentre) start() {
	cc.addr = ""
	logf, err := os.OpenFile(cc.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		cc.t.Errorf("centre log: %v", err)
		return
	}
	defer logf.Close()
	cmd := exec.Command(cc.bin, "--data", cc.dir, "serve", "--addr", "127.0.0.1:0")
	cmd.Stderr = logf
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		cc.t.Errorf("start medround-central: %v", err)
		return
	}
	cc.cmd = cmd
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(out)
		s, _ := r.ReadString('\n')
		line <- s
		_, _ = io.Copy(io.Discard, r) // drained until the child ends
	}()
	select {
	case s := <-line:
		addr, ok := strings.CutPrefix(strings.TrimSpace(s), "medround-central: serving on ")
		if !ok {
			cc.t.Errorf("medround-central said %q, not where it serves", s)
			return
		}
		cc.addr = addr
	case <-time.After(20 * time.Second):
		cc.t.Errorf("medround-central did not start serving within 20 s")
	}
}

// kill ends the centre with SIGKILL and reaps it.
func (cc *childCentre) kill() {
	if cc.cmd == nil {
		return
	}
	_ = cc.cmd.Process.Kill() // SIGKILL: no shutdown, no deferred close
	_ = cc.cmd.Wait()
	cc.cmd = nil
}

func (cc *childCentre) restart() {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.stopped {
		return
	}
	cc.kill()
	cc.kills++
	cc.start()
}

func (cc *childCentre) stop() {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.stopped = true
	cc.kill()
}

func (cc *childCentre) url() string {
	cc.mu.RLock()
	defer cc.mu.RUnlock()
	return "http://" + cc.addr
}

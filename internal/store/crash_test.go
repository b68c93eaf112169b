package store_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/store"
	"medround/internal/store/storetest"
)

// crashChildEnv names the database a re-executed test binary appends to
// until it is killed.
const crashChildEnv = "MEDROUND_CRASH_CHILD_DB"

// TestCrashChild is the child side of TestKilledWhileRecordingLosesNothing:
// it appends events in a loop and prints each UUID once Append has returned,
// which is the moment a care worker is told the dose is recorded.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("child of the crash test only")
	}
	st, err := store.Open(path, store.Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		e := given(storetest.ResidentMargaret, storetest.EntryMetformin, time.Now())
		if err := st.Append(e); err != nil {
			fmt.Println("append:", err)
			os.Exit(4)
		}
		fmt.Fprintln(out, e.ID)
		out.Flush()
		if i%7 == 0 { // the syncer acknowledges now and then
			if err := st.Ack(e.ID); err != nil {
				fmt.Println("ack:", err)
				os.Exit(5)
			}
		}
	}
}

// TestKilledWhileRecordingLosesNothing SIGKILLs a child process at random
// moments while it records, then checks that every event it acknowledged is
// stored with its outbox entry (or was acked), and that the file passes
// Check. MEDROUND_SOAK_CYCLES sets the number of kills (default 50).
func TestKilledWhileRecordingLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	cycles := 50
	if n, err := strconv.Atoi(os.Getenv("MEDROUND_SOAK_CYCLES")); err == nil && n > 0 {
		cycles = n
	}
	path := filepath.Join(t.TempDir(), "medround.db")
	st := storetest.OpenAt(t, path)
	storetest.WithChart(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(50, 500))
	var acked []uuid.UUID
	for cycle := range cycles {
		got := runAndKill(t, path, time.Duration(20+rng.IntN(120))*time.Millisecond)
		acked = append(acked, got...)
		verifyAfterCrash(t, path, acked, cycle)
	}
	t.Logf("%d kills, %d acknowledged events all present", cycles, len(acked))
}

func runAndKill(t *testing.T, path string, after time.Duration) []uuid.UUID {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	timer := time.After(after)
	var ids []uuid.UUID
	for killed := false; ; {
		select {
		case <-timer:
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			timer = nil
		case line, ok := <-lines:
			if !ok {
				_ = cmd.Wait()
				if !killed {
					t.Fatalf("child ended before it was killed")
				}
				return ids
			}
			id, err := uuid.Parse(line)
			if err != nil {
				t.Fatalf("child: %s", line)
			}
			ids = append(ids, id)
		}
	}
}

func verifyAfterCrash(t *testing.T, path string, acked []uuid.UUID, cycle int) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("cycle %d: reopen after kill: %v", cycle, err)
	}
	defer st.Close()
	for _, id := range acked {
		if _, err := st.Event(id); err != nil {
			t.Fatalf("cycle %d: acknowledged event lost: %v", cycle, err)
		}
	}
	if errs := st.Check(); len(errs) > 0 {
		t.Fatalf("cycle %d: Check after kill: %v", cycle, errs)
	}
}

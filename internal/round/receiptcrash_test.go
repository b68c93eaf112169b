package round_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/demo"
	"medround/internal/demo/demotest"
	"medround/internal/ledger"
	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/store"
)

// receiptChildEnv names the database a re-executed test binary records
// receipts in until it is killed.
const receiptChildEnv = "MEDROUND_RECEIPT_CRASH_DB"

// receiptChildDevice marks the child's records.
const receiptChildDevice = "crash-child"

// receiptPacks are what the child receives, in turn: a controlled drug
// (witnessed, from the pharmacy) three times in four, amlodipine (no
// witness, so the loop is fast) the fourth.
var receiptPacks = []string{"mst-10", "amlodipine-5", "mst-10", "mst-10"}

// TestReceiptCrashChild is the child side of TestKilledWhileReceivingStock:
// it records receipts in a loop, printing each one's ID and quantity once
// RecordStock has returned (when the care worker is told it is in the
// register), and now and then reads the stock list, which keeps register
// checkpoints, so a kill can land in either write.
func TestReceiptCrashChild(t *testing.T) {
	path := os.Getenv(receiptChildEnv)
	if path == "" {
		t.Skip("child of the receipt crash test only")
	}
	st, err := store.Open(path, store.Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	svc := round.New(st, round.Options{DeviceID: receiptChildDevice})
	amy, err := svc.SignIn("amy", "1111")
	if err != nil {
		fmt.Println("sign in:", err)
		os.Exit(4)
	}
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready")
	out.Flush()
	for i := 0; ; i++ {
		q := float64(1 + i%5)
		req := round.StockRequest{ResidentScan: "R101", PackScan: pack(receiptPacks[i%len(receiptPacks)]), Quantity: q,
			From: "Boots pharmacy", WitnessID: "sam", WitnessPIN: "2222"}
		res, err := svc.RecordStock(amy, mar.KindReceipt, req)
		if err != nil {
			fmt.Println("receive:", err)
			os.Exit(5)
		}
		fmt.Fprintln(out, res.Event.ID, q)
		out.Flush()
		if i%3 == 0 {
			if _, err := svc.Stock("R101"); err != nil {
				fmt.Println("stock:", err)
				os.Exit(6)
			}
		}
	}
}

// TestKilledWhileReceivingStock SIGKILLs a child process at random moments
// while it records receipts, then reopens the file and checks: every
// receipt the child was told is in the register is there, every receipt
// there is whole (the quantity, pack, witness and supplier it was recorded
// with), each register's balance is what the records say it is (from the
// whole record and from a checkpoint alike), and `db check` passes.
// MEDROUND_SOAK_CYCLES sets the number of kills (default 12).
func TestKilledWhileReceivingStock(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	cycles := 12
	if n, err := strconv.Atoi(os.Getenv("MEDROUND_SOAK_CYCLES")); err == nil && n > 0 {
		cycles = n
	}
	st := demotest.Open(t, demo.Options{Residents: 2, Now: demoNow, Hash: round.HashPIN})
	path := filepath.Join(t.TempDir(), "medround.db")
	if err := st.BackupFile(path); err != nil {
		t.Fatal(err)
	}
	start := balancesAt(t, path)
	rng := rand.New(rand.NewPCG(12, 1200))
	told := map[uuid.UUID]float64{}
	for cycle := range cycles {
		for id, q := range runReceiptsAndKill(t, path, time.Duration(50+rng.IntN(400))*time.Millisecond) {
			told[id] = q
		}
		verifyReceipts(t, path, start, told, cycle)
	}
	t.Logf("%d kills, %d receipts the child was told of, all whole and in the register", cycles, len(told))
}

// balancesAt is each register's balance in the file, by product ID.
func balancesAt(t *testing.T, path string) map[string]float64 {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	regs, err := round.New(st, round.Options{DeviceID: "check"}).Registers("res-001")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for id, r := range regs {
		out[id] = r.Balance
	}
	return out
}

func runReceiptsAndKill(t *testing.T, path string, after time.Duration) map[uuid.UUID]float64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestReceiptCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), receiptChildEnv+"="+path)
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
	got := map[uuid.UUID]float64{}
	var timer <-chan time.Time
	for killed := false; ; {
		select {
		case <-timer:
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killed, timer = true, nil
		case line, ok := <-lines:
			if !ok {
				_ = cmd.Wait()
				if !killed {
					t.Fatal("the child ended before it was killed")
				}
				return got
			}
			if line == "ready" { // the clock starts once the store is open
				timer = time.After(after)
				continue
			}
			id, q, err := parseReceiptLine(line)
			if err != nil {
				t.Fatalf("child: %s", line)
			}
			got[id] = q
		}
	}
}

func parseReceiptLine(line string) (uuid.UUID, float64, error) {
	f := strings.Fields(line)
	if len(f) != 2 {
		return uuid.Nil, 0, fmt.Errorf("not a receipt line")
	}
	id, err := uuid.Parse(f[0])
	if err != nil {
		return uuid.Nil, 0, err
	}
	q, err := strconv.ParseFloat(f[1], 64)
	return id, q, err
}

func verifyReceipts(t *testing.T, path string, start map[string]float64, told map[uuid.UUID]float64, cycle int) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("cycle %d: reopen after kill: %v", cycle, err)
	}
	defer st.Close()
	svc := round.New(st, round.Options{DeviceID: "check"})
	events, err := st.Events("res-001", demoNow, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	for id, b := range start {
		want[id] = b
	}
	seen := 0
	for _, e := range events {
		if e.DeviceID != receiptChildDevice {
			continue
		}
		seen++
		q, wasTold := told[e.ID]
		if !wholeReceipt(e) || (wasTold && e.Quantity != q) {
			t.Fatalf("cycle %d: a stored receipt is not whole: %+v", cycle, e)
		}
		want[e.ProductID] += e.Quantity
	}
	if seen < len(told) {
		t.Fatalf("cycle %d: %d receipts stored, the child was told of %d", cycle, seen, len(told))
	}
	if seen > len(told)+cycle+1 {
		t.Fatalf("cycle %d: %d receipts stored that the child was never told of: more than one a kill", cycle, seen-len(told))
	}
	for _, read := range []func(string) (map[string]*ledger.Register, error){svc.Registers, svc.StockRegisters} {
		regs, err := read("res-001")
		if err != nil {
			t.Fatalf("cycle %d: registers: %v", cycle, err)
		}
		for id, b := range want {
			if regs[id] == nil || regs[id].Balance != b {
				t.Fatalf("cycle %d: register of %s holds %v, the records say %g", cycle, id, regs[id], b)
			}
		}
	}
	if errs := svc.CheckDatabase(); len(errs) > 0 {
		t.Fatalf("cycle %d: db check after kill: %v", cycle, errs)
	}
}

// wholeReceipt says a child's receipt reads back as it was recorded.
func wholeReceipt(e mar.Event) bool {
	return e.Kind == mar.KindReceipt && e.ResidentID == "res-001" && e.Quantity >= 1 && e.Quantity <= 5 &&
		e.UserID == "amy" && e.WitnessID == "sam" && e.Note == "Boots pharmacy" && e.GTIN != "" && e.Batch == "B42" &&
		(e.ProductID == "mst-10" || e.ProductID == "amlodipine-5")
}

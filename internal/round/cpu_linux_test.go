//go:build linux

package round_test

import (
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPU is Linux's CLOCK_THREAD_CPUTIME_ID, which the syscall
// package does not name; getrusage counts in scheduler ticks, too coarse
// for a check.
const clockThreadCPU = 3

// threadCPU is the CPU time the calling thread has used. Benchmarks report
// percentiles of it beside wall time: the machines they run on are often
// busy with other builds, and a wall-clock tail then measures the
// neighbours. Callers lock the goroutine to its thread.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPU, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

func lockThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}

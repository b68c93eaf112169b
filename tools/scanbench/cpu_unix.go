//go:build unix

package scanbench

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used, all threads (the
// garbage collector's included), or false where the system cannot say.
// On a shared machine wall time counts other processes' load; CPU time
// does not.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

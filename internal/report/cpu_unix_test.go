//go:build unix

package report

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used. Benchmarks report it per
// operation beside wall time, because the machines they run on are often
// busy with other builds and wall time then measures the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build !unix

package scanbench

import "time"

// processCPU cannot measure this process's CPU time here; the benchmark
// then shows wall time only for our engine.
func processCPU() (time.Duration, bool) { return 0, false }

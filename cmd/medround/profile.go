package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
)

// heapOnSignal writes a heap profile to path each time the process gets
// SIGUSR1, with a line of the Go runtime's own figures on stderr, so a
// memory figure from bench.sh can be split into the Go heap and the rest
// (the GL driver's textures and buffers) without a debug build.
func heapOnSignal(path string) {
	if heapSignal == nil {
		fmt.Fprintln(os.Stderr, "medround: MEDROUND_PPROF needs SIGUSR1, which this system does not have")
		return
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, heapSignal)
	go func() {
		for range sig {
			if err := writeHeap(path); err != nil {
				fmt.Fprintln(os.Stderr, "medround: heap profile:", err)
			}
		}
	}()
}

func writeHeap(path string) error {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(os.Stderr, "memstats heap-inuse %.1f MB heap-idle %.1f MB released %.1f MB sys %.1f MB\n",
		mb(m.HeapInuse), mb(m.HeapIdle), mb(m.HeapReleased), mb(m.Sys))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

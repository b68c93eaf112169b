//go:build !unix

package main

import "os"

// heapSignal is nil where there is no SIGUSR1 (Windows): measuring is done
// on Linux, and the Windows build must still compile.
var heapSignal os.Signal

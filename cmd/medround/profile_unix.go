//go:build unix

package main

import (
	"os"
	"syscall"
)

// heapSignal asks for a heap profile (kill -USR1).
var heapSignal os.Signal = syscall.SIGUSR1

package pgtest

import "syscall"

// procAttr runs a child as cred (nil: as this process) and, should the
// test binary be killed (a timeout, ^C), has the kernel send the server
// SIGQUIT, its immediate shutdown, so no server outlives its tests.
func procAttr(cred *credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
}

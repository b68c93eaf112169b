//go:build unix && !linux

package pgtest

import "syscall"

// procAttr runs a child as this process's user: only Linux can drop to
// nobody here, and PostgreSQL's binaries come from Debian's package anyway.
func procAttr(cred *credential) *syscall.SysProcAttr { return nil }

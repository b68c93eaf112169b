//go:build !unix

package pgtest

import "syscall"

// serverSupported: the test server is started from Debian's postgresql
// package, which Windows does not have; Start says so and the tests skip.
const serverSupported = false

// credential has nothing to switch to where the server is not run.
type credential struct{}

func serverUser() (*credential, error) { return nil, nil }

func chownTo(string, *credential) error { return nil }

func procAttr(*credential) *syscall.SysProcAttr { return nil }

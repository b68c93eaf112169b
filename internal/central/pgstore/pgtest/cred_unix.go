//go:build unix

package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// serverSupported: Debian's PostgreSQL binaries run here.
const serverSupported = true

// credential is the user a child process runs as.
type credential = syscall.Credential

// serverUser is the user the server runs as: nil for the current user,
// nobody when running as root.
func serverUser() (*credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		return nil, fmt.Errorf("start postgres as root: PostgreSQL will not run as root and there is no user nobody to run it as: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("start postgres as root: user nobody: %w", err)
	}
	return &credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: false, Groups: []uint32{}}, nil
}

// chownTo gives dir to cred (nil: leaves it to this process's user), so
// a server run as nobody can write its cluster there.
func chownTo(dir string, cred *credential) error {
	if cred == nil {
		return nil
	}
	return os.Chown(dir, int(cred.Uid), int(cred.Gid))
}

package pgtest

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissingBinariesSayToRunMakeTest(t *testing.T) {
	saved := binGlob
	defer func() { binGlob = saved }()
	binGlob = filepath.Join(t.TempDir(), "*", "bin")
	_, err := BinDir()
	if !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "make test") || !strings.Contains(err.Error(), SkipEnv) {
		t.Errorf("BinDir with no PostgreSQL = %v; want ErrNotInstalled saying to run make test", err)
	}
}

func TestNewestVersionIsChosen(t *testing.T) {
	cases := []struct {
		name string
		dirs []string
		want string
	}{
		{"one version", []string{"/usr/lib/postgresql/15/bin"}, "/usr/lib/postgresql/15/bin"},
		{"9.6 is older than 10", []string{"/usr/lib/postgresql/10/bin", "/usr/lib/postgresql/9.6/bin"}, "/usr/lib/postgresql/10/bin"},
	}
	for _, c := range cases {
		if got := newest(c.dirs); got != c.want {
			t.Errorf("%s: newest(%v) = %s, want %s", c.name, c.dirs, got, c.want)
		}
	}
}

func TestMissingPostgresSkipsOnlyWhenAsked(t *testing.T) {
	var sub *testing.T
	t.Run("MEDROUND_NO_POSTGRES=1", func(t *testing.T) {
		sub = t
		t.Setenv(SkipEnv, "1")
		check(t, ErrNotInstalled)
	})
	if !sub.Skipped() {
		t.Error("missing PostgreSQL with MEDROUND_NO_POSTGRES=1 did not skip")
	}
}

func TestNoServerHereSkips(t *testing.T) {
	var sub *testing.T
	t.Run("unsupported system", func(t *testing.T) {
		sub = t
		check(t, ErrUnsupported)
	})
	if !sub.Skipped() {
		t.Error("a system where no PostgreSQL test server runs did not skip")
	}
}

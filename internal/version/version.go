// Package version says which build of medround is running, so a home's IT
// person can tell whether a tablet has the update, and support can match a
// report to the source it came from.
//
// `make dist` stamps Version from `git describe` by a generated file,
// stamp_dist.go, present only for its build (Fyne's Windows packager drops
// linker flags on its second link); a plain build may also use
//
//	-ldflags "-X medround/internal/version.Version=v0.1.0-12-gabc1234"
//
// A build without the stamp (go build, go run, tests) names the commit Go
// recorded in the binary, or says it is a development build.
package version

import "runtime/debug"

// Version is set by make dist's stamp or the linker; empty in other builds.
var Version = ""

// String returns the version of this build: the stamp when there is one,
// else "dev" with the commit (and "-dirty" for uncommitted changes) when
// Go recorded it.
func String() string {
	if Version != "" {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return fromSettings(info.Settings)
}

func fromSettings(settings []debug.BuildSetting) string {
	var rev string
	var dirty bool
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "dev-" + rev
	if dirty {
		v += "-dirty"
	}
	return v
}

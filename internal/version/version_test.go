package version

import (
	"runtime/debug"
	"testing"
)

func TestFromSettings(t *testing.T) {
	tests := []struct {
		name     string
		settings []debug.BuildSetting
		want     string
	}{
		{"no version control recorded", nil, "dev"},
		{"a clean commit", []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "false"}}, "dev-0123456789ab"},
		{"uncommitted changes", []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}, "dev-0123456789ab-dirty"},
		{"a short revision", []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}, "dev-abc"},
	}
	for _, tt := range tests {
		if got := fromSettings(tt.settings); got != tt.want {
			t.Errorf("%s: fromSettings = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestStampWins(t *testing.T) {
	old := Version
	defer func() { Version = old }()
	Version = "v0.1.0-3-gabc1234"
	if got := String(); got != "v0.1.0-3-gabc1234" {
		t.Errorf("String() = %q with the stamp set, want the stamp", got)
	}
}

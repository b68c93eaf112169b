package main

import (
	"strings"
	"testing"

	"medround/internal/version"
)

func TestVersionPrintsTheStamp(t *testing.T) {
	old := version.Version
	defer func() { version.Version = old }()
	version.Version = "v0.1.0-7-gdeadbee"
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"plain", []string{"version"}, exitOK, "medroundctl v0.1.0-7-gdeadbee\n"},
		{"as JSON", []string{"--json", "version"}, exitOK, `"version": "v0.1.0-7-gdeadbee"`},
		{"with a stray argument", []string{"version", "now"}, exitUsage, ""},
	}
	for _, tt := range tests {
		code, out, _ := ctl(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%s: medroundctl %v = %d %q, want %d and %q", tt.name, tt.args, code, out, tt.code, tt.want)
		}
	}
}

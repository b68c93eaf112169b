package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"medround/internal/mar"
	"medround/internal/schedule"
	"medround/internal/store"
)

// TestHomeWithoutTheNightRoundFromTheCommandLine: a home whose settings
// lost the night round (as a central record's settings may arrive) still
// lists the round's doses with the residents whose night doses are on no
// round, and a manager can still change the other settings from here.
func TestHomeWithoutTheNightRoundFromTheCommandLine(t *testing.T) {
	dir := demoDir(t)
	st, err := store.Open(filepath.Join(dir, store.DatabaseFile), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.Home()
	if err != nil {
		t.Fatal(err)
	}
	h.Rounds = slices.DeleteFunc(h.Rounds, func(r mar.Round) bool { return r.Name == schedule.Night })
	if err := st.PutHome(h); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		out  []string
	}{
		{"the morning round lists its doses and says whose night doses are on no round",
			[]string{"due", "--at", demoAt, "--round", "morning"}, 0,
			[]string{"Margaret Ellis", "ON NO ROUND: room 1, Margaret Ellis: Atorvastatin 20mg tablets and 2 more: on no round (this home has no night round)",
				"room 2, Arthur Bennett: Donepezil 10mg tablets and 1 more: on no round"}},
		{"the manager still changes how often registers are counted",
			[]string{"cd", "interval", "--every", "daily", "--user", "meg", "--pin", "3333"}, 0, []string{"counted: daily"}},
	}
	for _, tt := range tests {
		code, out, errs := ctl(t, append([]string{"--data", dir}, tt.args...)...)
		for _, s := range tt.out {
			if code != tt.code || !strings.Contains(out, s) {
				t.Errorf("%s: exit %d\n%s%s\nwant exit %d saying %q", tt.name, code, out, errs, tt.code, s)
			}
		}
	}
}

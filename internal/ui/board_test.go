package ui

import (
	"testing"

	"medround/internal/mar"
)

func TestRoundLabel(t *testing.T) {
	at := mar.ClockTime(8 * 60)
	tests := []struct {
		name  string
		round mar.Round
		want  string
	}{
		{"a named round", mar.Round{Name: "morning", At: at}, "Morning round (08:00)"},
		{"a round saved with no name", mar.Round{At: at}, "Round at 08:00"},
		{"a name of spaces only", mar.Round{Name: "  ", At: at}, "Round at 08:00"},
		{"a name starting outside ASCII", mar.Round{Name: "évening", At: at}, "Évening round (08:00)"},
		{"a one-letter name", mar.Round{Name: "a", At: at}, "A round (08:00)"},
	}
	for _, tt := range tests {
		if got := roundLabel(tt.round); got != tt.want {
			t.Errorf("%s: roundLabel(%+v) = %q, want %q", tt.name, tt.round, got, tt.want)
		}
	}
}

// TestBoardShowsARoundWithNoName: a home whose settings hold a round with
// an empty name opens the board instead of panicking.
func TestBoardShowsARoundWithNoName(t *testing.T) {
	h := newHarness(t)
	home, err := h.st.Home()
	if err != nil {
		t.Fatal(err)
	}
	home.Rounds = append(home.Rounds, mar.Round{At: mar.ClockTime(23 * 60)})
	if err := h.st.PutHome(home); err != nil {
		t.Fatal(err)
	}
	h.app.loadHome()
	h.signIn("amy", "1111")
	h.sees("Room 1  ·  Margaret Ellis")
	found := false
	for _, o := range h.app.board.choose.Options {
		found = found || o == "Round at 23:00"
	}
	if !found {
		t.Errorf("the unnamed round is not offered: %q", h.app.board.choose.Options)
	}
}

package ui

import (
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
	"medround/internal/round"
	"medround/internal/schedule"
)

// dropNightRound writes the home's settings without the night round
// straight to the store, as settings may arrive from elsewhere: the
// service itself refuses the change while charts need the round.
func dropNightRound(t *testing.T, h *harness) {
	t.Helper()
	home, err := h.st.Home()
	if err != nil {
		t.Fatal(err)
	}
	home.Rounds = slices.DeleteFunc(home.Rounds, func(r mar.Round) bool { return r.Name == schedule.Night })
	if err := h.st.PutHome(home); err != nil {
		t.Fatal(err)
	}
	h.app.loadHome()
}

// shot saves what the window shows when MEDROUND_SHOTS names a directory.
func shot(t *testing.T, h *harness, name string) {
	dir := os.Getenv("MEDROUND_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// TestBoardLoadsWhenAChartNeedsARoundTheHomeLacks: one resident's night
// dose in a home without a night round no longer stops the round for
// everyone. Every resident is on the board, the line above it names each
// affected resident, their rows and their page say which medicine is on
// no round and what to do.
func TestBoardLoadsWhenAChartNeedsARoundTheHomeLacks(t *testing.T) {
	h := newHarness(t)
	dropNightRound(t, h)
	rows, err := h.svc.Board(h.clock.now(), "morning")
	if err != nil {
		t.Fatal(err)
	}
	h.signIn("amy", "1111")
	h.sees("Room 1  ·  Margaret Ellis")
	h.notSees("Cannot load the round")
	affected := 0
	for _, r := range rows {
		if r.Unplaced != "" {
			affected++
			if !strings.Contains(h.app.board.unplaced.Text, r.Resident.Name()) {
				t.Errorf("the line above the board does not name %s: %q", r.Resident.Name(), h.app.board.unplaced.Text)
			}
		}
	}
	if affected < 2 {
		t.Fatalf("%d residents affected, want several", affected)
	}
	h.sees("Doses on no round for ")
	h.sees("Atorvastatin 20mg tablets and 2 more: on no round (this home has no night round). Ask a manager to add it or correct the chart.")
	if len(h.app.board.choose.Options) != 3 {
		t.Errorf("the chooser offers %q, want the home's three rounds", h.app.board.choose.Options)
	}
	if h.app.board.layout.height != unplacedRowHeight {
		t.Errorf("rows are %g high with doses on no round, want %d to hold the words", h.app.board.layout.height, unplacedRowHeight)
	}
	shot(t, h, "board-unplaced-1280x800.png")
	h.tap("Not yet recorded")
	h.sees("Not yet recorded: morning round")
	h.sees(h.app.board.unplaced.Text) // the list holds no dose on no round either: it says whose
	h.tap("Back to the round")
	h.tapResident("Margaret Ellis")
	h.sees("Margaret Ellis's chart gives Atorvastatin 20mg tablets")
	h.sees("ask a manager to add the night round and its time in Settings, or to correct the chart")
	noGoChain(t, h)
}

// failingBoard is the board's service with a board that cannot be read.
type failingBoard struct{ boardService }

func (failingBoard) Board(time.Time, string) ([]round.ResidentRow, error) {
	return nil, errors.New("read residents: disk on fire")
}

// TestRoundChooserListsTheRoundsWhenTheBoardFails: a board that cannot be
// read says so and still offers the home's rounds to choose from.
func TestRoundChooserListsTheRoundsWhenTheBoardFails(t *testing.T) {
	h := newHarness(t)
	h.app.board.svc = failingBoard{h.app.board.svc}
	h.signIn("amy", "1111")
	h.sees("Cannot load the round: ")
	home, _ := h.svc.Home()
	var want []string
	for _, r := range home.Rounds {
		want = append(want, roundLabel(r))
	}
	if got := h.app.board.choose.Options; len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("the chooser offers %q after the board failed, want %q", got, want)
	}
	h.notSees("Room 1  ·  Margaret Ellis")
	if h.app.board.layout.height != rowHeight || h.app.board.unplaced.Visible() {
		t.Errorf("a board that failed has rows %g high and the on-no-round line shown %v", h.app.board.layout.height, h.app.board.unplaced.Visible())
	}
}

// TestSettingsRefuseToRemoveARoundChartsNeed: the manager removes the
// night round in Settings; the save is refused with the residents and
// medicines that need it, and the round stays.
func TestSettingsRefuseToRemoveARoundChartsNeed(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Settings")
	s := h.app.settings
	for _, f := range slices.Clone(s.rounds) {
		if f.name.Text == schedule.Night {
			s.removeRound(f)
		}
	}
	h.tap("Save settings")
	h.sees("Not saved: Night round is used by ")
	h.sees("Margaret Ellis (Atorvastatin 20mg tablets, Morphine sulfate 10mg modified-release tablets and Senna 7.5mg tablets)")
	h.sees("; change the charts first")
	shot(t, h, "settings-round-in-use-1280x800.png")
	home, err := h.svc.Home()
	if err != nil || !slices.ContainsFunc(home.Rounds, func(r mar.Round) bool { return r.Name == schedule.Night }) {
		t.Errorf("rounds after the refused save = %v, %v; want the night round kept", home.Rounds, err)
	}
	noGoChain(t, h)
}

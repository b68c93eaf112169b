package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"medround/internal/round"
)

// A care worker's own list of the round's doses not yet recorded: every
// dose of the round the board counts as to do, overdue first, and a tap
// opens the resident.
func TestCareWorkerSeesTheRoundsDosesNotYetRecorded(t *testing.T) {
	h := newHarness(t)
	h.signIn("amy", "1111")
	due, done := h.app.board.totals()
	h.tap("Not yet recorded")
	h.sees("Not yet recorded: morning round")
	var s *todoScreen
	if ts, ok := h.app.current.(*todoScreen); ok {
		s = ts
	} else {
		t.Fatalf("the list did not open; screen: %s", h.texts())
	}
	if len(s.items) != due-done {
		t.Errorf("%d doses listed, the board has %d to do", len(s.items), due-done)
	}
	for i := 1; i < len(s.items); i++ {
		if todoRank[s.items[i].State] < todoRank[s.items[i-1].State] {
			t.Fatalf("dose %d (%s) after one %s: overdue not first", i, s.items[i].State, s.items[i-1].State)
		}
	}
	for _, it := range s.items {
		if it.State == round.StateGiven || it.State == round.StateRefused || it.State == round.StateNotGiven {
			t.Errorf("%s %s is recorded (%s) but listed", it.Resident.ID, it.Entry.ID, it.State)
		}
	}
	if len(s.items) == 0 {
		t.Fatal("nothing to do in the demo's morning round: the test proves nothing")
	}
	h.sees("not yet recorded")
	first := s.items[0].Resident.ID
	test.Tap(s.lines[0].open)
	if h.app.current != screen(h.app.resident) || h.app.resident.id != first {
		t.Errorf("tapping the dose did not open %s; screen: %s", first, h.texts())
	}
}

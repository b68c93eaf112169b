package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

func TestPageStarts(t *testing.T) {
	e := func(groups ...int) []reviewEntry {
		out := make([]reviewEntry, len(groups))
		for i, g := range groups {
			out[i].group = g
		}
		return out
	}
	tests := []struct {
		name    string
		entries []reviewEntry
		height  float32
		want    []int
	}{
		{"no rows is one empty page", nil, 500, []int{0}},
		{"one group of three fits a heading and three rows", e(0, 0, 0), 10 + 3*100, []int{0}},
		{"a new group costs a heading", e(0, 0, 1), 10 + 3*100, []int{0, 2}},
		{"a page starting inside a group repeats its heading", e(0, 0, 0, 0), 10 + 2*100, []int{0, 2}},
		{"a list too short for one row still shows a row a page", e(0, 1), 50, []int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageStarts(tt.entries, tt.height, 10, 100); !slices.Equal(got, tt.want) {
				t.Errorf("pageStarts = %v, want %v", got, tt.want)
			}
		})
	}
}

// On a portrait tablet the sections stand above the rows, in two
// columns; on a landscape one beside them.
func TestReviewSectionsMoveAboveTheRowsInPortrait(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Review")
	body := h.app.review.body
	side, rows := body.Objects[0], body.Objects[1]
	if !(side.Position().X < rows.Position().X) {
		t.Errorf("landscape: sections at %v, rows at %v; want them side by side", side.Position(), rows.Position())
	}
	h.win.Resize(fyne.NewSize(800, 1280))
	body.Refresh()
	if !(side.Position().Y < rows.Position().Y) || side.Size().Width < 700 {
		t.Errorf("portrait: sections at %v (%v), rows at %v; want them above, full width", side.Position(), side.Size(), rows.Position())
	}
	h.sees("Incidents from the central record (")
}

package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
)

// staffLabels returns one label per user, in order: the name, with the user
// ID after it where another user has the same name (whatever its case or
// spacing). A witness or approver is picked by the label, so two staff
// called Sam Patel must never share one: the record would name whichever
// came first, and the PIN asked would be the other's.
func staffLabels(users []mar.User) []string {
	count := map[string]int{}
	for _, u := range users {
		count[nameKey(u.Name)]++
	}
	labels := make([]string, len(users))
	for i, u := range users {
		labels[i] = u.Name
		if count[nameKey(u.Name)] > 1 || strings.TrimSpace(u.Name) == "" {
			labels[i] = strings.TrimSpace(u.Name + " (" + u.ID + ")")
		}
	}
	return labels
}

func nameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// staffPicker is a select of staff that answers by user ID: the label
// shown is for people, the ID is what a record holds.
type staffPicker struct {
	sel    *widget.Select
	users  []mar.User
	labels []string
}

// set offers users, keeping the one chosen if they are still offered.
func (sp *staffPicker) set(users []mar.User) {
	keep := sp.selectedID()
	sp.users = append(sp.users[:0], users...)
	sp.labels = staffLabels(sp.users)
	sp.sel.SetOptions(sp.labels)
	if keep == "" || !sp.choose(keep) {
		sp.sel.ClearSelected()
	}
}

// choose selects the user with id and reports whether they are offered.
func (sp *staffPicker) choose(id string) bool {
	for i, u := range sp.users {
		if u.ID == id {
			sp.sel.SetSelectedIndex(i)
			return true
		}
	}
	return false
}

// selectedID is the ID of the user chosen, or "" when none is.
func (sp *staffPicker) selectedID() string {
	i := sp.sel.SelectedIndex()
	if i < 0 || i >= len(sp.users) || i >= len(sp.labels) || sp.labels[i] != sp.sel.Selected {
		return ""
	}
	return sp.users[i].ID
}

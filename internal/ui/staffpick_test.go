package ui

import (
	"testing"

	"medround/internal/mar"
	"medround/internal/round"
)

func TestStaffLabels(t *testing.T) {
	tests := []struct {
		name  string
		users []mar.User
		want  []string
	}{
		{"different names are shown as they are",
			[]mar.User{{ID: "sam", Name: "Sam Patel"}, {ID: "meg", Name: "Meg Holloway"}},
			[]string{"Sam Patel", "Meg Holloway"}},
		{"two staff with one name are told apart by ID",
			[]mar.User{{ID: "sam", Name: "Sam Patel"}, {ID: "spatel", Name: "Sam Patel"}},
			[]string{"Sam Patel (sam)", "Sam Patel (spatel)"}},
		{"one name in another case or spacing is the same name",
			[]mar.User{{ID: "sam", Name: "Sam Patel"}, {ID: "spatel", Name: "sam  patel"}},
			[]string{"Sam Patel (sam)", "sam  patel (spatel)"}},
		{"a user with no name shows the ID", []mar.User{{ID: "sam"}}, []string{"(sam)"}},
		{"no staff", nil, []string{}},
	}
	for _, tt := range tests {
		got := staffLabels(tt.users)
		if len(got) != len(tt.want) {
			t.Errorf("%s: staffLabels = %q, want %q", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: staffLabels = %q, want %q", tt.name, got, tt.want)
				break
			}
		}
	}
}

// addNamesake adds a second senior called Sam Patel, ID spatel, PIN 5555.
func addNamesake(h *harness) {
	h.t.Helper()
	hash, err := round.HashPIN("5555")
	if err != nil {
		h.t.Fatal(err)
	}
	if err := h.st.PutUser(mar.User{ID: "spatel", Name: "Sam Patel", Role: mar.RoleSenior, PINHash: hash}); err != nil {
		h.t.Fatal(err)
	}
	h.app.signIn.refresh()
}

// TestWitnessWithTheSameNameIsTheOneChosen: with two seniors called Sam
// Patel, the one picked witnesses, by their own PIN, and the record names
// them, not the first Sam Patel.
func TestWitnessWithTheSameNameIsTheOneChosen(t *testing.T) {
	for _, pickBy := range []string{"list", "badge"} {
		t.Run(pickBy, func(t *testing.T) {
			h := newHarness(t)
			addNamesake(h)
			h.signIn("amy", "1111")
			h.scan("R101")
			h.scan(pack("mst-10"))
			if pickBy == "badge" {
				h.scan("STAFF:spatel")
			} else {
				h.choose("Choose the witness", "Sam Patel (spatel)")
			}
			if got := h.app.resident.record.witness.Selected; got != "Sam Patel (spatel)" {
				t.Fatalf("witness shown = %q, want Sam Patel (spatel)", got)
			}
			h.entry("Witness's PIN").SetText("5555")
			h.tap("Given")
			h.sees("Recorded at 08:05")
			view, err := h.svc.ResidentView(h.app.resident.id, h.clock.now())
			if err != nil {
				t.Fatal(err)
			}
			var witness string // of the newest witnessed record: Recent is newest first
			for _, e := range view.Recent {
				if e.WitnessID != "" {
					witness = e.WitnessID
					break
				}
			}
			if witness != "spatel" {
				t.Errorf("record's witness = %q, want spatel", witness)
			}
		})
	}
}

// TestApproverWithTheSameNameIsTheOneChosen: the correction's approver is
// the Sam Patel picked, checked by their PIN.
func TestApproverWithTheSameNameIsTheOneChosen(t *testing.T) {
	h := givenThenCorrecting(t)
	addNamesake(h)
	h.tap("Day before") // leave and come back so the approvers are offered again
	h.tap("Day after")
	h.tapLast("Entered in error")
	h.entry("Why was it entered in error?").SetText("scanned for the wrong resident")
	h.choose("Senior or manager approving", "Sam Patel (spatel)")
	h.entry("Approver's PIN").SetText("2222") // the other Sam's PIN
	h.tap("Mark as entered in error")
	h.sees("Not corrected: approver: wrong PIN")
	h.choose("Senior or manager approving", "Sam Patel (spatel)")
	h.entry("Approver's PIN").SetText("5555")
	h.tap("Mark as entered in error")
	h.sees("Marked as entered in error")
	h.sees("approved by Sam Patel (spatel)")
}

// TestSignInTellsNamesakesApart: two buttons, two labels, and each signs
// its own user in.
func TestSignInTellsNamesakesApart(t *testing.T) {
	h := newHarness(t)
	addNamesake(h)
	h.tap("Sam Patel (spatel)")
	h.sees("Sam Patel (spatel): enter your PIN")
	for _, d := range "5555" {
		h.tap(string(d))
	}
	h.tap("Sign in")
	if h.app.session == nil || h.app.session.User().ID != "spatel" {
		t.Fatalf("signed in as %v, want spatel", h.app.session)
	}
}

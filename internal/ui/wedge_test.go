package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// keyStep is one key reaching the canvas, after a pause.
type keyStep struct {
	after time.Duration
	text  string       // runes typed one by one, each after the pause
	key   fyne.KeyName // a named key, when text is empty
}

func TestWedgeTellsScansFromTyping(t *testing.T) {
	const ms = time.Millisecond
	cases := []struct {
		name      string
		gs        string
		steps     []keyStep
		wantScans []string
		wantHand  int
		wantFocus int
	}{
		{name: "scanner ends the wristband with Return",
			steps:     []keyStep{{after: 3 * ms, text: "R101"}, {after: 3 * ms, key: fyne.KeyReturn}},
			wantScans: []string{"R101"}},
		{name: "scanner ends with keypad Enter",
			steps:     []keyStep{{after: 3 * ms, text: "R101"}, {after: 3 * ms, key: fyne.KeyEnter}},
			wantScans: []string{"R101"}},
		{name: "scanner set up with a Tab suffix, and the focus move undone",
			steps:     []keyStep{{after: 3 * ms, text: "R101"}, {after: 3 * ms, key: fyne.KeyTab}},
			wantScans: []string{"R101"}, wantFocus: 1},
		{name: "person's own Tab moves the focus as usual",
			steps: []keyStep{{after: 3 * ms, key: fyne.KeyTab}}},
		{name: "pack code typed by hand from the box is not a scan",
			steps:    []keyStep{{after: 250 * ms, text: "(01)05000045600024"}, {after: 300 * ms, key: fyne.KeyReturn}},
			wantHand: 1},
		{name: "stray key before a scan does not stick to its front",
			steps: []keyStep{{after: 3 * ms, text: "x"}, {after: 2 * time.Second, text: "R"}, {after: 3 * ms, text: "101"},
				{after: 3 * ms, key: fyne.KeyReturn}},
			wantScans: []string{"R101"}},
		{name: "GS substitute from the home settings becomes the GS1 separator",
			gs:        "~",
			steps:     []keyStep{{after: 3 * ms, text: "010500004560002410B42~17271231"}, {after: 3 * ms, key: fyne.KeyReturn}},
			wantScans: []string{"010500004560002410B42\x1d17271231"}},
		{name: "backspace is a person correcting, never a scanner",
			steps:    []keyStep{{after: 3 * ms, text: "R10"}, {after: 3 * ms, key: fyne.KeyBackspace}, {after: 3 * ms, text: "1"}, {after: 3 * ms, key: fyne.KeyReturn}},
			wantHand: 1},
		{name: "lone Return is a person's and says nothing",
			steps: []keyStep{{after: 3 * ms, key: fyne.KeyReturn}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
			var scans []string
			hand, focus := 0, 0
			w := &wedge{now: func() time.Time { return now },
				onScan: func(code string) { scans = append(scans, code) },
				onHand: func() { hand++ }, refocus: func() { focus++ }}
			w.setGSSubstitute(c.gs)
			for _, st := range c.steps {
				if st.text == "" {
					now = now.Add(st.after)
					ev := &fyne.KeyEvent{Name: st.key}
					if st.key == fyne.KeyTab {
						w.keyDown(ev)
					} else {
						w.typedKey(ev)
					}
					continue
				}
				for _, r := range st.text {
					now = now.Add(st.after)
					w.typedRune(r)
				}
			}
			if len(scans) != len(c.wantScans) || (len(scans) > 0 && scans[0] != c.wantScans[0]) {
				t.Errorf("scans = %q, want %q", scans, c.wantScans)
			}
			if hand != c.wantHand || focus != c.wantFocus {
				t.Errorf("hand-typed notices %d, focus undone %d; want %d, %d", hand, focus, c.wantHand, c.wantFocus)
			}
		})
	}
}

package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestSettingsSetHowOftenRegistersAreCounted: the manager has the
// controlled drugs counted daily and keeps schedule 4 registers from the
// settings screen; the home keeps both.
func TestSettingsSetHowOftenRegistersAreCounted(t *testing.T) {
	h := newHarness(t)
	h.signIn("meg", "3333")
	h.tap("Settings")
	cd := h.app.settings.cd
	if cd.every.Selected != "weekly" || !slices.Equal(cd.schedules.Selected, []string{"Schedule 3"}) {
		t.Fatalf("a new home shows counts %q, registers %v; want weekly, schedule 3 (and 2, always)", cd.every.Selected, cd.schedules.Selected)
	}
	cd.every.SetSelected("daily")
	cd.schedules.SetSelected([]string{"Schedule 3", "Schedule 4"})
	h.tap("Save settings")
	h.sees("Settings saved.")
	home, err := h.svc.Home()
	if err != nil || home.CountInterval() != 24*time.Hour || !slices.Equal(home.RegisterSchedules(), []int{2, 3, 4}) {
		t.Fatalf("home after save = count every %s, schedules %v, %v; want daily, 2, 3, 4", home.CountInterval(), home.RegisterSchedules(), err)
	}
	if dir := os.Getenv("MEDROUND_SHOTS"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "settings-cd-1280x800.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}

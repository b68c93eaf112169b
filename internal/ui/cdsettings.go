package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
)

// cdSettingsFields edit the home's controlled drugs settings: how often
// two staff count each register, and which schedules besides 2 keep one.
type cdSettingsFields struct {
	every     *widget.Select
	schedules *widget.CheckGroup
}

// optionalSchedules are the schedules a home chooses to keep registers
// for: 2 always keeps one, so it is not offered.
var optionalSchedules = []int{3, 4, 5}

func scheduleLabel(n int) string { return "Schedule " + strconv.Itoa(n) }

func newCDSettingsFields() *cdSettingsFields {
	var labels []string
	for _, n := range optionalSchedules {
		labels = append(labels, scheduleLabel(n))
	}
	f := &cdSettingsFields{every: widget.NewSelect(mar.CountIntervalWords(), nil),
		schedules: widget.NewCheckGroup(labels, nil)}
	f.schedules.Horizontal = true
	return f
}

func (f *cdSettingsFields) fill(h mar.Home) {
	word, _ := mar.CountIntervalWord(h.CountInterval())
	f.every.SetSelected(word)
	var on []string
	for _, n := range h.RegisterSchedules() {
		if n != 2 {
			on = append(on, scheduleLabel(n))
		}
	}
	f.schedules.SetSelected(on)
}

// read puts the fields into h; the round service decides whether they
// are acceptable.
func (f *cdSettingsFields) read(h *mar.Home) error {
	every, err := mar.ParseCountInterval(f.every.Selected)
	if err != nil {
		return err
	}
	h.CDCountEvery = every
	h.CDRegisterSchedules = []int{2}
	for _, l := range f.schedules.Selected {
		if n, err := strconv.Atoi(strings.TrimPrefix(l, "Schedule ")); err == nil {
			h.CDRegisterSchedules = append(h.CDRegisterSchedules, n)
		}
	}
	return nil
}

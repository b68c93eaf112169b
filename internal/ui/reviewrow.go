package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
	"medround/internal/report"
	"medround/internal/round"
)

// reviewRow is one row of the review; tapping it opens the resident, and
// its button opens the follow-up.
type reviewRow struct {
	screen   *reviewScreen
	row      report.Row
	sec      report.SectionID
	title    *widget.Label
	detail   *widget.Label
	reviewed *widget.Label
	critical *fyne.Container
	followUp *widget.Button
	open     *widget.Button
	box      *fyne.Container
}

func newReviewRow(s *reviewScreen) *reviewRow {
	a := s.app
	r := &reviewRow{screen: s}
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewLabel("")
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.reviewed = widget.NewLabel("")
	r.reviewed.Truncation = fyne.TextTruncateEllipsis
	// Time-critical rows carry their own colour and words, so the colour is
	// never the only sign.
	r.critical = band(toneStop, bandChip(toneStop, "Time-critical"))
	r.followUp = newButton("Follow up", theme.DocumentCreateIcon(), widget.MediumImportance,
		a.act(func() { s.follow.start(r.row) }))
	text := container.NewVBox(r.title, r.detail, r.reviewed)
	right := container.NewHBox(container.NewCenter(r.critical), container.NewCenter(tall(r.followUp)))
	r.open, r.box = tapRow(container.NewBorder(nil, nil, nil, right, text),
		a.act(func() { s.slot.open(r.sec, r.row) }))
	return r
}

func (r *reviewRow) set(sec report.SectionID, row report.Row) {
	r.row, r.sec = row, sec
	room := row.Room
	if room == "" {
		room = "no room"
	}
	title := fmt.Sprintf("Room %s  ·  %s", room, row.Resident)
	if row.ResidentID == "" {
		title = "A tablet, not a resident"
	}
	if row.Round != "" {
		title += "  ·  " + row.Round + " round"
	}
	r.title.SetText(title)
	r.detail.SetText(reviewDetail(r.screen.app, sec, row))
	_, _, _, can := row.Target()
	switch {
	case row.Reviewed != nil:
		r.reviewed.SetText(fmt.Sprintf("Reviewed by %s, %s: %s", row.Reviewed.UserID,
			r.screen.app.when(row.Reviewed.At), row.Reviewed.Action))
		r.reviewed.Importance = widget.SuccessImportance
	case can:
		r.reviewed.SetText("Not yet reviewed")
		r.reviewed.Importance = widget.WarningImportance
	default:
		r.reviewed.SetText("")
	}
	r.reviewed.Refresh()
	r.followUp.Hidden = !can
	r.critical.Hidden = !row.TimeCritical
	r.box.Refresh()
}

// reviewDetail says what happened to the dose, in a line.
func reviewDetail(a *App, sec report.SectionID, row report.Row) string {
	parts := []string{strings.TrimSpace(row.Medicine + " " + row.Dose)}
	if !row.Due.IsZero() {
		parts = append(parts, "due "+a.when(row.Due))
	}
	switch {
	case row.PRN != nil:
		parts = append(parts, prnUseText(row.PRN))
	case sec == report.SectionIncidents:
		parts = append(parts, fmt.Sprintf("%s %s: %s", strings.Join(row.Codes, ", "), a.when(row.OccurredAt), row.Note))
	case sec == report.SectionStopped:
		parts = append(parts, fmt.Sprintf("stopped %s (%s)", a.when(row.OccurredAt), strings.Join(row.Codes, ", ")), row.StopsText())
	case row.EventID == "":
		parts = append(parts, "nothing recorded by "+a.when(row.Closes))
		if row.Away != "" {
			parts = append(parts, "resident "+row.Away)
		}
	default:
		parts = append(parts, outcomeText(row)+" "+a.when(row.OccurredAt))
	}
	if row.Timing != "" {
		parts = append(parts, fmt.Sprintf("%d min %s", abs(row.Minutes), row.Timing))
	}
	if row.Unscanned != "" {
		parts = append(parts, "not scanned: "+strings.ReplaceAll(row.Unscanned, "-", " "))
	}
	if len(row.Codes) > 0 && sec != report.SectionStopped && sec != report.SectionIncidents {
		parts = append(parts, "over "+strings.Join(row.Codes, ", "))
	}
	if row.OverrideReason != "" {
		parts = append(parts, "reason: "+row.OverrideReason)
	}
	if row.Note != "" {
		parts = append(parts, "note: "+row.Note)
	}
	if row.UserID != "" {
		parts = append(parts, "by "+row.UserID)
	}
	parts = slices.DeleteFunc(parts, func(p string) bool { return p == "" })
	return strings.Join(parts, "  ·  ")
}

func outcomeText(row report.Row) string {
	switch row.Outcome {
	case mar.OutcomeGiven.String():
		return "given"
	case mar.OutcomeRefused.String():
		return "refused"
	}
	if r, err := mar.ParseNotGivenReason(row.Reason); err == nil {
		return "not given (" + strings.ToLower(mar.NotGivenDescriptions[r]) + ")"
	}
	return "not given"
}

func prnUseText(u *report.PRNUse) string {
	s := fmt.Sprintf("%d given, %s in all, effect recorded for %d of %d", u.Count,
		mar.Amount(u.Total, u.Unit), u.WithEffect, u.Count)
	if u.OverLimit {
		s += ", OVER THE MAXIMUM (" + u.Over + ")"
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// sectionSummary gives a section's counts by reason and by care worker.
func sectionSummary(sec *report.Section) string {
	var parts []string
	for _, g := range []struct {
		name string
		ss   []report.Summary
	}{{"By reason", sec.ByReason}, {"By care worker", sec.ByUser}} {
		if len(g.ss) == 0 {
			continue
		}
		var xs []string
		for _, s := range g.ss {
			xs = append(xs, fmt.Sprintf("%s %d", s.Label, s.Count))
		}
		parts = append(parts, g.name+": "+strings.Join(xs, ", "))
	}
	return strings.Join(parts, "   ")
}

// followPanel records a follow-up of one row: a common action with a tap,
// or one typed.
type followPanel struct {
	screen  *reviewScreen
	row     report.Row
	what    *widget.Label
	actions *widget.RadioGroup
	other   *widget.Entry
	problem *widget.Label
	box     *fyne.Container
}

// otherAction is the choice that takes a typed follow-up.
const otherAction = "Other (type it)"

func newFollowPanel(s *reviewScreen) *followPanel {
	a := s.app
	p := &followPanel{screen: s}
	p.what = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.what.Truncation = fyne.TextTruncateEllipsis
	p.actions = widget.NewRadioGroup(append(append([]string{}, round.ReviewActions...), otherAction),
		func(string) { a.idle.touch() })
	p.actions.Horizontal = true
	p.other = widget.NewEntry()
	p.other.SetPlaceHolder("What was done (for Other)")
	p.problem = wrapped("")
	p.problem.Hide()
	save := newButton("Save follow-up", theme.ConfirmIcon(), widget.HighImportance, a.act(p.save))
	cancel := newButton("Cancel", theme.CancelIcon(), widget.LowImportance, a.act(p.close))
	p.box = container.NewVBox(widget.NewSeparator(), p.what, p.actions, tall(p.other), p.problem,
		container.NewHBox(tall(save), tall(cancel)))
	p.box.Hide()
	return p
}

func (p *followPanel) start(row report.Row) {
	p.row = row
	p.what.SetText(fmt.Sprintf("Follow up: %s, %s", row.Resident, row.Medicine))
	p.actions.SetSelected("")
	p.other.SetText("")
	say(p.problem, false, "")
	p.box.Show()
}

func (p *followPanel) close() { p.box.Hide() }

// action is the follow-up chosen, or typed.
func (p *followPanel) action() string {
	if p.actions.Selected == otherAction || p.actions.Selected == "" {
		return strings.TrimSpace(p.other.Text)
	}
	return p.actions.Selected
}

func (p *followPanel) save() {
	s := p.screen
	a := s.app
	id, entryID, due, ok := p.row.Target()
	if !ok {
		return
	}
	action := p.action()
	if action == "" {
		say(p.problem, false, "Choose what was done, or type it under Other.")
		return
	}
	t := round.ReviewTarget{ResidentID: p.row.ResidentID, Record: id, EntryID: entryID, Due: due}
	sess := a.session
	load(a, func() (mar.Event, error) { return s.svc.RecordReview(sess, t, action) }, func(_ mar.Event, err error) {
		if err != nil {
			say(p.problem, false, "The follow-up was not saved: "+round.Explain(err))
			return
		}
		p.close()
		s.refresh()
	})
}

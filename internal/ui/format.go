package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"medround/internal/mar"
)

// userName is a member of staff's name, for records and the witness list.
func (a *App) userName(id string) string {
	for _, u := range a.signIn.users {
		if u.ID == id {
			return u.Name
		}
	}
	return id
}

// eventLine says what a record is, in one line a care worker reads;
// stamp formats its time: a.when where the day may not be today, a.clock
// under a day's heading.
func (a *App) eventLine(e mar.Event, product string, stamp func(time.Time) string) string {
	at := stamp(e.OccurredAt)
	by := a.userName(e.UserID)
	switch e.Kind {
	case mar.KindCorrection:
		return fmt.Sprintf("%s  Correction by %s%s: a record marked as entered in error (%s)", at, by, approvedBy(a, e), e.Note)
	case mar.KindPRNEffect:
		worked := "did not work"
		if e.Effective != nil && *e.Effective {
			worked = "worked"
		}
		return fmt.Sprintf("%s  %s said the when-required dose %s", at, by, worked)
	case mar.KindStatusChange:
		return fmt.Sprintf("%s  Status changed to %s by %s", at, e.Status, by)
	}
	parts := []string{at, outcomeWords(e), product}
	if e.Outcome == mar.OutcomeGiven && e.Quantity > 0 {
		parts = append(parts, fmt.Sprintf("%g", e.Quantity))
	}
	line := strings.Join(parts, "  ") + " · by " + by
	if e.WitnessID != "" {
		line += ", witnessed by " + a.userName(e.WitnessID)
	}
	if e.OverrideReason != "" {
		line += " · override: " + e.OverrideReason
	}
	if e.Unscanned != 0 {
		line += " · not scanned: " + e.Unscanned.String()
	}
	return line
}

// approvedBy names the senior who approved a care worker's correction.
func approvedBy(a *App, correction mar.Event) string {
	if correction.WitnessID == "" {
		return ""
	}
	return ", approved by " + a.userName(correction.WitnessID)
}

func outcomeWords(e mar.Event) string {
	switch e.Outcome {
	case mar.OutcomeGiven:
		return "Given"
	case mar.OutcomeRefused:
		return "Refused"
	case mar.OutcomeNotGiven:
		if d, ok := mar.NotGivenDescriptions[e.Reason]; ok {
			return "Not given (" + d + ")"
		}
		return "Not given"
	}
	return e.Outcome.String()
}

// say shows a message in a label, as good news or as a problem; an empty
// message hides the label so it leaves no gap.
func say(l *widget.Label, ok bool, text string) {
	l.Importance = widget.DangerImportance
	if ok {
		l.Importance = widget.SuccessImportance
	}
	l.Hidden = text == ""
	l.SetText(text)
}

package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
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
		// The unit the dose was recorded in; older records carry none.
		parts = append(parts, amountWords(e.Quantity, e.DoseUnit))
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
		if e.Reason == mar.ReasonOther {
			return "Not given (other reason)" // the description's "(say why)" asks for the note
		}
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

// doseWords is a prescribed dose as a care worker reads it: "1 tablet",
// "1 to 2 tablets", "10 mL".
func doseWords(e mar.ChartEntry) string {
	if e.DoseLow > 0 && e.DoseHigh > e.DoseLow {
		return fmt.Sprintf("%g to %s", e.DoseLow, amountWords(e.DoseHigh, e.Dose.Unit))
	}
	return amountWords(e.Dose.Value, e.Dose.Unit)
}

// measures are unit abbreviations that take no plural s.
var measures = map[string]bool{"mg": true, "mcg": true, "ug": true, "g": true, "kg": true, "ml": true,
	"l": true, "mmol": true, "iu": true}

// amountWords writes an amount with a plural for a counted unit ("8
// tablets", "2 puffs") but not for a measure ("10 mL") or a unit already
// plural or written in capitals as a code.
func amountWords(v float64, unit string) string {
	u := strings.TrimSpace(unit)
	word := strings.Trim(u, "{}")
	if v != 1 && len(word) > 2 && !strings.HasSuffix(word, "s") && !measures[strings.ToLower(word)] &&
		strings.ToLower(word) == word {
		u = word + "s"
	}
	return strings.TrimSpace(fmt.Sprintf("%g %s", v, u))
}

// mgWords writes milligrams of an ingredient, in grams from a gram up.
func mgWords(mg float64) string {
	if mg >= 1000 {
		return trimFloat(mg/1000) + " g"
	}
	return trimFloat(mg) + " mg"
}

func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}

// periodWords is a maximum's period: "24 hours", "1 hour", "7 days".
func periodWords(d time.Duration) string {
	switch {
	case d > 0 && d%(24*time.Hour) == 0 && d > 24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day")
	case d > 0 && d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	}
	return d.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// entryState says why a chart entry is not in force now ("ended on 20 Nov
// 2026", "starts on 1 Dec 2026", "on hold"), or "" when it is: whether it
// is in force is the check's to say.
func (a *App) entryState(e mar.ChartEntry) string {
	now := a.now()
	if check.InForce(e, now) {
		return ""
	}
	switch {
	case e.Status == mar.EntryActive && e.Start.After(now):
		return "starts on " + a.dateOf(e.Start)
	case e.Status == mar.EntryActive && !e.End.IsZero():
		return "ended on " + a.dateOf(e.End)
	case e.Status == mar.EntryOnHold:
		return "on hold"
	case e.Status == mar.EntryActive:
		return "not in force"
	}
	return e.Status.String()
}

// dateOf is the date of t in the home's zone, with the time when it is
// not midnight: a course may end at a given dose.
func (a *App) dateOf(t time.Time) string {
	t = t.In(a.loc)
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006 15:04")
}

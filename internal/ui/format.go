package ui

import (
	"fmt"
	"log"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"medround/internal/check"
	"medround/internal/mar"
	"medround/internal/round"
)

// userName is a member of staff's name, for records and the witness list,
// with their ID where another member of staff has the same name.
func (a *App) userName(id string) string {
	if name := a.signIn.userName(id); name != "" {
		return name
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
	case mar.KindPatchSite, mar.KindPatchRemoved, mar.KindHomelyApproval, mar.KindCovertPlan:
		return careEventLine(at, e, product, by)
	case mar.KindReview, mar.KindStoppedScan:
		return a.eventWords(e, product, at, by)
	case mar.KindIncident:
		return fmt.Sprintf("%s  Incident found by the central record: %s%s", at, strings.ToLower(incidentTitle(e)), forProduct(product))
	}
	if w := round.EventWords(e, mar.Product{Name: product}); w != "" {
		return at + "  " + strings.ToUpper(w[:1]) + w[1:] + " · by " + by + a.witnessedBy(e)
	}
	parts := []string{at, outcomeWords(e), product}
	if e.Outcome == mar.OutcomeGiven && e.Quantity > 0 {
		// The unit the dose was recorded in; older records carry none.
		parts = append(parts, amountWords(e.Quantity, e.DoseUnit))
	}
	line := strings.Join(parts, "  ") + a.doseFor(e, stamp) + " · by " + by + a.witnessedBy(e)
	if e.OverrideReason != "" {
		line += " · override: " + e.OverrideReason
	}
	if e.Unscanned != 0 {
		line += " · not scanned: " + e.Unscanned.String()
	}
	return line
}

// witnessedBy names a record's witness, if it has one.
func (a *App) witnessedBy(e mar.Event) string {
	if e.WitnessID == "" {
		return ""
	}
	return ", witnessed by " + a.userName(e.WitnessID)
}

// doseFor names the dose a record is for when it was made outside that
// dose's on-time window, e.g. a refusal of the 08:00 dose entered at 15:00;
// "" otherwise, since the time then says it.
func (a *App) doseFor(e mar.Event, stamp func(time.Time) string) string {
	gap := e.OccurredAt.Sub(e.SlotDue)
	if e.SlotDue.IsZero() || (gap <= a.home.Window && gap >= -a.home.Window) {
		return ""
	}
	return " (the dose due " + stamp(e.SlotDue) + ")"
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

// explain is what the person at the tablet reads for err: round.Explain,
// the one wording of errors for people. The cause, identifiers and paths
// masked, goes to the log for whoever supports the tablet.
func (a *App) explain(err error) string {
	logCause(err)
	return round.Explain(err)
}

// logCause logs an error's cause with identifiers and paths masked: what
// a support contact needs, kept off the screen.
func logCause(err error) { log.Print("medround: ", round.Mask(err.Error())) }

// sentence starts s with a capital letter, for an explanation that stands
// as a sentence of its own.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// doseWords is the prescribed dose, in the words the check uses.
func doseWords(e mar.ChartEntry) string { return e.DoseText() }

// amountWords writes an amount, in the words the check uses.
func amountWords(v float64, unit string) string { return mar.Amount(v, unit) }

// mgWords writes milligrams of an ingredient, in grams from a gram up.
func mgWords(mg float64) string { return mar.MilligramText(mg) }

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

// age is how old someone born on born is on now's calendar day (now in the
// home's zone), counted by month and day, not day of the year: a leap year
// shifts every day after 28 February by one. Someone born on 29 February
// turns a year older on 1 March in a year with no 29 February, as UK law
// counts it (Family Law Reform Act 1969, s. 9).
func age(born, now time.Time) int {
	y := now.Year() - born.Year()
	bm, bd := born.Month(), born.Day()
	if bm == time.February && bd == 29 && !isLeap(now.Year()) {
		bm, bd = time.March, 1
	}
	if now.Month() < bm || now.Month() == bm && now.Day() < bd {
		y--
	}
	return y
}

func isLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

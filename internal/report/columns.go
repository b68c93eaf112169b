package report

import (
	"strconv"
	"strings"
	"time"
)

// column is one column of a report's rows, as the table and CSV show it.
type column struct {
	title string // table header
	key   string // CSV header
	value func(r *Row, f timeFormat) string
	// text marks free text a user typed or a chart gave, which a
	// spreadsheet must not read as a formula.
	text bool
	// table and csv say where the column appears: a year of PRN dose times
	// fits a CSV cell but not a table line.
	table, csv bool
}

// timeFormat formats a time for one writer.
type timeFormat func(time.Time) string

// tableTime is short and local: the home's zone is in the title.
func tableTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02 15:04")
}

// csvTime keeps the offset, so a time in the repeated hour of the autumn
// clock change is not ambiguous.
func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func both(title, key string, text bool, v func(*Row, timeFormat) string) column {
	return column{title: title, key: key, value: v, text: text, table: true, csv: true}
}

func csvOnly(key string, v func(*Row, timeFormat) string) column {
	return column{key: key, value: v, csv: true}
}

func tableOnly(title string, v func(*Row, timeFormat) string) column {
	return column{title: title, value: v, table: true}
}

// who and what every report starts with.
var (
	colResidentID = csvOnly("resident_id", func(r *Row, _ timeFormat) string { return r.ResidentID })
	colResident   = both("Resident", "resident", true, func(r *Row, _ timeFormat) string { return r.Resident })
	colRoom       = both("Room", "room", true, func(r *Row, _ timeFormat) string { return r.Room })
	colEntryID    = csvOnly("entry_id", func(r *Row, _ timeFormat) string { return r.EntryID })
	colMedicine   = both("Medicine", "medicine", true, func(r *Row, _ timeFormat) string { return r.Medicine })
	colDose       = both("Dose", "dose", true, func(r *Row, _ timeFormat) string { return r.Dose })
	colRound      = both("Round", "round", false, func(r *Row, _ timeFormat) string { return r.Round })
	colDue        = both("Due", "due", false, func(r *Row, f timeFormat) string { return f(r.Due) })
	colOpens      = csvOnly("opens", func(r *Row, f timeFormat) string { return f(r.Opens) })
	colCloses     = csvOnly("closes", func(r *Row, f timeFormat) string { return f(r.Closes) })
	colWindow     = tableOnly("Window", func(r *Row, _ timeFormat) string {
		return r.Opens.Format("15:04") + "-" + r.Closes.Format("15:04")
	})
	colCritical = both("Time-critical", "time_critical", false, func(r *Row, _ timeFormat) string {
		if r.TimeCritical {
			return "yes"
		}
		return ""
	})
	colOccurred = both("Time", "occurred_at", false, func(r *Row, f timeFormat) string { return f(r.OccurredAt) })
	colUser     = both("User", "user_id", true, func(r *Row, _ timeFormat) string { return r.UserID })
	colEvent    = csvOnly("event_id", func(r *Row, _ timeFormat) string { return r.EventID })
	colNote     = both("Note", "note", true, func(r *Row, _ timeFormat) string { return r.Note })
	colCodes    = both("Check said", "codes", false, func(r *Row, _ timeFormat) string { return strings.Join(r.Codes, " ") })
	colOverride = both("Override reason", "override_reason", true, func(r *Row, _ timeFormat) string { return r.OverrideReason })
	// The follow-up: CSV keeps who, when and what; the table says it in one cell.
	colReviewedBy = csvOnly("reviewed_by", func(r *Row, _ timeFormat) string { return reviewed(r, func(v *Reviewed) string { return v.UserID }) })
	colReviewedAt = csvOnly("reviewed_at", func(r *Row, f timeFormat) string {
		return reviewed(r, func(v *Reviewed) string { return f(v.At) })
	})
	colReviewAction = column{key: "review_action", text: true, csv: true, value: func(r *Row, _ timeFormat) string {
		return reviewed(r, func(v *Reviewed) string { return v.Action })
	}}
	colAway   = both("Away", "away", false, func(r *Row, _ timeFormat) string { return r.Away })
	colReview = column{title: "Reviewed", text: true, table: true, value: func(r *Row, _ timeFormat) string {
		return reviewed(r, func(v *Reviewed) string { return v.UserID + ": " + v.Action })
	}}
)

func reviewed(r *Row, f func(*Reviewed) string) string {
	if r.Reviewed == nil {
		return ""
	}
	return f(r.Reviewed)
}

var columnsByKind = map[Kind][]column{
	KindMissed: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colDose, colRound,
		colCritical, colDue, colOpens, colCloses, colWindow,
		colAway},
	KindLate: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colDose, colRound,
		colCritical, colDue, colOpens, colCloses, colWindow,
		both("Given", "given_at", false, func(r *Row, f timeFormat) string { return f(r.OccurredAt) }),
		both("Timing", "timing", false, func(r *Row, _ timeFormat) string { return r.Timing }),
		both("Minutes", "minutes", false, func(r *Row, _ timeFormat) string { return signed(r.Minutes) }),
		colUser, colOverride, colEvent},
	KindNotGiven: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colDose, colRound,
		colDue, colOccurred,
		both("Outcome", "outcome", false, func(r *Row, _ timeFormat) string { return r.Outcome }),
		both("Reason", "reason", false, func(r *Row, _ timeFormat) string { return r.Reason }),
		colNote, colUser, colEvent},
	KindPRN: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colDose,
		both("Doses", "doses", false, prnInt(func(u *PRNUse) int { return u.Count })),
		both("Total", "total", false, prnNum(func(u *PRNUse) float64 { return u.Total })),
		both("Unit", "unit", true, func(r *Row, _ timeFormat) string { return r.PRN.Unit }),
		both("Max 24h", "max_24h", false, prnNum(func(u *PRNUse) float64 { return u.Max24h })),
		csvOnly("max_24h_from", func(r *Row, f timeFormat) string { return f(r.PRN.Max24hFrom) }),
		both("Limit", "limit", true, func(r *Row, _ timeFormat) string { return r.PRN.Limit }),
		both("Over limit", "over_limit", false, func(r *Row, _ timeFormat) string { return yesNo(r.PRN.OverLimit) }),
		csvOnly("over", func(r *Row, _ timeFormat) string { return r.PRN.Over }),
		tableOnly("Days", prnInt(func(u *PRNUse) int { return len(u.Days) })),
		both("Effect recorded", "with_effect", false, prnInt(func(u *PRNUse) int { return u.WithEffect })),
		both("Effective", "effective", false, prnInt(func(u *PRNUse) int { return u.Effective })),
		csvOnly("times", prnTimes),
		csvOnly("days", prnDays)},
	KindOverridden: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colDose, colRound,
		colDue, colOccurred, colCodes, colOverride, colUser, colEvent},
	KindUnscanned: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colDose, colRound,
		colDue, colOccurred,
		both("Outcome", "outcome", false, func(r *Row, _ timeFormat) string { return r.Outcome }),
		both("Why not scanned", "unscanned", false, func(r *Row, _ timeFormat) string { return r.Unscanned }),
		colUser, colEvent},
	KindStopped: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colRound, colOccurred,
		colCodes, tableOnly("Stops", func(r *Row, _ timeFormat) string { return r.StopsText() }),
		csvOnly("stops", func(r *Row, _ timeFormat) string { return strconv.Itoa(max(r.Stops, 1)) }),
		colUser, colEvent,
		csvOnly("repeated_event_ids", func(r *Row, _ timeFormat) string { return strings.Join(r.Repeated, " ") })},
	// The centre's code and account of what it found.
	KindIncidents: {colResidentID, colResident, colRoom, colEntryID, colMedicine, colOccurred,
		both("Incident", "codes", false, func(r *Row, _ timeFormat) string { return strings.Join(r.Codes, " ") }),
		colNote, colEvent},
}

// Every report but PRN use (a summary, not one record) carries the
// follow-up recorded for each row.
func init() {
	for k, cols := range columnsByKind {
		if k != KindPRN {
			columnsByKind[k] = append(cols, colReview, colReviewedBy, colReviewedAt, colReviewAction)
		}
	}
}

func prnInt(v func(*PRNUse) int) func(*Row, timeFormat) string {
	return func(r *Row, _ timeFormat) string { return strconv.Itoa(v(r.PRN)) }
}

func prnNum(v func(*PRNUse) float64) func(*Row, timeFormat) string {
	return func(r *Row, _ timeFormat) string { return num(v(r.PRN)) }
}

// prnTimes lists the dose times, space separated.
func prnTimes(r *Row, f timeFormat) string {
	s := make([]string, len(r.PRN.Times))
	for i, t := range r.PRN.Times {
		s[i] = f(t)
	}
	return strings.Join(s, " ")
}

// prnDays lists the day totals as DATE=TOTAL, space separated.
func prnDays(r *Row, _ timeFormat) string {
	s := make([]string, len(r.PRN.Days))
	for i, d := range r.PRN.Days {
		s[i] = d.Date + "=" + num(d.Total)
	}
	return strings.Join(s, " ")
}

func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// Columns returns the table headers of the report's rows, for a screen
// that lays out its own table.
func (r *Report) Columns() []string {
	var out []string
	for _, c := range columnsByKind[r.Kind] {
		if c.table {
			out = append(out, c.title)
		}
	}
	return out
}

// Cells returns row i's table cells, in the order of Columns.
// It returns nil for a row that does not exist.
func (r *Report) Cells(i int) []string {
	if i < 0 || i >= len(r.Rows) {
		return nil
	}
	var out []string
	for _, c := range columnsByKind[r.Kind] {
		if c.table {
			out = append(out, c.value(&r.Rows[i], tableTime))
		}
	}
	return out
}

package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestReviewFortnight reads the review of the fortnight (a real store, see
// fortnight_fixture_test.go) and compares each section with rows worked out
// by hand. Each case is one clinical situation and the row it makes in one
// section (a dose late over a warning is a late row and an overridden row);
// a case with no row says where the situation must not appear. Every
// section must hold exactly the rows the cases list for it.
//
// Times are written with their offset: BST (+01:00) until 02:00 on Sunday
// 25 October, GMT (+00:00) after it.
func TestReviewFortnight(t *testing.T) {
	const (
		mary, arthurE = "Mary Smith (3)", "Arthur Ellis (5)"
		amlo, zop     = "Amlodipine 5mg tablets", "Zopiclone 3.75mg tablets"
		levo, met     = "Co-careldopa 25mg/100mg tablets", "Metformin 500mg tablets"
	)
	tests := []struct {
		name    string
		section SectionID
		want    string // the row; "" with absent: no such row in the section
		absent  string // text a row must not hold, or "text\x00resident" for one resident's rows
	}{
		// Missed: the window closed with nothing recorded.
		{name: "amlodipine with nothing recorded on Wednesday is missed, and shows the GP was informed",
			section: SectionMissed,
			want:    mary + " | " + amlo + " | due Wed 21 Oct 08:00 +01:00 | morning | reviewed by meg: GP informed"},
		{name: "time-critical co-careldopa with nothing recorded is missed",
			section: SectionMissed, want: mary + " | " + levo + " | due Thu 22 Oct 14:00 +01:00 | time-critical"},
		{name: "zopiclone recorded then corrected as given to someone else is missed again",
			section: SectionMissed, want: mary + " | " + zop + " | due Wed 28 Oct 21:00 +00:00 | night"},
		{name: "metformin recorded for Arthur by mistake and corrected nine days later is missed",
			section: SectionMissed, want: arthurE + " | " + met + " | due Mon 19 Oct 08:00 +01:00 | morning"},
		{name: "metformin due at teatime after Arthur came back from hospital at 15:00 is missed",
			section: SectionMissed, want: arthurE + " | " + met + " | due Sat 24 Oct 17:00 +01:00 | teatime"},
		{name: "metformin due while Arthur was in hospital all window is away, not missed",
			section: SectionMissed, absent: "due Fri 23 Oct"},
		{name: "metformin given at 08:05 before Arthur left for hospital at 10:30 is not missed",
			section: SectionMissed, absent: "due Wed 21 Oct 08:00 +01:00 | morning\x00" + arthurE},
		{name: "amlodipine corrected, then the correction corrected, stands: not missed",
			section: SectionMissed, absent: "due Tue 27 Oct"},
		{name: "zopiclone given at 21:10 and entered the next morning is not missed",
			section: SectionMissed, absent: "due Thu 29 Oct"},
		{name: "amlodipine refused at breakfast and entered at 15:00 is not missed",
			section: SectionMissed, absent: "due Fri 30 Oct"},

		// Late or early: given after the window closed or before it opened.
		{name: "zopiclone due 21:00 BST given 01:30 GMT after the clocks went back is 330 minutes late, not 270",
			section: SectionLate,
			want:    mary + " | " + zop + " | due Sat 24 Oct 21:00 +01:00 | night | given Sun 25 Oct 01:30 +00:00 by amy | late 330 min | override \"woke after midnight and asked for it\""},
		{name: "co-careldopa given 06:10 GMT on the 25-hour day is on time",
			section: SectionLate, absent: "due Sun 25 Oct 06:00"},
		{name: "time-critical co-careldopa 40 minutes late is late",
			section: SectionLate,
			want:    mary + " | " + levo + " | due Mon 26 Oct 14:00 +00:00 | time-critical | given Mon 26 Oct 14:40 +00:00 by amy | late 40 min | override \"at a hospital appointment until 14:30\""},
		{name: "amlodipine 90 minutes late whose correction was itself corrected is still late",
			section: SectionLate,
			want:    mary + " | " + amlo + " | due Tue 27 Oct 08:00 +00:00 | morning | given Tue 27 Oct 09:30 +00:00 by amy | late 90 min | override \"GP asked to wait for the blood test\""},
		{name: "zopiclone given on time and entered 11 hours later is not late: lateness is when it was given",
			section: SectionLate, absent: "due Thu 29 Oct"},

		// Time-critical first: the missed and late co-careldopa again.
		{name: "missed co-careldopa is at the top",
			section: SectionTimeCritical, want: mary + " | " + levo + " | due Thu 22 Oct 14:00 +01:00 | time-critical"},
		{name: "late co-careldopa is at the top",
			section: SectionTimeCritical,
			want:    mary + " | " + levo + " | due Mon 26 Oct 14:00 +00:00 | time-critical | given Mon 26 Oct 14:40 +00:00 by amy | late 40 min | override \"at a hospital appointment until 14:30\""},

		// Not given, by reason; refused.
		{name: "amlodipine not given: asleep",
			section: SectionNotGiven,
			want:    mary + " | " + amlo + " | due Thu 22 Oct 08:00 +01:00 | morning | not-given Thu 22 Oct 08:10 +01:00 by amy | asleep"},
		{name: "co-careldopa not given: out of stock",
			section: SectionNotGiven,
			want:    mary + " | " + levo + " | due Fri 23 Oct 06:00 +01:00 | time-critical | not-given Fri 23 Oct 06:05 +01:00 by amy | out-of-stock"},
		{name: "metformin recorded not given while in hospital is a record, listed with its reason",
			section: SectionNotGiven,
			want:    arthurE + " | " + met + " | due Thu 22 Oct 08:00 +01:00 | morning | not-given Thu 22 Oct 08:15 +01:00 by sam | hospital"},
		{name: "zopiclone refused at the night round",
			section: SectionRefused,
			want:    mary + " | " + zop + " | due Mon 19 Oct 21:00 +01:00 | night | refused Mon 19 Oct 21:05 +01:00 by amy | refused"},
		{name: "amlodipine refused at breakfast, entered at 15:00, sits on the 08:00 dose",
			section: SectionRefused,
			want:    mary + " | " + amlo + " | due Fri 30 Oct 08:00 +00:00 | morning | refused Fri 30 Oct 15:00 +00:00 by amy | refused"},

		// Warnings overridden, with the reason typed.
		{name: "late zopiclone across the clock change, over the LATE warning",
			section: SectionOverridden,
			want:    mary + " | " + zop + " | due Sat 24 Oct 21:00 +01:00 | night | given Sun 25 Oct 01:30 +00:00 by amy | override \"woke after midnight and asked for it\" | [LATE]"},
		{name: "late time-critical co-careldopa: the information code TIME_CRITICAL is not an override",
			section: SectionOverridden,
			want:    mary + " | " + levo + " | due Mon 26 Oct 14:00 +00:00 | time-critical | given Mon 26 Oct 14:40 +00:00 by amy | override \"at a hospital appointment until 14:30\" | [LATE]"},
		{name: "late amlodipine whose correction was corrected keeps its override",
			section: SectionOverridden,
			want:    mary + " | " + amlo + " | due Tue 27 Oct 08:00 +00:00 | morning | given Tue 27 Oct 09:30 +00:00 by amy | override \"GP asked to wait for the blood test\" | [LATE]"},

		// Recorded without a scan.
		{name: "amlodipine chosen by hand because the barcode was damaged",
			section: SectionUnscanned,
			want:    mary + " | " + amlo + " | due Mon 26 Oct 08:00 +00:00 | morning | given Mon 26 Oct 08:05 +00:00 by ben | unscanned barcode-damaged"},

		// PRN use, each form its own row.
		{name: "paracetamol tablets: 4 g on Tuesday is at the maximum, two doses either side of the clock change, one corrected",
			section: SectionPRN,
			want: mary + " | Paracetamol 500mg tablets | 6 given, 12 tablet | most in 24h 8 from Tue 20 Oct 10:00 +01:00 | limit 8 tablet per 24h |" +
				" days 2026-10-20 4 8, 2026-10-25 2 4 | effect 2 of 6, worked 1"},
		{name: "paracetamol suspension 10 mL at 02:00 after 8 tablets is over 4 g though within its own 80 mL",
			section: SectionPRN,
			want: mary + " | Paracetamol 250mg/5ml oral suspension | 1 given, 10 mL | most in 24h 10 from Wed 21 Oct 02:00 +01:00 | limit 80 mL per 24h |" +
				" days 2026-10-21 1 10 | effect 0 of 1, worked 0 | OVER paracetamol: 4.5 g in the 24h up to 02:00 Wed 21 Oct, over the 4 g maximum"},

		// Stopped scans: near misses.
		{name: "Arthur's metformin scanned for Mary was stopped as not on her chart",
			section: SectionStopped,
			want:    mary + " | " + met + " | morning | stopped Tue 27 Oct 07:58 +00:00 by amy | [NOT_ON_CHART]"},
	}
	st := fortnightStore(t)
	rv, err := BuildReview(st, fortnightFrom, fortnightTo, fortnightNow)
	if err != nil {
		t.Fatalf("BuildReview = %v", err)
	}
	got := map[SectionID][]string{}
	for _, s := range rv.Sections {
		for _, r := range s.Rows {
			got[s.ID] = append(got[s.ID], describe(&r))
		}
	}
	want := map[SectionID][]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want != "" {
				if !slices.Contains(got[tt.section], tt.want) {
					t.Errorf("%s: no row\n%s\nrows:\n%s", tt.section.Title(), tt.want, strings.Join(got[tt.section], "\n"))
				}
				return
			}
			// "text\x00who": a row of who holding text.
			text, who, _ := strings.Cut(tt.absent, "\x00")
			for _, row := range got[tt.section] {
				if strings.Contains(row, text) && strings.HasPrefix(row, who) {
					t.Errorf("%s: row %s, want none", tt.section.Title(), row)
				}
			}
		})
		if tt.want != "" {
			want[tt.section] = append(want[tt.section], tt.want)
		}
	}
	for _, s := range rv.Sections {
		if extra := missing(got[s.ID], want[s.ID]); len(extra) > 0 {
			t.Errorf("%s holds rows no case expects:\n%s", s.Title, strings.Join(extra, "\n"))
		}
	}
}

// missing returns the rows of have that want does not hold.
func missing(have, want []string) []string {
	var out []string
	for _, h := range have {
		if !slices.Contains(want, h) {
			out = append(out, h)
		}
	}
	return out
}

// describe writes a row as the table test compares it: who and what, the
// due time with its offset, and what each section shows.
func describe(r *Row) string {
	f := func(t interface{ Format(string) string }) string { return t.Format("Mon 2 Jan 15:04 -07:00") }
	parts := []string{fmt.Sprintf("%s (%s)", r.Resident, r.Room), r.Medicine}
	if !r.Due.IsZero() {
		parts = append(parts, "due "+f(r.Due))
	}
	if r.Round != "" {
		parts = append(parts, r.Round)
	}
	if r.TimeCritical {
		parts = append(parts, "time-critical")
	}
	if r.Away != "" {
		parts = append(parts, "away "+r.Away)
	}
	if r.PRN != nil {
		return strings.Join(append(parts, describePRN(r.PRN)...), " | ")
	}
	if !r.OccurredAt.IsZero() {
		what := r.Outcome
		if what == "" {
			what = "stopped"
		}
		parts = append(parts, fmt.Sprintf("%s %s by %s", what, f(r.OccurredAt), r.UserID))
	}
	if r.Timing != "" {
		parts = append(parts, fmt.Sprintf("%s %d min", r.Timing, r.Minutes))
	}
	if r.Reason != "" {
		parts = append(parts, r.Reason)
	}
	if r.OverrideReason != "" {
		parts = append(parts, fmt.Sprintf("override %q", r.OverrideReason))
	}
	if len(r.Codes) > 0 {
		parts = append(parts, fmt.Sprint(r.Codes))
	}
	if r.Unscanned != "" {
		parts = append(parts, "unscanned "+r.Unscanned)
	}
	if r.Reviewed != nil {
		parts = append(parts, fmt.Sprintf("reviewed by %s: %s", r.Reviewed.UserID, r.Reviewed.Action))
	}
	return strings.Join(parts, " | ")
}

func describePRN(u *PRNUse) []string {
	var days []string
	for _, d := range u.Days {
		days = append(days, fmt.Sprintf("%s %d %v", d.Date, d.Count, d.Total))
	}
	out := []string{fmt.Sprintf("%d given, %v %s", u.Count, u.Total, u.Unit),
		fmt.Sprintf("most in 24h %v from %s", u.Max24h, u.Max24hFrom.Format("Mon 2 Jan 15:04 -07:00")),
		"limit " + u.Limit, "days " + strings.Join(days, ", "),
		fmt.Sprintf("effect %d of %d, worked %d", u.WithEffect, u.Count, u.Effective)}
	if u.OverLimit {
		out = append(out, "OVER "+u.Over)
	}
	return out
}

// TestReportsFortnightSummaries checks the counts the reports give for the
// fortnight against counts worked out by hand: 14 days of Mary's 4 doses a
// day (56) and Arthur's 2 (28), Arthur away for 6 metformin doses, one of
// them recorded not given.
func TestReportsFortnightSummaries(t *testing.T) {
	st := fortnightStore(t)
	tests := []struct {
		name  string
		kind  Kind
		group string // total, resident, round or reason
		key   string
		want  Summary
	}{
		{"84 doses due, 5 missed, 5 with Arthur away all window", KindMissed, "total", "",
			Summary{Count: 5, Due: 84, Away: 5}},
		{"Mary missed 3 of 56", KindMissed, "resident", resident, Summary{Count: 3, Due: 56}},
		{"Arthur missed 2 of 28, away for 5 with nothing recorded", KindMissed, "resident", arthur,
			Summary{Count: 2, Due: 28, Away: 5}},
		{"morning round: amlodipine and metformin, 28 due, 2 missed, 2 away", KindMissed, "round", "morning",
			Summary{Count: 2, Due: 28, Away: 2}},
		{"teatime round: metformin, 14 due, 1 missed after the return, 3 away", KindMissed, "round", "teatime",
			Summary{Count: 1, Due: 14, Away: 3}},
		{"night round: zopiclone, 14 due, the corrected one missed", KindMissed, "round", "night",
			Summary{Count: 1, Due: 14}},
		{"co-careldopa at 06:00 and 14:00 is no round's: 28 due, 1 missed", KindMissed, "round", "",
			Summary{Count: 1, Due: 28}},
		{"3 late, none early, of 84 due", KindLate, "total", "", Summary{Count: 3, Due: 84}},
		{"refused twice", KindNotGiven, "reason", "refused", Summary{Count: 2}},
		{"not given once asleep", KindNotGiven, "reason", "asleep", Summary{Count: 1}},
		{"not given once out of stock", KindNotGiven, "reason", "out-of-stock", Summary{Count: 1}},
		{"not given once in hospital", KindNotGiven, "reason", "hospital", Summary{Count: 1}},
		{"7 PRN doses standing: 6 tablets and 1 suspension", KindPRN, "resident", resident, Summary{Count: 7}},
		{"one dose chosen by hand, by ben", KindUnscanned, "user", "ben", Summary{Count: 1}},
	}
	reps := map[Kind]*Report{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := reps[tt.kind]
			if rep == nil {
				rep = build(t, st, tt.kind, fortnightFrom, fortnightTo, fortnightNow)
				reps[tt.kind] = rep
			}
			var sums []Summary
			switch tt.group {
			case "total":
				sums = []Summary{rep.Total}
			case "resident":
				sums = rep.ByResident
			case "round":
				sums = rep.ByRound
			case "reason":
				sums = rep.ByReason
			case "user":
				sums = rep.ByUser
			}
			i := slices.IndexFunc(sums, func(s Summary) bool { return tt.group == "total" || s.Key == tt.key })
			if i < 0 {
				t.Fatalf("no %s summary %q in %+v", tt.group, tt.key, sums)
			}
			got := sums[i]
			got.Key, got.Label = "", ""
			if got != tt.want {
				t.Errorf("%s %q = %+v, want %+v", tt.group, tt.key, got, tt.want)
			}
		})
	}
}

package report

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

// The summary's period: two weeks from Monday 2 March 2026 (GMT).
var (
	sumFrom = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	sumTo   = sumFrom.AddDate(0, 0, 14)
)

func sumDay(d, hh int) time.Time { return sumFrom.AddDate(0, 0, d).Add(time.Duration(hh) * time.Hour) }

func sumChart() []mar.ChartEntry {
	para := mar.ChartEntry{ID: "rx-para", ResidentID: "R1", ProductID: "p-para", Status: mar.EntryActive, PRN: true,
		PRNReason: "pain", Dose: mar.Quantity{Value: 2, Unit: "tablet"}, DoseLow: 1, DoseHigh: 2, Version: 1,
		ValidFrom: sumFrom.AddDate(0, -1, 0)}
	lora := para
	lora.ID, lora.ProductID, lora.PRNReason, lora.DoseLow, lora.DoseHigh = "rx-lora", "p-lora", "agitation", 0, 0
	amlo := mar.ChartEntry{ID: "rx-amlo", ResidentID: "R1", ProductID: "p-amlo", Status: mar.EntryActive, Version: 1,
		ValidFrom: para.ValidFrom}
	return []mar.ChartEntry{para, lora, amlo}
}

func sumDose(entry string, at time.Time) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindAdministration, ResidentID: "R1", EntryID: entry,
		OccurredAt: at, Outcome: mar.OutcomeGiven, Quantity: 1}
}

func sumAnswer(dose mar.Event, worked bool, digest string, after time.Duration) mar.Event {
	return mar.Event{ID: uuid.New(), Kind: mar.KindPRNEffect, ResidentID: "R1", EntryID: dose.EntryID,
		About: dose.ID, Effective: &worked, Digest: digest, OccurredAt: dose.OccurredAt.Add(after)}
}

func sumProtocol(entry, by string, at time.Time, callGP string) (mar.Event, string) {
	p := mar.PRNProtocol{ResidentID: "R1", EntryID: entry, Signs: []string{"pain"}, CallGP: callGP}
	ev := mar.Event{ID: uuid.New(), UserID: by, OccurredAt: at}
	p.Fill(&ev)
	return ev, p.Digest()
}

func TestSummarisePRN(t *testing.T) {
	imported, importedDigest := sumProtocol("rx-para", "meg", sumFrom.AddDate(0, -1, 0), "")
	written, writtenDigest := sumProtocol("rx-para", "sam", sumDay(7, 9), "Pain for 3 days")
	d1, d2, d3 := sumDose("rx-para", sumDay(0, 10)), sumDose("rx-para", sumDay(1, 10)), sumDose("rx-para", sumDay(8, 10))
	type want struct {
		tally      PRNTally
		weeks      [2]PRNTally
		byProtocol []ProtocolEffect
		protocolBy string // "" when the line has no protocol
		missing    []string
	}
	for _, c := range []struct {
		name   string
		events []mar.Event
		entry  string
		want   want
	}{
		{name: "paracetamol given three times: two worked, one not answered",
			entry: "rx-para",
			events: []mar.Event{imported, d1, d2, d3, sumAnswer(d1, true, importedDigest, time.Hour),
				sumAnswer(d2, true, importedDigest, time.Hour)},
			want: want{tally: PRNTally{Doses: 3, Worked: 2, Unanswered: 1},
				weeks:      [2]PRNTally{{Doses: 2, Worked: 2}, {Doses: 1, Unanswered: 1}},
				byProtocol: []ProtocolEffect{{ProtocolVersion: ProtocolVersion{Digest: importedDigest, By: "meg"}, Worked: 2}},
				protocolBy: "meg", missing: []string{"how to choose the dose", "what to do if it does not work", "when to call the GP"}}},
		{name: "answers split between the imported protocol and the senior's rewrite",
			entry: "rx-para",
			events: []mar.Event{imported, written, d1, d3, sumAnswer(d1, false, importedDigest, time.Hour),
				sumAnswer(d3, true, writtenDigest, time.Hour)},
			want: want{tally: PRNTally{Doses: 2, Worked: 1, NotWorked: 1},
				weeks: [2]PRNTally{{Doses: 1, NotWorked: 1}, {Doses: 1, Worked: 1}},
				byProtocol: []ProtocolEffect{{ProtocolVersion: ProtocolVersion{Digest: importedDigest, By: "meg"}, NotWorked: 1},
					{ProtocolVersion: ProtocolVersion{Digest: writtenDigest, By: "sam"}, Worked: 1}},
				protocolBy: "sam", missing: []string{"how to choose the dose", "what to do if it does not work"}}},
		{name: "a dose corrected as entered in error does not count, nor its answer",
			entry: "rx-para",
			events: []mar.Event{imported, d1, d2, sumAnswer(d2, true, importedDigest, time.Hour),
				{ID: uuid.New(), Kind: mar.KindCorrection, ResidentID: "R1", Corrects: d2.ID, OccurredAt: sumDay(1, 12)}},
			want: want{tally: PRNTally{Doses: 1, Unanswered: 1}, weeks: [2]PRNTally{{Doses: 1, Unanswered: 1}},
				protocolBy: "meg", missing: []string{"how to choose the dose", "what to do if it does not work", "when to call the GP"}}},
		{name: "a dose answered twice counts the last answer",
			entry: "rx-para",
			events: []mar.Event{imported, d1, sumAnswer(d1, true, importedDigest, time.Hour),
				sumAnswer(d1, false, importedDigest, 2*time.Hour)},
			want: want{tally: PRNTally{Doses: 1, NotWorked: 1}, weeks: [2]PRNTally{{Doses: 1, NotWorked: 1}},
				byProtocol: []ProtocolEffect{{ProtocolVersion: ProtocolVersion{Digest: importedDigest, By: "meg"}, NotWorked: 1}},
				protocolBy: "meg", missing: []string{"how to choose the dose", "what to do if it does not work", "when to call the GP"}}},
		{name: "lorazepam answered with no protocol counts under none",
			entry:  "rx-lora",
			events: []mar.Event{d1, sumDose("rx-lora", sumDay(3, 22)), sumAnswer(sumDose("rx-lora", sumDay(20, 1)), true, "", time.Hour)},
			want:   want{tally: PRNTally{Doses: 1, Unanswered: 1}, weeks: [2]PRNTally{{Doses: 1, Unanswered: 1}}}},
		{name: "lorazepam never given and with no protocol still shows, with no protocol",
			entry: "rx-lora", events: []mar.Event{imported},
			want: want{}},
		{name: "doses before and after the period, and regular doses, do not count",
			entry: "rx-para",
			events: []mar.Event{imported, sumDose("rx-para", sumFrom.Add(-time.Minute)), sumDose("rx-para", sumTo),
				func() mar.Event { e := sumDose("rx-amlo", sumDay(2, 8)); e.SlotDue = sumDay(2, 8); return e }()},
			want: want{protocolBy: "meg", missing: []string{"how to choose the dose", "what to do if it does not work", "when to call the GP"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := SummarisePRN(PRNSummaryInput{From: sumFrom, To: sumTo, Loc: time.UTC,
				Residents: []mar.Resident{{ID: "R1", GivenName: "Mary", FamilyName: "Jones", Room: "4"}},
				Chart:     sumChart(), Events: c.events,
				Products: map[string]mar.Product{"p-para": {ID: "p-para", Name: "Paracetamol 500mg tablets"},
					"p-lora": {ID: "p-lora", Name: "Lorazepam 1mg tablets"}, "p-amlo": {ID: "p-amlo", Name: "Amlodipine"}}})
			if len(got) != 1 || got[0].Resident != "Mary Jones" {
				t.Fatalf("SummarisePRN = %+v, want Mary's lines", got)
			}
			names := []string{}
			var l *PRNLine
			for i := range got[0].Lines {
				names = append(names, got[0].Lines[i].EntryID)
				if got[0].Lines[i].EntryID == c.entry {
					l = &got[0].Lines[i]
				}
			}
			if !slices.Equal(names, []string{"rx-lora", "rx-para"}) || l == nil {
				t.Fatalf("lines %q, want the two PRN lines (lorazepam, paracetamol) and never amlodipine", names)
			}
			if l.PRNTally != c.want.tally || len(l.Weeks) != 2 || l.Weeks[0].PRNTally != c.want.weeks[0] || l.Weeks[1].PRNTally != c.want.weeks[1] {
				t.Errorf("tally %+v weeks %+v, want %+v %+v", l.PRNTally, l.Weeks, c.want.tally, c.want.weeks)
			}
			if !sameEffects(l.ByProtocol, c.want.byProtocol) {
				t.Errorf("by protocol %+v, want %+v", l.ByProtocol, c.want.byProtocol)
			}
			switch {
			case c.want.protocolBy == "" && l.Protocol != nil:
				t.Errorf("protocol %+v, want none", l.Protocol)
			case c.want.protocolBy != "" && (l.Protocol == nil || l.Protocol.By != c.want.protocolBy || !slices.Equal(l.Protocol.Missing, c.want.missing)):
				t.Errorf("protocol %+v, want by %s missing %q", l.Protocol, c.want.protocolBy, c.want.missing)
			}
		})
	}
}

func sameEffects(got, want []ProtocolEffect) bool {
	return slices.EqualFunc(got, want, func(a, b ProtocolEffect) bool {
		return a.Digest == b.Digest && a.By == b.By && a.Worked == b.Worked && a.NotWorked == b.NotWorked
	})
}

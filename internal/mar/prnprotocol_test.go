package mar_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"medround/internal/mar"
)

func painProtocol() mar.PRNProtocol {
	return mar.PRNProtocol{ResidentID: "R101", EntryID: "rx-para",
		Signs:      append([]string{"Says she has pain in her knee"}, mar.AbbeySigns()[:2]...),
		DoseChoice: "1 tablet for mild pain; 2 if the pain is severe or 1 did not help last time",
		IfNoEffect: "Tell the senior after an hour; try repositioning and a warm drink",
		CallGP:     "Pain most days for 3 days, or new severe pain"}
}

func TestPRNProtocolReadsBackFromItsEvent(t *testing.T) {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		p    mar.PRNProtocol
	}{
		{"pain protocol written by a senior with Abbey signs", painProtocol()},
		{"protocol imported with only the prescription's reason and words",
			mar.PRNProtocol{ResidentID: "R101", EntryID: "rx-lora", Signs: []string{"Agitation"},
				Prescribed: "Give if distressed; no more than 2 in 24 hours", Imported: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := mar.Event{ID: uuid.New(), UserID: "sam", OccurredAt: at}
			c.p.Fill(&e)
			got, err := mar.PRNProtocolFrom(e)
			if err != nil {
				t.Fatal(err)
			}
			if !got.SameTerms(c.p) || got.By != "sam" || !got.At.Equal(at) || got.ID != e.ID || got.Imported != c.p.Imported {
				t.Errorf("PRNProtocolFrom(Fill(%+v)) = %+v", c.p, got)
			}
			if !slices.Equal(got.Signs, c.p.Signs) || got.Digest() != c.p.Digest() {
				t.Errorf("signs %q digest %s; want %q %s", got.Signs, got.Digest(), c.p.Signs, c.p.Digest())
			}
		})
	}
}

func TestPRNProtocolRefusesBadTerms(t *testing.T) {
	for _, c := range []struct {
		name string
		mod  func(*mar.PRNProtocol)
	}{
		{"no sign: nobody can tell why it is given", func(p *mar.PRNProtocol) { p.Signs = nil }},
		{"a blank sign", func(p *mar.PRNProtocol) { p.Signs = []string{"  "} }},
		{"no chart line", func(p *mar.PRNProtocol) { p.EntryID = "" }},
		{"no resident", func(p *mar.PRNProtocol) { p.ResidentID = "" }},
		{"a sign over two lines", func(p *mar.PRNProtocol) { p.Signs = []string{"pain\nsource: x"} }},
		{"when to call the GP over two lines", func(p *mar.PRNProtocol) { p.CallGP = "a\nb" }},
		{"too many signs", func(p *mar.PRNProtocol) { p.Signs = make([]string, mar.MaxProtocolSigns+1); p.Signs[0] = "x" }},
		{"a sign too long to tap", func(p *mar.PRNProtocol) { p.Signs = []string{strings.Repeat("a", 201)} }},
		{"what to do if it fails too long", func(p *mar.PRNProtocol) { p.IfNoEffect = strings.Repeat("a", 1001) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := painProtocol()
			c.mod(&p)
			if err := p.Valid(); err == nil {
				t.Errorf("Valid(%+v) = nil, want an error", p)
			}
		})
	}
}

func TestPRNProtocolRefusesADamagedRecord(t *testing.T) {
	for _, c := range []struct{ name, note string }{
		{"a sign missing from the middle", "sign-1: pain\nsign-3: grimacing"},
		{"a key no protocol has", "sign-1: pain\nmax: 8"},
		{"an unknown source", "sign-1: pain\nsource: fax"},
		{"no sign at all", "call-gp: if no better"},
		{"a line with no key", "sign-1: pain\njust words"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := mar.Event{ID: uuid.New(), Kind: mar.KindPRNProtocol, ResidentID: "R101", EntryID: "rx-para", Note: c.note}
			if p, err := mar.PRNProtocolFrom(e); err == nil {
				t.Errorf("PRNProtocolFrom(%q) = %+v, want an error", c.note, p)
			}
		})
	}
	if _, err := mar.PRNProtocolFrom(mar.Event{Kind: mar.KindCovertPlan, Note: "sign-1: pain"}); err == nil {
		t.Error("a covert plan read as a PRN protocol")
	}
}

func TestPRNProtocolMissing(t *testing.T) {
	ranged := mar.ChartEntry{Dose: mar.Quantity{Value: 2, Unit: "tablet"}, DoseLow: 1, DoseHigh: 2}
	fixed := mar.ChartEntry{Dose: mar.Quantity{Value: 1, Unit: "tablet"}}
	for _, c := range []struct {
		name  string
		p     mar.PRNProtocol
		entry mar.ChartEntry
		want  []string
	}{
		{"complete protocol for 1 to 2 tablets misses nothing", painProtocol(), ranged, nil},
		{"imported protocol for 1 to 2 tablets misses the home's parts",
			mar.PRNProtocol{Signs: []string{"pain"}}, ranged,
			[]string{"how to choose the dose", "what to do if it does not work", "when to call the GP"}},
		{"a fixed dose needs no choice of dose",
			mar.PRNProtocol{Signs: []string{"pain"}, IfNoEffect: "tell the senior"}, fixed, []string{"when to call the GP"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.p.Missing(c.entry); !slices.Equal(got, c.want) {
				t.Errorf("Missing = %q, want %q", got, c.want)
			}
		})
	}
}

func TestPRNProtocolDigestChangesWithItsTerms(t *testing.T) {
	a, b := painProtocol(), painProtocol()
	b.CallGP = "Pain most days for 2 days"
	if a.Digest() == b.Digest() || a.SameTerms(b) {
		t.Error("two protocols that say different things have one digest")
	}
	b = painProtocol()
	b.By, b.At = "meg", time.Now()
	if a.Digest() != b.Digest() {
		t.Error("who wrote a protocol changed what it says")
	}
}

func TestPRNLimits(t *testing.T) {
	para := mar.ChartEntry{PRN: true, Dose: mar.Quantity{Value: 2, Unit: "tablet"}, DoseLow: 1, DoseHigh: 2,
		MinInterval: 4 * time.Hour, MaxDose: &mar.MaxDose{Quantity: mar.Quantity{Value: 8, Unit: "tablet"}, Period: 24 * time.Hour}}
	fourADay := mar.ChartEntry{PRN: true, Dose: mar.Quantity{Value: 10, Unit: "mL"},
		Timing: mar.Timing{Frequency: 4, Period: 1, PeriodUnit: "d"}}
	weekly := para
	weekly.MinInterval, weekly.MaxDose = 90*time.Minute, &mar.MaxDose{Quantity: mar.Quantity{Value: 20, Unit: "tablet"}, Period: 7 * 24 * time.Hour}
	for _, c := range []struct {
		name  string
		entry mar.ChartEntry
		want  string
	}{
		{"paracetamol 1 to 2 tablets, 4 hours apart, 8 in 24 hours", para,
			"1 to 2 tablets; at least 4 hours apart; at most 8 tablets in 24 hours"},
		{"a liquid up to 4 times a day with no maximum says so", fourADay,
			"10 mL; at least 6 hours apart (worked out from how often a day); no maximum on the chart"},
		{"an interval in minutes and a weekly maximum", weekly,
			"1 to 2 tablets; at least 90 minutes apart; at most 20 tablets in 7 days"},
		{"a line with no limits says both are missing", mar.ChartEntry{PRN: true, Dose: mar.Quantity{Value: 1, Unit: "tablet"}},
			"1 tablet; no least interval on the chart; no maximum on the chart"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := mar.PRNLimits(c.entry); got != c.want {
				t.Errorf("PRNLimits = %q, want %q", got, c.want)
			}
		})
	}
}

// A protocol written in the home never shows the prescription's words it
// was given: they go stale when the prescription changes. The chart line's
// own instruction is shown; an imported version shows what its import read.
func TestPrescriptionWords(t *testing.T) {
	line := mar.ChartEntry{ID: "rx-para", PRN: true, PatientInstruction: " Take 1 tablet when needed for pain. "}
	for _, tt := range []struct {
		name string
		p    mar.PRNProtocol
		want string
	}{
		{"imported version: the words its import read", mar.PRNProtocol{Imported: true, Prescribed: "Take 1 or 2; if no better after 48 hours, contact the GP"},
			"Take 1 or 2; if no better after 48 hours, contact the GP"},
		{"written in the home with old words: the chart line's own", mar.PRNProtocol{Prescribed: "If no better after 48 hours, contact the GP"},
			"Take 1 tablet when needed for pain."},
		{"written in the home with none: the chart line's own", mar.PRNProtocol{}, "Take 1 tablet when needed for pain."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.PrescriptionWords(line); got != tt.want {
				t.Errorf("PrescriptionWords = %q, want %q", got, tt.want)
			}
		})
	}
}

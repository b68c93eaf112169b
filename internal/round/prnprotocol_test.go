package round_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"medround/internal/check"
	"medround/internal/fhir"
	"medround/internal/mar"
	"medround/internal/round"
)

const (
	protocolFile = "../fhir/testdata/prn-protocol.json"
	edithPara    = "rx-em-paracetamol"
	edithBare    = "rx-em-paracetamol-bare"
)

// withEdith is the demo home with Edith Moss imported from the PRN
// protocol fixture by Sam, a senior.
func withEdith(t *testing.T) (*round.Service, *clock, *round.ImportResult) {
	t.Helper()
	svc, c := newDemo(t)
	res, err := svc.Import(signIn(t, svc, "sam", pinOf("sam")), protocolFile)
	if err != nil {
		t.Fatal(err)
	}
	return svc, c, res
}

func painProtocol(entry string) mar.PRNProtocol {
	return mar.PRNProtocol{ResidentID: "R1009", EntryID: entry,
		Signs:      append([]string{"Says her hip hurts"}, mar.AbbeySigns()[:3]...),
		DoseChoice: "1 tablet for mild pain, 2 when the pain stops her moving",
		IfNoEffect: "Tell the senior after an hour; check her position and continence",
		CallGP:     "Pain on most days for 3 days, or a new fall"}
}

func TestPRNProtocolImportedFromThePrescription(t *testing.T) {
	svc, _, res := withEdith(t)
	if res.Protocols != 1 {
		t.Errorf("import recorded %d protocols, want 1 (the line with a reason)", res.Protocols)
	}
	v, err := svc.PRNProtocol("R1009", edithPara)
	if err != nil {
		t.Fatal(err)
	}
	if v.Current == nil || !slices.Equal(v.Current.Signs, []string{"pain"}) || !v.Current.Imported || v.Current.By != "sam" ||
		!strings.Contains(v.Current.Prescribed, "contact the GP") || len(v.Versions) != 1 {
		t.Fatalf("imported protocol = %+v (versions %d)", v.Current, len(v.Versions))
	}
	if v.Entry.MaxDose == nil || v.Entry.MaxDose.Quantity.Value != 8 || v.Entry.MinInterval != 4*time.Hour {
		t.Errorf("the view's line %+v lacks the chart's interval and maximum", v.Entry)
	}
	again, err := svc.Import(signIn(t, svc, "sam", pinOf("sam")), protocolFile)
	if err != nil || again.Protocols != 0 {
		t.Errorf("re-import of the same prescription recorded %d protocols (%v), want none", again.Protocols, err)
	}
}

func TestWhoMayWriteAPRNProtocol(t *testing.T) {
	for _, c := range []struct {
		name, user string
		entry      string
		want       error
	}{
		{"a care worker may not write a protocol", "amy", edithPara, round.ErrNotAllowed},
		{"a senior writes a protocol", "sam", edithPara, nil},
		{"a manager writes a protocol for a line that had none", "meg", edithBare, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			svc, clk, _ := withEdith(t)
			clk.t = clk.t.Add(time.Hour)
			ev, err := svc.SetPRNProtocol(signIn(t, svc, c.user, pinOf(c.user)), painProtocol(c.entry))
			if !errors.Is(err, c.want) {
				t.Fatalf("SetPRNProtocol by %s = %v, want %v", c.user, err, c.want)
			}
			v, _ := svc.PRNProtocol("R1009", c.entry)
			if c.want != nil {
				if v.Current != nil && v.Current.By == c.user {
					t.Error("the refused protocol is in force")
				}
				return
			}
			if v.Current == nil || v.Current.ID != ev.ID || v.Current.By != c.user || !v.Current.At.Equal(clk.t) || v.Current.Imported {
				t.Errorf("protocol in force %+v, want the one %s wrote at %v", v.Current, c.user, clk.t)
			}
		})
	}
}

func TestPRNProtocolRefused(t *testing.T) {
	svc, clk, _ := withEdith(t)
	sam := signIn(t, svc, "sam", pinOf("sam"))
	clk.t = clk.t.Add(time.Hour)
	if _, err := svc.SetPRNProtocol(sam, painProtocol(edithPara)); err != nil {
		t.Fatal(err)
	}
	margaret := mustResident(t, svc, "R101")
	var regular string
	chart, _ := svc.ResidentView(margaret.ID, clk.t)
	for _, e := range chart.Chart {
		if !e.Entry.PRN {
			regular = e.Entry.ID
			break
		}
	}
	for _, c := range []struct {
		name string
		mod  func(*mar.PRNProtocol)
		want string
	}{
		{"the same protocol saved again changes nothing", func(*mar.PRNProtocol) {}, "says the same"},
		{"a protocol with no sign", func(p *mar.PRNProtocol) { p.Signs = nil }, "at least one sign"},
		{"a line of another resident's chart", func(p *mar.PRNProtocol) { p.EntryID = regular }, "not on this resident's chart"},
		{"a regular medicine", func(p *mar.PRNProtocol) { p.ResidentID, p.EntryID = margaret.ID, regular }, "not a when-required medicine"},
		{"a resident who is not here", func(p *mar.PRNProtocol) { p.ResidentID = "R9999" }, "no resident"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := painProtocol(edithPara)
			c.mod(&p)
			if _, err := svc.SetPRNProtocol(sam, p); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("SetPRNProtocol = %v, want an error saying %q", err, c.want)
			}
		})
	}
	if _, err := svc.SetPRNProtocol(nil, painProtocol(edithPara)); !errors.Is(err, round.ErrNotSignedIn) {
		t.Errorf("SetPRNProtocol signed out = %v", err)
	}
}

// A changed prescription never replaces a protocol written in the home: a
// senior is asked to review it.
func TestChangedPrescriptionLeavesTheHomesProtocol(t *testing.T) {
	svc, clk, _ := withEdith(t)
	sam := signIn(t, svc, "sam", pinOf("sam"))
	clk.t = clk.t.Add(time.Hour)
	written, err := svc.SetPRNProtocol(sam, painProtocol(edithPara))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(protocolFile)
	if err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(t.TempDir(), "changed.json")
	data = []byte(strings.Replace(string(data), "48 hours", "24 hours", 1))
	if err := os.WriteFile(changed, data, 0o600); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(time.Hour)
	res, err := svc.Import(sam, changed)
	if err != nil {
		t.Fatal(err)
	}
	listed := slices.ContainsFunc(res.Review, func(u fhirProblem) bool {
		return strings.Contains(u.Resource, edithPara) && strings.Contains(u.Message, "a senior reviews it")
	})
	if res.Protocols != 0 || !listed {
		t.Errorf("changed prescription: %d protocols recorded, review %v; want none and the line listed", res.Protocols, res.Review)
	}
	v, _ := svc.PRNProtocol("R1009", edithPara)
	if v.Current == nil || v.Current.ID != written.ID {
		t.Errorf("protocol in force %+v, want the one Sam wrote", v.Current)
	}
	// Sam reviews it after the change: the new version carries the
	// prescription's words as they are now, never the old ones it had.
	clk.t = clk.t.Add(time.Hour)
	reviewed := painProtocol(edithPara)
	reviewed.DoseChoice = "1 tablet; 2 only after the senior has seen her"
	reviewed.Prescribed = "If no better after 48 hours, contact the GP" // a form cannot set them
	if _, err := svc.SetPRNProtocol(sam, reviewed); err != nil {
		t.Fatal(err)
	}
	v, _ = svc.PRNProtocol("R1009", edithPara)
	if v.Current == nil || strings.Contains(v.Current.Prescribed, "48 hours") ||
		strings.Contains(v.Current.PrescriptionWords(v.Entry), "48 hours") {
		t.Errorf("the reviewed protocol shows the old prescription's words: %+v", v.Current)
	}
}

// The check shows the protocol in force for a PRN line, and says when a
// line has none.
func TestCheckShowsThePRNProtocol(t *testing.T) {
	svc, clk, _ := withEdith(t)
	for _, c := range []struct {
		name    string
		entry   string
		signs   []string
		without bool
	}{
		{"paracetamol for pain shows the imported protocol", edithPara, []string{"pain"}, false},
		{"paracetamol with no reason on the chart has no protocol", edithBare, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := svc.Check(round.CheckRequest{ResidentScan: "R1009", EntryID: c.entry, At: clk.t})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Protocol != nil; got == c.without {
				t.Fatalf("protocol %+v, want one: %v", res.Protocol, !c.without)
			}
			if res.Protocol != nil && !slices.Equal(res.Protocol.Signs, c.signs) {
				t.Errorf("signs %q, want %q", res.Protocol.Signs, c.signs)
			}
			if res.Verdict.Has(check.NoPRNProtocol) != c.without || res.Verdict.Level != mar.LevelOK {
				t.Errorf("verdict %v %v, want NO_PRN_PROTOCOL %v and OK to give", res.Verdict.Level, res.Verdict.Codes(), c.without)
			}
		})
	}
}

// The answer to "did it work?" names the protocol in force when the dose
// was given, not one written after.
func TestPRNEffectIsRecordedAgainstTheProtocolInForce(t *testing.T) {
	svc, clk, _ := withEdith(t)
	amy := signIn(t, svc, "amy", pinOf("amy"))
	before, _ := svc.PRNProtocol("R1009", edithPara)
	dose, err := svc.Record(amy, round.RecordRequest{
		CheckRequest: round.CheckRequest{ResidentScan: "R1009", EntryID: edithPara, Quantity: 1, At: clk.t},
		Outcome:      mar.OutcomeGiven, Unscanned: mar.UnscannedDamaged, PRNReason: "pain"})
	if err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(30 * time.Minute)
	if _, err := svc.SetPRNProtocol(signIn(t, svc, "sam", pinOf("sam")), painProtocol(edithPara)); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(30 * time.Minute)
	eff, err := svc.RecordPRNEffect(amy, dose.ID, false, "")
	if err != nil {
		t.Fatal(err)
	}
	if eff.Digest == "" || eff.Digest != before.Current.Digest() {
		t.Errorf("effect names protocol %q, want the imported one in force at the dose, %q", eff.Digest, before.Current.Digest())
	}
	if p, err := svc.DoseProtocol(dose.ID); err != nil || p == nil || p.ID != before.Current.ID {
		t.Errorf("DoseProtocol = %+v, %v; want the imported protocol", p, err)
	}
}

type fhirProblem = fhir.Unsupported

// The manager's PRN summary over the demo home: each resident's PRN lines
// with their doses and answers, the demo's protocols by Sam, and Gaviscon
// with none.
func TestPRNSummaryOfTheDemoHome(t *testing.T) {
	svc, clk := newDemo(t)
	sum, err := svc.PRNSummary(clk.t.AddDate(0, 0, -14), clk.t)
	if err != nil {
		t.Fatal(err)
	}
	var doses, answered, withProtocol, without int
	for _, r := range sum {
		for _, l := range r.Lines {
			doses += l.Doses
			answered += l.Worked + l.NotWorked
			if l.Protocol != nil && l.Protocol.By == "sam" {
				withProtocol++
			}
			if l.Protocol == nil {
				without++
				if !strings.Contains(l.Medicine, "Gaviscon") {
					t.Errorf("%s's %s has no protocol; the demo writes one for every PRN line but Gaviscon", r.Resident, l.Medicine)
				}
			}
			for _, p := range l.ByProtocol {
				if p.By != "sam" {
					t.Errorf("%s's %s: answers under protocol %+v, want Sam's", r.Resident, l.Medicine, p)
				}
			}
		}
	}
	if doses == 0 || answered == 0 || withProtocol == 0 {
		t.Errorf("summary of the demo: %d doses, %d answered, %d lines under Sam's protocol; want some of each", doses, answered, withProtocol)
	}
	if _, err := svc.PRNSummary(clk.t, clk.t); err == nil {
		t.Error("an empty period summarised")
	}
}

package check

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"medround/internal/mar"
)

func TestVerdictJSON(t *testing.T) {
	in := baseInput()
	in.Pack.GTIN = gtinMST
	b, err := json.Marshal(Check(in))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Verdict string `json:"verdict"`
		Reasons []struct{ Code, Level, Message string }
		Entry   struct{ ID string }
		Product struct{ Name string }
		Slot    struct{ Due time.Time }
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Verdict != "ok" || len(got.Reasons) != 1 || got.Reasons[0].Code != "WITNESS_REQUIRED" ||
		got.Reasons[0].Level != "info" || got.Entry.ID != "e-mst" || got.Product.Name == "" || got.Slot.Due.IsZero() {
		t.Errorf("JSON = %s", b)
	}
	var v Verdict
	if err := json.Unmarshal(b, &v); err != nil || v.Reasons[0].Level != Info || v.Level != mar.LevelOK {
		t.Errorf("JSON does not read back: %+v, %v", v, err)
	}
	if !strings.Contains(string(mustJSON(t, Check(Input{Now: in.Now}))), `"reasons":[{`) {
		t.Error("a stop verdict should list its reasons")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSeverityText(t *testing.T) {
	for _, s := range []Severity{Info, Warn, Stop} {
		var back Severity
		if err := back.UnmarshalText([]byte(s.String())); err != nil || back != s {
			t.Errorf("severity %v does not read back: %v %v", s, back, err)
		}
	}
	var s Severity
	if err := s.UnmarshalText([]byte("fatal")); err == nil {
		t.Error("unknown severity read without error")
	}
	if Code("NO_SUCH_CODE").Severity() != Stop {
		t.Error("an unknown code must stop")
	}
}

// weekOfHistory is seven days of a busy resident's records: every regular
// dose given, and PRN paracetamol twice a day.
func weekOfHistory(in Input) []mar.Event {
	var evs []mar.Event
	end := in.Now
	for _, e := range in.Chart {
		if e.PRN || e.Status != mar.EntryActive {
			continue
		}
		slots, err := scheduleSlots(in, e, end.Add(-7*24*time.Hour), end.Add(-2*time.Hour))
		if err != nil {
			panic(err)
		}
		for _, s := range slots {
			evs = append(evs, given(e.ID, s.Due.Add(5*time.Minute), s.Due))
		}
	}
	for d := range 7 {
		day := end.Add(-time.Duration(d+1) * 24 * time.Hour)
		evs = append(evs, prnGiven("e-para", day.Add(-2*time.Hour), 2), prnGiven("e-para", day.Add(-8*time.Hour), 2))
	}
	return evs
}

func BenchmarkCheck(b *testing.B) {
	cases := map[string]func(in *Input){
		"regular on time": nil,
		"prn":             all(pack(gtinParacetamol), now(at(14, 0))),
		"allergy and cd":  all(pack(gtinMST), func(in *Input) { in.Allergies = []mar.Allergy{{Active: true, Substance: mar.Concept{Text: "Latex"}}} }),
	}
	for name, mod := range cases {
		b.Run(name, func(b *testing.B) {
			in := baseInput()
			if mod != nil {
				mod(&in)
			}
			in.History = weekOfHistory(in)
			if len(in.Chart) != 12 || len(in.History) < 80 {
				b.Fatalf("fixture has %d entries, %d events: want 12 and a week", len(in.Chart), len(in.History))
			}
			for b.Loop() {
				if v := Check(in); v.Level == 0 {
					b.Fatal("no verdict")
				}
			}
			b.ReportMetric(float64(len(in.History)), "events")
		})
	}
}

func ExampleCheck() {
	in := baseInput()
	in.Pack.GTIN = gtinParacetamol
	in.Now = at(14, 0).UTC()
	in.History = []mar.Event{prnGiven("e-para", at(11, 0), 2)}
	v := Check(in)
	fmt.Println(v.Level)
	for _, r := range v.Reasons {
		fmt.Println(r.Code, r.Level)
		fmt.Println(r.Message)
	}
	// Output:
	// stop
	// TOO_SOON stop
	// Do not give. The last dose of Paracetamol 500mg tablets was given at 11:00, 3 hours ago. At least 4 hours must pass between doses: the next dose can be given from 15:00.
}

// TestHazardLogNamesRealTests keeps the hazard log in doc.go current: every
// test row it quotes must exist.
func TestHazardLogNamesRealTests(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimPrefix(line, "//")
		text.WriteString(" " + strings.TrimSpace(line))
	}
	names := map[string]bool{}
	for _, r := range allRows() {
		names[r.name] = true
	}
	for _, r := range recordRows() {
		names[r.name] = true
	}
	quoted := regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(text.String(), -1)
	if len(quoted) < 20 {
		t.Fatalf("hazard log quotes %d tests, want one or more per hazard", len(quoted))
	}
	for _, q := range quoted {
		name := q[1]
		if !strings.Contains(name, " ") { // words quoted in the text, such as "egg"
			continue
		}
		if !names[name] {
			t.Errorf("hazard log names test %q, which does not exist", name)
		}
	}
}

// TestCodesListsEveryConstant catches a code constant added to reason.go
// but not to Codes(), which would escape TestEveryCodeHasARow.
func TestCodesListsEveryConstant(t *testing.T) {
	b, err := os.ReadFile("reason.go")
	if err != nil {
		t.Fatal(err)
	}
	consts := regexp.MustCompile(`(?m)^\s+\w+\s+Code = "(\w+)"`).FindAllStringSubmatch(string(b), -1)
	listed := map[Code]bool{}
	for _, c := range Codes() {
		listed[c] = true
	}
	for _, m := range consts {
		if !listed[Code(m[1])] {
			t.Errorf("code %s is declared but missing from Codes()", m[1])
		}
	}
	if len(consts) != len(Codes()) {
		t.Errorf("reason.go declares %d codes, Codes() lists %d", len(consts), len(Codes()))
	}
}
